/**
 * The API's one face for the web (and any other TypeScript client): the typed Hono client, the
 * cookie and header names, the enums and the view types. Everything here is either a plain value
 * with no dependency (safe in the browser bundle) or a type (erased), so pages import it freely;
 * web code never imports db/ or api/src/domain/ itself (eslint.config.js keeps it so).
 */
import { hc, type ClientRequestOptions } from 'hono/client';
import type { Api } from './app.ts';

export type { Api };

/** A typed client of the API at `baseUrl` (pass `fetch` to call the app in-process). */
export function createApiClient(baseUrl: string, options?: ClientRequestOptions) {
	return hc<Api>(baseUrl, options);
}
export type ApiClient = ReturnType<typeof createApiClient>;

// Cookie and header names, and the limits a client meets.
export {
	BODY_LIMITS,
	CLIENT_IP_HEADER,
	IDEMPOTENCY_KEY_HEADER,
	LOCALE_HEADER,
	METRICS_PATH,
	SESSION_COOKIE,
	RETRY_AFTER_SECONDS
} from './http/names.ts';

/** How long a person's name may be (customer, claim-page recipient). */
export { MAX_NAME_CHARS } from './domain/customers/name-limit.ts';
/** Claim tokens out of logged paths. */
export { redactPath } from './http/redact.ts';
/** The client address the API sees, behind trusted proxies too (the servers stamp it on each request). */
export { stampClientAddress } from './http/client-address.ts';

// Enums: the database's and the domain's own, one home each.
export {
	campaignKinds,
	campaignStatuses,
	channels,
	giftKinds,
	nominationStatuses,
	reactionKinds,
	reasonCategories as reasons,
	roles,
	sentiments,
	surpriseStatuses,
	tiers
} from '../../db/schema/enums.ts';
export {
	leaderboardTiers,
	leaderboardViews,
	outboxStatuses,
	postageMethods,
	tokenScopes
} from './domain/vocabulary.ts';
// The carriers a parcel may go with, and the shipments CSV's formats (files with no dependencies).
export { carrierKeys, carriers } from './domain/shipping/carriers.ts';
export { shipmentFormats } from './domain/shipping/shipment-formats.ts';
// What a surprise's status means, as the state machine names it (a file with no dependencies).
export {
	manualTargets,
	shipmentStatuses,
	isIn as isStatusIn
} from './domain/surprises/status-sets.ts';

import type {
	campaignKinds,
	campaignStatuses,
	channels,
	giftKinds,
	nominationStatuses,
	reactionKinds,
	reasonCategories,
	roles,
	sentiments,
	surpriseStatuses,
	tiers
} from '../../db/schema/enums.ts';
import type {
	leaderboardTiers,
	leaderboardViews,
	outboxStatuses,
	postageMethods,
	tokenScopes
} from './domain/vocabulary.ts';

export type CampaignKind = (typeof campaignKinds)[number];
export type CampaignStatus = (typeof campaignStatuses)[number];
export type Channel = (typeof channels)[number];
export type GiftKind = (typeof giftKinds)[number];
export type NominationStatus = (typeof nominationStatuses)[number];
export type ReactionKind = (typeof reactionKinds)[number];
export type Reason = (typeof reasonCategories)[number];
export type Role = (typeof roles)[number];
export type Sentiment = (typeof sentiments)[number];
export type SurpriseStatus = (typeof surpriseStatuses)[number];
export type Tier = (typeof tiers)[number];
export type LeaderboardTier = (typeof leaderboardTiers)[number];
export type LeaderboardView = (typeof leaderboardViews)[number];
export type OutboxStatus = (typeof outboxStatuses)[number];
export type PostageMethod = (typeof postageMethods)[number];
export type TokenScope = (typeof tokenScopes)[number];
export type { Carrier } from './domain/shipping/carriers.ts';

// What the API returns, as the domain's views name it (types only: nothing of the domain runs in a page).
export type { StaffCan } from './domain/accounts/staff-can.ts';
export type { UserView } from './domain/accounts/user-view.ts';
export type { BrandView } from './domain/brand/brand.ts';
export type { CampaignView } from './domain/campaigns/campaign-view.ts';
export type { CustomerView } from './domain/customers/customer-view.ts';
export type { Dashboard } from './domain/dashboard/get-dashboard.ts';
export type { GiftView, VariantView } from './domain/gifts/gift-view.ts';
export type { NominationView } from './domain/nominations/nomination-view.ts';
export type { PrintJobView } from './domain/printing/print-job-view.ts';
export type { ShipView } from './domain/printing/ship-view.ts';
export type { ReactionView, SentimentBasis } from './domain/reactions/reaction-view.ts';
export type { ReactionsDashboard } from './domain/reactions/reactions-dashboard.ts';
export type { CustomerScoreView } from './domain/scores/get-customer-score.ts';
export type { AmbassadorItem } from './domain/scores/list-ambassadors.ts';
export type {
	RecipientView,
	SurpriseKind,
	SurpriseView
} from './domain/surprises/surprise-view.ts';
