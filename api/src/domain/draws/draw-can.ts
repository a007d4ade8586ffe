import type { Role } from '../accounts/roles.ts';
import type { Actor } from '../context.ts';

/** The hub runs draws; marketing may too (DESIGN.md "Draws"). */
export const DRAW_RUNNERS = ['hub', 'marketing'] as const satisfies readonly Role[];

export type DrawStatus = 'prepared' | 'drawn' | 'cancelled';

/** What this actor may do next with a draw, from the verbs' own rules (role list, status). */
export interface DrawCan {
	/** drawWinners: reveal the seed and pick, once. */
	draw: boolean;
	/** cancelDraw: call a prepared draw off (a new draw needs a new commitment). */
	cancel: boolean;
}

export function drawCan(actor: Actor, status: DrawStatus): DrawCan {
	const runner =
		actor.type === 'system' ||
		(actor.type === 'user' && (DRAW_RUNNERS as readonly Role[]).includes(actor.role));
	return { draw: runner && status === 'prepared', cancel: runner && status === 'prepared' };
}
