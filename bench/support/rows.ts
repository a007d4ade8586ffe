/** Deterministic bench data: addresses with diacritics, and card messages. */

function mulberry32(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const FIRST = [
	'Zoë',
	'Łukasz',
	'Şükrü',
	'Anouk',
	'Daan',
	'Émile',
	'Jürgen',
	'Noël',
	'Søren',
	'Inês',
	'Ĳsbrand',
	'Chloë',
	'Björn',
	'Renée',
	'Thị Minh',
	'François',
	'Aïcha',
	'Mårten',
	'Dóra',
	'Sanne',
	'Ömer',
	'Małgorzata',
	'José',
	'Niña',
	'Ærøn'
];
const LAST = [
	"van 't Hek",
	'Żółć',
	'Öztürk',
	'de Vries',
	'Bakker',
	'Müller',
	'Nguyễn',
	'Janssen',
	'Brontë',
	'Łęcki',
	'van der Meulen',
	'Doğan',
	'Šimić',
	'Østergaard',
	'Kovač',
	"d'Ancona",
	'Peña',
	'Ğüneş',
	'Dvořák',
	'El Idrissi'
];
const STREETS = [
	'Keizersgracht',
	'Dorpsstraat',
	'Ĳsselkade',
	'Oranjelaan',
	'Kerkstraat',
	'Molenweg',
	'Stationsplein',
	'Prinses Irenestraat',
	'Burgemeester Reigerstraat',
	'Lange Nieuwstraat'
];
const NL_CITIES: [string, number][] = [
	['Amsterdam', 1011],
	['Utrecht', 3511],
	['IJsselstein', 3401],
	['Den Haag', 2511],
	['Groningen', 9711],
	['Maastricht', 6211],
	['Zwolle', 8011],
	['Leeuwarden', 8911]
];
const ABROAD = [
	{ country: 'BE', city: 'Liège', postcode: '4000', street: 'Rue Saint-Gilles' },
	{ country: 'DE', city: 'Köln', postcode: '50667', street: 'Hohe Straße' },
	{ country: 'FR', city: 'Besançon', postcode: '25000', street: 'Rue de la République' }
];
const ADDITIONS = ['', '', '', '', 'A', 'bis', '2', 'hs'];

export interface AddressRow {
	reference: string;
	name: string;
	street: string;
	house_number: string;
	addition: string;
	postcode: string;
	city: string;
	country: string;
}

export function addressRows(n: number, seed = 42): AddressRow[] {
	const rnd = mulberry32(seed);
	const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)]!;
	const letters = 'ABCDEGHJKLMNPRSTVWXZ';
	return Array.from({ length: n }, (_, i) => {
		const name = `${pick(FIRST)} ${pick(LAST)}`;
		const reference = `HOP-${String(i + 1).padStart(5, '0')}`;
		if (rnd() < 0.08) {
			const a = pick(ABROAD);
			return {
				reference,
				name,
				street: a.street,
				house_number: String(1 + Math.floor(rnd() * 200)),
				addition: '',
				postcode: a.postcode,
				city: a.city,
				country: a.country
			};
		}
		const [city, base] = pick(NL_CITIES);
		const postcode = `${base + Math.floor(rnd() * 80)} ${pick([...letters])}${pick([...letters])}`;
		return {
			reference,
			name,
			street: pick(STREETS),
			house_number: String(1 + Math.floor(rnd() * 300)),
			addition: pick(ADDITIONS),
			postcode,
			city,
			country: 'NL'
		};
	});
}

const OPENINGS = ['Hoi', 'Lieve', 'Beste', 'Hallo', 'Hé'];
const BODIES = [
	'wat fijn dat je ons liet weten hoe blij je was met de hulp van het team. Als dank sturen we je iets lekkers voor bij de koffie.',
	'wat vervelend dat je pakket zo lang onderweg was. We hopen dat deze sokken je dag een beetje warmer maken.',
	'gefeliciteerd met je verjaardag! Geniet van de bioscoopbon en neem iemand leuks mee.',
	'dank je wel voor je mooie woorden over onze winkel. Daar worden we echt blij van, dus hierbij een kleine verrassing terug.'
];
const SIGNERS = ['Sanne', 'Łukasz', 'Zoë', 'Daan', 'Şükrü', 'Inês'];

export interface CardRow {
	reference: string;
	recipient: string;
	message: string;
	signature: string;
}

export function cardRows(n: number, seed = 7): CardRow[] {
	const rnd = mulberry32(seed);
	const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)]!;
	return Array.from({ length: n }, (_, i) => {
		const first = pick(FIRST);
		return {
			reference: `HOP-${String(i + 1).padStart(5, '0')}`,
			recipient: first,
			message: `${pick(OPENINGS)} ${first},\n${pick(BODIES)}\n\nHartelijke groet van het hele team!`,
			signature: `${pick(SIGNERS)}, namens de hub`
		};
	});
}

/** RFC 4180 CSV (quotes where needed). */
export function toCsv<T extends object>(rows: T[]): string {
	if (rows.length === 0) return '';
	const keys = Object.keys(rows[0]!) as (keyof T)[];
	const cell = (v: unknown) => {
		const s = String(v ?? '');
		return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
	};
	return (
		[keys.join(','), ...rows.map((r) => keys.map((k) => cell(r[k])).join(','))].join('\n') + '\n'
	);
}
