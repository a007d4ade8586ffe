import { asc, eq, sql } from 'drizzle-orm';
import { sessions, users } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, requireRole, type Ctx } from '../context.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { msg } from '../../messages/index.ts';
import { CreateUserInput, DemoUserInput, UpdateUserInput } from './schemas.ts';
import { hashPassword } from './secrets.ts';
import { toUserView } from './user-view.ts';

export async function listUsers({ ctx }: { ctx: Ctx }) {
	requireRole(ctx, 'admin');
	const rows = await ctx.db.select().from(users).orderBy(asc(users.name));
	return rows.map(toUserView);
}

export async function createUser({
	ctx,
	input,
	options = {}
}: {
	ctx: Ctx;
	input: unknown;
	/** The demo seed only (a system actor): the user gets the published demo password. */
	options?: { demo?: boolean };
}) {
	if (ctx.actor.type !== 'system') requireRole(ctx, 'admin');
	const data = (
		options.demo && ctx.actor.type === 'system' ? DemoUserInput : CreateUserInput
	).parse(input);
	const passwordHash = await hashPassword(data.password);
	return inTransaction(ctx, async (ctx) => {
		const [existing] = await ctx.db
			.select({ id: users.id })
			.from(users)
			.where(sql`lower(${users.email}) = ${data.email}`);
		if (existing)
			throw new ConflictError(msg('user_email_taken'), [
				{ field: 'email', message: msg('already_in_use') }
			]);
		const [user] = await ctx.db
			.insert(users)
			.values({
				email: data.email,
				name: data.name,
				role: data.role,
				passwordHash,
				locale: data.locale
			})
			.returning();
		await recordAudit(ctx, {
			action: 'user.create',
			entity: 'user',
			entityId: user!.id,
			data: { email: data.email, role: data.role }
		});
		return toUserView(user!);
	});
}

export async function updateUser({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { id: string; changes: unknown };
}) {
	const admin = requireRole(ctx, 'admin');
	const changes = UpdateUserInput.parse(input.changes);
	return inTransaction(ctx, async (ctx) => {
		const [before] = await ctx.db.select().from(users).where(eq(users.id, input.id)).for('update');
		if (!before) throw new NotFoundError('user', input.id);
		const demotesOrDeactivatesAdmin =
			before.role === 'admin' &&
			(changes.active === false || (changes.role && changes.role !== 'admin'));
		if (demotesOrDeactivatesAdmin) {
			const [{ n }] = (await ctx.db
				.select({ n: sql<number>`count(*)::int` })
				.from(users)
				.where(sql`${users.role} = 'admin' and ${users.active}`)) as [{ n: number }];
			if (Number(n) <= 1)
				throw new ConflictError(msg('user_last_admin'), [
					{
						field: changes.active === false ? 'active' : 'role',
						message: msg('this_is_last_active_admin')
					}
				]);
		}
		if (before.id === admin.id && changes.active === false) {
			throw new ConflictError(msg('you_cannot_deactivate_yourself'), [
				{ field: 'active', message: msg('ask_another_admin') }
			]);
		}
		const [user] = await ctx.db
			.update(users)
			.set({ ...changes, updatedAt: ctx.now() })
			.where(eq(users.id, input.id))
			.returning();
		// A deactivated user or a changed role ends every open session: rights apply at once.
		if (changes.active === false || (changes.role && changes.role !== before.role)) {
			await ctx.db.delete(sessions).where(eq(sessions.userId, input.id));
		}
		await recordAudit(ctx, {
			action: 'user.update',
			entity: 'user',
			entityId: input.id,
			data: { changes, before: { role: before.role, active: before.active } }
		});
		return toUserView(user!);
	});
}

export async function getUser({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
	const [user] = await ctx.db.select().from(users).where(eq(users.id, input.id));
	if (!user) throw new NotFoundError('user', input.id);
	return toUserView(user);
}
