import { inTransaction, requireRole, userId, type Ctx } from '../context.ts';
import { queueDecisionEmail } from '../email/queue-decision-email.ts';
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
	input,
	options = {}
}: {
	ctx: Ctx;
	input: { id: string; body?: unknown };
	/** origin: for the link in the planner's decision email. */
	options?: { origin?: string };
}) {
	const user = requireRole(ctx, 'marketing');
	const data = ApproveSurpriseInput.parse(input.body ?? {});
	return inTransaction(ctx, async (ctx) => {
		const s = await lockSurprise(ctx, input.id);
		assertTransition(s.row.status, 'approved', s.kind);
		await openCampaign(ctx, s.row.campaignId);
		await approveLocked(ctx, s, { approvedBy: user.id, note: data.comment });
		await tellPlanner(ctx, s, 'approved', data.comment, options.origin);
		return loadSurpriseView(ctx, input.id);
	});
}

/** Marketing says no: planned → cancelled, with the reason on the history. */
export async function rejectSurprise({
	ctx,
	input,
	options = {}
}: {
	ctx: Ctx;
	input: { id: string; body: unknown };
	options?: { origin?: string };
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
		await tellPlanner(ctx, s, 'rejected', data.comment, options.origin);
		return loadSurpriseView(ctx, input.id);
	});
}

/** The hub'er who planned it hears the decision with the comment, in the same transaction (not when they decided it themselves). */
async function tellPlanner(
	ctx: Ctx,
	s: LockedSurprise,
	decision: 'approved' | 'rejected',
	comment: string,
	origin: string | undefined
): Promise<void> {
	const plannedBy = s.row.createdBy;
	if (!plannedBy || plannedBy === userId(ctx.actor)) return;
	await queueDecisionEmail({
		ctx,
		input: {
			kind: 'surprise',
			id: s.row.id,
			decision,
			comment,
			toUserId: plannedBy,
			...(origin ? { origin } : {})
		}
	});
}
