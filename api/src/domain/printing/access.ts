import type { Role } from '../accounts/roles.ts';

/** Who prints and ships: the hub, and admins. */
export const PRINTERS = ['hub', 'admin'] as const satisfies readonly Role[];
