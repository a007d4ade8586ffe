import { randomUUID } from 'node:crypto';
import type { channels } from '../../../../db/schema/index.ts';
import { foldHandle, normalizeText } from '../../domain/text.ts';
import {
	BE_PLACES,
	DE_PLACES,
	FIRST_NAMES,
	INTERNATIONAL_NAMES,
	NL_PLACES,
	POSTCODE_LETTERS,
	SURNAMES
} from './names.ts';
import { followerCount, type Rng } from './random.ts';

export type Channel = (typeof channels)[number];

export interface HandleSpec {
	id: string;
	channel: Channel;
	handle: string;
	handleNorm: string;
	followers: number;
}

export interface AddressSpec {
	recipientName: string;
	street: string;
	houseNumber: string;
	addition: string | null;
	postcode: string;
	postcodeArea: string;
	city: string;
	country: 'NL' | 'BE' | 'DE';
}

export interface CustomerSpec {
	id: string;
	name: string;
	/** How a card greets them. */
	firstName: string;
	email: string | null;
	locale: 'nl' | 'en';
	isStaff: boolean;
	optedOut: boolean;
	notes: string;
	handles: HandleSpec[];
	home: AddressSpec;
	/** Some addresses are known without a surprise (e.g. given in a DM for a repair). */
	addressKnown: boolean;
	/** A fixed, named demo customer (printing edge cases): gets the printable surprises first. */
	featured: boolean;
}

interface Seedling {
	first: string;
	name: string;
	slug: string;
	channels?: Channel[];
	country?: 'NL' | 'BE' | 'DE';
	city?: string;
	locale?: 'nl' | 'en';
	isStaff?: boolean;
	optedOut?: boolean;
	notes?: string;
	featured?: boolean;
}

/** Named customers first: the names the design says must print (or be flagged), never crash. */
const FIXED: Seedling[] = [
	{
		first: 'Zoë',
		name: "Zoë van 't Hek",
		slug: 'zoe.vanthek',
		channels: ['instagram', 'x'],
		city: 'Utrecht',
		featured: true
	},
	{
		first: 'Łukasz',
		name: 'Łukasz Żółć',
		slug: 'lukasz.zolc',
		channels: ['x', 'linkedin'],
		city: 'Eindhoven',
		locale: 'en',
		featured: true
	},
	{
		first: 'Şükrü',
		name: 'Şükrü Öztürk',
		slug: 'sukru.ozturk',
		channels: ['facebook'],
		city: 'Rotterdam',
		featured: true
	},
	{
		first: 'Khai',
		name: 'Nguyễn Thị Minh Khai',
		slug: 'minhkhai.nguyen',
		channels: ['instagram'],
		city: 'Amsterdam',
		featured: true
	},
	{
		first: 'Ĳsbrand',
		name: 'Ĳsbrand Ĳzerman',
		slug: 'ijsbrand.ijzerman',
		channels: ['email', 'facebook'],
		city: 'IJmuiden',
		featured: true
	},
	{
		first: 'يوسف',
		name: 'يوسف المنصوري',
		slug: 'youssef.elmansouri',
		channels: ['whatsapp', 'x'],
		city: 'Den Haag',
		featured: true
	},
	{
		first: 'Sanne',
		name: 'Sanne de Wit 🌷',
		slug: 'sanne.dewit',
		channels: ['instagram'],
		city: 'Haarlem',
		featured: true
	},
	{
		first: 'Anaïs',
		name: 'Anaïs Lefèvre',
		slug: 'anais.lefevre',
		channels: ['instagram', 'facebook'],
		country: 'BE',
		city: 'Gent',
		locale: 'en',
		featured: true
	},
	{
		first: 'Jürgen',
		name: 'Jürgen Müller',
		slug: 'juergen.mueller',
		channels: ['x', 'linkedin'],
		country: 'DE',
		city: 'Köln',
		locale: 'en',
		featured: true
	},
	{
		first: 'Willemijn',
		name: 'Willemijn Charlotte Alexandra van Heeckeren tot Kernhem-Ravesteyn',
		slug: 'willemijn.vanheeckeren',
		channels: ['linkedin', 'email'],
		city: "'s-Hertogenbosch",
		featured: true
	},
	{
		first: 'Femke',
		name: 'Femke van der Meer-Bakker',
		slug: 'femke.vandermeer',
		channels: ['facebook', 'whatsapp'],
		city: 'Zwolle',
		featured: true
	},
	{
		first: 'Marloes',
		name: 'Marloes Kuipers',
		slug: 'marloes.kuipers',
		channels: ['instagram'],
		isStaff: true,
		notes: 'Collega: werkt bij ons op de klantenservice in Utrecht.'
	},
	{
		first: 'Jesse',
		name: 'Jesse Ouali',
		slug: 'jesse.ouali',
		channels: ['x', 'linkedin'],
		isStaff: true,
		notes: 'Collega van het magazijn; deelt onze posts vaak.'
	},
	{
		first: 'Henk',
		name: 'Henk de Boer',
		slug: 'henk.deboer',
		channels: ['facebook'],
		optedOut: true,
		notes: 'Wil geen verrassingen of berichten meer ontvangen (verzoek via Messenger).'
	},
	{
		first: 'Ria',
		name: 'Ria Mulder',
		slug: 'ria.mulder',
		channels: ['email'],
		optedOut: true,
		notes: 'Afgemeld voor alle acties.'
	},
	{
		first: 'Gert-Jan',
		name: 'Gert-Jan Postma',
		slug: 'gertjan.postma',
		channels: ['x'],
		optedOut: true,
		notes: 'Afgemeld na winactie; liever geen contact via social.'
	}
];

const CUSTOMER_NOTES = [
	'Liefst contact via WhatsApp, niet bellen.',
	'Heeft een notenallergie: geen noten in pakketjes.',
	'Vaste klant sinds 2014.',
	'Werkt in de zorg, vaak pas na 20:00 bereikbaar.',
	'Heeft ons eerder geholpen met feedback op de nieuwe verpakking.',
	'Schrijft graag lange reviews; altijd eerlijk.'
];

function ascii(value: string): string {
	return value
		.replace(/Ĳ/g, 'IJ')
		.replace(/ĳ/g, 'ij')
		.replace(/Ł/g, 'L')
		.replace(/ł/g, 'l')
		.replace(/ß/g, 'ss')
		.replace(/[Øø]/g, 'o')
		.replace(/ı/g, 'i')
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(/[^A-Za-z0-9.]/g, '')
		.toLowerCase();
}

const CHANNEL_WEIGHTS: readonly (readonly [Channel, number])[] = [
	['instagram', 30],
	['facebook', 25],
	['x', 20],
	['whatsapp', 10],
	['email', 8],
	['linkedin', 7]
];

const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net'];
const HEX = '0123456789abcdef';

export class HandleBook {
	private readonly taken = new Set<string>();
	private readonly rng: Rng;
	/** 1 on a first seed; a forced re-seed gets other handles so it never collides. */
	private readonly run: number;
	constructor(rng: Rng, run: number) {
		this.rng = rng;
		this.run = run;
	}

	make(channel: Channel, slug: string): HandleSpec {
		const [first = slug, last = ''] = slug.split('.');
		for (let attempt = 0; ; attempt++) {
			const extra = attempt === 0 ? '' : String(this.rng.int(2, 99));
			const handle = this.shape(channel, first, last, extra);
			const handleNorm = foldHandle(handle);
			const key = `${channel}:${handleNorm}`;
			if (this.taken.has(key)) continue;
			this.taken.add(key);
			const followers = channel === 'whatsapp' || channel === 'email' ? 0 : followerCount(this.rng);
			return { id: randomUUID(), channel, handle, handleNorm, followers };
		}
	}

	private shape(channel: Channel, first: string, last: string, extra: string): string {
		const r = this.rng;
		// A forced second seed tags its handles in a way a first seed never produces.
		const tag = (separator: string) => (this.run > 1 ? `${separator}${this.run}` : '');
		// Stored as the customers domain stores them (canonicalHandle): no leading @, case kept.
		switch (channel) {
			case 'x': {
				const styles = [
					`${first}_${last}`,
					`${first}${last}`,
					`${first[0]}${last}`,
					`${first}${last.slice(0, 3)}`
				];
				let base = r.pick(styles).slice(0, 11) + extra;
				if (r.chance(0.3)) base = base.charAt(0).toUpperCase() + base.slice(1);
				return base + tag('_');
			}
			case 'instagram':
				return `${r.pick([`${first}.${last}`, `${first}_${last}`, `${first}${last}`, `${last}.${first}`])}${extra}${tag('.r')}`;
			case 'facebook':
				return `${first}.${last}.${r.int(1, 99)}${extra}${tag('.r')}`;
			case 'linkedin':
				return `${first}-${last}-${r.chars(6, HEX)}${extra}${tag('-r')}`;
			case 'tiktok':
			case 'youtube':
				return `${first}.${last}${extra}${tag('.r')}`.slice(0, 24);
			case 'whatsapp':
				// Fictional Dutch mobile numbers in E.164.
				return `+316${String(this.run).padStart(2, '0')}${r.chars(6, '0123456789')}`;
			case 'email':
				return `${first}${last ? `.${last}` : ''}${extra}${this.run > 1 ? `+demo${this.run}` : ''}@${r.pick(EMAIL_DOMAINS)}`;
		}
	}
}

function nlAddress(rng: Rng, recipientName: string, city?: string): AddressSpec {
	const place = (city && NL_PLACES.find((p) => p.city === city)) || rng.pick(NL_PLACES);
	const digits = rng.int(place.postcodes[0], place.postcodes[1]);
	const postcode = `${digits} ${rng.chars(2, POSTCODE_LETTERS)}`;
	const addition = rng.weighted<string | null>([
		[null, 70],
		['A', 8],
		['B', 4],
		['bis', 2],
		['2 hoog', 4],
		['III', 3],
		['zw', 2],
		['huis', 3]
	]);
	return {
		recipientName,
		street: rng.pick(place.streets),
		houseNumber: String(
			rng.weighted([
				[rng.int(1, 40), 6],
				[rng.int(41, 250), 3],
				[rng.int(251, 1200), 1]
			])
		),
		addition,
		postcode,
		postcodeArea: String(digits),
		city: place.city,
		country: 'NL'
	};
}

function abroadAddress(
	rng: Rng,
	recipientName: string,
	country: 'BE' | 'DE',
	city?: string
): AddressSpec {
	const list = country === 'BE' ? BE_PLACES : DE_PLACES;
	const place = list.find((p) => p.city === city) ?? rng.pick(list);
	return {
		recipientName,
		street: rng.pick(place.streets),
		houseNumber: String(rng.int(1, 180)),
		addition: country === 'BE' && rng.chance(0.4) ? `bus ${rng.int(1, 12)}` : null,
		postcode: place.postcode,
		postcodeArea: country === 'DE' ? place.postcode.slice(0, 3) : place.postcode,
		city: place.city,
		country
	};
}

function pickChannels(rng: Rng): Channel[] {
	const chosen: Channel[] = [rng.weighted(CHANNEL_WEIGHTS)];
	const extra = rng.weighted([
		[0, 67],
		[1, 25],
		[2, 8]
	]);
	while (chosen.length < 1 + extra) {
		const next = rng.weighted(CHANNEL_WEIGHTS);
		if (!chosen.includes(next)) chosen.push(next);
	}
	return chosen;
}

function generatedSeedlings(rng: Rng, count: number): Seedling[] {
	const out: Seedling[] = [];
	const seen = new Set(FIXED.map((s) => s.name));
	const international = rng.shuffle(INTERNATIONAL_NAMES);
	while (out.length < count) {
		let seedling: Seedling;
		if (international.length > 0 && rng.chance(0.1)) {
			const [first, last, slug] = international.pop()!;
			seedling = { first, name: `${first} ${last}`, slug, locale: rng.chance(0.4) ? 'en' : 'nl' };
		} else {
			const first = rng.pick(FIRST_NAMES);
			const [tussen, last] = rng.pick(SURNAMES);
			const name = `${first} ${tussen ? `${tussen} ` : ''}${last}`;
			seedling = { first, name, slug: `${ascii(first)}.${ascii(`${tussen}${last}`)}` };
		}
		if (seen.has(seedling.name)) continue;
		seen.add(seedling.name);
		if (rng.chance(0.04)) seedling.country = rng.chance(0.6) ? 'BE' : 'DE';
		out.push(seedling);
	}
	return out;
}

/** 200 fictional customers: the fixed ones first, then generated ones. */
export function buildCustomers(rng: Rng, run: number, total = 200): CustomerSpec[] {
	const book = new HandleBook(rng, run);
	const seedlings = [...FIXED, ...generatedSeedlings(rng, total - FIXED.length)];
	return seedlings.map((s) => {
		const name = normalizeText(s.name);
		const channelList = s.channels ?? pickChannels(rng);
		const handles = channelList.map((channel) => book.make(channel, ascii(s.slug) || s.slug));
		const emailHandle = handles.find((h) => h.channel === 'email');
		const email =
			emailHandle?.handle ?? (rng.chance(0.3) ? book.make('email', s.slug).handle : null);
		const home =
			s.country && s.country !== 'NL'
				? abroadAddress(rng, name, s.country, s.city)
				: nlAddress(rng, name, s.city);
		return {
			id: randomUUID(),
			name,
			firstName: normalizeText(s.first),
			email,
			locale: s.locale ?? (s.country === 'DE' ? 'en' : 'nl'),
			isStaff: s.isStaff ?? false,
			optedOut: s.optedOut ?? false,
			notes: s.notes ?? (rng.chance(0.12) ? rng.pick(CUSTOMER_NOTES) : ''),
			handles,
			home,
			addressKnown: rng.chance(0.08),
			featured: s.featured ?? false
		};
	});
}
