import { CLAIM_LINK_CREATORS } from '../claims/access.ts';
import type { Role } from '../accounts/roles.ts';
import type { Actor } from '../context.ts';

/** The hub runs draws; marketing may too. */
export const DRAW_RUNNERS = ['hub', 'marketing'] as const satisfies readonly Role[];
/** Planning surprises is the hub's (planSurprise's own rule). */
export const SURPRISE_PLANNERS = ['hub'] as const satisfies readonly Role[];

export type DrawStatus = 'prepared' | 'drawn' | 'cancelled';

/** What this actor may do next with a draw, from the verbs' own rules (role list, status). */
export interface DrawCan {
	/** drawWinners: reveal the seed and pick, once. */
	draw: boolean;
	/** cancelDraw: call a prepared draw off (a new draw needs a new commitment). */
	cancel: boolean;
	/** promoteReserve: a drawn draw with a reserve left. */
	promote: boolean;
	/** makeWinnerSurprises: a drawn draw with a winner who has no surprise yet. */
	makeSurprises: boolean;
	/** createWinnerClaimLinks: a drawn draw with a winner's surprise. */
	createClaimLinks: boolean;
}

/** The facts of a draw the flags depend on besides its status. */
export interface DrawFacts {
	reservesLeft: number;
	winnersWithoutSurprise: number;
	winnersWithSurprise: number;
}

const hasRole = (actor: Actor, roles: readonly Role[]) =>
	actor.type === 'system' || (actor.type === 'user' && roles.includes(actor.role));

export function drawCan(
	actor: Actor,
	status: DrawStatus,
	facts: DrawFacts = { reservesLeft: 0, winnersWithoutSurprise: 0, winnersWithSurprise: 0 }
): DrawCan {
	const runner = hasRole(actor, DRAW_RUNNERS);
	const drawn = status === 'drawn';
	return {
		draw: runner && status === 'prepared',
		cancel: runner && status === 'prepared',
		promote: runner && drawn && facts.reservesLeft > 0,
		makeSurprises: hasRole(actor, SURPRISE_PLANNERS) && drawn && facts.winnersWithoutSurprise > 0,
		// The claims verb refuses the system actor too: it needs a person who sends the link.
		createClaimLinks:
			actor.type === 'user' &&
			hasRole(actor, CLAIM_LINK_CREATORS) &&
			drawn &&
			facts.winnersWithSurprise > 0
	};
}
