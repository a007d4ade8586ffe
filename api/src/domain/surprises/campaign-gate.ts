import { eq } from 'drizzle-orm';
import { campaigns } from '../../../../db/schema/index.ts';
import { todayInAmsterdam } from '../calendar/today.ts';
import { isCampaignOpenForSurprises } from '../campaigns/status.ts';
import type { Ctx } from '../context.ts';
import { ConflictError, ValidationError, type MessageText } from '../errors.ts';
import { msg, word } from '../../messages/index.ts';

export type CampaignRow = typeof campaigns.$inferSelect;

/** Why surprises cannot be planned or approved in this campaign today (Amsterdam), or null. */
export function campaignOpenProblem(
	campaign: Pick<CampaignRow, 'status' | 'startsOn' | 'endsOn' | 'name'>,
	today: string
): MessageText | null {
	if (isCampaignOpenForSurprises(campaign, today)) return null;
	if (campaign.status !== 'approved' && campaign.status !== 'active') {
		return msg('surprise_campaign_not_approved', {
			name: campaign.name,
			status: word('campaign_status', campaign.status)
		});
	}
	if (today < campaign.startsOn)
		return msg('campaign_starts_on', { name: campaign.name, starts_on: campaign.startsOn });
	return msg('campaign_ended_on', { name: campaign.name, ends_on: campaign.endsOn });
}

/** The campaign a surprise is planned or approved in; a 400 on `field` when missing, a 409 when not open. */
export async function openCampaign(
	ctx: Ctx,
	campaignId: string,
	field = 'campaignId'
): Promise<CampaignRow> {
	const [campaign] = await ctx.db.select().from(campaigns).where(eq(campaigns.id, campaignId));
	if (!campaign)
		throw new ValidationError(msg('this_campaign_does_not_exist'), [
			{ field, message: msg('no_such_campaign') }
		]);
	const problem = campaignOpenProblem(campaign, todayInAmsterdam(ctx.now()));
	if (problem)
		throw new ConflictError(problem, [{ field, message: problem }], {
			campaignStatus: campaign.status
		});
	return campaign;
}
