import {
	campaignKinds,
	campaignStatuses,
	giftKinds,
	outboxStatuses,
	type CampaignKind,
	type CampaignStatus,
	type GiftKind,
	type OutboxStatus
} from '#api/client';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';

/**
 * Words for the campaign, gift and outbox enums (which come from #api/client), and money and
 * calendar-date formatting.
 */
export {
	campaignKinds,
	campaignStatuses,
	giftKinds,
	outboxStatuses,
	type CampaignKind,
	type CampaignStatus,
	type GiftKind,
	type OutboxStatus
};

const statusLabels: Record<CampaignStatus, () => string> = {
	draft: m.campaigns_status_draft,
	submitted: m.campaigns_status_submitted,
	approved: m.campaigns_status_approved,
	rejected: m.campaigns_status_rejected,
	changes_requested: m.campaigns_status_changes_requested,
	active: m.campaigns_status_active,
	closed: m.campaigns_status_closed
};
const kindLabels: Record<CampaignKind, () => string> = {
	always_on: m.campaigns_kind_always_on,
	day: m.campaigns_kind_day,
	contest: m.campaigns_kind_contest,
	theme: m.campaigns_kind_theme
};
const decisionLabels: Record<string, () => string> = {
	approved: m.campaigns_decision_approved,
	rejected: m.campaigns_decision_rejected,
	changes_requested: m.campaigns_decision_changes_requested
};
const outboxLabels: Record<OutboxStatus, () => string> = {
	queued: m.campaigns_outbox_status_queued,
	sending: m.campaigns_outbox_status_sending,
	sent: m.campaigns_outbox_status_sent,
	failed: m.campaigns_outbox_status_failed,
	outbox: m.campaigns_outbox_status_outbox
};

const known = <K extends string>(table: Record<K, () => string>, key: string): string =>
	key in table ? table[key as K]() : key;

export const campaignStatusLabel = (status: string) => known(statusLabels, status);
export const campaignKindLabel = (kind: string) => known(kindLabels, kind);
/** The kind's word is the API catalogue's `gift_kind_<kind>`, read by its key: a new kind needs no entry here. */
export const giftKindLabel = (kind: string) =>
	(m as unknown as Record<string, (() => string) | undefined>)[`gift_kind_${kind}`]?.() ?? kind;
export const decisionLabel = (decision: string) => known(decisionLabels, decision);
export const outboxStatusLabel = (status: string) => known(outboxLabels, status);

export const isCampaignStatus = (v: unknown): v is CampaignStatus =>
	campaignStatuses.includes(v as CampaignStatus);
export const isCampaignKind = (v: unknown): v is CampaignKind =>
	campaignKinds.includes(v as CampaignKind);
export const isGiftKind = (v: unknown): v is GiftKind => giftKinds.includes(v as GiftKind);
export const isOutboxStatus = (v: unknown): v is OutboxStatus =>
	outboxStatuses.includes(v as OutboxStatus);

/** Badge tone per campaign status (app.css badge modifiers). */
export function campaignStatusTone(status: string): 'ok' | 'warn' | 'off' | 'info' {
	if (status === 'approved' || status === 'active') return 'ok';
	if (status === 'rejected' || status === 'changes_requested') return 'warn';
	if (status === 'closed' || status === 'draft') return 'off';
	return 'info';
}

/** Integer cents as euros in the reader's language: € 1.250,00 / €1,250.00. */
export function formatEuros(cents: number): string {
	return new Intl.NumberFormat(getLocale(), { style: 'currency', currency: 'EUR' }).format(
		cents / 100
	);
}

/** Cents as what a person types back into a euro field: 1250,50 (nl) or 1250.50 (en); whole euros without decimals. */
export function centsToInput(cents: number | null | undefined): string {
	if (cents === null || cents === undefined) return '';
	const whole = Math.trunc(cents / 100);
	const rest = Math.abs(cents % 100);
	if (rest === 0) return String(whole);
	return `${whole}${getLocale() === 'nl' ? ',' : '.'}${String(rest).padStart(2, '0')}`;
}

/**
 * A euro amount as typed (1250 · 1250,50 · 1.250,50 · 1,250.50 · € 12.5) to integer cents, or null
 * when it is not an amount. The last `,` or `.` followed by one or two digits is the decimal
 * separator; every other `,` `.` or space groups thousands.
 */
export function parseEuros(value: string): number | null {
	const text = value.replace(/[\s\u00a0€]/g, '').replace(/^eur/i, '');
	if (!/^\d[\d.,]*$/.test(text)) return null;
	const decimal = /[.,](\d{1,2})$/.exec(text);
	const wholePart = decimal ? text.slice(0, decimal.index) : text;
	if (wholePart && !/^\d{1,3}([.,]\d{3})*$|^\d+$/.test(wholePart)) return null;
	const euros = Number(wholePart.replace(/[.,]/g, '') || '0');
	const cents = decimal ? Number(decimal[1]!.padEnd(2, '0')) : 0;
	const total = euros * 100 + cents;
	return Number.isSafeInteger(total) ? total : null;
}

/** A calendar date (YYYY-MM-DD, already in Europe/Amsterdam) in the reader's language, without shifting a day. */
export function formatCalendarDate(value: string | null | undefined): string {
	if (!value) return '';
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!match) return value;
	const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
	return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(
		date
	);
}

/** `"Lotte van Dijk" <lotte@example.nl>` → its name and address, for showing them apart. */
export function splitRecipient(to: string): { name: string; address: string } {
	const match = /^\s*(?:"((?:[^"\\]|\\.)*)"|([^<]*?))\s*<([^>]+)>\s*$/.exec(to);
	if (!match) return { name: '', address: to };
	return { name: (match[1] ?? match[2] ?? '').replace(/\\(.)/g, '$1').trim(), address: match[3]! };
}
