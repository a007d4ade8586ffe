/**
 * The database's enum values as plain arrays, with no dependency: the schema builds its pgEnums from
 * them, the domain reads them, and the web receives them through api/src/client.ts without pulling
 * drizzle into the browser bundle.
 */
export const roles = ['hub', 'marketing', 'admin'] as const;
/**
 * The channels, their names and the sites they live on (the first host is the canonical one): the
 * one home of the channel set. Handles, post links, reactions, CSV columns and labels follow from
 * it; a new channel is one line here, its handle rule (customers/handles.ts), its link reader
 * (customers/recognise-url.ts) and its `channel_<id>` text, which the compiler and a test ask for.
 */
export const channelSites = {
	x: { label: 'X', hosts: ['x.com', 'twitter.com'] },
	facebook: { label: 'Facebook', hosts: ['facebook.com', 'fb.com'] },
	instagram: { label: 'Instagram', hosts: ['instagram.com'] },
	linkedin: { label: 'LinkedIn', hosts: ['linkedin.com'] },
	tiktok: { label: 'TikTok', hosts: ['tiktok.com'] },
	youtube: { label: 'YouTube', hosts: ['youtube.com', 'youtu.be'] },
	whatsapp: { label: 'WhatsApp', hosts: ['wa.me', 'whatsapp.com'] },
	email: { label: 'email', hosts: [] }
} as const satisfies Record<string, { label: string; hosts: readonly string[] }>;
export const channels = Object.keys(channelSites) as [
	keyof typeof channelSites,
	...(keyof typeof channelSites)[]
];
export const tiers = ['none', 'fan', 'supporter', 'advocate', 'ambassador'] as const;
/**
 * How each kind of gift reaches the customer: by post (address, print, ship, postage), by a
 * partner (address and shipping, no postage), or by email (no address at all). A new kind is one
 * line here plus its `gift_kind_<kind>` text.
 */
export const giftDelivery = {
	item: 'post',
	voucher: 'post',
	card: 'post',
	experience: 'partner',
	digital: 'email'
} as const satisfies Record<string, 'post' | 'partner' | 'email'>;
/**
 * Where a gift's voucher code (and PIN) reaches the customer, once: printed on the card, shown on
 * the claim page after the claim, or in the e-voucher email (digital gifts). See gifts/code-channel.ts.
 */
export const codeChannels = ['card', 'claim_page', 'email'] as const;
export const giftKinds = Object.keys(giftDelivery) as [
	keyof typeof giftDelivery,
	...(keyof typeof giftDelivery)[]
];
export const campaignKinds = ['always_on', 'day', 'contest', 'theme'] as const;
export const campaignStatuses = [
	'draft',
	'submitted',
	'approved',
	'rejected',
	'changes_requested',
	'active',
	'closed'
] as const;
export const reasonCategories = [
	'service_recovery',
	'loyalty',
	'milestone',
	'great_conversation',
	'contest_entry',
	'other'
] as const;
export const nominationStatuses = ['open', 'accepted', 'declined', 'expired'] as const;
export const surpriseStatuses = [
	'planned',
	'approved',
	'awaiting_address',
	'ready',
	'printed',
	'shipped',
	'delivered',
	'sent',
	'cancelled'
] as const;
export const sentiments = ['positive', 'neutral', 'negative'] as const;
export const reactionKinds = ['post', 'review', 'photo_video', 'comment', 'share'] as const;
