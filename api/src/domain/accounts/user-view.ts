import type { users } from '../../../../db/schema/index.ts';

export type UserRow = typeof users.$inferSelect;

/** What leaves the domain about a user: never the password hash. */
export function toUserView(user: UserRow) {
	return {
		id: user.id,
		email: user.email,
		name: user.name,
		role: user.role,
		active: user.active,
		locale: user.locale,
		digest: user.digest,
		createdAt: user.createdAt.toISOString(),
		lastLoginAt: user.lastLoginAt?.toISOString() ?? null
	};
}
export type UserView = ReturnType<typeof toUserView>;
