import { randomUUID } from 'node:crypto';
import type {
	campaignDecisions,
	campaignGifts,
	campaigns,
	giftVariants,
	gifts,
	voucherCodes
} from '../../../../db/schema/index.ts';
import type { Rng } from './random.ts';
import type { GiftKey } from './texts.ts';
import { addDays, amsterdamDate, atLocal, DAY, easterSunday, firstOfMonth } from './time.ts';

export type GiftRow = typeof gifts.$inferInsert & { id: string };
export type VariantRow = typeof giftVariants.$inferInsert & { id: string };
export type VoucherCodeRow = typeof voucherCodes.$inferInsert & { id: string };
export type CampaignRow = typeof campaigns.$inferInsert & { id: string };

export interface Staff {
	hub: readonly [string, string];
	marketing: readonly [string, string];
}

export interface Catalogue {
	gifts: Record<GiftKey, GiftRow>;
	variants: { small: VariantRow; large: VariantRow };
	/** Stock left after the seeded surprises took theirs: the small size runs low. */
	stockLeft: { small: number; large: number };
	codes: VoucherCodeRow[];
}

export function buildCatalogue(rng: Rng, now: number): Catalogue {
	const created = new Date(now - 320 * DAY);
	const gift = (key: GiftKey, row: Omit<GiftRow, 'id' | 'createdAt' | 'updatedAt'>): GiftRow => ({
		id: randomUUID(),
		createdAt: created,
		updatedAt: created,
		...row
	});
	const gifts: Record<GiftKey, GiftRow> = {
		socks: gift('socks', {
			name: 'Stroopwafelsokken',
			kind: 'item',
			description:
				'Katoenen sokken met stroopwafelprint, in een kraftdoosje dat door de brievenbus past.',
			unitCostCents: 650
		}),
		cinema: gift('cinema', {
			name: 'Bioscoopbon',
			kind: 'voucher',
			description:
				'Digitale bioscoopbon voor één film, landelijk geldig. Codes uit de eigen voorraad.',
			unitCostCents: 1250
		}),
		garden: gift('garden', {
			name: 'Cadeaukaart Tuincentrum Groenrijk',
			kind: 'voucher',
			description:
				'Cadeaukaart van € 15 voor een (fictief) tuincentrum. Geen codes: de kaart zit bij de post.',
			unitCostCents: 1500,
			faceValueCents: 1500
		}),
		card: gift('card', {
			name: 'Persoonlijke kaart',
			kind: 'card',
			description: 'Een A6-kaart met een met de hand geschreven boodschap.',
			unitCostCents: 95
		}),
		breakfast: gift('breakfast', {
			name: 'Paasontbijt aan huis',
			kind: 'experience',
			description: 'Ontbijt voor twee, op paasochtend bezorgd door een bakker in de buurt.',
			unitCostCents: 2750
		}),
		ecard: gift('ecard', {
			name: 'E-card “Zomaar”',
			kind: 'digital',
			description: 'Een digitale kaart met een persoonlijke boodschap, per e-mail.',
			unitCostCents: 0
		})
	};
	const variant = (name: string, threshold: number): VariantRow => ({
		id: randomUUID(),
		giftId: gifts.socks.id,
		name,
		stock: 0,
		lowStockThreshold: threshold,
		createdAt: created
	});
	const codes: VoucherCodeRow[] = [];
	const seen = new Set<string>();
	while (codes.length < 30) {
		const code = `BIOS-${rng.chars(4, 'ABCDEFGHJKMNPQRSTUVWXYZ23456789')}-${rng.chars(4, 'ABCDEFGHJKMNPQRSTUVWXYZ23456789')}`;
		if (seen.has(code)) continue;
		seen.add(code);
		codes.push({
			id: randomUUID(),
			giftId: gifts.cinema.id,
			code,
			surpriseId: null,
			assignedAt: null,
			createdAt: new Date(now - 200 * DAY)
		});
	}
	return {
		gifts,
		variants: { small: variant('36–40', 10), large: variant('41–46', 15) },
		stockLeft: { small: 4, large: 57 },
		codes
	};
}

export type CampaignKey =
	| 'alwaysOn'
	| 'outage'
	| 'easter'
	| 'rak'
	| 'nextRak'
	| 'milestones'
	| 'thanksWeek'
	| 'freeYear'
	| 'birthdays';

export interface Campaigns {
	rows: Record<CampaignKey, CampaignRow>;
	gifts: (typeof campaignGifts.$inferInsert)[];
	decisions: (typeof campaignDecisions.$inferInsert)[];
	/** Calendar anchors the surprise builders need. */
	easter: string;
	rak: string;
}

/** The most recent 13 November on or before today. */
function latestRakDay(today: string): string {
	const year = Number(today.slice(0, 4));
	const thisYear = `${year}-11-13`;
	return thisYear <= today ? thisYear : `${year - 1}-11-13`;
}

/** The most recent Easter at least three weeks ago, so its contest is over and delivered. */
function latestFinishedEaster(today: string): string {
	const year = Number(today.slice(0, 4));
	const thisYear = easterSunday(year);
	return addDays(thisYear, 21) <= today ? thisYear : easterSunday(year - 1);
}

export function buildCampaigns(
	now: number,
	staff: Staff,
	giftRows: Record<GiftKey, GiftRow>
): Campaigns {
	const today = amsterdamDate(now);
	const [m1, m2] = staff.marketing;
	const rak = latestRakDay(today);
	const easter = latestFinishedEaster(today);
	const alwaysOnStart = firstOfMonth(addDays(today, -300));
	const alwaysOnEnd = addDays(
		`${Number(alwaysOnStart.slice(0, 4)) + 1}${alwaysOnStart.slice(4)}`,
		-1
	);
	const nextRak = `${Number(rak.slice(0, 4)) + 1}-11-13`;
	const at = (date: string, hour = 10) => new Date(atLocal(date, hour));

	const campaign = (
		row: Omit<CampaignRow, 'id' | 'updatedAt'> & { createdAt: Date }
	): CampaignRow => ({ id: randomUUID(), updatedAt: row.approvedAt ?? row.createdAt, ...row });
	const rows: Record<CampaignKey, CampaignRow> = {
		alwaysOn: campaign({
			name: 'Altijd aan: kleine gebaren',
			kind: 'always_on',
			status: 'active',
			description:
				'Het hele jaar door: sokken, een bioscoopbon of een kaartje voor klanten die iets extra’s verdienen. Binnen € 20 keurt Hoppatee zelf goed.',
			startsOn: alwaysOnStart,
			endsOn: alwaysOnEnd,
			budgetCents: 300_000,
			autoApproveLimitCents: 2_000,
			cooldownDays: 90,
			createdBy: m1,
			approvedBy: m2,
			approvedAt: at(addDays(alwaysOnStart, -10), 14),
			createdAt: at(addDays(alwaysOnStart, -20), 11)
		}),
		outage: campaign({
			name: 'Na de bezorgstoring',
			kind: 'theme',
			status: 'closed',
			description:
				'Een week lang kwamen pakketten te laat door een storing bij de vervoerder. Iedereen die daar publiek of in de DM over schreef, krijgt een goedmaker.',
			startsOn: addDays(today, -200),
			endsOn: addDays(today, -150),
			budgetCents: 25_000,
			autoApproveLimitCents: 2_000,
			cooldownDays: 90,
			createdBy: m2,
			approvedBy: m1,
			approvedAt: at(addDays(today, -201), 9),
			createdAt: at(addDays(today, -202), 16)
		}),
		easter: campaign({
			name: `Paaswinactie ${easter.slice(0, 4)}: ontbijt aan huis`,
			kind: 'contest',
			status: 'closed',
			description:
				'Deel je mooiste paasontbijt en win een ontbijt aan huis. Zes winnaars, getrokken op woensdag voor Pasen.',
			startsOn: addDays(easter, -21),
			endsOn: addDays(easter, 7),
			budgetCents: 25_000,
			maxSurprises: 6,
			autoApproveLimitCents: 0,
			cooldownDays: 0,
			createdBy: m1,
			approvedBy: m2,
			approvedAt: at(addDays(easter, -25), 15),
			createdAt: at(addDays(easter, -30), 10)
		}),
		rak: campaign({
			name: `Random Act of Kindness Day ${rak.slice(0, 4)}`,
			kind: 'day',
			status: addDays(rak, 28) >= today ? 'active' : 'closed',
			description:
				'Op 13 november verrassen we vijftien willekeurige klanten uit de nominaties. Trekking vier dagen vooraf, zodat alles op de dag zelf op de mat ligt.',
			startsOn: addDays(rak, -28),
			endsOn: addDays(rak, 28),
			budgetCents: 30_000,
			maxSurprises: 15,
			autoApproveLimitCents: 2_000,
			cooldownDays: 90,
			createdBy: m2,
			approvedBy: m1,
			approvedAt: at(addDays(rak, -35), 11),
			createdAt: at(addDays(rak, -42), 13)
		}),
		nextRak: campaign({
			name: `Random Act of Kindness Day ${nextRak.slice(0, 4)}`,
			kind: 'day',
			status: 'draft',
			description:
				'Zelfde opzet als dit jaar, maar met twintig winnaars en een e-card voor wie we geen adres van hebben.',
			startsOn: addDays(nextRak, -28),
			endsOn: addDays(nextRak, 28),
			budgetCents: 40_000,
			maxSurprises: 20,
			autoApproveLimitCents: 2_000,
			cooldownDays: 90,
			createdBy: m2,
			createdAt: at(addDays(today, -2), 15)
		}),
		milestones: campaign({
			name: 'Mijlpalen van klanten',
			kind: 'theme',
			status: 'approved',
			description:
				'Nieuw huis, diploma, eerste marathon: wie een mijlpaal met ons deelt, krijgt een cadeaukaart voor het tuincentrum.',
			startsOn: addDays(today, 7),
			endsOn: addDays(today, 97),
			budgetCents: 50_000,
			autoApproveLimitCents: 2_000,
			cooldownDays: 90,
			createdBy: m1,
			approvedBy: m2,
			approvedAt: at(addDays(today, -3), 16),
			createdAt: at(addDays(today, -6), 10)
		}),
		thanksWeek: campaign({
			name: 'Bedankweek voor vaste klanten',
			kind: 'theme',
			status: 'submitted',
			description:
				'Eén week lang een persoonlijke kaart voor klanten die al meer dan vijf jaar bij ons bestellen.',
			startsOn: addDays(today, 21),
			endsOn: addDays(today, 27),
			budgetCents: 15_000,
			maxSurprises: 100,
			autoApproveLimitCents: 500,
			cooldownDays: 90,
			createdBy: m2,
			createdAt: at(addDays(today, -1), 11)
		}),
		freeYear: campaign({
			name: 'Een jaar gratis stroopwafels voor alle volgers',
			kind: 'theme',
			status: 'rejected',
			description: 'Iedereen die ons volgt, krijgt een jaar lang elke maand een pak stroopwafels.',
			startsOn: addDays(today, 14),
			endsOn: addDays(today, 44),
			budgetCents: 2_500_000,
			autoApproveLimitCents: 0,
			cooldownDays: 0,
			createdBy: m2,
			createdAt: at(addDays(today, -9), 9)
		}),
		birthdays: campaign({
			name: 'Verjaardagskaartjes voor trouwe klanten',
			kind: 'theme',
			status: 'changes_requested',
			description:
				'Een kaartje op de verjaardag van klanten die hun geboortedatum met ons deelden.',
			startsOn: addDays(today, 30),
			endsOn: addDays(today, 395),
			budgetCents: 80_000,
			autoApproveLimitCents: 500,
			cooldownDays: 30,
			createdBy: m1,
			createdAt: at(addDays(today, -8), 14)
		})
	};
	rows.freeYear.updatedAt = at(addDays(today, -7), 10);
	rows.birthdays.updatedAt = at(addDays(today, -5), 12);

	const allowed: Record<CampaignKey, GiftKey[]> = {
		alwaysOn: ['socks', 'cinema', 'garden', 'card', 'ecard'],
		outage: ['socks', 'cinema', 'card'],
		easter: ['breakfast', 'card'],
		rak: ['socks', 'cinema', 'card', 'ecard'],
		nextRak: ['socks', 'cinema', 'card', 'ecard'],
		milestones: ['garden', 'card'],
		thanksWeek: ['card'],
		freeYear: ['card'],
		birthdays: ['card', 'ecard']
	};
	const gifts = (Object.keys(allowed) as CampaignKey[]).flatMap((key) =>
		allowed[key].map((g) => ({ campaignId: rows[key].id, giftId: giftRows[g].id }))
	);

	const decision = (
		key: CampaignKey,
		kind: 'approved' | 'rejected' | 'changes_requested',
		by: string,
		when: Date,
		comment: string
	) => ({
		id: randomUUID(),
		campaignId: rows[key].id,
		decision: kind,
		comment,
		decidedBy: by,
		createdAt: when
	});
	const decisions = [
		decision(
			'alwaysOn',
			'changes_requested',
			m2,
			at(addDays(alwaysOnStart, -14), 11),
			'Mooi plan. Kun je de limiet voor automatisch goedkeuren naar € 20 zetten? Dan zie ik de grotere gebaren nog langskomen.'
		),
		decision('alwaysOn', 'approved', m2, rows.alwaysOn.approvedAt!, 'Akkoord, succes!'),
		decision(
			'outage',
			'approved',
			m1,
			rows.outage.approvedAt!,
			'Snel doen, de reacties lopen nu op.'
		),
		decision(
			'easter',
			'approved',
			m2,
			rows.easter.approvedAt!,
			'Leuk! Let op de bezorging op paaszondag zelf.'
		),
		decision(
			'rak',
			'approved',
			m1,
			rows.rak.approvedAt!,
			'Akkoord. Graag de trekking vastleggen in Hoppatee zodat we hem kunnen laten zien.'
		),
		decision('milestones', 'approved', m2, rows.milestones.approvedAt!, 'Akkoord.'),
		decision(
			'freeYear',
			'rejected',
			m1,
			rows.freeYear.updatedAt!,
			'Leuk bedacht, maar als iedereen het krijgt is het geen verrassing meer. En het budget is tien keer ons kwartaalbudget.'
		),
		decision(
			'birthdays',
			'changes_requested',
			m2,
			rows.birthdays.updatedAt!,
			'Mooi idee! Kun je het budget halveren en de afkoelperiode op 180 dagen zetten?'
		)
	];
	return { rows, gifts, decisions, easter, rak };
}
