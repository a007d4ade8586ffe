/** Display links: what opens the wall without a login. Admins create, rename, set up and revoke them. */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { displayLinks } from '../../../../db/schema/index.ts';
import { notify } from '../../../../db/notify.ts';
import type { Executor } from '../../../../db/client.ts';
import { newSecret, sha256 } from '../accounts/secrets.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, requireRole, userId, type Ctx } from '../context.ts';
import { DomainError, NotFoundError } from '../errors.ts';
import { msg } from '../../messages/index.ts';
import { CreateDisplayLinkInput, UpdateDisplayLinkInput } from './schemas.ts';

/** The one channel the wall's instances talk on (db/notify.ts). */
export const WALL_CHANNEL = 'hoppatee_wall';

/** What travels on WALL_CHANNEL: never personal data, only what to look at again. */
export type WallSignal =
	{ kind: 'reactions' } | { kind: 'revoked'; linkId: string } | { kind: 'changed'; linkId: string };

export function signalWall(db: Executor, signal: WallSignal): Promise<void> {
	return notify(db, WALL_CHANNEL, JSON.stringify(signal));
}

/** Unknown or revoked: the same answer, so a response never tells which. */
export class DisplayLinkUnavailableError extends DomainError {
	constructor() {
		super('not_found', msg('display_link_unavailable'));
	}
}

type LinkRow = typeof displayLinks.$inferSelect;
const iso = (d: Date | null) => d?.toISOString() ?? null;
const toDisplayLinkView = (l: LinkRow) => ({
	id: l.id,
	name: l.name,
	prefix: l.prefix,
	showNegative: l.showNegative,
	theme: l.theme,
	locale: l.locale,
	createdAt: l.createdAt.toISOString(),
	lastSeenAt: iso(l.lastSeenAt),
	revokedAt: iso(l.revokedAt),
	can: { update: l.revokedAt === null, revoke: l.revokedAt === null }
});
export type DisplayLinkView = ReturnType<typeof toDisplayLinkView>;

export function wallUrl(origin: string, token: string): string {
	return `${origin.replace(/\/+$/, '')}/wall/${token}`;
}

export async function listDisplayLinks({ ctx }: { ctx: Ctx }): Promise<DisplayLinkView[]> {
	requireRole(ctx, 'admin');
	const rows = await ctx.db
		.select()
		.from(displayLinks)
		.orderBy(desc(displayLinks.createdAt), desc(displayLinks.id))
		.limit(200);
	return rows.map(toDisplayLinkView);
}

/** The token (and the URL with it) is returned once; only its hash is kept. */
export async function createDisplayLink({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { body: unknown; origin: string };
}) {
	requireRole(ctx, 'admin');
	const data = CreateDisplayLinkInput.parse(input.body);
	const token = newSecret('wall_');
	return inTransaction(ctx, async (ctx) => {
		const [row] = await ctx.db
			.insert(displayLinks)
			.values({
				...data,
				tokenHash: sha256(token),
				prefix: token.slice(0, 9),
				createdBy: userId(ctx.actor)
			})
			.returning();
		await recordAudit(ctx, {
			action: 'display_link.create',
			entity: 'display_link',
			entityId: row!.id,
			data: { name: data.name, showNegative: data.showNegative }
		});
		return { ...toDisplayLinkView(row!), token, url: wallUrl(input.origin, token) };
	});
}

export async function updateDisplayLink({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { id: string; body: unknown };
}): Promise<DisplayLinkView> {
	requireRole(ctx, 'admin');
	const data = UpdateDisplayLinkInput.parse(input.body);
	return inTransaction(ctx, async (ctx) => {
		const [row] = await ctx.db
			.update(displayLinks)
			.set({ ...data, updatedAt: ctx.now() })
			.where(and(eq(displayLinks.id, input.id), isNull(displayLinks.revokedAt)))
			.returning();
		if (!row) throw new NotFoundError('display_link', input.id);
		await recordAudit(ctx, {
			action: 'display_link.update',
			entity: 'display_link',
			entityId: row.id,
			data
		});
		// Open screens take the new settings (which reactions, theme, language) at once.
		await signalWall(ctx.db, { kind: 'changed', linkId: row.id });
		return toDisplayLinkView(row);
	});
}

/** Revoking ends every open stream of the link, on every instance, when the transaction commits. */
export async function revokeDisplayLink({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { id: string };
}): Promise<DisplayLinkView> {
	requireRole(ctx, 'admin');
	return inTransaction(ctx, async (ctx) => {
		const [existing] = await ctx.db
			.select()
			.from(displayLinks)
			.where(eq(displayLinks.id, input.id))
			.for('update');
		if (!existing) throw new NotFoundError('display_link', input.id);
		if (existing.revokedAt) return toDisplayLinkView(existing);
		const [row] = await ctx.db
			.update(displayLinks)
			.set({ revokedAt: ctx.now(), updatedAt: ctx.now() })
			.where(eq(displayLinks.id, input.id))
			.returning();
		await recordAudit(ctx, {
			action: 'display_link.revoke',
			entity: 'display_link',
			entityId: row!.id
		});
		await signalWall(ctx.db, { kind: 'revoked', linkId: row!.id });
		return toDisplayLinkView(row!);
	});
}

export interface LiveDisplayLink {
	id: string;
	showNegative: boolean;
	theme: LinkRow['theme'];
	locale: LinkRow['locale'];
}

/** The link behind a token, when it works. Read-only. */
export async function findLiveDisplayLink(
	db: Executor,
	token: string
): Promise<LiveDisplayLink | null> {
	const [row] = await db
		.select({
			id: displayLinks.id,
			showNegative: displayLinks.showNegative,
			theme: displayLinks.theme,
			locale: displayLinks.locale
		})
		.from(displayLinks)
		.where(and(eq(displayLinks.tokenHash, sha256(token)), isNull(displayLinks.revokedAt)));
	return row ?? null;
}
