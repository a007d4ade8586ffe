import { roles } from '../../../../db/schema/accounts.ts';
import { tokenScopes } from '../vocabulary.ts';

export { roles, tokenScopes };
export type Role = (typeof roles)[number];
export const staffRoles: Role[] = ['hub', 'marketing', 'admin'];
/** Who keeps the accounts, tokens, settings, privacy requests, the outbox's retries and the score rebuild. */
export const ADMINS = ['admin'] as const satisfies readonly Role[];

export type TokenScope = (typeof tokenScopes)[number];
