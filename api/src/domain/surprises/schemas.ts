import { z } from 'zod';
import { surpriseStatuses } from '../../../../db/schema/surprises.ts';
import { Notes } from '../customers/schemas.ts';
import { postageMethods } from './postage.ts';
import { zodText, zodIssue } from '../../messages/zod.ts';
import { manualTargets } from './state-machine.ts';

const CONTROL_EXCEPT_BREAKS = /[\p{Cc}\u2028\u2029]/u;
const LONE_SURROGATE = /\p{Cs}/u;

/** What goes on the card: NFC, trimmed, line breaks allowed. Spelling and length are warnings elsewhere. */
export const CardMessage = z
	.string(zodText('write_card_message_as_text'))
	.max(2000, zodText('use_at_most_characters'))
	.transform((s) => s.normalize('NFC').replace(/\r\n/g, '\n').trim())
	.superRefine((s, ctx) => {
		if (LONE_SURROGATE.test(s))
			ctx.addIssue({ code: 'custom', ...zodIssue('message_contains_broken_character_retype_it') });
		else if (CONTROL_EXCEPT_BREAKS.test(s.replace(/\n/g, '')))
			ctx.addIssue({
				code: 'custom',
				...zodIssue('message_cannot_contain_control_characters_other_than')
			});
	});

/** Never printed, never emailed: only staff see it. */
export const InternalNote = Notes;

const Uuid = (what: string) => z.uuid({ error: `Choose a ${what}.` });

export const SurpriseItemInput = z.object({
	giftId: Uuid('gift'),
	/** Optional for gifts with variants: the customer may pick it on the claim page. */
	variantId: z.uuid(zodText('choose_variant_of_this_gift')).nullable().optional(),
	quantity: z
		.number(zodText('quantity_must_be_whole_number_from_1'))
		.int(zodText('quantity_must_be_whole_number_from_1'))
		.min(1, zodText('quantity_must_be_whole_number_from_1'))
		.max(100, zodText('quantity_must_be_whole_number_from_1'))
		.default(1)
});

const Reason = (what: string) =>
	z
		.string({ error: `Give a ${what}.` })
		.max(2000, zodText('use_at_most_characters'))
		.transform((s) => s.normalize('NFC').trim())
		.pipe(z.string().min(1, `Give a ${what}.`));

/** What the hub fills in to plan a surprise; the customer, campaign and gifts are checked against the database. */
export const PlanSurpriseInput = z.object({
	customerId: Uuid('customer'),
	campaignId: Uuid('campaign'),
	items: z
		.array(SurpriseItemInput, zodText('add_at_least_one_gift'))
		.min(1, zodText('add_at_least_one_gift'))
		.max(20, zodText('at_most_20_gifts_in_one_surprise')),
	cardMessage: CardMessage.default(''),
	internalNote: InternalNote.default(''),
	/** The hub'er whose signature goes on the card; defaults to whoever plans it. */
	signedBy: z.uuid(zodText('choose_who_signs_card')).nullable().optional(),
	/** How a mailed surprise is franked; surprises without mailed gifts get `none`. */
	postage: z
		.enum(postageMethods, zodText('choose_one_of', { values: postageMethods.join(', ') }))
		.default('stamp')
});
export type PlanSurpriseInput = z.output<typeof PlanSurpriseInput>;

/** Planning from a nomination: the customer comes from it, the campaign may too. */
export const AcceptNominationInput = PlanSurpriseInput.omit({
	customerId: true,
	campaignId: true
}).extend({
	campaignId: Uuid('campaign').optional()
});
export type AcceptNominationInput = z.output<typeof AcceptNominationInput>;

export const UpdateSurpriseInput = z
	.object({
		cardMessage: CardMessage.optional(),
		internalNote: InternalNote.optional(),
		signedBy: z.uuid(zodText('choose_who_signs_card')).nullable().optional()
	})
	.refine((v) => Object.values(v).some((x) => x !== undefined), zodText('nothing_to_change'));
export type UpdateSurpriseInput = z.output<typeof UpdateSurpriseInput>;

export const ApproveSurpriseInput = z.object({
	comment: z
		.string()
		.max(2000, zodText('use_at_most_characters'))
		.transform((s) => s.normalize('NFC').trim())
		.default('')
});
export const RejectSurpriseInput = z.object({ comment: Reason('reason for the rejection') });
export const CancelSurpriseInput = z.object({ reason: Reason('reason for cancelling') });

/** Manual moves by the hub; approval, address and cancellation have their own verbs. */
export const AdvanceSurpriseInput = z.object({
	to: z.enum(manualTargets, zodText('choose_one_of', { values: manualTargets.join(', ') })),
	note: z
		.string()
		.max(2000, zodText('use_at_most_characters'))
		.transform((s) => s.normalize('NFC').trim())
		.default('')
});

export const AttachAddressInput = z.object({ addressId: Uuid('address') });

const optionalFilter = <const T extends readonly [string, ...string[]]>(values: T) =>
	z
		.union(
			[z.literal(''), z.enum(values, zodText('choose_one_of', { values: values.join(', ') }))],
			zodText('choose_one_of', { values: values.join(', ') })
		)
		.optional()
		.transform((v) => (v === '' ? undefined : v) as T[number] | undefined);
const optionalId = z
	.union([z.literal(''), z.uuid(zodText('must_be_uuid'))], zodText('must_be_uuid'))
	.optional()
	.transform((v) => (v === '' ? undefined : v));

export const Page = {
	cursor: z.string().max(500).optional(),
	limit: z.coerce
		.number(zodText('use_whole_number_from_1_to_200'))
		.int(zodText('use_whole_number_from_1_to_200'))
		.min(1, zodText('use_whole_number_from_1_to_200'))
		.max(200, zodText('use_whole_number_from_1_to_200'))
		.default(50)
};

export const ListSurprisesInput = z.object({
	status: optionalFilter(surpriseStatuses),
	campaignId: optionalId,
	customerId: optionalId,
	...Page
});
export type ListSurprisesInput = z.output<typeof ListSurprisesInput>;

export const ListOverdueInput = z.object({ campaignId: optionalId, ...Page });
export type ListOverdueInput = z.output<typeof ListOverdueInput>;

export { optionalFilter, optionalId, Reason };

export const ChooseVariantInput = z.object({ variantId: z.uuid(zodText('choose_variant')) });
