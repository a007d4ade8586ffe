import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { campaigns, surprises } from '../../../../db/schema/index.ts';
import { amsterdamDate } from '../calendar/today.ts';
import { requireRole, type Ctx } from '../context.ts';
import { enqueueEmail } from './enqueue-email.ts';
import { firstName, formatCalendarDate } from './format.ts';
import {
	activeUsers,
	appUrl,
	campaignFields,
	campaignSummaries,
	surpriseFields,
	surpriseSummaries
} from './staff-mail.ts';

export const SendDailyDigestInput = z.object({
	/** The Amsterdam calendar day (YYYY-MM-DD); defaults to today. One digest per user per day. */
	date: z.iso.date().optional(),
	origin: z.string().optional()
});

/**
 * The daily digest for marketing users who chose it (users.digest = true): every surprise waiting
 * for approval (status `planned`) and every submitted campaign they did not create. Nothing
 * waiting, no mail. Safe to call every hour from every instance: the event key
 * `daily-digest:<user>:<date>` lets one message per user per day through.
 */
export async function sendDailyDigest({
	ctx,
	input = {}
}: {
	ctx: Ctx;
	input?: z.input<typeof SendDailyDigestInput>;
}): Promise<{ queued: number }> {
	if (ctx.actor.type !== 'system') requireRole(ctx, 'admin');
	const { date = amsterdamDate(ctx.now()), origin } = SendDailyDigestInput.parse(input);
	const waitingSurprises = await ctx.db
		.select({ id: surprises.id })
		.from(surprises)
		.where(eq(surprises.status, 'planned'))
		.orderBy(asc(surprises.createdAt));
	const waitingCampaigns = await ctx.db
		.select({ id: campaigns.id })
		.from(campaigns)
		.where(eq(campaigns.status, 'submitted'))
		.orderBy(asc(campaigns.createdAt));
	if (waitingSurprises.length === 0 && waitingCampaigns.length === 0) return { queued: 0 };
	const surpriseRows = await surpriseSummaries(
		ctx,
		waitingSurprises.map((s) => s.id)
	);
	const campaignRows = await campaignSummaries(
		ctx,
		waitingCampaigns.map((c) => c.id)
	);

	let queued = 0;
	for (const user of await activeUsers(ctx, 'marketing')) {
		if (!user.digest) continue;
		const mine = campaignRows.filter((c) => c.createdBy !== user.id);
		const count = surpriseRows.length + mine.length;
		if (count === 0) continue;
		const locale = user.locale;
		const result = await enqueueEmail({
			ctx,
			input: {
				eventKey: `daily-digest:${user.id}:${date}`,
				to: { name: user.name, address: user.email },
				template: 'daily-digest',
				locale,
				data: {
					recipientName: firstName(user.name),
					date: formatCalendarDate(date, locale),
					count,
					url: appUrl(origin, '/surprises?status=planned'),
					surprises: surpriseRows.map((s) => surpriseFields(s, locale, origin)),
					campaigns: mine.map((c) => campaignFields(c, locale, origin))
				}
			}
		});
		if (result.created) queued += 1;
	}
	return { queued };
}
