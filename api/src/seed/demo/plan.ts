import type {
	addresses,
	customers,
	handles,
	nominations,
	settings
} from '../../../../db/schema/index.ts';
import { buildCampaigns, buildCatalogue, type Staff } from './catalogue.ts';
import { buildFlows } from './flows.ts';
import { buildCustomers } from './people.ts';
import { createRng, DEMO_SEED } from './random.ts';
import { buildReactions, scoreTiers, TIER_THRESHOLDS } from './reactions.ts';
import { finalise } from './surprises.ts';
import { DAY } from './time.ts';
import { PostUrls } from './urls.ts';

export const RETENTION_DAYS = 30;
export const SERVICE_LEVEL_DAYS = 3;
const CUSTOMERS = 200;
const REACTIONS = 300;

/**
 * Every row of the demo, built in memory (no database): fixed content from a seeded generator, dates
 * relative to `now`. `run` is 1 for the first seed; a forced extra seed gets other handles and URLs.
 */
export function buildDemoPlan(input: {
	now: number;
	staff: Staff;
	run: number;
	firstReference: number;
}) {
	const { now, staff, run } = input;
	const rng = createRng(DEMO_SEED);
	const urlRng = createRng(DEMO_SEED + run * 7919);
	const people = buildCustomers(rng, run, CUSTOMERS);
	const catalogue = buildCatalogue(rng, now);
	const campaigns = buildCampaigns(now, staff, catalogue.gifts);
	const flows = buildFlows({ rng, urlRng, now, customers: people, staff, catalogue, campaigns });
	const done = finalise({
		drafts: flows.drafts,
		now,
		catalogue,
		campaigns,
		staff,
		firstReference: input.firstReference,
		retentionDays: RETENTION_DAYS,
		serviceLevelDays: SERVICE_LEVEL_DAYS
	});

	// Campaign money and sock stock follow from the surprises.
	for (const [key, money] of done.money) {
		campaigns.rows[key].reservedCents = money.reserved;
		campaigns.rows[key].spentCents = money.spent;
	}
	catalogue.variants.small.stock = catalogue.stockLeft.small;
	catalogue.variants.large.stock = catalogue.stockLeft.large;

	const surpriseIds = new Set(done.surprises.map((s) => s.id));
	const nominationRows: (typeof nominations.$inferInsert)[] = flows.nominations
		.filter((n) => n.createdAt <= now)
		.map((n) => {
			const o = n.outcome;
			const decided =
				o.kind !== 'open' &&
				o.at <= now &&
				(o.kind !== 'accepted' || surpriseIds.has(o.surpriseId));
			return {
				id: n.id,
				customerId: n.customer.id,
				campaignId: n.campaign ? campaigns.rows[n.campaign].id : null,
				nominatedBy: n.nominatedBy,
				reason: n.reason,
				text: n.text,
				postUrl: n.postUrl,
				status: decided ? o.kind : 'open',
				declineReason: decided && o.kind === 'declined' ? o.reason : null,
				surpriseId: decided && o.kind === 'accepted' ? o.surpriseId : null,
				createdAt: new Date(n.createdAt),
				decidedAt: decided ? new Date(o.at) : null
			} as typeof nominations.$inferInsert;
		});
	// A surprise only points at a nomination that exists and was accepted for it.
	const accepted = new Set(nominationRows.filter((n) => n.status === 'accepted').map((n) => n.id));
	for (const s of done.surprises)
		if (s.nominationId && !accepted.has(s.nominationId)) s.nominationId = null;

	const reactionRows = buildReactions({
		rng,
		urls: new PostUrls(urlRng),
		now,
		customers: people,
		staff,
		finalised: done,
		total: REACTIONS
	});
	const tiers = scoreTiers({ now, customers: people, reactions: reactionRows, finalised: done });

	// When each customer first showed up: before anything that happened to them.
	const earliest = new Map<string, number>(done.firstSeen);
	const seen = (id: string, at: number) =>
		earliest.set(id, Math.min(earliest.get(id) ?? Infinity, at));
	for (const n of nominationRows) seen(n.customerId, n.createdAt!.getTime());
	for (const r of reactionRows) seen(r.customerId, r.postedAt.getTime());
	for (const a of done.addresses) seen(a.customerId, (a.createdAt as Date).getTime());

	const customerRows: (typeof customers.$inferInsert)[] = [];
	const handleRows: (typeof handles.$inferInsert)[] = [];
	const addressRows: (typeof addresses.$inferInsert)[] = [...done.addresses];
	const withAddress = new Set(done.addresses.map((a) => a.customerId));
	for (const c of people) {
		const first = earliest.get(c.id);
		const createdAt = new Date(
			first !== undefined
				? first - rng.int(3, 90) * DAY
				: now - rng.int(1, 400) * DAY - rng.int(0, 600) * 60_000
		);
		customerRows.push({
			id: c.id,
			name: c.name,
			email: c.email,
			locale: c.locale,
			isStaff: c.isStaff,
			optedOut: c.optedOut,
			notes: c.notes,
			tier: tiers.get(c.id)!.tier,
			createdAt,
			updatedAt: createdAt
		});
		for (const h of c.handles) handleRows.push({ ...h, customerId: c.id, createdAt });
		if (c.addressKnown && !withAddress.has(c.id))
			addressRows.push({
				customerId: c.id,
				...c.home,
				createdAt: new Date(createdAt.getTime() + DAY)
			});
	}

	const settingRows: (typeof settings.$inferInsert)[] = [
		{ key: 'retention_days', value: RETENTION_DAYS, updatedAt: new Date(now) },
		{ key: 'service_level_days', value: SERVICE_LEVEL_DAYS, updatedAt: new Date(now) },
		{ key: 'tiers', value: { ...TIER_THRESHOLDS }, updatedAt: new Date(now) }
	];

	return {
		customers: customerRows,
		handles: handleRows,
		addresses: addressRows,
		gifts: Object.values(catalogue.gifts),
		variants: [catalogue.variants.small, catalogue.variants.large],
		voucherCodes: catalogue.codes,
		campaigns: Object.values(campaigns.rows),
		campaignGifts: campaigns.gifts,
		campaignDecisions: campaigns.decisions,
		nominations: nominationRows,
		surprises: done.surprises,
		surpriseItems: done.items,
		surpriseEvents: done.events,
		claimLinks: done.claims,
		reactions: reactionRows,
		settings: settingRows,
		tiers
	};
}
