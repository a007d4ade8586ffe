import { eq } from 'drizzle-orm';
import { campaigns } from '../../../../db/schema/index.ts';
import { todayInAmsterdam } from '../calendar/today.ts';
import { isCampaignOpenForSurprises } from '../campaigns/status.ts';
import type { Ctx } from '../context.ts';
import { ConflictError, ValidationError } from '../errors.ts';

export type CampaignRow = typeof campaigns.$inferSelect;

/** Why surprises cannot be planned or approved in this campaign today (Amsterdam), or null. */
export function campaignOpenProblem(campaign: Pick<CampaignRow, 'status' | 'startsOn' | 'endsOn' | 'name'>, today: string): string | null {
  if (isCampaignOpenForSurprises(campaign, today)) return null;
  if (campaign.status !== 'approved' && campaign.status !== 'active') return `Campaign “${campaign.name}” is ${campaign.status}: surprises need an approved campaign.`;
  if (today < campaign.startsOn) return `Campaign “${campaign.name}” starts on ${campaign.startsOn}.`;
  return `Campaign “${campaign.name}” ended on ${campaign.endsOn}.`;
}

/** The campaign a surprise is planned or approved in; a 400 on `field` when missing, a 409 when not open. */
export async function openCampaign(ctx: Ctx, campaignId: string, field = 'campaignId'): Promise<CampaignRow> {
  const [campaign] = await ctx.db.select().from(campaigns).where(eq(campaigns.id, campaignId));
  if (!campaign) throw new ValidationError('This campaign does not exist.', [{ field, message: 'No such campaign.' }]);
  const problem = campaignOpenProblem(campaign, todayInAmsterdam(ctx.now()));
  if (problem) throw new ConflictError(problem, [{ field, message: problem }], { campaignStatus: campaign.status });
  return campaign;
}
