import { inTransaction, requireRole, type Ctx } from '../context.ts';
import { ConflictError } from '../errors.ts';
import { msg, word, type Message } from '../../messages/index.ts';
import { readSetting } from '../settings/settings.ts';
import { openCampaign } from './campaign-gate.ts';
import { dueDate } from './due-date.ts';
import {
	lockSurprise,
	moveSurprise,
	settleAfterApproval,
	type LockedSurprise
} from './lifecycle.ts';
import { ApproveSurpriseInput, RejectSurpriseInput } from './schemas.ts';
import { assertTransition } from './state-machine.ts';
import { loadSurpriseView } from './get-surprise.ts';

/**
 * Approve a locked, planned surprise: reserve budget, codes and stock (see lifecycle.ts), set the
 * due date (N working days, setting `service_level_days`), then move on to sent, ready or
 * awaiting_address. `approvedBy` is null for an automatic approval.
 */
export async function approveLocked(
	ctx: Ctx,
	s: LockedSurprise,
	options: { approvedBy: string | null; note: string | Message }
): Promise<LockedSurprise> {
	const now = ctx.now();
	const days = await readSetting(ctx, 'service_level_days');
	const approved = await moveSurprise(ctx, s, 'approved', {
		note: options.note,
		set: { approvedBy: options.approvedBy, approvedAt: now, dueOn: dueDate(now, days) },
		auditData: { automatic: options.approvedBy === null }
	});
	return settleAfterApproval(ctx, approved);
}

/** Marketing approves a surprise above the auto-approve limit (or one that could not auto-approve). */
export async function approveSurprise({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { id: string; body?: unknown };
}) {
	const user = requireRole(ctx, 'marketing');
	const data = ApproveSurpriseInput.parse(input.body ?? {});
	return inTransaction(ctx, async (ctx) => {
		const s = await lockSurprise(ctx, input.id);
		assertTransition(s.row.status, 'approved', s.kind);
		await openCampaign(ctx, s.row.campaignId);
		await approveLocked(ctx, s, { approvedBy: user.id, note: data.comment });
		return loadSurpriseView(ctx, input.id);
	});
}

/** Marketing says no: planned → cancelled, with the reason on the history. */
export async function rejectSurprise({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { id: string; body: unknown };
}) {
	requireRole(ctx, 'marketing');
	const data = RejectSurpriseInput.parse(input.body);
	return inTransaction(ctx, async (ctx) => {
		const s = await lockSurprise(ctx, input.id);
		if (s.row.status !== 'planned') {
			throw new ConflictError(
				msg('surprise_reject_not_planned', { status: word('surprise_status', s.row.status) }),
				[{ field: 'status', message: msg('not_planned') }]
			);
		}
		await moveSurprise(ctx, s, 'cancelled', { note: data.comment, action: 'surprise.reject' });
		return loadSurpriseView(ctx, input.id);
	});
}
