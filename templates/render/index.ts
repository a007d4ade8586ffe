/**
 * The print engine's public face: the batch/API side calls only these.
 *
 *   listTemplates()                 label sheets and card designs from templates/*.json
 *   renderLabels({ templateId, labels, startPosition?, onProgress? })   → { pdf, pages, flags }
 *   renderCards({ templateId, cards, logo?, onProgress? })              → { pdf, pages, flags }
 *   formatAddress(address)          the recipient block per country
 *   cardTextLimits()                how much text each card design takes (for the card checks)
 *   renderCertificate({ title, facts, lists, … })                      → PDF bytes (a draw certificate)
 *
 * Rendering never throws on text: characters no font can draw and text that does not fit come
 * back as flags. It throws RenderInputError for an unknown template, a start position beyond the
 * sheet or an empty batch, and TemplateFileError when a template file is invalid.
 */
import { labelFrame, templates } from './load-templates.ts';

export {
	renderLabels,
	type LabelData,
	type RenderLabelsInput,
	type RenderResult
} from './render-labels.ts';
export { renderCards, type CardData, type RenderCardsInput } from './render-cards.ts';
export { formatAddress, type AddressInput } from './format-address.ts';
export { parseLogo, type Logo } from './logo.ts';
export { renderCertificate, type CertificateInput } from './render-certificate.ts';
export { RenderInputError, type Flag } from './errors.ts';
export { TemplateFileError } from './load-templates.ts';

export interface TemplateSummary {
	id: string;
	name: string;
	/** The name in other languages, where the template file gives it. */
	names?: { nl?: string };
	kind: 'label' | 'card';
	/** Sheets hold several labels; thermal printers take one label per page. */
	media: 'sheet' | 'thermal' | 'card';
	/** Page size in mm. */
	page: { width: number; height: number };
	/** Size of one label or card in mm, as it is read. */
	cell: { width: number; height: number };
	/** Labels or cards per page. */
	cells: number;
	/** How the cells lie on the page: columns across, rows down (label N counts across, then down). */
	grid: { columns: number; rows: number };
	/** Pages per sheet of cards (2: print duplex). */
	sides: number;
}

export function listTemplates(): { labels: TemplateSummary[]; cards: TemplateSummary[] } {
	const { labels, cards } = templates();
	return {
		labels: [...labels.values()].map((t) => ({
			id: t.id,
			name: t.name,
			names: t.names,
			kind: 'label' as const,
			media: t.media,
			page: { ...t.page },
			cell: labelFrame(t),
			cells: t.grid.columns * t.grid.rows,
			grid: { columns: t.grid.columns, rows: t.grid.rows },
			sides: 1
		})),
		cards: [...cards.values()].map((t) => ({
			id: t.id,
			name: t.name,
			names: t.names,
			kind: 'card' as const,
			media: 'card' as const,
			page: { ...t.page },
			cell: { ...t.card },
			cells: t.grid.columns * t.grid.rows,
			grid: { columns: t.grid.columns, rows: t.grid.rows },
			sides: t.sides.length
		}))
	};
}

export interface CardTextLimit {
	maxChars: number;
	maxLines: number;
	/** Characters of the handwriting font on one line, for estimating wrapped lines. */
	charsPerLine: number;
}

/** Text limits per card template id, from the `limits` of templates/cards/*.json. */
export function cardTextLimits(): Record<string, CardTextLimit> {
	return Object.fromEntries([...templates().cards.values()].map((t) => [t.id, { ...t.limits }]));
}
