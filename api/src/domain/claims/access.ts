import type { Role } from '../accounts/roles.ts';

/** Who may send a customer a claim link: the hub (and admins). */
export const CLAIM_LINK_CREATORS = ['hub', 'admin'] as const satisfies readonly Role[];
