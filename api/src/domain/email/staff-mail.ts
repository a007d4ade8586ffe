/** Shared by the staff notifications: who gets them, what a surprise or campaign is called, links. */
import { and, asc, eq, inArray } from 'drizzle-orm';
import {
	campaigns,
	customers,
	gifts,
	surpriseItems,
	surprises,
	users
} from '../../../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { UnauthenticatedError } from '../errors.ts';
import { formatCalendarDate, formatEuro, firstName } from './format.ts';
import type { EmailLocale } from './templates.ts';

/** Where links in emails point when no PUBLIC_ORIGIN or request origin is given. */
export const DEFAULT_ORIGIN = 'http://localhost:3000';

export function appUrl(origin: string | undefined, path: string): string {
	return `${(origin ?? DEFAULT_ORIGIN).replace(/\/+$/, '')}${path}`;
}

/** Notifications are side effects of staff or system actions, never of anonymous callers. */
export function requireInternalCaller(ctx: Ctx): void {
	if (ctx.actor.type === 'anonymous') throw new UnauthenticatedError();
}

export interface StaffRecipient {
	id: string;
	name: string;
	email: string;
	locale: EmailLocale;
	digest: boolean;
}

export async function activeUsers(
	ctx: Ctx,
	role: 'marketing' | 'hub' | 'admin'
): Promise<StaffRecipient[]> {
	const rows = await ctx.db
		.select({
			id: users.id,
			name: users.name,
			email: users.email,
			locale: users.locale,
			digest: users.digest
		})
		.from(users)
		.where(and(eq(users.role, role), eq(users.active, true)))
		.orderBy(asc(users.email));
	return rows.map((r) => ({ ...r, locale: r.locale === 'en' ? 'en' : 'nl' }));
}

export async function userById(ctx: Ctx, id: string): Promise<StaffRecipient | null> {
	const [r] = await ctx.db
		.select({
			id: users.id,
			name: users.name,
			email: users.email,
			locale: users.locale,
			digest: users.digest,
			active: users.active
		})
		.from(users)
		.where(eq(users.id, id));
	return r && r.active
		? {
				id: r.id,
				name: r.name,
				email: r.email,
				locale: r.locale === 'en' ? 'en' : 'nl',
				digest: r.digest
			}
		: null;
}

export function actorName(ctx: Ctx): string {
	return ctx.actor.type === 'user'
		? ctx.actor.name
		: ctx.actor.type === 'token'
			? ctx.actor.name
			: 'Hoppatee';
}

export interface SurpriseSummary {
	id: string;
	reference: string;
	customerName: string;
	campaignName: string;
	costCents: number;
	createdBy: string | null;
	createdByName: string | null;
	gifts: string[];
}

export async function surpriseSummaries(ctx: Ctx, ids: string[]): Promise<SurpriseSummary[]> {
	if (ids.length === 0) return [];
	const rows = await ctx.db
		.select({
			id: surprises.id,
			reference: surprises.reference,
			customerName: customers.name,
			campaignName: campaigns.name,
			costCents: surprises.costCents,
			postageCents: surprises.postageCents,
			createdBy: surprises.createdBy,
			createdByName: users.name
		})
		.from(surprises)
		.innerJoin(customers, eq(customers.id, surprises.customerId))
		.innerJoin(campaigns, eq(campaigns.id, surprises.campaignId))
		.leftJoin(users, eq(users.id, surprises.createdBy))
		.where(inArray(surprises.id, ids))
		.orderBy(asc(surprises.createdAt), asc(surprises.reference));
	const items = await ctx.db
		.select({
			surpriseId: surpriseItems.surpriseId,
			name: gifts.name,
			quantity: surpriseItems.quantity
		})
		.from(surpriseItems)
		.innerJoin(gifts, eq(gifts.id, surpriseItems.giftId))
		.where(inArray(surpriseItems.surpriseId, ids))
		.orderBy(asc(gifts.name));
	return rows.map((r) => ({
		id: r.id,
		reference: r.reference,
		customerName: r.customerName,
		campaignName: r.campaignName,
		// The cost approvers decide on is what the budget would reserve: items plus postage.
		costCents: r.costCents + r.postageCents,
		createdBy: r.createdBy,
		createdByName: r.createdByName,
		gifts: items
			.filter((i) => i.surpriseId === r.id)
			.map((i) => (i.quantity > 1 ? `${i.quantity}× ${i.name}` : i.name))
	}));
}

export interface CampaignSummary {
	id: string;
	name: string;
	startsOn: string;
	endsOn: string;
	budgetCents: number;
	createdBy: string | null;
	createdByName: string | null;
}

export async function campaignSummaries(ctx: Ctx, ids: string[]): Promise<CampaignSummary[]> {
	if (ids.length === 0) return [];
	return ctx.db
		.select({
			id: campaigns.id,
			name: campaigns.name,
			startsOn: campaigns.startsOn,
			endsOn: campaigns.endsOn,
			budgetCents: campaigns.budgetCents,
			createdBy: campaigns.createdBy,
			createdByName: users.name
		})
		.from(campaigns)
		.leftJoin(users, eq(users.id, campaigns.createdBy))
		.where(inArray(campaigns.id, ids))
		.orderBy(asc(campaigns.startsOn), asc(campaigns.name));
}

export function surpriseTitle(s: SurpriseSummary, locale: EmailLocale): string {
	return locale === 'nl'
		? `${s.reference} voor ${s.customerName}`
		: `${s.reference} for ${s.customerName}`;
}

export function surpriseFields(s: SurpriseSummary, locale: EmailLocale, origin?: string) {
	return {
		reference: s.reference,
		customerName: s.customerName,
		campaignName: s.campaignName,
		cost: formatEuro(s.costCents, locale),
		gifts: s.gifts.join(', ') || '–',
		requestedBy: s.createdByName ? firstName(s.createdByName) : 'Hoppatee',
		url: appUrl(origin, `/surprises/${s.id}`)
	};
}

export function campaignFields(c: CampaignSummary, locale: EmailLocale, origin?: string) {
	return {
		name: c.name,
		period: `${formatCalendarDate(c.startsOn, locale)} – ${formatCalendarDate(c.endsOn, locale)}`,
		budget: formatEuro(c.budgetCents, locale),
		requestedBy: c.createdByName ? firstName(c.createdByName) : 'Hoppatee',
		url: appUrl(origin, `/campaigns/${c.id}`)
	};
}
