import { roles } from '../../../../db/schema/accounts.ts';
import { tokenScopes } from '../vocabulary.ts';

export { roles, tokenScopes };
export type Role = (typeof roles)[number];
export const staffRoles: Role[] = ['hub', 'marketing', 'admin'];

export type TokenScope = (typeof tokenScopes)[number];
