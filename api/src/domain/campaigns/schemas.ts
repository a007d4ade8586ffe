import { z } from 'zod';
import { campaignKinds, campaignStatuses } from '../../../../db/schema/campaigns.ts';
import { Cents, longText, singleLine } from '../fields.ts';
import { zodText, zodIssue } from '../../messages/zod.ts';

export { campaignKinds, campaignStatuses };
export type CampaignStatus = (typeof campaignStatuses)[number];

export const MAX_COOLDOWN_DAYS = 3650;
export const MAX_SURPRISES = 100_000;

function isRealDate(value: string): boolean {
	const [y, m, d] = value.split('-').map(Number) as [number, number, number];
	const date = new Date(Date.UTC(y, m - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A calendar date in Europe/Amsterdam, YYYY-MM-DD. */
export const CalendarDate = z.string(zodText('use_date_like_2026_11_13')).superRefine((s, ctx) => {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(s))
		ctx.addIssue({ code: 'custom', ...zodIssue('use_date_like_2026_11_13') });
	else if (!isRealDate(s))
		ctx.addIssue({ code: 'custom', ...zodIssue('this_date_does_not_exist') });
	else if (s < '2000-01-01' || s > '2999-12-31')
		ctx.addIssue({ code: 'custom', ...zodIssue('use_date_between_2000_and_2999') });
});

const fields = {
	name: singleLine('enter_name', 200),
	kind: z.enum(campaignKinds, zodText('choose_one_of', { values: campaignKinds.join(', ') })),
	description: longText(4000),
	startsOn: CalendarDate,
	endsOn: CalendarDate,
	budgetCents: Cents,
	maxSurprises: z
		.number(zodText('enter_whole_number_or_leave_it_empty'))
		.int(zodText('enter_whole_number_or_leave_it_empty'))
		.min(1, zodText('at_least_1_or_leave_it_empty'))
		.max(MAX_SURPRISES, zodText('at_most', { maximum: MAX_SURPRISES }))
		.nullable(),
	giftIds: z.array(z.uuid(zodText('must_be_gift_id_uuid'))).max(100, zodText('at_most_100_gifts')),
	autoApproveLimitCents: Cents,
	cooldownDays: z
		.number(zodText('enter_whole_number_of_days'))
		.int(zodText('enter_whole_number_of_days'))
		.min(0, zodText('cooldown_cannot_be_negative'))
		.max(MAX_COOLDOWN_DAYS, zodText('at_most_days', { maximum: MAX_COOLDOWN_DAYS }))
};

const datesInOrder = (value: { startsOn?: string; endsOn?: string }, ctx: z.RefinementCtx) => {
	if (value.startsOn && value.endsOn && value.startsOn > value.endsOn) {
		ctx.addIssue({
			code: 'custom',
			path: ['endsOn'],
			...zodIssue('end_date_is_before_start_date')
		});
	}
};

export const CreateCampaignInput = z
	.object({
		...fields,
		description: fields.description.default(''),
		maxSurprises: fields.maxSurprises.default(null),
		giftIds: fields.giftIds.default([]),
		autoApproveLimitCents: fields.autoApproveLimitCents.default(0),
		cooldownDays: fields.cooldownDays.default(90)
	})
	.superRefine(datesInOrder);
export type CreateCampaignInput = z.infer<typeof CreateCampaignInput>;

/** Any subset; the dates are checked again against the stored ones by the verb. */
export const UpdateCampaignInput = z.object(fields).partial().superRefine(datesInOrder);
export type UpdateCampaignInput = z.infer<typeof UpdateCampaignInput>;

export const campaignDecisionKinds = ['approve', 'reject', 'request_changes'] as const;
export type CampaignDecisionKind = (typeof campaignDecisionKinds)[number];

/** A comment is required to reject or to ask for changes: the creator needs to know why. */
export const DecideCampaignInput = z
	.object({
		decision: z.enum(
			campaignDecisionKinds,
			zodText('choose_one_of', { values: campaignDecisionKinds.join(', ') })
		),
		comment: longText(2000).default('')
	})
	.superRefine((value, ctx) => {
		if (value.decision !== 'approve' && !value.comment) {
			ctx.addIssue({
				code: 'custom',
				path: ['comment'],
				...zodIssue(
					value.decision === 'reject' ? 'say_why_you_reject_it' : 'say_what_should_change'
				)
			});
		}
	});
export type DecideCampaignInput = z.infer<typeof DecideCampaignInput>;

export const ListCampaignsInput = z.object({
	status: z.enum(campaignStatuses).optional(),
	kind: z.enum(campaignKinds).optional(),
	cursor: z.string().max(500).optional(),
	limit: z.number().int().min(1).max(200).default(50)
});
export type ListCampaignsInput = z.input<typeof ListCampaignsInput>;
