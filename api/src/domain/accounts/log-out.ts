import { eq } from 'drizzle-orm';
import { sessions } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import type { Ctx } from '../context.ts';
import { sha256 } from './secrets.ts';

export async function logOut({ ctx, input }: { ctx: Ctx; input: { token: string } }) {
	const deleted = await ctx.db
		.delete(sessions)
		.where(eq(sessions.tokenHash, sha256(input.token)))
		.returning({ userId: sessions.userId });
	if (deleted.length > 0)
		await recordAudit(ctx, { action: 'logout', entity: 'user', entityId: deleted[0]!.userId });
}
