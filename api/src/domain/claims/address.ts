/**
 * Country-aware postal address validation for the claim page. Pure: no database, no clock.
 *
 * NL `1234 AB` (first digit 1–9; SA, SD and SS are never issued), spacing and case normalised;
 * BE four digits 1000–9999; DE five digits; every other country free-form with a required
 * ISO 3166-1 alpha-2 country code. Errors name the field (`address.postcode`) and come in the
 * language of the claim link.
 */
import { MAX_NAME_CHARS } from '../customers/name-limit.ts';
import type { FieldError } from '../errors.ts';

export const addressLocales = ['nl', 'en'] as const;
export type AddressLocale = (typeof addressLocales)[number];

/** ISO 3166-1 alpha-2: the 249 officially assigned codes. */
const ISO_COUNTRIES = new Set(
	(
		'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
		'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
		'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO ' +
		'JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR ' +
		'MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO ' +
		'RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV ' +
		'TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
	).split(' ')
);

export function isCountryCode(code: string): boolean {
	return ISO_COUNTRIES.has(code);
}

export interface AddressInput {
	recipientName?: unknown;
	street?: unknown;
	houseNumber?: unknown;
	addition?: unknown;
	postcode?: unknown;
	city?: unknown;
	country?: unknown;
}

export interface PostalAddress {
	recipientName: string;
	street: string;
	houseNumber: string;
	addition: string | null;
	postcode: string | null;
	/** What privacy retention keeps for statistics: NL the 4 digits, BE the postcode, DE the first 3 digits. */
	postcodeArea: string | null;
	city: string;
	country: string;
}

export type AddressResult =
	{ ok: true; address: PostalAddress } | { ok: false; errors: FieldError[] };

type MessageKey =
	| 'required'
	| 'tooLong'
	| 'country'
	| 'postcodeNl'
	| 'postcodeNlReserved'
	| 'postcodeBe'
	| 'postcodeDe'
	| 'houseNumberNl'
	| 'houseNumber';

const MESSAGES: Record<AddressLocale, Record<MessageKey, string>> = {
	nl: {
		required: 'Vul dit in.',
		tooLong: 'Dit is te lang: maximaal {max} tekens.',
		country: 'Kies een land (landcode zoals NL, BE of DE).',
		postcodeNl: 'Een Nederlandse postcode is 4 cijfers en 2 letters, zoals 1234 AB.',
		postcodeNlReserved: 'Deze postcode bestaat niet (SA, SD en SS worden niet gebruikt).',
		postcodeBe: 'Een Belgische postcode is 4 cijfers, van 1000 tot en met 9999.',
		postcodeDe: 'Een Duitse postcode is 5 cijfers, zoals 50667.',
		houseNumberNl: 'Vul het huisnummer in cijfers in; een toevoeging mag erachter.',
		houseNumber: 'Vul het huisnummer in, zoals 12 of 12a.'
	},
	en: {
		required: 'Please fill this in.',
		tooLong: 'This is too long: at most {max} characters.',
		country: 'Choose a country (a code such as NL, BE or DE).',
		postcodeNl: 'A Dutch postcode is 4 digits and 2 letters, like 1234 AB.',
		postcodeNlReserved: 'This postcode does not exist (SA, SD and SS are never used).',
		postcodeBe: 'A Belgian postcode is 4 digits, from 1000 to 9999.',
		postcodeDe: 'A German postcode is 5 digits, like 50667.',
		houseNumberNl: 'Enter the house number in digits; an addition may follow.',
		houseNumber: 'Enter the house number, like 12 or 12a.'
	}
};

/** In characters (code points); the recipient's name may be as long as a customer's. */
const MAX = {
	recipientName: MAX_NAME_CHARS,
	street: 100,
	houseNumber: 12,
	addition: 20,
	postcode: 12,
	city: 80
} as const;

/** Control, zero-width and bidi-override characters: never part of an address line. */
const INVISIBLE_OR_CONTROL =
	/[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** NFC, invisible characters removed, runs of whitespace to one space, ends trimmed. */
export function cleanLine(value: unknown): string {
	if (typeof value !== 'string') return '';
	return value.normalize('NFC').replace(INVISIBLE_OR_CONTROL, ' ').replace(/\s+/g, ' ').trim();
}

/** `1234ab`, ` 1234  AB `, `1234-ab` → `1234 AB`; null when it is not a Dutch postcode. */
export function normaliseDutchPostcode(
	value: string
): { postcode: string } | { error: 'postcodeNl' | 'postcodeNlReserved' } {
	const compact = value.replace(/[\s-]+/g, '').toUpperCase();
	const match = /^([1-9][0-9]{3})([A-Z]{2})$/.exec(compact);
	if (!match) return { error: 'postcodeNl' };
	if (['SA', 'SD', 'SS'].includes(match[2]!)) return { error: 'postcodeNlReserved' };
	return { postcode: `${match[1]} ${match[2]}` };
}

export function validateAddress(
	input: AddressInput,
	options: { locale?: AddressLocale; prefix?: string } = {}
): AddressResult {
	const messages = MESSAGES[options.locale ?? 'nl'];
	const prefix = options.prefix ?? 'address';
	const errors: FieldError[] = [];
	const fail = (field: keyof typeof MAX | 'country', key: MessageKey) =>
		errors.push({
			field: `${prefix}.${field}`,
			message: messages[key].replace('{max}', field === 'country' ? '' : String(MAX[field]))
		});

	const line = (field: keyof typeof MAX, required: boolean): string => {
		const value = cleanLine(input[field]);
		if (!value && required) fail(field, 'required');
		else if ([...value].length > MAX[field]) fail(field, 'tooLong');
		return value;
	};

	const countryRaw = cleanLine(input.country).toUpperCase();
	const country = countryRaw && isCountryCode(countryRaw) ? countryRaw : '';
	if (!country) fail('country', countryRaw ? 'country' : 'required');

	const recipientName = line('recipientName', true);
	const street = line('street', true);
	const city = line('city', true);
	const needsNumber = country === 'NL' || country === 'BE' || country === 'DE';
	let houseNumber = line('houseNumber', needsNumber);
	let addition: string | null = line('addition', false) || null;
	let postcode: string | null = line('postcode', needsNumber);
	let postcodeArea: string | null = null;

	if (country === 'NL') {
		// People type "12a" or "12-2" into the number field: split it into number and addition.
		if (houseNumber) {
			const split = /^(\d{1,5})(?:\s*[-/]?\s*([A-Za-z0-9][A-Za-z0-9 -]{0,15}))?$/.exec(houseNumber);
			if (!split || split[1]!.startsWith('0')) fail('houseNumber', 'houseNumberNl');
			else {
				houseNumber = split[1]!;
				if (split[2]) addition = addition ? `${split[2]} ${addition}` : split[2];
			}
		}
		if (postcode) {
			const result = normaliseDutchPostcode(postcode);
			if ('error' in result) fail('postcode', result.error);
			else {
				postcode = result.postcode;
				postcodeArea = postcode.slice(0, 4);
			}
		}
	} else if (country === 'BE' || country === 'DE') {
		if (houseNumber && !/^\d{1,5}\s?[A-Za-z]?(\s*[-/]\s*\d{1,5}\s?[A-Za-z]?)?$/.test(houseNumber))
			fail('houseNumber', 'houseNumber');
		if (postcode) {
			// A country prefix ("B-1000", "D-50667") is how some people write it.
			const digits = postcode.replace(/^(?:B|D|BE|DE)\s*-?\s*/i, '').replace(/\s+/g, '');
			if (country === 'BE') {
				if (/^[1-9][0-9]{3}$/.test(digits)) postcode = postcodeArea = digits;
				else fail('postcode', 'postcodeBe');
			} else if (/^(?:0[1-9]|[1-9][0-9])[0-9]{3}$/.test(digits)) {
				postcode = digits;
				postcodeArea = digits.slice(0, 3);
			} else fail('postcode', 'postcodeDe');
		}
	} else if (postcode) {
		postcode = postcode.toUpperCase();
	}

	if (errors.length) return { ok: false, errors };
	return {
		ok: true,
		address: {
			recipientName,
			street,
			houseNumber,
			addition,
			postcode: postcode || null,
			postcodeArea,
			city,
			country
		}
	};
}
