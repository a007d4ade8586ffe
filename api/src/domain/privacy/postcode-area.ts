/**
 * The part of a postcode that is kept after an address is anonymised: coarse enough not to point at
 * a household, fine enough for "where do our surprises go" statistics.
 *
 * - NL `1234 AB` → `1234` (the PC4 area: ~4,000 areas, ~4,500 people each; the letters narrow it
 *   to a street side, so they go).
 * - BE `1000` → `1000`: Belgian postcodes are 4 digits for a whole municipality or deelgemeente
 *   (~1,150 codes, ~10,000 people each), as coarse as the Dutch PC4.
 * - DE `10115` → `101`: a full German code covers ~10,000 people but big firms have their own
 *   code (Großkundenpostleitzahl), so only the first 3 digits stay (~100,000 people).
 * - Any other country: nothing is kept but the country (and the city): we do not know its format
 *   well enough to know what is coarse.
 *
 * This matches what the demo data does. Input that does not look like a postcode of its country
 * gives null rather than a guess.
 */
export function postcodeArea(country: string, postcode: string | null | undefined): string | null {
	if (!postcode) return null;
	const compact = postcode
		.normalize('NFKC')
		.replace(/[\s\u00A0-]+/g, '')
		.toUpperCase();
	switch (country.toUpperCase()) {
		case 'NL': {
			const m = /^([1-9]\d{3})(?:[A-Z]{2})?$/.exec(compact);
			return m ? m[1]! : null;
		}
		case 'BE': {
			const m = /^(?:BE?)?([1-9]\d{3})$/.exec(compact);
			return m ? m[1]! : null;
		}
		case 'DE': {
			const m = /^(?:DE?)?(\d{3})\d{2}$/.exec(compact);
			return m ? m[1]! : null;
		}
		default:
			return null;
	}
}
