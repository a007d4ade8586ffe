/**
 * The shipments CSV's column sets: Hoppatee's own (`generic`) and the bulk-upload formats of
 * PostNL (Mijn PostNL, Dutch headers) and DHL Parcel (My DHL Parcel). Each is a list of
 * [header, cell]; the export fills the same row for each.
 */
export const shipmentFormats = ['generic', 'postnl', 'dhl'] as const;
export type ShipmentFormat = (typeof shipmentFormats)[number];

export interface ShipmentRow {
	reference: string;
	name: string;
	street: string | null;
	houseNumber: string | null;
	addition: string | null;
	postcode: string | null;
	city: string | null;
	country: string;
	weightGrams: number;
	email: string | null;
}

type Column = readonly [header: string, cell: (r: ShipmentRow) => string | number | null];

const columns: Record<ShipmentFormat, readonly Column[]> = {
	generic: [
		['reference', (r) => r.reference],
		['name', (r) => r.name],
		['street', (r) => r.street],
		['house_number', (r) => r.houseNumber],
		['addition', (r) => r.addition],
		['postcode', (r) => r.postcode],
		['city', (r) => r.city],
		['country', (r) => r.country],
		['weight_grams', (r) => r.weightGrams]
	],
	postnl: [
		['Referentie', (r) => r.reference],
		['Naam', (r) => r.name],
		['Straat', (r) => r.street],
		['Huisnummer', (r) => r.houseNumber],
		['Toevoeging', (r) => r.addition],
		['Postcode', (r) => r.postcode],
		['Plaats', (r) => r.city],
		['Land', (r) => r.country],
		['Gewicht', (r) => r.weightGrams]
	],
	dhl: [
		['Reference', (r) => r.reference],
		['Name', (r) => r.name],
		['Street', (r) => r.street],
		['HouseNumber', (r) => r.houseNumber],
		['HouseNumberAddition', (r) => r.addition],
		['PostalCode', (r) => r.postcode],
		['City', (r) => r.city],
		['CountryCode', (r) => r.country],
		// DHL asks for kilograms.
		['Weight', (r) => (r.weightGrams / 1000).toFixed(3)]
	]
};

const emailHeader: Record<ShipmentFormat, string> = {
	generic: 'email',
	postnl: 'E-mailadres',
	dhl: 'Email'
};

/** The header and the rows of one format; the email column only when asked for. */
export function shipmentTable(
	format: ShipmentFormat,
	rows: ShipmentRow[],
	withEmail: boolean
): { header: string[]; cells: (string | number | null)[][] } {
	const cols = columns[format];
	return {
		header: [...cols.map(([h]) => h), ...(withEmail ? [emailHeader[format]] : [])],
		cells: rows.map((r) => [...cols.map(([, cell]) => cell(r)), ...(withEmail ? [r.email] : [])])
	};
}
