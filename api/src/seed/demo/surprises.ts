import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type {
	addresses,
	claimLinks,
	surpriseEvents,
	surpriseItems,
	surprises,
	surpriseStatuses
} from '../../../../db/schema/index.ts';
import type { Campaigns, CampaignKey, Catalogue, Staff } from './catalogue.ts';
import type { AddressSpec, CustomerSpec } from './people.ts';
import type { Rng } from './random.ts';
import type { GiftKey, Occasion } from './texts.ts';
import {
	addressedStatuses,
	giftedStatuses,
	spentStatuses
} from '../../domain/surprises/state-machine.ts';
import type { Message } from '../../messages/index.ts';
import { addWorkingDays, amsterdamDate, DAY, HOUR, nextOfficeMoment } from './time.ts';

export type Status = (typeof surpriseStatuses)[number];

export interface ItemDraft {
	gift: GiftKey;
	quantity: number;
	/** Sock size the hub (or later the customer, on the claim page) picked. */
	size?: 'small' | 'large';
}

export interface StepDraft {
	to: Status;
	at: number;
	actor: string | null;
	/** A person's note as typed, or a note the system writes (stored as its code). */
	note: string | Message;
}

export interface ClaimDraft {
	createdAt: number;
	expiresAt: number;
	usedAt: number | null;
	emailed: boolean;
	reminderAt: number | null;
}

export interface SurpriseDraft {
	id: string;
	campaign: CampaignKey;
	customer: CustomerSpec;
	occasion: Occasion;
	items: ItemDraft[];
	steps: StepDraft[];
	claim: ClaimDraft | null;
	/** The address was known before the surprise (no claim link needed). */
	knownAddress: boolean;
	createdBy: string;
	cardMessage: string;
	internalNote: string;
	nominationId: string | null;
}

export const POSTAGE = {
	stamp: 128,
	stampAbroad: 185,
	franking: 450,
	frankingAbroad: 895
} as const;

export function postageFor(
	items: ItemDraft[],
	country: AddressSpec['country']
): { postage: string; cents: number } {
	const kinds = new Set(items.map((i) => i.gift));
	if (kinds.size === 1 && (kinds.has('ecard') || kinds.has('breakfast')))
		return { postage: 'none', cents: 0 };
	if (kinds.has('breakfast')) return { postage: 'none', cents: 0 };
	const abroad = country !== 'NL';
	if (kinds.has('socks'))
		return { postage: 'franking', cents: abroad ? POSTAGE.frankingAbroad : POSTAGE.franking };
	return { postage: 'stamp', cents: abroad ? POSTAGE.stampAbroad : POSTAGE.stamp };
}

export function itemsCost(items: ItemDraft[], catalogue: Catalogue): number {
	return items.reduce((sum, i) => sum + catalogue.gifts[i.gift].unitCostCents * i.quantity, 0);
}

/** Builds a path step by step; gaps are in hours. */
export class Path {
	readonly steps: StepDraft[] = [];
	private t: number;
	constructor(start: number) {
		this.t = start;
	}
	get last(): number {
		return this.t;
	}
	/** People act in office hours; the system (auto-approval, claim page, carrier) any time. */
	step(to: Status, gapHours: number, actor: string | null, note: string | Message): this {
		this.t += gapHours * HOUR;
		if (actor !== null && this.steps.length > 0) this.t = nextOfficeMoment(this.t);
		this.steps.push({ to, at: this.t, actor, note });
		return this;
	}
	/** A step at a fixed moment (e.g. Easter morning), but never before the previous one. */
	stepAt(to: Status, at: number, actor: string | null, note: string | Message): this {
		return this.step(to, Math.max(0.5, (at - this.t) / HOUR), actor, note);
	}
	/** Squeezes the whole path so it ends before `latest` (for recent surprises that must be in a given state now). */
	fitBefore(latest: number): this {
		const first = this.steps[0]!.at;
		const end = this.t;
		if (end <= latest) return this;
		const scale = (latest - first) / (end - first);
		for (const s of this.steps) s.at = first + (s.at - first) * scale;
		this.t = latest;
		return this;
	}
}

export function newClaim(
	rng: Rng,
	createdAt: number,
	usedAt: number | null,
	customer: CustomerSpec
): ClaimDraft {
	const emailed = customer.email !== null && rng.chance(0.6);
	return { createdAt, expiresAt: createdAt + 14 * DAY, usedAt, emailed, reminderAt: null };
}

type SurpriseRow = typeof surprises.$inferInsert;
type ItemRow = typeof surpriseItems.$inferInsert;
type EventRow = typeof surpriseEvents.$inferInsert;
type ClaimRow = typeof claimLinks.$inferInsert;
type AddressRow = typeof addresses.$inferInsert & { id: string; customerId: string };

export interface Finalised {
	surprises: SurpriseRow[];
	items: ItemRow[];
	events: EventRow[];
	claims: ClaimRow[];
	addresses: AddressRow[];
	/** Per campaign: reserved and spent, in cents. */
	money: Map<CampaignKey, { reserved: number; spent: number; count: number }>;
	used: { small: number; large: number; codes: number };
	/** Surprise id → the moment it reached the customer (delivered or sent), for the reaction builder. */
	arrivals: { draft: SurpriseDraft; at: number; status: Status }[];
	/** Customer id → earliest moment they appear in a surprise. */
	firstSeen: Map<string, number>;
}

/** The state machine's sets, by meaning: gifted statuses took stock and a voucher code (kept once shipped; released by a cancel). */
const GIFTED: ReadonlySet<Status> = new Set(giftedStatuses);
const ADDRESSED: ReadonlySet<Status> = new Set(addressedStatuses);
/** Gone out of the door: the reservation became spending. */
const SPENT: ReadonlySet<Status> = new Set(spentStatuses);

/**
 * Turns drafts into rows as of `now`: steps in the future are cut (the surprise is in the state it
 * would be in today), stock and voucher codes go to surprises that hold them, money is added up per
 * campaign, and addresses delivered more than `retentionDays` ago are anonymised.
 */
export function finalise(input: {
	drafts: SurpriseDraft[];
	now: number;
	catalogue: Catalogue;
	campaigns: Campaigns;
	staff: Staff;
	firstReference: number;
	retentionDays: number;
	serviceLevelDays: number;
}): Finalised {
	const { now, catalogue, campaigns } = input;
	const out: Finalised = {
		surprises: [],
		items: [],
		events: [],
		claims: [],
		addresses: [],
		money: new Map(),
		used: { small: 0, large: 0, codes: 0 },
		arrivals: [],
		firstSeen: new Map()
	};
	const knownAddress = new Map<string, AddressRow>();
	const addressUses = new Map<string, { delivered: number | null; open: boolean }>();
	const live = input.drafts
		.map((d) => ({ draft: d, steps: d.steps.filter((s) => s.at <= now) }))
		.filter((x) => x.steps.length > 0)
		.sort((a, b) => a.steps[0]!.at - b.steps[0]!.at);

	let reference = input.firstReference;
	for (const { draft, steps } of live) {
		const status = steps[steps.length - 1]!.to;
		const at = (to: Status) => steps.find((s) => s.to === to);
		const created = steps[0]!.at;
		const approved = at('approved');
		const id = draft.id;
		const country = draft.customer.home.country;
		const { postage, cents: postageCents } = postageFor(draft.items, country);
		const cost = itemsCost(draft.items, catalogue);
		const campaignId = campaigns.rows[draft.campaign].id;

		// Address: known ones are one row per customer; a claim creates a fresh row when it is used.
		let addressId: string | null = null;
		const claimUsedAt =
			draft.claim?.usedAt != null && draft.claim.usedAt <= now ? draft.claim.usedAt : null;
		if (ADDRESSED.has(status) || (draft.knownAddress && status !== 'cancelled')) {
			if (draft.knownAddress) {
				let row = knownAddress.get(draft.customer.id);
				if (!row) {
					row = {
						id: randomUUID(),
						customerId: draft.customer.id,
						...draft.customer.home,
						createdAt: new Date(created - 30 * DAY)
					};
					knownAddress.set(draft.customer.id, row);
					out.addresses.push(row);
				}
				addressId = row.id;
			} else if (claimUsedAt !== null) {
				const row: AddressRow = {
					id: randomUUID(),
					customerId: draft.customer.id,
					...draft.customer.home,
					createdAt: new Date(claimUsedAt)
				};
				out.addresses.push(row);
				addressId = row.id;
			}
			if (addressId) {
				const use = addressUses.get(addressId) ?? { delivered: null, open: false };
				const delivered = at('delivered')?.at ?? null;
				if (status === 'delivered' && delivered !== null)
					use.delivered = Math.max(use.delivered ?? 0, delivered);
				else use.open = true;
				addressUses.set(addressId, use);
			}
		}

		// Items, stock and voucher codes.
		const holdsCode = GIFTED.has(status);
		const holdsStock = GIFTED.has(status) && status !== 'awaiting_address';
		for (const item of draft.items) {
			const gift = catalogue.gifts[item.gift];
			let variantId: string | null = null;
			let voucherCodeId: string | null = null;
			if (item.gift === 'socks' && holdsStock && item.size) {
				variantId = catalogue.variants[item.size].id;
				out.used[item.size] += item.quantity;
			}
			if (item.gift === 'cinema' && holdsCode) {
				const code = catalogue.codes[out.used.codes++];
				if (!code) throw new Error('Demo seed: not enough cinema voucher codes');
				code.surpriseId = id;
				code.assignedAt = new Date(approved!.at);
				voucherCodeId = code.id;
			}
			out.items.push({
				id: randomUUID(),
				surpriseId: id,
				giftId: gift.id,
				variantId,
				voucherCodeId,
				quantity: item.quantity,
				unitCostCents: gift.unitCostCents
			});
		}

		// Money as the lifecycle keeps it: reserved at approval; spent when it leaves the building, and
		// still counted in reserved (reserved holds everything committed, so left = budget − reserved).
		const money = out.money.get(draft.campaign) ?? { reserved: 0, spent: 0, count: 0 };
		if (GIFTED.has(status)) money.reserved += cost + postageCents;
		if (SPENT.has(status)) money.spent += cost + postageCents;
		if (status !== 'cancelled') money.count += 1;
		out.money.set(draft.campaign, money);

		// Events: the path to today's state.
		let from: Status | null = null;
		for (const s of steps) {
			out.events.push({
				id: randomUUID(),
				surpriseId: id,
				fromStatus: from,
				toStatus: s.to,
				actorId: s.actor,
				...(typeof s.note === 'string'
					? { note: s.note }
					: { note: '', noteKey: s.note.key, noteParams: s.note.params ?? null }),
				createdAt: new Date(s.at)
			});
			from = s.to;
		}

		if (draft.claim && draft.claim.createdAt <= now) {
			const c = draft.claim;
			out.claims.push({
				id: randomUUID(),
				surpriseId: id,
				// Only the SHA-256 of a random token is stored; the token itself is thrown away.
				tokenHash: createHash('sha256').update(randomBytes(32).toString('base64url')).digest('hex'),
				locale: draft.customer.locale,
				expiresAt: new Date(c.expiresAt),
				usedAt: claimUsedAt === null ? null : new Date(claimUsedAt),
				emailedAt: c.emailed ? new Date(c.createdAt + 60_000) : null,
				reminderSentAt:
					c.reminderAt !== null &&
					c.reminderAt <= now &&
					(claimUsedAt === null || claimUsedAt > c.reminderAt)
						? new Date(c.reminderAt)
						: null,
				createdBy: draft.createdBy,
				createdAt: new Date(c.createdAt)
			});
		}

		const base = approved?.at ?? created;
		const last = steps[steps.length - 1]!.at;
		out.surprises.push({
			id,
			reference: `HOP-${String(reference++).padStart(5, '0')}`,
			customerId: draft.customer.id,
			campaignId,
			nominationId: draft.nominationId,
			status,
			cardMessage: draft.cardMessage,
			internalNote: draft.internalNote,
			signedBy: draft.createdBy,
			costCents: cost,
			postageCents,
			postage,
			addressId,
			approvedBy: approved?.actor ?? null,
			approvedAt: approved ? new Date(approved.at) : null,
			dueOn: addWorkingDays(amsterdamDate(base), input.serviceLevelDays),
			printedAt: at('printed') ? new Date(at('printed')!.at) : null,
			shippedAt: at('shipped') ? new Date(at('shipped')!.at) : null,
			deliveredAt: at('delivered') ? new Date(at('delivered')!.at) : null,
			createdBy: draft.createdBy,
			createdAt: new Date(created),
			updatedAt: new Date(last)
		});
		const arrival = at('delivered') ?? at('sent');
		if (arrival) out.arrivals.push({ draft, at: arrival.at, status });
		out.firstSeen.set(
			draft.customer.id,
			Math.min(out.firstSeen.get(draft.customer.id) ?? Infinity, created)
		);
	}

	// Retention: an address is anonymised some days after its last delivery; city and postcode area stay.
	for (const address of out.addresses) {
		const use = addressUses.get(address.id);
		if (!use || use.open || use.delivered === null) continue;
		const due = use.delivered + input.retentionDays * DAY + 3 * HOUR;
		if (due > now) continue;
		Object.assign(address, {
			recipientName: null,
			street: null,
			houseNumber: null,
			addition: null,
			postcode: null,
			anonymisedAt: new Date(due)
		});
	}

	for (const [key, m] of out.money) {
		const budget = campaigns.rows[key].budgetCents;
		if (m.reserved > budget)
			throw new Error(`Demo seed: campaign ${key} commits ${m.reserved} of ${budget} cents`);
	}
	return out;
}
