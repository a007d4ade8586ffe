/**
 * Type-level checks that the UI's copies of the API enums (web/src/lib/labels.ts) match the schema.
 * Nothing here runs; `npm run check` fails when they drift apart.
 */
import type { channels as dbChannels, tiers as dbTiers } from '../../../../db/schema/customers.ts';
import type { roles as dbRoles } from '../../../../db/schema/accounts.ts';
import type { channels, roles, tiers } from '../labels.ts';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

export type ContractChecks = [
  Assert<Same<(typeof channels)[number], (typeof dbChannels)[number]>>,
  Assert<Same<(typeof tiers)[number], (typeof dbTiers)[number]>>,
  Assert<Same<(typeof roles)[number], (typeof dbRoles)[number]>>,
];
