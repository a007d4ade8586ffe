import type { Role } from '../accounts/roles.ts';
import type { Actor } from '../context.ts';

/** The hub turns a nomination into a surprise; hub and marketing may decline one. */
export const NOMINATION_ACCEPTERS = ['hub'] as const satisfies readonly Role[];
export const NOMINATION_DECLINERS = ['hub', 'marketing'] as const satisfies readonly Role[];

/** What this actor may do next with a nomination, by the rules acceptNomination and declineNomination enforce. */
export function nominationCan(
	actor: Actor,
	nomination: { status: string }
): { accept: boolean; decline: boolean } {
	const role = actor.type === 'user' ? actor.role : null;
	const open = nomination.status === 'open';
	return {
		accept: open && role !== null && (NOMINATION_ACCEPTERS as readonly Role[]).includes(role),
		decline: open && role !== null && (NOMINATION_DECLINERS as readonly Role[]).includes(role)
	};
}
