import { roles } from '../../../../db/schema/accounts.ts';

export { roles };
export type Role = (typeof roles)[number];
export const staffRoles: Role[] = ['hub', 'marketing', 'admin'];

/** Scopes an API token can carry; the route table says which scope each token-usable route needs. */
export const tokenScopes = [
  'customers:read',
  'customers:write',
  'nominations:write',
  'reactions:write',
  'reactions:read',
] as const;
export type TokenScope = (typeof tokenScopes)[number];
