/**
 * Passwords a person changes, and reset links: sent by an admin or asked for on the login page
 * ("forgot password"). A reset link is single use and expires; only its SHA-256 is stored. Setting
 * a password ends the user's other sessions, so whoever knew the old one is out at once.
 */
import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { passwordResets, sessions, users } from '../../../../db/schema/index.ts';
import { msg } from '../../messages/index.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, requireRole, type Ctx } from '../context.ts';
import { DomainError, NotFoundError, ValidationError } from '../errors.ts';
import { enqueueEmail } from '../email/enqueue-email.ts';
import { clearBackoff, hitRateLimit, takeBackoffSlot } from '../rate-limit.ts';
import { ACCOUNT_BACKOFF } from './log-in.ts';
import { staffRoles } from './roles.ts';
import { ChangePasswordInput, ForgotPasswordInput, ResetPasswordInput } from './schemas.ts';
import { hashPassword, newSecret, sha256, verifyPassword } from './secrets.ts';

/** An admin's link lasts a day (they may send it at the end of one); one asked for, an hour. */
export const RESET_LINK_HOURS = { admin: 24, forgot: 1 } as const;
/** Per client address: forgot-password requests per 15 minutes. */
export const FORGOT_RATE_LIMIT = 10;
/** Per address: reset emails per hour; more requests are answered the same and send nothing. */
const FORGOT_MAILS_PER_HOUR = 3;
/** Every forgot-password answer takes at least this long, found or not, so timing tells nothing. */
export const FORGOT_MIN_MS = 400;

function unavailable() {
	return new DomainError('not_found', msg('password_reset_unavailable'), {
		fields: [{ field: 'token', message: msg('password_reset_unavailable') }]
	});
}

/** The logged-in user changes their own password; their other sessions end. */
export async function changePassword({
	ctx,
	input,
	options
}: {
	ctx: Ctx;
	input: unknown;
	/** The SHA-256 of the session making the change: it stays. */
	options: { keepSessionHash: string | null };
}) {
	const actor = requireRole(ctx, ...staffRoles);
	const data = ChangePasswordInput.parse(input);
	// The current password is guessed at here as at the login: the same back-off per account.
	const key = `login:account:${actor.email.toLowerCase()}`;
	await takeBackoffSlot(ctx.db, { key, ...ACCOUNT_BACKOFF, now: ctx.now() });
	const [user] = await ctx.db.select().from(users).where(eq(users.id, actor.id));
	if (!user || !(await verifyPassword(user.passwordHash, data.currentPassword))) {
		await recordAudit(ctx, {
			action: 'user.password.change_failed',
			entity: 'user',
			entityId: actor.id
		});
		throw new ValidationError(msg('password_current_wrong'), [
			{ field: 'currentPassword', message: msg('password_current_wrong') }
		]);
	}
	await clearBackoff(ctx.db, key);
	const passwordHash = await hashPassword(data.newPassword);
	return inTransaction(ctx, async (ctx) => {
		await ctx.db
			.update(users)
			.set({ passwordHash, updatedAt: ctx.now() })
			.where(eq(users.id, actor.id));
		const ended = await ctx.db
			.delete(sessions)
			.where(
				options.keepSessionHash
					? and(eq(sessions.userId, actor.id), ne(sessions.tokenHash, options.keepSessionHash))
					: eq(sessions.userId, actor.id)
			)
			.returning({ tokenHash: sessions.tokenHash });
		await ctx.db.delete(passwordResets).where(eq(passwordResets.userId, actor.id));
		await recordAudit(ctx, {
			action: 'user.password.change',
			entity: 'user',
			entityId: actor.id,
			data: { sessionsEnded: ended.length }
		});
		return { sessionsEnded: ended.length };
	});
}

/** A new reset link for one user, in the caller's transaction; earlier unused ones stop working. */
async function issueResetLink(
	ctx: Ctx,
	user: typeof users.$inferSelect,
	options: { origin: string; hours: number; requestedBy: string | null }
) {
	const token = newSecret();
	const expiresAt = new Date(ctx.now().getTime() + options.hours * 3600_000);
	await ctx.db.delete(passwordResets).where(eq(passwordResets.userId, user.id));
	await ctx.db.insert(passwordResets).values({
		tokenHash: sha256(token),
		userId: user.id,
		requestedBy: options.requestedBy,
		createdAt: ctx.now(),
		expiresAt
	});
	const locale = user.locale === 'en' ? 'en' : 'nl';
	await enqueueEmail({
		ctx,
		input: {
			eventKey: `password-reset:${sha256(token).slice(0, 32)}`,
			to: { name: user.name, address: user.email },
			template: 'password-reset',
			locale,
			data: {
				name: user.name,
				url: `${options.origin}/reset/${token}`,
				hours: options.hours,
				byAdmin: options.requestedBy !== null
			}
		}
	});
	return { expiresAt };
}

/** An admin sends a user a reset link by email (through the outbox). */
export async function sendPasswordReset({
	ctx,
	input,
	options
}: {
	ctx: Ctx;
	input: { id: string };
	options: { origin: string };
}) {
	const admin = requireRole(ctx, 'admin');
	return inTransaction(ctx, async (ctx) => {
		const [user] = await ctx.db.select().from(users).where(eq(users.id, input.id)).for('update');
		if (!user) throw new NotFoundError('user', input.id);
		if (!user.active)
			throw new ValidationError(msg('password_reset_inactive_user'), [
				{ field: 'id', message: msg('password_reset_inactive_user') }
			]);
		const { expiresAt } = await issueResetLink(ctx, user, {
			origin: options.origin,
			hours: RESET_LINK_HOURS.admin,
			requestedBy: admin.id
		});
		await recordAudit(ctx, {
			action: 'user.password.reset_sent',
			entity: 'user',
			entityId: user.id
		});
		return { expiresAt: expiresAt.toISOString() };
	});
}

/**
 * "Forgot password": the same answer whether or not the address has an account, after at least
 * FORGOT_MIN_MS, and rate-limited per client address. An active account gets a link by email.
 */
export async function forgotPassword({
	ctx,
	input,
	options
}: {
	ctx: Ctx;
	input: unknown;
	options: { origin: string; wait?: (ms: number) => Promise<void> };
}): Promise<void> {
	const started = performance.now();
	const { email } = ForgotPasswordInput.parse(input);
	const now = ctx.now();
	await hitRateLimit(ctx.db, {
		key: `forgot:ip:${ctx.ip ?? 'unknown'}`,
		limit: FORGOT_RATE_LIMIT,
		windowSeconds: 15 * 60,
		now
	});
	try {
		await inTransaction(ctx, async (ctx) => {
			const [user] = await ctx.db
				.select()
				.from(users)
				.where(and(sql`lower(${users.email}) = ${email}`, eq(users.active, true)));
			// Counted for every address asked about, so a flood on one address sends three mails an hour.
			await hitRateLimit(ctx.db, {
				key: `forgot:account:${email}`,
				limit: FORGOT_MAILS_PER_HOUR,
				windowSeconds: 3600,
				now
			});
			if (!user) return;
			await issueResetLink(ctx, user, {
				origin: options.origin,
				hours: RESET_LINK_HOURS.forgot,
				requestedBy: null
			});
			await recordAudit(ctx, { action: 'user.password.forgot', entity: 'user', entityId: user.id });
		});
	} catch (error) {
		// Over the per-address mail limit: answered like any other request.
		if (!(error instanceof DomainError && error.code === 'rate_limited')) throw error;
	}
	const rest = FORGOT_MIN_MS - (performance.now() - started);
	if (rest > 0) await (options.wait ?? ((ms) => new Promise((r) => setTimeout(r, ms))))(rest);
}

async function openReset(ctx: Ctx, token: string, lock: boolean) {
	const query = ctx.db
		.select({ reset: passwordResets, user: users })
		.from(passwordResets)
		.innerJoin(users, eq(users.id, passwordResets.userId))
		.where(
			and(
				eq(passwordResets.tokenHash, sha256(token)),
				isNull(passwordResets.usedAt),
				gt(passwordResets.expiresAt, ctx.now()),
				eq(users.active, true)
			)
		);
	const [row] = lock ? await query.for('update', { of: passwordResets }) : await query;
	if (!row) throw unavailable();
	return row;
}

/** Whether a reset link still works (opening the page never uses it up): the user's name and email. */
export async function checkPasswordReset({ ctx, input }: { ctx: Ctx; input: { token: string } }) {
	await hitRateLimit(ctx.db, {
		key: `reset:ip:${ctx.ip ?? 'unknown'}`,
		limit: 60,
		windowSeconds: 15 * 60,
		now: ctx.now()
	});
	const { user, reset } = await openReset(ctx, input.token, false);
	return { email: user.email, name: user.name, expiresAt: reset.expiresAt.toISOString() };
}

/** Sets a new password through a reset link: the link is used up and every session of the user ends. */
export async function resetPassword({ ctx, input }: { ctx: Ctx; input: unknown }) {
	await hitRateLimit(ctx.db, {
		key: `reset:ip:${ctx.ip ?? 'unknown'}`,
		limit: 60,
		windowSeconds: 15 * 60,
		now: ctx.now()
	});
	const data = ResetPasswordInput.parse(input);
	const passwordHash = await hashPassword(data.password);
	return inTransaction(ctx, async (ctx) => {
		const { user, reset } = await openReset(ctx, data.token, true);
		await ctx.db
			.update(passwordResets)
			.set({ usedAt: ctx.now() })
			.where(eq(passwordResets.tokenHash, reset.tokenHash));
		await ctx.db
			.update(users)
			.set({ passwordHash, updatedAt: ctx.now() })
			.where(eq(users.id, user.id));
		const ended = await ctx.db
			.delete(sessions)
			.where(eq(sessions.userId, user.id))
			.returning({ tokenHash: sessions.tokenHash });
		// The owner is back in: the login back-off someone else ran up on the account is forgotten.
		await clearBackoff(ctx.db, `login:account:${user.email.toLowerCase()}`);
		await recordAudit(
			{
				...ctx,
				actor: { type: 'user', id: user.id, role: user.role, name: user.name, email: user.email }
			},
			{
				action: 'user.password.reset',
				entity: 'user',
				entityId: user.id,
				data: { sessionsEnded: ended.length, byAdmin: reset.requestedBy }
			}
		);
		return { email: user.email };
	});
}
