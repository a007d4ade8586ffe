import { count } from 'drizzle-orm';
import { users } from '../../../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { newSecret } from './secrets.ts';
import { createUser } from './users.ts';

/**
 * A fresh installation needs one admin. From HOPPATEE_ADMIN_EMAIL/PASSWORD when given; otherwise a
 * one-time password is generated and returned so the start script can print it once.
 */
export async function ensureFirstAdmin({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { email?: string; password?: string };
}) {
	const [{ n }] = (await ctx.db.select({ n: count() }).from(users)) as [{ n: number }];
	if (Number(n) > 0) return null;
	const email = input.email ?? 'admin@hoppatee.local';
	const password = input.password ?? newSecret().slice(0, 20);
	const user = await createUser({ ctx, input: { email, password, name: 'Admin', role: 'admin' } });
	return { user, email, password, generated: !input.password };
}
