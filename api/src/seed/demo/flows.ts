import { randomUUID } from 'node:crypto';
import { msg } from '../../messages/index.ts';
import type { reasonCategories } from '../../../../db/schema/index.ts';
import type { Campaigns, CampaignKey, Catalogue, Staff } from './catalogue.ts';
import type { CustomerSpec } from './people.ts';
import type { Rng } from './random.ts';
import {
	itemsCost,
	newClaim,
	Path,
	postageFor,
	type ItemDraft,
	type Status,
	type SurpriseDraft
} from './surprises.ts';
import {
	CANCEL_NOTES,
	CardWriter,
	INTERNAL_NOTES,
	NOMINATION_TEXTS,
	type GiftKey,
	type Occasion,
	type Reason
} from './texts.ts';
import { addDays, amsterdamDate, atLocal, DAY, HOUR } from './time.ts';
import { PostUrls, isPublic } from './urls.ts';

export interface NominationDraft {
	id: string;
	customer: CustomerSpec;
	campaign: CampaignKey | null;
	reason: (typeof reasonCategories)[number];
	text: string;
	postUrl: string | null;
	createdAt: number;
	nominatedBy: string;
	outcome:
		| { kind: 'accepted'; at: number; surpriseId: string }
		| { kind: 'declined'; at: number; reason: string }
		| { kind: 'expired'; at: number }
		| { kind: 'open' };
}

const COOLDOWN_GAP = 120 * DAY;

/** Hands out customers so nobody gets two surprises within the cooldown, across campaigns. */
class CustomerPicker {
	private readonly featured: CustomerSpec[];
	private readonly fresh: CustomerSpec[];
	private readonly given = new Map<string, { customer: CustomerSpec; times: number[] }>();

	constructor(rng: Rng, customers: CustomerSpec[]) {
		const eligible = customers.filter((c) => !c.isStaff && !c.optedOut);
		this.featured = eligible.filter((c) => c.featured);
		this.fresh = rng.shuffle(eligible.filter((c) => !c.featured));
	}

	take(
		at: number,
		need: { featured?: boolean; email?: boolean; nl?: boolean; again?: boolean } = {}
	): CustomerSpec {
		const fits = (c: CustomerSpec) =>
			(!need.email || c.email !== null) && (!need.nl || c.home.country === 'NL');
		let customer: CustomerSpec | undefined;
		if (need.featured) customer = this.featured.shift();
		if (!customer && need.again) {
			customer = [...this.given.values()].find(
				(g) => fits(g.customer) && g.times.every((t) => Math.abs(t - at) >= COOLDOWN_GAP)
			)?.customer;
		}
		if (!customer) {
			const index = this.fresh.findIndex(fits);
			if (index < 0) throw new Error('Demo seed: ran out of customers');
			customer = this.fresh.splice(index, 1)[0]!;
		}
		const entry = this.given.get(customer.id) ?? { customer, times: [] };
		entry.times.push(at);
		this.given.set(customer.id, entry);
		return customer;
	}

	/** Customers who never got a surprise, for open nominations and reactions. */
	untouched(): CustomerSpec[] {
		return this.fresh;
	}

	lastGiven(customerId: string): number | null {
		const times = this.given.get(customerId)?.times;
		return times ? Math.max(...times) : null;
	}
}

const AUTO_NOTE = msg('history_approved_within_limit_and_budget');
const EXPIRED_NOTE = msg('history_claim_link_expired_back_to_approved');
const CREATED_NOTE = msg('history_created');
const CLAIM_LINK_DM_NOTE = msg('history_claim_link_sent_by_dm');

export interface Flows {
	drafts: SurpriseDraft[];
	nominations: NominationDraft[];
}

export function buildFlows(input: {
	rng: Rng;
	urlRng: Rng;
	now: number;
	customers: CustomerSpec[];
	staff: Staff;
	catalogue: Catalogue;
	campaigns: Campaigns;
}): Flows {
	const { rng, now, staff, catalogue, campaigns } = input;
	const today = amsterdamDate(now);
	const picker = new CustomerPicker(rng, input.customers);
	const writer = new CardWriter(rng);
	const urls = new PostUrls(input.urlRng);
	const drafts: SurpriseDraft[] = [];
	const nominations: NominationDraft[] = [];
	const hub = () => rng.pick(staff.hub);
	const marketing = () => rng.pick(staff.marketing);
	const hours = (min: number, max: number) => min + rng.next() * (max - min);
	/** An office-hours moment `ageDays` before today, never in the future. */
	const officeTime = (ageDays: number) =>
		Math.min(
			atLocal(addDays(today, -ageDays), rng.int(9, 16), rng.int(0, 59)),
			now - rng.int(20, 90) * 60_000
		);

	const postUrlOf = (customer: CustomerSpec) => {
		const publicHandle = customer.handles.find((h) => isPublic(h.channel));
		return publicHandle ? urls.for(publicHandle) : null;
	};

	const nominate = (
		customer: CustomerSpec,
		campaign: CampaignKey | null,
		reason: Reason,
		createdAt: number,
		outcome: NominationDraft['outcome']
	): NominationDraft => {
		const n: NominationDraft = {
			id: randomUUID(),
			customer,
			campaign,
			reason,
			text: rng.pick(NOMINATION_TEXTS[reason]),
			postUrl: postUrlOf(customer),
			createdAt,
			nominatedBy: hub(),
			outcome
		};
		nominations.push(n);
		return n;
	};

	const mainGift = (items: ItemDraft[]): GiftKey =>
		items.find((i) => i.gift !== 'card')?.gift ?? 'card';

	const draft = (d: {
		campaign: CampaignKey;
		customer: CustomerSpec;
		occasion: Occasion;
		items: ItemDraft[];
		path: Path;
		knownAddress: boolean;
		createdBy: string;
		nomination?: { reason: Reason; leadHours: number } | NominationDraft | null;
	}): SurpriseDraft => {
		const id = randomUUID();
		const steps = d.path.steps;
		const waiting = steps.find((s) => s.to === 'awaiting_address');
		let claim = null;
		if (waiting) {
			const after = steps[steps.indexOf(waiting) + 1];
			const usedAt = after?.to === 'ready' ? after.at : null;
			claim = newClaim(rng, waiting.at, usedAt, d.customer);
			if (usedAt === null || usedAt - waiting.at > 7 * DAY) claim.reminderAt = waiting.at + 7 * DAY;
		}
		let nominationId: string | null = null;
		if (d.nomination && 'outcome' in d.nomination) {
			d.nomination.outcome = { kind: 'accepted', at: steps[0]!.at, surpriseId: id };
			nominationId = d.nomination.id;
		} else if (d.nomination) {
			const n = nominate(
				d.customer,
				d.campaign,
				d.nomination.reason,
				steps[0]!.at - d.nomination.leadHours * HOUR,
				{ kind: 'accepted', at: steps[0]!.at, surpriseId: id }
			);
			nominationId = n.id;
		}
		const notes = INTERNAL_NOTES[d.occasion];
		const socks = d.items.find((i) => i.gift === 'socks' && i.size);
		const internalNote = [
			rng.pick(notes),
			socks && rng.chance(0.4)
				? `Maat ${catalogue.variants[socks.size!].name} gevraagd in de DM.`
				: ''
		]
			.filter(Boolean)
			.join(' ');
		const s: SurpriseDraft = {
			id,
			campaign: d.campaign,
			customer: d.customer,
			occasion: d.occasion,
			items: d.items,
			steps,
			claim,
			knownAddress: d.knownAddress,
			createdBy: d.createdBy,
			cardMessage: writer.write({
				firstName: d.customer.firstName,
				locale: d.customer.locale,
				occasion: d.occasion,
				gift: mainGift(d.items)
			}),
			internalNote,
			nominationId
		};
		drafts.push(s);
		return s;
	};

	const size = (): 'small' | 'large' => (rng.chance(0.4) ? 'small' : 'large');
	const codesLeft = () =>
		catalogue.codes.length - drafts.filter((d) => d.items.some((i) => i.gift === 'cinema')).length;

	const composition = (kind?: 'big' | 'ecard'): ItemDraft[] => {
		if (kind === 'big')
			return [
				{ gift: 'socks', quantity: 1, size: size() },
				{ gift: 'cinema', quantity: 1 },
				{ gift: 'card', quantity: 1 }
			];
		if (kind === 'ecard') return [{ gift: 'ecard', quantity: 1 }];
		const pick = rng.weighted<'socks' | 'cinema' | 'garden' | 'card' | 'socks2'>([
			['socks', 42],
			['cinema', 24],
			['garden', 10],
			['card', 16],
			['socks2', 4]
		]);
		if (pick === 'cinema' && codesLeft() > 8)
			return [
				{ gift: 'cinema', quantity: 1 },
				{ gift: 'card', quantity: 1 }
			];
		if (pick === 'garden')
			return [
				{ gift: 'garden', quantity: 1 },
				{ gift: 'card', quantity: 1 }
			];
		if (pick === 'card') return [{ gift: 'card', quantity: 1 }];
		if (pick === 'socks2')
			return [
				{ gift: 'socks', quantity: 2, size: 'small' },
				{ gift: 'card', quantity: 1 }
			];
		return [
			{ gift: 'socks', quantity: 1, size: size() },
			{ gift: 'card', quantity: 1 }
		];
	};

	const needsManual = (campaign: CampaignKey, customer: CustomerSpec, items: ItemDraft[]) =>
		itemsCost(items, catalogue) + postageFor(items, customer.home.country).cents >
		(campaigns.rows[campaign].autoApproveLimitCents ?? 0);

	/** A physical surprise walked forward from `start` up to `target`. */
	const physicalPath = (
		start: number,
		target: Status,
		o: { manual: boolean; known: boolean; creator: string; late?: boolean; claimHours?: number }
	) => {
		const p = new Path(start).step(
			'planned',
			0,
			o.creator,
			rng.pick([CREATED_NOTE, 'Aangemaakt vanuit een nominatie.', 'Aangemaakt na een DM-gesprek.'])
		);
		if (target === 'planned') return p;
		if (o.manual)
			p.step(
				'approved',
				hours(2, 26),
				marketing(),
				rng.pick([
					'Goedgekeurd.',
					'Akkoord, mooi gebaar.',
					'Goedgekeurd; let op de afkoelperiode bij de volgende.'
				])
			);
		else p.step('approved', hours(0.01, 0.2), null, AUTO_NOTE);
		if (target === 'approved') return p;
		if (!o.known) {
			p.step(
				'awaiting_address',
				hours(0.1, 0.5),
				o.creator,
				rng.pick([CLAIM_LINK_DM_NOTE, 'Adreslink verstuurd.', 'Adreslink gemaild.'])
			);
			if (target === 'awaiting_address') return p;
			p.step('ready', o.claimHours ?? hours(5, 96), null, msg('history_claim_submitted'));
		} else {
			p.step(
				'ready',
				hours(0.3, 4),
				o.creator,
				rng.pick(['Adres bekend; klaar voor print.', 'Adres gecontroleerd.'])
			);
		}
		if (target === 'ready') return p;
		p.step(
			'printed',
			hours(1, 26),
			hub(),
			rng.pick(['Kaart en etiket geprint.', 'Geprint (A6-kaart, L7160-etiket).'])
		);
		if (target === 'printed') return p;
		p.step(
			'shipped',
			o.late ? hours(50, 100) : hours(1, 8),
			hub(),
			rng.pick([
				'Op de post gedaan.',
				'Meegegeven aan de postbode.',
				'In de brievenbus bij kantoor.'
			])
		);
		if (target === 'shipped') return p;
		p.step(
			'delivered',
			hours(18, 50),
			null,
			rng.pick(['Bezorgd volgens track & trace.', 'Klant bevestigde de ontvangst.', 'Bezorgd.'])
		);
		return p;
	};

	const occasionFor = (): Reason =>
		rng.weighted<Reason>([
			['service_recovery', 35],
			['loyalty', 25],
			['milestone', 15],
			['great_conversation', 15],
			['other', 10]
		]);

	// ---- Altijd aan: every state, ages chosen so each is in that state today. ----
	const targets: [Status, number, () => number][] = [
		['delivered', 30, () => rng.int(20, 290)],
		['sent', 6, () => rng.int(3, 270)],
		['shipped', 5, () => rng.int(2, 4)],
		['printed', 4, () => rng.int(1, 3)],
		['ready', 10, () => rng.int(0, 4)],
		['awaiting_address', 8, () => rng.int(0, 11)],
		['approved', 5, () => rng.int(0, 2)],
		['planned', 6, () => rng.int(0, 3)]
	];
	for (const [target, count, age] of targets) {
		for (let i = 0; i < count; i++) {
			const start = officeTime(age());
			const digital =
				target === 'sent' || (target !== 'planned' && target !== 'approved' ? false : i === 0);
			const featured = target === 'ready' || (target === 'printed' && i === 0);
			const customer = picker.take(start, {
				featured,
				email: digital,
				again: target === 'delivered' && i % 10 === 3
			});
			const occasion = occasionFor();
			const creator = hub();
			if (digital) {
				const p = new Path(start).step('planned', 0, creator, CREATED_NOTE);
				if (target !== 'planned') p.step('approved', hours(0.01, 0.2), null, AUTO_NOTE);
				if (target === 'sent') p.step('sent', hours(0.2, 5), creator, 'E-card verstuurd.');
				draft({
					campaign: 'alwaysOn',
					customer,
					occasion,
					items: composition('ecard'),
					path: p.fitBefore(now - 10 * 60_000),
					knownAddress: false,
					createdBy: creator,
					nomination: rng.chance(0.5) ? { reason: occasion, leadHours: hours(1, 60) } : null
				});
				continue;
			}
			const items =
				target === 'planned' && i < 4
					? composition('big')
					: occasion === 'service_recovery' && rng.chance(0.15) && codesLeft() > 8
						? composition('big')
						: composition();
			const known =
				target === 'awaiting_address'
					? false
					: featured
						? i % 2 === 0
						: customer.addressKnown || rng.chance(0.35);
			if (known) customer.addressKnown = true;
			const manual = needsManual('alwaysOn', customer, items);
			const path = physicalPath(start, target, {
				manual,
				known,
				creator,
				late: target === 'delivered' && rng.chance(0.15)
			});
			draft({
				campaign: 'alwaysOn',
				customer,
				occasion,
				items,
				path: target === 'delivered' ? path : path.fitBefore(now - 10 * 60_000),
				knownAddress: known,
				createdBy: creator,
				nomination: rng.chance(0.8) ? { reason: occasion, leadHours: hours(1, 72) } : null
			});
		}
	}

	// ---- Altijd aan: four that were called off, each for its own reason. ----
	{
		const c1 = picker.take(officeTime(40));
		let creator = hub();
		let start = officeTime(40);
		draft({
			campaign: 'alwaysOn',
			customer: c1,
			occasion: 'loyalty',
			items: composition(),
			knownAddress: false,
			createdBy: creator,
			path: new Path(start)
				.step('planned', 0, creator, CREATED_NOTE)
				.step('cancelled', hours(4, 30), creator, CANCEL_NOTES[0]!)
		});

		start = officeTime(45);
		creator = hub();
		const c2 = picker.take(start);
		const p2 = new Path(start)
			.step('planned', 0, creator, CREATED_NOTE)
			.step('approved', 0.05, null, AUTO_NOTE)
			.step('awaiting_address', 0.2, creator, CLAIM_LINK_DM_NOTE);
		p2.step('approved', 14 * 24, null, EXPIRED_NOTE);
		p2.step(
			'cancelled',
			20,
			creator,
			'Geen reactie op de adreslink, ook niet op de herinnering. Budget en voorraad vrijgegeven.'
		);
		draft({
			campaign: 'alwaysOn',
			customer: c2,
			occasion: 'great_conversation',
			items: [
				{ gift: 'socks', quantity: 1, size: 'large' },
				{ gift: 'card', quantity: 1 }
			],
			knownAddress: false,
			createdBy: creator,
			path: p2
		});

		start = officeTime(20);
		creator = hub();
		const c3 = picker.take(start);
		draft({
			campaign: 'alwaysOn',
			customer: c3,
			occasion: 'service_recovery',
			items: [
				{ gift: 'cinema', quantity: 1 },
				{ gift: 'card', quantity: 1 }
			],
			knownAddress: false,
			createdBy: creator,
			path: new Path(start)
				.step('planned', 0, creator, CREATED_NOTE)
				.step('approved', 0.05, null, AUTO_NOTE)
				.step('cancelled', hours(1, 3), creator, CANCEL_NOTES[1]!)
		});

		// Back to approved after an unanswered claim link: the hub can send a new one.
		start = officeTime(16);
		creator = hub();
		const c5 = picker.take(start);
		const p5 = new Path(start)
			.step('planned', 0, creator, CREATED_NOTE)
			.step('approved', 0.05, null, AUTO_NOTE)
			.step('awaiting_address', 0.2, creator, CLAIM_LINK_DM_NOTE);
		p5.step('approved', 14 * 24, null, EXPIRED_NOTE);
		draft({
			campaign: 'alwaysOn',
			customer: c5,
			occasion: 'loyalty',
			items: [
				{ gift: 'cinema', quantity: 1 },
				{ gift: 'card', quantity: 1 }
			],
			knownAddress: false,
			createdBy: creator,
			path: p5.fitBefore(now - HOUR)
		});

		start = officeTime(70);
		creator = hub();
		const c4 = picker.take(start);
		draft({
			campaign: 'alwaysOn',
			customer: c4,
			occasion: 'other',
			items: composition(),
			knownAddress: false,
			createdBy: creator,
			path: new Path(start)
				.step('planned', 0, creator, CREATED_NOTE)
				.step('cancelled', hours(2, 20), creator, CANCEL_NOTES[3]!)
		});
	}

	// ---- Na de bezorgstoring: closed theme, all delivered but one. ----
	for (let i = 0; i < 13; i++) {
		const start = officeTime(198 - i * 3);
		const customer = picker.take(start);
		const creator = hub();
		const items: ItemDraft[] =
			i % 4 === 1
				? [{ gift: 'card', quantity: 1 }]
				: i % 4 === 3 && codesLeft() > 8
					? [
							{ gift: 'cinema', quantity: 1 },
							{ gift: 'card', quantity: 1 }
						]
					: [
							{ gift: 'socks', quantity: 1, size: size() },
							{ gift: 'card', quantity: 1 }
						];
		const known = customer.addressKnown || rng.chance(0.5);
		if (known) customer.addressKnown = true;
		const path =
			i === 6
				? new Path(start)
						.step('planned', 0, creator, CREATED_NOTE)
						.step('cancelled', hours(3, 20), creator, CANCEL_NOTES[2]!)
				: physicalPath(start, 'delivered', {
						manual: needsManual('outage', customer, items),
						known,
						creator,
						late: i === 9
					});
		draft({
			campaign: 'outage',
			customer,
			occasion: 'service_recovery',
			items,
			path,
			knownAddress: known && i !== 6,
			createdBy: creator,
			nomination: rng.chance(0.6) ? { reason: 'service_recovery', leadHours: hours(1, 30) } : null
		});
	}

	// ---- Paaswinactie: entries, a draw on the Wednesday before Easter, six breakfasts on Easter morning. ----
	{
		const easter = campaigns.easter;
		const drawAt = atLocal(addDays(easter, -4), 11, 0);
		const entries: NominationDraft[] = [];
		for (let i = 0; i < 16; i++) {
			const customer = picker.take(drawAt, { nl: true });
			entries.push(
				nominate(
					customer,
					'easter',
					'contest_entry',
					atLocal(addDays(easter, -21 + i), rng.int(8, 22), rng.int(0, 59)),
					{ kind: 'open' }
				)
			);
		}
		const winners = rng.shuffle(entries).slice(0, 6);
		for (const entry of entries) {
			if (!winners.includes(entry))
				entry.outcome = { kind: 'declined', at: drawAt, reason: 'Niet getrokken bij de trekking.' };
		}
		winners.forEach((entry, i) => {
			const creator = hub();
			const known = i === 0;
			const p = new Path(drawAt)
				.step('planned', 0.1, creator, 'Winnaar van de trekking.')
				.step('approved', hours(1, 4), marketing(), 'Goedgekeurd: winnaar paaswinactie.');
			if (!known) {
				p.step('awaiting_address', 0.2, creator, CLAIM_LINK_DM_NOTE);
				p.step('ready', hours(3, 20), null, msg('history_claim_submitted'));
			} else p.step('ready', 0.5, creator, 'Adres bekend.');
			p.stepAt(
				'printed',
				atLocal(addDays(easter, -2), 10, 0),
				hub(),
				'Kaart geprint voor de bakker.'
			);
			p.step('shipped', 5, hub(), 'Doorgegeven aan Bakkerij De Gouden Krakeling.');
			p.stepAt(
				'delivered',
				atLocal(easter, 8, 30 + i * 7),
				null,
				'Ontbijt bezorgd op paasochtend.'
			);
			if (known) entry.customer.addressKnown = true;
			draft({
				campaign: 'easter',
				customer: entry.customer,
				occasion: 'contest_entry',
				items: [
					{ gift: 'breakfast', quantity: 1 },
					{ gift: 'card', quantity: 1 }
				],
				path: p,
				knownAddress: known,
				createdBy: creator,
				nomination: entry
			});
		});
	}

	// ---- Random Act of Kindness Day: 24 nominations, 15 drawn four days before; the rest follows the clock. ----
	{
		const rak = campaigns.rak;
		const drawAt = atLocal(addDays(rak, -4), 10, 0);
		const pool: NominationDraft[] = [];
		for (let i = 0; i < 24; i++) {
			const customer = picker.take(drawAt, { email: i >= 22 });
			const reason = rng.weighted<Reason>([
				['loyalty', 4],
				['great_conversation', 3],
				['other', 2],
				['service_recovery', 1]
			]);
			pool.push(
				nominate(
					customer,
					'rak',
					reason,
					atLocal(addDays(rak, -26 + i), rng.int(9, 17), rng.int(0, 59)),
					{ kind: 'open' }
				)
			);
		}
		const winners = [...pool.slice(22), ...rng.shuffle(pool.slice(0, 22)).slice(0, 13)];
		for (const n of pool)
			if (!winners.includes(n))
				n.outcome = {
					kind: 'declined',
					at: drawAt + HOUR,
					reason: 'Niet getrokken bij de trekking.'
				};
		winners.forEach((n, i) => {
			const creator = hub();
			const customer = n.customer;
			const start = drawAt + 5 * 60_000;
			if (i < 2) {
				const p = new Path(start)
					.step('planned', 0, creator, 'Winnaar van de RAK-trekking.')
					.step('approved', 0.05, null, AUTO_NOTE);
				p.stepAt('sent', atLocal(rak, 9, 5), creator, 'E-card verstuurd op de dag zelf.');
				draft({
					campaign: 'rak',
					customer,
					occasion: 'rak',
					items: [{ gift: 'ecard', quantity: 1 }],
					path: p,
					knownAddress: false,
					createdBy: creator,
					nomination: n
				});
				return;
			}
			const items: ItemDraft[] =
				i % 3 === 0 && codesLeft() > 8
					? [
							{ gift: 'cinema', quantity: 1 },
							{ gift: 'card', quantity: 1 }
						]
					: [
							{ gift: 'socks', quantity: 1, size: size() },
							{ gift: 'card', quantity: 1 }
						];
			const known = customer.addressKnown || i % 2 === 0;
			if (known) customer.addressKnown = true;
			const p = new Path(start)
				.step('planned', 0, creator, 'Winnaar van de RAK-trekking.')
				.step('approved', 0.05, null, AUTO_NOTE);
			if (known) {
				p.step('ready', 1, creator, 'Adres bekend; klaar voor print.');
				p.stepAt('printed', atLocal(addDays(rak, -2), 11, 0), hub(), 'Kaart en etiket geprint.');
				p.step('shipped', 28, hub(), 'Op de post gedaan.');
				p.stepAt('delivered', atLocal(rak, 11, i * 4), null, 'Bezorgd op de dag zelf.');
			} else {
				p.step('awaiting_address', 0.2, creator, CLAIM_LINK_DM_NOTE);
				if (i === 3 || i === 7) {
					// Never answered: the link expires after 14 days (back to approved) and the hub calls it off.
					p.step('approved', 14 * 24, null, EXPIRED_NOTE);
					p.step(
						'cancelled',
						20,
						hub(),
						'Geen reactie op de adreslink. Budget en voorraad vrijgegeven.'
					);
				} else {
					p.step(
						'ready',
						24 * (1 + (i % 9)) + hours(0, 6),
						null,
						'Adres en maat ingevuld via de adreslink.'
					);
					p.step('printed', hours(16, 24), hub(), 'Kaart en etiket geprint.');
					p.step('shipped', hours(2, 7), hub(), 'Op de post gedaan.');
					p.step('delivered', hours(18, 30), null, 'Bezorgd volgens track & trace.');
				}
			}
			draft({
				campaign: 'rak',
				customer,
				occasion: 'rak',
				items,
				path: p,
				knownAddress: known,
				createdBy: creator,
				nomination: n
			});
		});
	}

	// ---- Mijlpalen (approved, starts next week): two planned already. ----
	for (let i = 0; i < 2; i++) {
		const start = officeTime(1 - i);
		const customer = picker.take(start);
		const creator = hub();
		draft({
			campaign: 'milestones',
			customer,
			occasion: 'milestone',
			items: [
				{ gift: 'garden', quantity: 1 },
				{ gift: 'card', quantity: 1 }
			],
			path: new Path(start).step(
				'planned',
				0,
				creator,
				'Klaargezet voor de start van de campagne.'
			),
			knownAddress: false,
			createdBy: creator,
			nomination: { reason: 'milestone', leadHours: hours(2, 40) }
		});
	}

	// ---- Loose nominations: open, declined, expired. ----
	const spare = picker.untouched();
	const customersById = new Map(input.customers.map((c) => [c.id, c]));
	for (let i = 0; i < 12; i++) {
		const customer = spare[i]!;
		nominate(
			customer,
			rng.chance(0.7) ? 'alwaysOn' : null,
			occasionFor(),
			officeTime(rng.int(0, 9)),
			{ kind: 'open' }
		);
	}
	for (let i = 0; i < 6; i++) {
		const customer = spare[12 + i]!;
		const created = officeTime(rng.int(35, 120));
		// Expired by the seed running expireNominations (default nomination_expiry_days: 30).
		nominate(customer, 'alwaysOn', occasionFor(), created, {
			kind: 'expired',
			at: created + 30 * DAY
		});
	}
	const staffCustomer = input.customers.find((c) => c.isStaff)!;
	const optedOut = input.customers.find((c) => c.optedOut)!;
	const recentlySurprised = drafts.find(
		(d) =>
			d.campaign === 'alwaysOn' &&
			d.steps.at(-1)!.to === 'delivered' &&
			now - d.steps[0]!.at < 60 * DAY
	)?.customer;
	const declined: [CustomerSpec, string][] = [
		[
			recentlySurprised ?? spare[18]!,
			'Heeft vorige maand al een verrassing gehad (afkoelperiode).'
		],
		[spare[19]!, 'Bericht bleek ironisch bedoeld.'],
		[staffCustomer, 'Is zelf een collega.'],
		[spare[20]!, 'Dubbele nominatie, zie de andere.'],
		[optedOut, 'Klant wil geen contact meer.'],
		[spare[21]!, 'Past niet bij deze campagne; doorgezet naar de mijlpalen-campagne.']
	];
	for (const [customer, reason] of declined) {
		const created = officeTime(rng.int(3, 60));
		nominate(customersById.get(customer.id)!, 'alwaysOn', occasionFor(), created, {
			kind: 'declined',
			at: created + hours(2, 40) * HOUR,
			reason
		});
	}
	return { drafts, nominations };
}
