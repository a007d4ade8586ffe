import { inTransaction, requireRole, type Ctx } from '../context.ts';
import { ConflictError, nlWord, t } from '../errors.ts';
import { readSetting } from '../settings/settings.ts';
import { openCampaign } from './campaign-gate.ts';
import { dueDate } from './due-date.ts';
import { lockSurprise, moveSurprise, settleAfterApproval, type LockedSurprise } from './lifecycle.ts';
import { ApproveSurpriseInput, RejectSurpriseInput } from './schemas.ts';
import { assertTransition } from './state-machine.ts';
import { loadSurpriseView } from './get-surprise.ts';

/**
 * Approve a locked, planned surprise: reserve budget, codes and stock (see lifecycle.ts), set the
 * due date (N working days, setting `service_level_days`), then move on to sent, ready or
 * awaiting_address. `approvedBy` is null for an automatic approval.
 */
export async function approveLocked(ctx: Ctx, s: LockedSurprise, options: { approvedBy: string | null; note: string }): Promise<LockedSurprise> {
  const now = ctx.now();
  const days = await readSetting(ctx, 'service_level_days');
  const approved = await moveSurprise(ctx, s, 'approved', {
    note: options.note,
    set: { approvedBy: options.approvedBy, approvedAt: now, dueOn: dueDate(now, days) },
    auditData: { automatic: options.approvedBy === null },
  });
  return settleAfterApproval(ctx, approved);
}

/** Marketing approves a surprise above the auto-approve limit (or one that could not auto-approve). */
export async function approveSurprise({ ctx, input }: { ctx: Ctx; input: { id: string; body?: unknown } }) {
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
export async function rejectSurprise({ ctx, input }: { ctx: Ctx; input: { id: string; body: unknown } }) {
  requireRole(ctx, 'marketing');
  const data = RejectSurpriseInput.parse(input.body);
  return inTransaction(ctx, async (ctx) => {
    const s = await lockSurprise(ctx, input.id);
    if (s.row.status !== 'planned') {
      throw new ConflictError(
        t(`Only a planned surprise can be rejected; this one is ${s.row.status}. Cancel it instead.`, `Alleen een geplande verrassing kun je afwijzen; deze is ${nlWord(s.row.status)}. Annuleer hem in plaats daarvan.`),
        [{ field: 'status', message: t('Not planned.', 'Niet gepland.') }],
      );
    }
    await moveSurprise(ctx, s, 'cancelled', { note: data.comment, action: 'surprise.reject' });
    return loadSurpriseView(ctx, input.id);
  });
}
