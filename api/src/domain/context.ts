import type { Executor } from '../../../db/client.ts';
import type { Role } from './accounts/roles.ts';
import { ForbiddenError, UnauthenticatedError } from './errors.ts';
import { msg } from '../messages/index.ts';

export type Actor =
	| { type: 'user'; id: string; role: Role; name: string; email: string }
	| { type: 'token'; id: string; name: string; scopes: string[] }
	| { type: 'system' }
	| { type: 'anonymous' };

/** What every domain verb receives: who acts, on which database (or transaction), for which request. */
export interface Ctx {
	db: Executor;
	actor: Actor;
	requestId?: string;
	ip?: string;
	now: () => Date;
}

export function systemCtx(db: Executor): Ctx {
	return { db, actor: { type: 'system' }, now: () => new Date() };
}

export function actorId(actor: Actor): string | null {
	return actor.type === 'user' || actor.type === 'token' ? actor.id : null;
}

/** The acting user id when a person acts; tokens and the system have none. */
export function userId(actor: Actor): string | null {
	return actor.type === 'user' ? actor.id : null;
}

/** Domain-level guard, on top of the route's access rule: verbs stay safe when called from anywhere. */
export function requireRole(ctx: Ctx, ...roles: Role[]): Extract<Actor, { type: 'user' }> {
	const { actor } = ctx;
	if (actor.type === 'anonymous') throw new UnauthenticatedError();
	if (actor.type !== 'user' || !roles.includes(actor.role)) throw new ForbiddenError();
	return actor;
}

/** Staff (any role) or a token with the scope. */
export function requireStaffOrScope(ctx: Ctx, scope: string): void {
	const { actor } = ctx;
	if (actor.type === 'system' || actor.type === 'user') return;
	if (actor.type === 'token' && actor.scopes.includes(scope)) return;
	if (actor.type === 'anonymous') throw new UnauthenticatedError();
	throw new ForbiddenError(msg('this_token_lacks_scope', { scope }));
}

/** One of the roles, or a token with the scope (the system actor always passes). */
export function requireRoleOrScope(ctx: Ctx, roles: readonly Role[], scope: string): void {
	const { actor } = ctx;
	if (actor.type === 'system') return;
	if (actor.type === 'anonymous') throw new UnauthenticatedError();
	if (actor.type === 'user') {
		if (roles.includes(actor.role)) return;
		throw new ForbiddenError();
	}
	if (actor.scopes.includes(scope)) return;
	throw new ForbiddenError(msg('this_token_lacks_scope', { scope }));
}

export async function inTransaction<T>(ctx: Ctx, work: (ctx: Ctx) => Promise<T>): Promise<T> {
	return ctx.db.transaction(async (tx) => work({ ...ctx, db: tx }));
}
