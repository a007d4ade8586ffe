import { z } from 'zod';
import type { Ctx } from '../context.ts';
import { NotFoundError } from '../errors.ts';
import { enqueueEmail } from './enqueue-email.ts';
import { firstName } from './format.ts';
import {
	actorName,
	appUrl,
	campaignSummaries,
	requireInternalCaller,
	surpriseSummaries,
	surpriseTitle,
	userById
} from './staff-mail.ts';

export const QueueDecisionEmailInput = z.object({
	kind: z.enum(['surprise', 'campaign']),
	id: z.uuid(),
	decision: z.enum(['approved', 'rejected', 'changes_requested']),
	comment: z.string().max(5000).default(''),
	/** Who hears about it: the hub'er who planned the surprise, or the campaign's creator. */
	toUserId: z.uuid(),
	/** Tells decisions on the same thing apart (e.g. the decision's audit or event row id). */
	round: z.string().min(1).max(100).default('1'),
	origin: z.string().optional()
});
export type QueueDecisionEmailInput = z.input<typeof QueueDecisionEmailInput>;

/** Marketing decided: tell the person who asked, in their language, with the comment. */
export async function queueDecisionEmail({
	ctx,
	input
}: {
	ctx: Ctx;
	input: QueueDecisionEmailInput;
}): Promise<{ queued: boolean }> {
	requireInternalCaller(ctx);
	const data = QueueDecisionEmailInput.parse(input);
	const user = await userById(ctx, data.toUserId);
	if (!user) return { queued: false };
	const locale = user.locale;
	const surprise =
		data.kind === 'surprise' ? (await surpriseSummaries(ctx, [data.id]))[0] : undefined;
	const campaign =
		data.kind === 'campaign' ? (await campaignSummaries(ctx, [data.id]))[0] : undefined;
	if (!surprise && !campaign)
		throw new NotFoundError(data.kind === 'surprise' ? 'surprise' : 'campaign', data.id);
	const result = await enqueueEmail({
		ctx,
		input: {
			eventKey: `decision:${data.kind}:${data.id}:${data.decision}:${data.round}`,
			to: { name: user.name, address: user.email },
			template: 'decision',
			locale,
			data: {
				recipientName: firstName(user.name),
				deciderName: firstName(actorName(ctx)),
				title: surprise ? surpriseTitle(surprise, locale) : campaign!.name,
				approved: data.decision === 'approved',
				rejected: data.decision === 'rejected',
				changesRequested: data.decision === 'changes_requested',
				comment: data.comment.trim(),
				url: appUrl(data.origin, surprise ? `/surprises/${data.id}` : `/campaigns/${data.id}`)
			}
		}
	});
	return { queued: result.created };
}
