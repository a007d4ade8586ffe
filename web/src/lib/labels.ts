import { channels, roles, tiers, type Channel, type Role, type Tier } from '#api/client';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';

/** The API's enums come from #api/client; this file gives them words. */
export { channels, roles, tiers, type Channel, type Role, type Tier };

const channelLabels: Record<Channel, () => string> = {
	x: m.channel_x,
	facebook: m.channel_facebook,
	instagram: m.channel_instagram,
	linkedin: m.channel_linkedin,
	tiktok: m.channel_tiktok,
	youtube: m.channel_youtube,
	whatsapp: m.channel_whatsapp,
	email: m.channel_email
};
const tierLabels: Record<Tier, () => string> = {
	none: m.tier_none,
	fan: m.tier_fan,
	supporter: m.tier_supporter,
	advocate: m.tier_advocate,
	ambassador: m.tier_ambassador
};
const roleLabels: Record<Role, () => string> = {
	hub: m.role_hub,
	marketing: m.role_marketing,
	admin: m.role_admin
};
const localeLabels: Record<string, () => string> = { nl: m.language_nl, en: m.language_en };

const known = <K extends string>(table: Record<K, () => string>, key: string): string =>
	key in table ? table[key as K]() : key;

export const channelLabel = (channel: string) => known(channelLabels, channel);
export const tierLabel = (tier: string) => known(tierLabels, tier);
export const roleLabel = (role: string) => known(roleLabels, role);
export const localeLabel = (locale: string) => known(localeLabels, locale);

export const isChannel = (value: unknown): value is Channel => channels.includes(value as Channel);
export const isTier = (value: unknown): value is Tier => tiers.includes(value as Tier);
export const isRole = (value: unknown): value is Role => roles.includes(value as Role);

/** Timeline entries: the kinds and statuses we know get words; anything newer shows as sent. */
const timelineKinds: Record<string, () => string> = {
	nomination: m.timeline_kind_nomination,
	surprise: m.timeline_kind_surprise,
	reaction: m.timeline_kind_reaction
};
const statuses: Record<string, () => string> = {
	open: m.status_open,
	accepted: m.status_accepted,
	declined: m.status_declined,
	expired: m.status_expired,
	planned: m.status_planned,
	approved: m.status_approved,
	awaiting_address: m.status_awaiting_address,
	ready: m.status_ready,
	printed: m.status_printed,
	shipped: m.status_shipped,
	delivered: m.status_delivered,
	sent: m.status_sent,
	cancelled: m.status_cancelled,
	positive: m.sentiment_positive,
	neutral: m.sentiment_neutral,
	negative: m.sentiment_negative
};
export const timelineKindLabel = (kind: string) => known(timelineKinds, kind);
export const statusLabel = (status: string) => known(statuses, status);

/** Numbers and dates in the reader's language; dates in the hub's time zone. */
export const formatNumber = (value: number) => new Intl.NumberFormat(getLocale()).format(value);
export function formatDateTime(value: string | null | undefined): string {
	if (!value) return '';
	const date = new Date(value);
	if (Number.isNaN(date.getTime())) return value;
	return new Intl.DateTimeFormat(getLocale(), {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: 'Europe/Amsterdam'
	}).format(date);
}
export function formatDate(value: string | null | undefined): string {
	if (!value) return '';
	const date = new Date(value);
	if (Number.isNaN(date.getTime())) return value;
	return new Intl.DateTimeFormat(getLocale(), {
		dateStyle: 'medium',
		timeZone: 'Europe/Amsterdam'
	}).format(date);
}
