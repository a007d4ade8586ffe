/**
 * The recipient block of a label: lines in the order and shape the destination country's post
 * expects, from @fragaria/address-formatter (OpenCage's maintained per-country templates), with
 * the Dutch PostNL conventions on top: `Straat 12 A` and `1234 AB  PLAATS` (two spaces, capitals).
 */
import { createRequire } from 'node:module';

// Loaded on first use: its per-country templates cost ~10 MB, which a render-only process never needs.
const require = createRequire(import.meta.url);
let formatter: typeof import('@fragaria/address-formatter') | undefined;
const addressFormatter = () =>
	(formatter ??=
		require('@fragaria/address-formatter') as typeof import('@fragaria/address-formatter'));

export interface AddressInput {
	recipientName: string;
	street: string;
	houseNumber: string;
	addition?: string | null;
	postcode: string;
	city: string;
	/** ISO 3166-1 alpha-2, e.g. NL. */
	country: string;
}

interface CountryTemplate {
	use_country?: string;
	replace?: [string, string][];
	postformat_replace?: [string, string][];
}
let countryTemplates: Record<string, CountryTemplate> | undefined;
const templateFor = (country: string) =>
	(countryTemplates ??=
		require('@fragaria/address-formatter/src/templates/templates.json') as Record<
			string,
			CountryTemplate
		>)[country];
const rules = new Map<string, { replace: RegExp[]; post: RegExp[] }>();
function rulesFor(country: string, t: CountryTemplate) {
	let r = rules.get(country);
	if (!r) {
		r = {
			replace: (t.replace ?? []).map(([p]) => new RegExp(p)),
			post: (t.postformat_replace ?? []).map(([p]) => new RegExp(p))
		};
		rules.set(country, r);
	}
	return r;
}

type Fields = { road: string; houseNumber: string; postcode: string; city: string };
const FIELDS = ['road', 'houseNumber', 'postcode', 'city'] as const;
const KEYS = ['road', 'house_number', 'postcode', 'city'];
const SENTINELS = ['\uE001', '\uE002', '\uE003', '\uE004'];
/** A layout line: literal text and field indexes (0 road … 3 city). */
type Shape = (string | number)[][];
const shapes = new Map<string, Shape>();

function compileShape(lines: string[]): Shape {
	return lines.map((line) =>
		line
			.split(/([\uE001-\uE004])/)
			.filter((part) => part !== '')
			.map((part) =>
				part.length === 1 && part >= '\uE001' && part <= '\uE004'
					? part.charCodeAt(0) - 0xe001
					: part
			)
	);
}

/**
 * The formatter renders a mustache template and cleans it with a dozen regexes per call (~0.25 ms,
 * 2.5 s for 10,000 labels). The layout only depends on the country and which fields are filled, so
 * it is rendered once with placeholders and filled in; whenever a value could change the outcome
 * (a country rule that matches, a comma, duplicate parts, an aliased country) the real formatter
 * runs. test/unit/templates/format-address.test.ts checks both give the same lines.
 */
/** Whether a line, or a ", "-separated part of one, occurs twice (a handful of lines: pairwise). */
function hasRepeatedPart(lines: string[]): boolean {
	const parts = lines.some((l) => l.includes(', ')) ? lines.flatMap((l) => l.split(', ')) : lines;
	for (let i = 1; i < parts.length; i++)
		for (let j = 0; j < i; j++) if (parts[i] === parts[j]) return true;
	return false;
}

function formatFast(fields: Fields, country: string, appendCountry: boolean): string[] | null {
	const t = templateFor(country);
	if (!t || t.use_country) return null;
	const values = [fields.road, fields.houseNumber, fields.postcode, fields.city];
	let mask = 0;
	for (let i = 0; i < 4; i++) {
		const v = values[i]!;
		if (!v) continue;
		mask |= 1 << i;
		if (/[,\uE000-\uE0FF]|^-/.test(v)) return null;
	}
	const r = rulesFor(country, t);
	for (const re of r.replace)
		if (values.some((v, i) => v && (re.test(v) || re.test(`${KEYS[i]}=${v}`)))) return null;
	const key = `${country}${appendCountry ? 1 : 0}${mask}`;
	let shape = shapes.get(key);
	if (!shape) {
		const input: Record<string, string> = { countryCode: country };
		FIELDS.forEach((f, i) => {
			if (values[i]) input[f] = SENTINELS[i]!;
		});
		shape = compileShape(
			addressFormatter().format(input, { countryCode: country, appendCountry, output: 'array' })
		);
		shapes.set(key, shape);
	}
	const lines: string[] = [];
	for (const parts of shape) {
		let line = '';
		for (const part of parts) line += typeof part === 'number' ? values[part] : part;
		lines.push(line);
	}
	if (r.post.length > 0) {
		const text = `${lines.join('\n')}\n`;
		for (const re of r.post) if (re.test(text)) return null;
	}
	// The formatter drops repeated parts; when any part repeats, let it decide.
	return hasRepeatedPart(lines) ? null : lines;
}

/** Printable ASCII without leading, trailing or double spaces: already tidy (most values). */
const UNTIDY = /[^\x20-\x7e]|^ | $|  /;

function tidy(value: string | null | undefined): string {
	let s = value ?? '';
	if (!UNTIDY.test(s)) return s;
	if (/[^\x20-\x7e]/.test(s)) s = s.normalize('NFC');
	return /\s\s|^\s|\s$|[^\S ]/.test(s) ? s.replace(/\s+/g, ' ').trim() : s;
}

/** `1234ab` → `1234 AB`; anything else is left as typed. */
export function dutchPostcode(postcode: string): string {
	const m = /^(\d{4})\s*([a-zA-Z]{2})$/.exec(tidy(postcode));
	return m ? `${m[1]} ${m[2]!.toUpperCase()}` : tidy(postcode);
}

export function formatAddress(
	address: AddressInput,
	options: { homeCountry?: string } = {}
): string[] {
	const country = tidy(address.country).toUpperCase();
	const home = (options.homeCountry ?? 'NL').toUpperCase();
	const nl = country === 'NL';
	const number = tidy(address.houseNumber);
	const addition = tidy(address.addition);
	const houseNumber = number && addition ? `${number} ${addition}` : number || addition;
	const postcode = nl ? dutchPostcode(address.postcode) : tidy(address.postcode);
	const city = tidy(address.city);
	const fields = { road: tidy(address.street), houseNumber, postcode, city };
	const appendCountry = country !== home;
	const lines =
		formatFast(fields, country, appendCountry) ??
		addressFormatter().format(
			{ ...fields, countryCode: country },
			{ countryCode: country, appendCountry, output: 'array' }
		);
	const postcodeLine = nl && postcode ? `${postcode} ${city}` : null;
	const out = lines.map((line, i) => {
		if (line === postcodeLine) return `${postcode}  ${city.toUpperCase()}`;
		// International mail: the destination country in capitals on the last line (UPU).
		if (country !== home && i === lines.length - 1) return line.toUpperCase();
		return line;
	});
	const name = tidy(address.recipientName);
	return name ? [name, ...out] : out;
}
