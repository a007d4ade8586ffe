import { eq } from 'drizzle-orm';
import { nominations } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, requireRole, type Ctx } from '../context.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import { msg, word } from '../../messages/index.ts';
import { loadSurpriseView } from '../surprises/get-surprise.ts';
import { planInTransaction } from '../surprises/plan-surprise.ts';
import { NOMINATION_ACCEPTERS, NOMINATION_DECLINERS } from './access.ts';
import { loadNominationView, lockNomination, type NominationRow } from './nomination-view.ts';
import { AcceptNominationInput, DeclineNominationInput } from './schemas.ts';

function assertOpen(row: NominationRow): void {
	if (row.status !== 'open') {
		throw new ConflictError(
			msg('this_nomination_is_already', { status: word('nomination_status', row.status) }),
			[
				{
					field: 'status',
					message: msg('nomination_is', { status: word('nomination_status', row.status) })
				}
			],
			{ status: row.status }
		);
	}
}

/**
 * The hub turns a nomination into a surprise (planned, or approved at once within the campaign's
 * auto-approve limit), in one transaction: both happen or neither.
 */
export async function acceptNomination({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { id: string; body: unknown };
}) {
	requireRole(ctx, ...NOMINATION_ACCEPTERS);
	const data = AcceptNominationInput.parse(input.body);
	return inTransaction(ctx, async (ctx) => {
		const nomination = await lockNomination(ctx, input.id);
		assertOpen(nomination);
		const campaignId = data.campaignId ?? nomination.campaignId;
		if (!campaignId)
			throw new ValidationError(msg('choose_campaign_this_surprise_comes_from'), [
				{ field: 'campaignId', message: msg('choose_campaign') }
			]);
		const { id, autoApproval } = await planInTransaction(
			ctx,
			{ ...data, customerId: nomination.customerId, campaignId },
			{ nominationId: nomination.id }
		);
		await ctx.db
			.update(nominations)
			.set({ status: 'accepted', surpriseId: id, decidedAt: ctx.now() })
			.where(eq(nominations.id, nomination.id));
		await recordAudit(ctx, {
			action: 'nomination.accept',
			entity: 'nomination',
			entityId: nomination.id,
			data: { surpriseId: id }
		});
		return {
			nomination: await loadNominationView(ctx, nomination.id),
			surprise: { ...(await loadSurpriseView(ctx, id)), autoApproval }
		};
	});
}

/** Not this time: a reason is required, so the nominator learns why. */
export async function declineNomination({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { id: string; body: unknown };
}) {
	requireRole(ctx, ...NOMINATION_DECLINERS);
	const data = DeclineNominationInput.parse(input.body);
	return inTransaction(ctx, async (ctx) => {
		const nomination = await lockNomination(ctx, input.id);
		assertOpen(nomination);
		await ctx.db
			.update(nominations)
			.set({ status: 'declined', declineReason: data.reason, decidedAt: ctx.now() })
			.where(eq(nominations.id, nomination.id));
		await recordAudit(ctx, {
			action: 'nomination.decline',
			entity: 'nomination',
			entityId: nomination.id,
			data: { reason: data.reason }
		});
		return loadNominationView(ctx, nomination.id);
	});
}
