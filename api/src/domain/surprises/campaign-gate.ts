import { eq } from 'drizzle-orm';
import { campaigns } from '../../../../db/schema/index.ts';
import { todayInAmsterdam } from '../calendar/today.ts';
import { isCampaignOpenForSurprises } from '../campaigns/status.ts';
import type { Ctx } from '../context.ts';
import { ConflictError, nlWord, t, ValidationError, type Text } from '../errors.ts';

export type CampaignRow = typeof campaigns.$inferSelect;

/** Why surprises cannot be planned or approved in this campaign today (Amsterdam), or null. */
export function campaignOpenProblem(campaign: Pick<CampaignRow, 'status' | 'startsOn' | 'endsOn' | 'name'>, today: string): Text | null {
  if (isCampaignOpenForSurprises(campaign, today)) return null;
  if (campaign.status !== 'approved' && campaign.status !== 'active') {
    return t(
      `Campaign “${campaign.name}” is ${campaign.status}: surprises need an approved campaign.`,
      `Campagne “${campaign.name}” is ${nlWord(campaign.status)}: verrassingen kunnen alleen in een goedgekeurde campagne.`,
    );
  }
  if (today < campaign.startsOn) return t(`Campaign “${campaign.name}” starts on ${campaign.startsOn}.`, `Campagne “${campaign.name}” begint op ${campaign.startsOn}.`);
  return t(`Campaign “${campaign.name}” ended on ${campaign.endsOn}.`, `Campagne “${campaign.name}” is op ${campaign.endsOn} afgelopen.`);
}

/** The campaign a surprise is planned or approved in; a 400 on `field` when missing, a 409 when not open. */
export async function openCampaign(ctx: Ctx, campaignId: string, field = 'campaignId'): Promise<CampaignRow> {
  const [campaign] = await ctx.db.select().from(campaigns).where(eq(campaigns.id, campaignId));
  if (!campaign) throw new ValidationError(t('This campaign does not exist.', 'Deze campagne bestaat niet.'), [{ field, message: t('No such campaign.', 'Campagne niet gevonden.') }]);
  const problem = campaignOpenProblem(campaign, todayInAmsterdam(ctx.now()));
  if (problem) throw new ConflictError(problem, [{ field, message: problem }], { campaignStatus: campaign.status });
  return campaign;
}
