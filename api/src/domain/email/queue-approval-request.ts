import { z } from 'zod';
import { userId, type Ctx } from '../context.ts';
import { NotFoundError } from '../errors.ts';
import { enqueueEmail } from './enqueue-email.ts';
import { firstName } from './format.ts';
import {
	activeUsers,
	actorName,
	campaignFields,
	campaignSummaries,
	requireInternalCaller,
	surpriseFields,
	surpriseSummaries,
	surpriseTitle
} from './staff-mail.ts';

export const QueueApprovalRequestInput = z.object({
	kind: z.enum(['surprise', 'campaign']),
	id: z.uuid(),
	/**
	 * Tells one request for the same thing from the next (a campaign resubmitted after "changes
	 * requested" asks again): e.g. the id of the submission's audit or event row. Same round = one mail.
	 */
	round: z.string().min(1).max(100).default('1'),
	/** PUBLIC_ORIGIN or the request's origin, for the link in the mail. */
	origin: z.string().optional()
});
export type QueueApprovalRequestInput = z.input<typeof QueueApprovalRequestInput>;

/**
 * Something waits for marketing's approval: every active marketing user who wants mails one by one
 * (users.digest = false) gets one now; digest users see it in sendDailyDigest. The campaign's
 * creator and the acting user are left out (nobody approves their own). Call it inside the
 * transaction that made the request, so the mail exists exactly when the request does.
 */
export async function queueApprovalRequest({
	ctx,
	input
}: {
	ctx: Ctx;
	input: QueueApprovalRequestInput;
}): Promise<{ queued: number }> {
	requireInternalCaller(ctx);
	const { kind, id, round, origin } = QueueApprovalRequestInput.parse(input);
	const surprise = kind === 'surprise' ? (await surpriseSummaries(ctx, [id]))[0] : undefined;
	const campaign = kind === 'campaign' ? (await campaignSummaries(ctx, [id]))[0] : undefined;
	if (!surprise && !campaign)
		throw new NotFoundError(kind === 'surprise' ? 'surprise' : 'campaign', id);
	const excluded = new Set([userId(ctx.actor), campaign?.createdBy].filter(Boolean));
	let queued = 0;
	for (const user of await activeUsers(ctx, 'marketing')) {
		if (user.digest || excluded.has(user.id)) continue;
		const locale = user.locale;
		const fields = surprise
			? surpriseFields(surprise, locale, origin)
			: campaignFields(campaign!, locale, origin);
		const result = await enqueueEmail({
			ctx,
			input: {
				eventKey: `approval-request:${kind}:${id}:${round}:${user.id}`,
				to: { name: user.name, address: user.email },
				template: 'approval-request',
				locale,
				data: {
					recipientName: firstName(user.name),
					title: surprise ? surpriseTitle(surprise, locale) : campaign!.name,
					requestedBy: ctx.actor.type === 'user' ? firstName(actorName(ctx)) : fields.requestedBy,
					url: fields.url,
					...(surprise ? { surprise: fields } : { campaign: fields })
				}
			}
		});
		if (result.created) queued += 1;
	}
	return { queued };
}
