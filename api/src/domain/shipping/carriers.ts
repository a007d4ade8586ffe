/**
 * The carriers a parcel may go with, and each one's public tracking page. No dependencies, so the
 * web reads the keys through `#api/client`. `{code}` is the tracking number, `{postcode}` the
 * recipient's postcode without spaces, `{country}` its ISO code; `{lang}` the customer's language.
 */
export const carriers = {
	postnl: {
		name: 'PostNL',
		url: 'https://jouw.postnl.nl/track-and-trace/{code}-{country}-{postcode}'
	},
	dhl: {
		name: 'DHL',
		url: 'https://www.dhl.com/nl-{lang}/home/tracking.html?tracking-id={code}&submit=1'
	},
	dpd: { name: 'DPD', url: 'https://tracking.dpd.de/status/{lang}_NL/parcel/{code}' },
	bpost: {
		name: 'bpost',
		url: 'https://track.bpost.cloud/btr/web/#/search?itemCode={code}&lang={lang}'
	},
	/** Another carrier: the number is passed on as it is, with no link. */
	other: { name: '', url: null }
} as const satisfies Record<string, { name: string; url: string | null }>;

export type Carrier = keyof typeof carriers;
export const carrierKeys = Object.keys(carriers) as [Carrier, ...Carrier[]];

/** The customer's public tracking page, or null for `other` or without a number. */
export function trackingUrl(
	carrier: Carrier,
	code: string,
	to: { postcode: string | null; country: string; locale: 'nl' | 'en' }
): string | null {
	const pattern = carriers[carrier].url;
	if (!pattern || !code) return null;
	const values: Record<string, string> = {
		code,
		postcode: (to.postcode ?? '').replace(/\s+/g, '').toUpperCase(),
		country: to.country.toUpperCase(),
		lang: to.locale
	};
	return pattern.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(values[key] ?? ''));
}
