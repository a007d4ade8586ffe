/**
 * The domain's own enums (values no database enum holds) as plain arrays, with no dependency, so
 * api/src/client.ts can hand them to the browser. The modules that use them re-export them.
 */
export const postageMethods = ['stamp', 'postzegelcode', 'franking'] as const;
export const outboxStatuses = ['queued', 'sending', 'sent', 'failed', 'outbox'] as const;
/** Scopes an API token can carry; the route table says which scope each token-usable route needs. */
export const tokenScopes = [
	'customers:read',
	'customers:write',
	'nominations:write',
	'reactions:write',
	'reactions:read'
] as const;
export const leaderboardTiers = ['fan', 'supporter', 'advocate', 'ambassador'] as const;
export const leaderboardViews = ['emerging', 'slipping'] as const;
