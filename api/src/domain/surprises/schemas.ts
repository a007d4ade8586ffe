import { z } from 'zod';
import { surpriseStatuses } from '../../../../db/schema/surprises.ts';
import { Notes } from '../customers/schemas.ts';
import { postageMethods } from './postage.ts';
import { manualTargets } from './state-machine.ts';

const CONTROL_EXCEPT_BREAKS = /[\p{Cc}\u2028\u2029]/u;
const LONE_SURROGATE = /\p{Cs}/u;

/** What goes on the card: NFC, trimmed, line breaks allowed. Spelling and length are warnings elsewhere. */
export const CardMessage = z
  .string({ error: 'Write the card message as text.' })
  .max(2000, 'Use at most 2000 characters.')
  .transform((s) => s.normalize('NFC').replace(/\r\n/g, '\n').trim())
  .superRefine((s, ctx) => {
    if (LONE_SURROGATE.test(s)) ctx.addIssue({ code: 'custom', message: 'The message contains a broken character; retype it.' });
    else if (CONTROL_EXCEPT_BREAKS.test(s.replace(/\n/g, ''))) ctx.addIssue({ code: 'custom', message: 'The message cannot contain control characters other than line breaks.' });
  });

/** Never printed, never emailed: only staff see it. */
export const InternalNote = Notes;

const Uuid = (what: string) => z.uuid({ error: `Choose a ${what}.` });

export const SurpriseItemInput = z.object({
  giftId: Uuid('gift'),
  /** Optional for gifts with variants: the customer may pick it on the claim page. */
  variantId: z.uuid({ error: 'Choose a variant of this gift.' }).nullable().optional(),
  quantity: z
    .number({ error: 'Quantity must be a whole number from 1 to 100.' })
    .int('Quantity must be a whole number from 1 to 100.')
    .min(1, 'Quantity must be a whole number from 1 to 100.')
    .max(100, 'Quantity must be a whole number from 1 to 100.')
    .default(1),
});

const Reason = (what: string) =>
  z
    .string({ error: `Give a ${what}.` })
    .max(2000, 'Use at most 2000 characters.')
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().min(1, `Give a ${what}.`));

/** What the hub fills in to plan a surprise; the customer, campaign and gifts are checked against the database. */
export const PlanSurpriseInput = z.object({
  customerId: Uuid('customer'),
  campaignId: Uuid('campaign'),
  items: z.array(SurpriseItemInput, { error: 'Add at least one gift.' }).min(1, 'Add at least one gift.').max(20, 'At most 20 gifts in one surprise.'),
  cardMessage: CardMessage.default(''),
  internalNote: InternalNote.default(''),
  /** The hub'er whose signature goes on the card; defaults to whoever plans it. */
  signedBy: z.uuid({ error: 'Choose who signs the card.' }).nullable().optional(),
  /** How a mailed surprise is franked; surprises without mailed gifts get `none`. */
  postage: z.enum(postageMethods, { error: `Choose one of: ${postageMethods.join(', ')}.` }).default('stamp'),
});
export type PlanSurpriseInput = z.output<typeof PlanSurpriseInput>;

/** Planning from a nomination: the customer comes from it, the campaign may too. */
export const AcceptNominationInput = PlanSurpriseInput.omit({ customerId: true, campaignId: true }).extend({
  campaignId: Uuid('campaign').optional(),
});
export type AcceptNominationInput = z.output<typeof AcceptNominationInput>;

export const UpdateSurpriseInput = z
  .object({
    cardMessage: CardMessage.optional(),
    internalNote: InternalNote.optional(),
    signedBy: z.uuid({ error: 'Choose who signs the card.' }).nullable().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'Nothing to change.' });
export type UpdateSurpriseInput = z.output<typeof UpdateSurpriseInput>;

export const ApproveSurpriseInput = z.object({ comment: z.string().max(2000, 'Use at most 2000 characters.').transform((s) => s.normalize('NFC').trim()).default('') });
export const RejectSurpriseInput = z.object({ comment: Reason('reason for the rejection') });
export const CancelSurpriseInput = z.object({ reason: Reason('reason for cancelling') });

/** Manual moves by the hub; approval, address and cancellation have their own verbs. */
export const AdvanceSurpriseInput = z.object({
  to: z.enum(manualTargets, { error: `Choose one of: ${manualTargets.join(', ')}.` }),
  note: z.string().max(2000, 'Use at most 2000 characters.').transform((s) => s.normalize('NFC').trim()).default(''),
});

export const AttachAddressInput = z.object({ addressId: Uuid('address') });

const optionalFilter = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.literal(''), z.enum(values, { error: `Choose one of: ${values.join(', ')}.` })], { error: `Choose one of: ${values.join(', ')}.` })
    .optional()
    .transform((v) => (v === '' ? undefined : v) as T[number] | undefined);
const optionalId = z
  .union([z.literal(''), z.uuid({ error: 'Must be a UUID.' })], { error: 'Must be a UUID.' })
  .optional()
  .transform((v) => (v === '' ? undefined : v));

export const Page = {
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number({ error: 'Use a whole number from 1 to 200.' }).int('Use a whole number from 1 to 200.').min(1, 'Use a whole number from 1 to 200.').max(200, 'Use a whole number from 1 to 200.').default(50),
};

export const ListSurprisesInput = z.object({
  status: optionalFilter(surpriseStatuses),
  campaignId: optionalId,
  customerId: optionalId,
  ...Page,
});
export type ListSurprisesInput = z.output<typeof ListSurprisesInput>;

export const ListOverdueInput = z.object({ campaignId: optionalId, ...Page });
export type ListOverdueInput = z.output<typeof ListOverdueInput>;

export { optionalFilter, optionalId, Reason };

export const ChooseVariantInput = z.object({ variantId: z.uuid({ error: 'Choose a variant.' }) });
