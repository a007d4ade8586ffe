import { desc, eq } from 'drizzle-orm';
import { claimLinks, users } from '../../../../db/schema/index.ts';
import { requireRole, type Ctx } from '../context.ts';
import { ListClaimLinksInput } from './schemas.ts';

export interface ClaimLinkView {
	id: string;
	locale: string;
	status: 'open' | 'used' | 'expired';
	createdAt: string;
	expiresAt: string;
	usedAt: string | null;
	emailedAt: string | null;
	reminderSentAt: string | null;
	createdBy: { id: string; name: string } | null;
}

/** The links of one surprise, newest first, for its page. Never the token (only its hash exists). */
export async function listClaimLinks({
	ctx,
	input
}: {
	ctx: Ctx;
	input: unknown;
}): Promise<ClaimLinkView[]> {
	requireRole(ctx, 'hub', 'marketing', 'admin');
	const { surpriseId } = ListClaimLinksInput.parse(input);
	const now = ctx.now();
	const rows = await ctx.db
		.select({ link: claimLinks, creatorName: users.name })
		.from(claimLinks)
		.leftJoin(users, eq(users.id, claimLinks.createdBy))
		.where(eq(claimLinks.surpriseId, surpriseId))
		.orderBy(desc(claimLinks.createdAt), desc(claimLinks.id));
	return rows.map(({ link, creatorName }) => ({
		id: link.id,
		locale: link.locale,
		status: link.usedAt ? 'used' : link.expiresAt <= now ? 'expired' : 'open',
		createdAt: link.createdAt.toISOString(),
		expiresAt: link.expiresAt.toISOString(),
		usedAt: link.usedAt?.toISOString() ?? null,
		emailedAt: link.emailedAt?.toISOString() ?? null,
		reminderSentAt: link.reminderSentAt?.toISOString() ?? null,
		createdBy: link.createdBy ? { id: link.createdBy, name: creatorName ?? '' } : null
	}));
}
