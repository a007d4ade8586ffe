import { ConflictError } from '../errors.ts';
import { msg, word } from '../../messages/index.ts';
import type { CampaignStatus } from './schemas.ts';

/**
 * The legal moves of a campaign. approved → closed covers a
 * campaign whose dates passed before it ever became active.
 */
export const campaignTransitions: Record<CampaignStatus, readonly CampaignStatus[]> = {
	draft: ['submitted'],
	submitted: ['approved', 'rejected', 'changes_requested'],
	changes_requested: ['submitted'],
	approved: ['active', 'closed'],
	active: ['closed'],
	rejected: [],
	closed: []
};

/** Only these may be edited: once submitted, what marketing decides on stays what was submitted. */
export const editableStatuses: readonly CampaignStatus[] = ['draft', 'changes_requested'];

/** Approved by marketing and not closed: the daily job may move these on; surprises may be planned in them within their dates. */
export const runningStatuses = ['approved', 'active'] as const satisfies readonly CampaignStatus[];

export function canTransitionCampaign(from: CampaignStatus, to: CampaignStatus): boolean {
	return campaignTransitions[from].includes(to);
}

export function assertCampaignTransition(from: CampaignStatus, to: CampaignStatus): void {
	if (!canTransitionCampaign(from, to)) {
		const allowed = campaignTransitions[from].length
			? campaignTransitions[from].map((s) => word('campaign_status', s))
			: msg('word_nothing');
		throw new ConflictError(
			msg('campaign_cannot_become', {
				from: word('campaign_status', from),
				to: word('campaign_status', to)
			}),
			[
				{
					field: 'status',
					message: msg('allowed_from', { from: word('campaign_status', from), allowed })
				}
			],
			{ from, to }
		);
	}
}

type Dated = { status: CampaignStatus; startsOn: string; endsOn: string };

/**
 * What the status should be on `today` (an Amsterdam calendar date, YYYY-MM-DD): an approved
 * campaign is active within its dates and closed after them; an active one closes after its end.
 * Every other status stays as it is. Pure: the daily job persists the difference.
 */
export function effectiveCampaignStatus(campaign: Dated, today: string): CampaignStatus {
	const { status, startsOn, endsOn } = campaign;
	if (!(runningStatuses as readonly CampaignStatus[]).includes(status)) return status;
	if (today > endsOn) return 'closed';
	if (status === 'approved' && today >= startsOn) return 'active';
	return status;
}

/** Surprises may be planned in a campaign that is approved or active and whose dates include today. */
export function isCampaignOpenForSurprises(campaign: Dated, today: string): boolean {
	return (
		(runningStatuses as readonly CampaignStatus[]).includes(campaign.status) &&
		campaign.startsOn <= today &&
		today <= campaign.endsOn
	);
}
