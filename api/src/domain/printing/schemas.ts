import { z } from 'zod';
import { zodText, zodIssue } from '../../messages/zod.ts';
import { shipmentStatuses } from '../surprises/state-machine.ts';
import { carrierKeys } from '../shipping/carriers.ts';
import { shipmentFormats } from '../shipping/shipment-formats.ts';

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
		.array(Uuid('each_surprise_id_must_be_uuid'), zodText('give_list_of_surprise_ids'))
		.min(1, zodText('choose_at_least_one_surprise'))
		.max(MAX_BATCH, zodText('at_most_surprises_in_one_print', { maximum: MAX_BATCH }))
		.optional(),
	campaignId: Uuid('campaign_id_must_be_uuid').optional(),
	reprintJobId: Uuid('print_job_id_must_be_uuid').optional(),
	templateId: z
		.string(zodText('choose_template'))
		.trim()
		.min(1, zodText('choose_template'))
		.max(100, zodText('unknown_template'))
		.optional()
});

function exactlyOneSource(v: z.output<typeof PrintSource>, ctx: z.RefinementCtx) {
	const given = [v.surpriseIds, v.campaignId, v.reprintJobId].filter((x) => x !== undefined).length;
	if (given !== 1) {
		const message =
			given === 0
				? 'choose_surprises_campaign_or_print_job_to'
				: 'choose_only_one_of_surprises_campaign_print';
		ctx.addIssue({ code: 'custom', path: ['surpriseIds'], message });
	}
	if (v.templateId === undefined && v.reprintJobId === undefined)
		ctx.addIssue({ code: 'custom', path: ['templateId'], ...zodIssue('choose_template') });
}

const LabelsShape = PrintSource.extend({
	/** Start at label N of the first sheet (a sheet with labels already used); checked against the template. */
	startPosition: z
		.number(zodText('start_position_is_whole_number_1_or'))
		.int(zodText('start_position_is_whole_number_1_or'))
		.min(1, zodText('start_position_is_whole_number_1_or'))
		.max(1000, zodText('start_position_is_beyond_sheet'))
		.default(1)
});

const CardsShape = PrintSource.extend({
	/** Print the template's logo (default on). */
	logo: z.boolean(zodText('use_true_or_false')).default(true)
});

export const PrintLabelsInput = LabelsShape.superRefine(exactlyOneSource);
export type PrintLabelsInput = z.output<typeof PrintLabelsInput>;

export const PrintCardsInput = CardsShape.superRefine(exactlyOneSource);
export type PrintCardsInput = z.output<typeof PrintCardsInput>;

/** Preview: the same request as printing, plus which of the two. */
export const PreviewPrintInput = z
	.discriminatedUnion(
		'kind',
		[
			LabelsShape.extend({ kind: z.literal('labels') }),
			CardsShape.extend({ kind: z.literal('cards') })
		],
		zodText('choose_what_to_preview_labels_or_cards')
	)
	.superRefine(exactlyOneSource);
export type PreviewPrintInput = z.output<typeof PreviewPrintInput>;

export const ListPrintJobsInput = z.object({
	kind: z.enum(printKinds, zodText('choose_labels_or_cards')).optional(),
	cursor: z.string().max(500).optional(),
	limit: z.coerce.number().int().min(1).max(200).default(50)
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
				cardIn: Ticked('tick_card_in_once_card_is_in'),
				postageOn: Ticked('tick_postage_on_once_stamp_code_or')
			},
			zodText('tick_checklist_card_in_postage_on')
		)
	),
	note: z
		.string(zodText('note_is_text'))
		.max(2000, zodText('use_at_most_characters'))
		.transform((s) => s.normalize('NFC').trim())
		.default(''),
	/** Optional: who carries it and its number (which needs a carrier), for the on-its-way email. */
	carrier: z
		.enum(carrierKeys, zodText('choose_one_of', { values: carrierKeys.join(', ') }))
		.optional(),
	trackingNumber: z
		.string(zodText('tracking_number_invalid'))
		.transform((s) => s.replace(/\s+/g, '').toUpperCase())
		.pipe(z.string().regex(/^[A-Z0-9-]{0,40}$/, zodText('tracking_number_invalid')))
		.optional()
});
export type ShipSurpriseInput = z.output<typeof ShipSurpriseInput>;

export const ExportShipmentsInput = z.object({
	campaignId: Uuid('campaign_id_must_be_uuid').optional(),
	status: z
		.enum(shipmentStatuses, zodText('choose_one_of', { values: shipmentStatuses.join(', ') }))
		.default('printed'),
	/** The customer's email for the carrier's track-and-trace mail: off unless asked for (privacy by default). */
	email: z
		.union(
			[z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')],
			zodText('use_true_or_false')
		)
		.default(false),
	/** The columns: Hoppatee's own, or a carrier's bulk-upload format. */
	format: z
		.enum(shipmentFormats, zodText('choose_one_of', { values: shipmentFormats.join(', ') }))
		.default('generic')
});
export type ExportShipmentsInput = z.output<typeof ExportShipmentsInput>;
