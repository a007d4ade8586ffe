import { desc, eq } from 'drizzle-orm';
import { apiTokens } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, requireRole, userId, type Ctx } from '../context.ts';
import { NotFoundError } from '../errors.ts';
import { CreateApiTokenInput } from './schemas.ts';
import { newSecret, sha256 } from './secrets.ts';

type TokenRow = typeof apiTokens.$inferSelect;
const toTokenView = (t: TokenRow) => ({
	id: t.id,
	name: t.name,
	prefix: t.prefix,
	scopes: t.scopes,
	createdAt: t.createdAt.toISOString(),
	lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
	revokedAt: t.revokedAt?.toISOString() ?? null
});

export async function listApiTokens({ ctx }: { ctx: Ctx }) {
	requireRole(ctx, 'admin');
	return (await ctx.db.select().from(apiTokens).orderBy(desc(apiTokens.createdAt))).map(
		toTokenView
	);
}

/** The token is returned once; only its hash is kept. */
export async function createApiToken({ ctx, input }: { ctx: Ctx; input: unknown }) {
	requireRole(ctx, 'admin');
	const data = CreateApiTokenInput.parse(input);
	const token = newSecret('hop_');
	return inTransaction(ctx, async (ctx) => {
		const [row] = await ctx.db
			.insert(apiTokens)
			.values({
				name: data.name,
				scopes: data.scopes,
				tokenHash: sha256(token),
				prefix: token.slice(0, 8),
				createdBy: userId(ctx.actor)
			})
			.returning();
		await recordAudit(ctx, {
			action: 'api_token.create',
			entity: 'api_token',
			entityId: row!.id,
			data: { name: data.name, scopes: data.scopes }
		});
		return { ...toTokenView(row!), token };
	});
}

export async function revokeApiToken({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
	requireRole(ctx, 'admin');
	return inTransaction(ctx, async (ctx) => {
		const [row] = await ctx.db
			.update(apiTokens)
			.set({ revokedAt: ctx.now() })
			.where(eq(apiTokens.id, input.id))
			.returning();
		if (!row) throw new NotFoundError('api_token', input.id);
		await recordAudit(ctx, { action: 'api_token.revoke', entity: 'api_token', entityId: row.id });
		return toTokenView(row);
	});
}
