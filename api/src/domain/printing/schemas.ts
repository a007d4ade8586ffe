import { z } from 'zod';
import { shipmentStatuses } from '../surprises/state-machine.ts';

export const printKinds = ['labels', 'cards'] as const;
export type PrintKind = (typeof printKinds)[number];

/** At most this many surprises in one PDF: a week's batch is tens to hundreds. */
export const MAX_BATCH = 10_000;

const Uuid = (message: string) => z.uuid({ error: message });

/**
 * What to print: exactly one source — a selection of surprises, all `ready` surprises of a
 * campaign, or the surprises of an earlier print job (reprint). The template may be left out on a
 * reprint (the job's own template is used).
 */
const PrintSource = z.object({
  surpriseIds: z
    .array(Uuid('Each surprise id must be a UUID.'), { error: 'Give a list of surprise ids.' })
    .min(1, 'Choose at least one surprise.')
    .max(MAX_BATCH, `At most ${MAX_BATCH} surprises in one print.`)
    .optional(),
  campaignId: Uuid('The campaign id must be a UUID.').optional(),
  reprintJobId: Uuid('The print job id must be a UUID.').optional(),
  templateId: z
    .string({ error: 'Choose a template.' })
    .trim()
    .min(1, 'Choose a template.')
    .max(100, 'Unknown template.')
    .optional(),
});

function exactlyOneSource(v: z.output<typeof PrintSource>, ctx: z.RefinementCtx) {
  const given = [v.surpriseIds, v.campaignId, v.reprintJobId].filter((x) => x !== undefined).length;
  if (given !== 1) {
    const message = given === 0 ? 'Choose surprises, a campaign or a print job to reprint.' : 'Choose only one of: surprises, a campaign, a print job to reprint.';
    ctx.addIssue({ code: 'custom', path: ['surpriseIds'], message });
  }
  if (v.templateId === undefined && v.reprintJobId === undefined) ctx.addIssue({ code: 'custom', path: ['templateId'], message: 'Choose a template.' });
}

const LabelsShape = PrintSource.extend({
  /** Start at label N of the first sheet (a sheet with labels already used); checked against the template. */
  startPosition: z
    .number({ error: 'The start position is a whole number, 1 or more.' })
    .int('The start position is a whole number, 1 or more.')
    .min(1, 'The start position is a whole number, 1 or more.')
    .max(1000, 'The start position is beyond the sheet.')
    .default(1),
});

const CardsShape = PrintSource.extend({
  /** Print the template's logo (default on). */
  logo: z.boolean({ error: 'Use true or false.' }).default(true),
});

export const PrintLabelsInput = LabelsShape.superRefine(exactlyOneSource);
export type PrintLabelsInput = z.output<typeof PrintLabelsInput>;

export const PrintCardsInput = CardsShape.superRefine(exactlyOneSource);
export type PrintCardsInput = z.output<typeof PrintCardsInput>;

/** Preview: the same request as printing, plus which of the two. */
export const PreviewPrintInput = z
  .discriminatedUnion('kind', [LabelsShape.extend({ kind: z.literal('labels') }), CardsShape.extend({ kind: z.literal('cards') })], {
    error: 'Choose what to preview: labels or cards.',
  })
  .superRefine(exactlyOneSource);
export type PreviewPrintInput = z.output<typeof PreviewPrintInput>;

export const ListPrintJobsInput = z.object({
  kind: z.enum(printKinds, { error: 'Choose labels or cards.' }).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListPrintJobsInput = z.output<typeof ListPrintJobsInput>;

const Ticked = (message: string) => z.literal(true, { error: message });

/** The pre-ship checklist: both boxes ticked, or the surprise does not ship (a stamp was once forgotten). */
export const ShipSurpriseInput = z.object({
  // No checklist at all reads as nothing ticked: both boxes are then reported, by name.
  checklist: z.preprocess(
    (v) => v ?? {},
    z.object(
      {
        cardIn: Ticked('Tick “card in” once the card is in the parcel.'),
        postageOn: Ticked('Tick “postage on” once the stamp, code or franking is on.'),
      },
      { error: 'Tick the checklist: card in, postage on.' },
    ),
  ),
  note: z
    .string({ error: 'The note is text.' })
    .max(2000, 'Use at most 2000 characters.')
    .transform((s) => s.normalize('NFC').trim())
    .default(''),
});
export type ShipSurpriseInput = z.output<typeof ShipSurpriseInput>;

export const ExportShipmentsInput = z.object({
  campaignId: Uuid('The campaign id must be a UUID.').optional(),
  status: z.enum(shipmentStatuses, { error: `Choose one of: ${shipmentStatuses.join(', ')}.` }).default('printed'),
  /** The customer's email for the carrier's track-and-trace mail: off unless asked for (privacy by default). */
  email: z
    .union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')], { error: 'Use true or false.' })
    .default(false),
});
export type ExportShipmentsInput = z.output<typeof ExportShipmentsInput>;
