import { m } from '#lib/paraglide/messages.js';
import { formatNumber } from '#lib/labels.ts';

/** A card design as GET /api/v1/print/templates lists it (templates/cards/*.json). */
export interface CardDesign {
	id: string;
	name: string;
}

/** A warning as the card-checks API sends it: the kind and the facts, the words are ours. */
export interface CardWarning {
	kind: 'spelling' | 'stock_phrase' | 'near_copy' | 'length';
	message: string;
	start?: number;
	end?: number;
	word?: string;
	suggestions?: string[];
	phrase?: string;
	surpriseReference?: string;
	similarity?: number;
	measure?: 'chars' | 'lines';
	limit?: number;
	actual?: number;
}

/** The design's name in the reader's language where we have one; else the name its file gives. */
export function cardTemplateLabel(card: CardDesign): string {
	if (card.id === 'a6-postcard') return m.workflow_card_a6();
	if (card.id === 'a6-postcard-portrait') return m.workflow_card_a6_portrait();
	if (card.id === 'a5-folded') return m.workflow_card_a5();
	if (card.id === 'a4-4up') return m.workflow_card_a4();
	return card.name;
}

const quoted = (s: string) => `“${s}”`;

/** The warning in the reader's language; `text` is the message it was computed for. */
export function warningText(
	w: CardWarning,
	text: string,
	template: CardDesign | undefined
): string {
	switch (w.kind) {
		case 'spelling': {
			const word = w.word ?? (w.start !== undefined ? text.slice(w.start, w.end) : '');
			const suggestions = (w.suggestions ?? []).slice(0, 3).map(quoted).join(m.workflow_or());
			return suggestions
				? m.workflow_warn_spelling_suggest({ word, suggestions })
				: m.workflow_warn_spelling({ word });
		}
		case 'stock_phrase': {
			const typed = w.start !== undefined ? text.slice(w.start, w.end) : (w.phrase ?? '');
			return m.workflow_warn_stock_phrase({ phrase: typed });
		}
		case 'near_copy':
			return m.workflow_warn_near_copy({
				percent: formatNumber(Math.round((w.similarity ?? 0) * 100)),
				reference: w.surpriseReference ?? ''
			});
		case 'length': {
			const card = template ? cardTemplateLabel(template) : m.workflow_card_any_long();
			const values = {
				card,
				actual: formatNumber(w.actual ?? 0),
				limit: formatNumber(w.limit ?? 0)
			};
			return w.measure === 'lines' ? m.workflow_warn_lines(values) : m.workflow_warn_chars(values);
		}
		default:
			return w.message;
	}
}

export function warningKindLabel(kind: string): string {
	if (kind === 'spelling') return m.workflow_warn_kind_spelling();
	if (kind === 'stock_phrase') return m.workflow_warn_kind_stock_phrase();
	if (kind === 'near_copy') return m.workflow_warn_kind_near_copy();
	if (kind === 'length') return m.workflow_warn_kind_length();
	return kind;
}
