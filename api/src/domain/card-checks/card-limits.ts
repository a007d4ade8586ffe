import {
	cardTextLimits,
	listTemplates,
	type CardTextLimit
} from '../../../../templates/render/index.ts';

/**
 * How much text fits on each card design: the `limits` of templates/cards/*.json, read through the
 * print engine's cardTextLimits() (one place per concern: a new card design is only a new file).
 * Read once, when this module loads; the template files are validated then.
 */
export const cardLimits: Readonly<Record<CardTemplateId, CardLimit>> =
	Object.freeze(cardTextLimits());

export type CardLimit = CardTextLimit;

/** A card template id: the name of a file in templates/cards/ without .json. */
export type CardTemplateId = string;
export const cardTemplateIds = Object.keys(cardLimits) as [CardTemplateId, ...CardTemplateId[]];
if (cardTemplateIds.length === 0)
	throw new Error('templates/cards/ has no card template: the card checks need at least one.');

const cardNames = new Map(listTemplates().cards.map((t) => [t.id, t.name]));
/** The card design's name as the templates give it, e.g. "A6 postcard, landscape (148 × 105 mm)". */
export function cardTemplateName(id: CardTemplateId): string {
	return cardNames.get(id) ?? id;
}

const graphemes = new Intl.Segmenter('nl', { granularity: 'grapheme' });

/** Characters as a reader counts them: an emoji or "ë" written with a combining mark is one. */
export function countChars(text: string): number {
	let n = 0;
	for (const _ of graphemes.segment(text)) n++;
	return n;
}

/** UTF-16 offset of the grapheme after the first `count` ones (text.length when shorter). */
function offsetAfter(text: string, count: number): number {
	let n = 0;
	for (const { index } of graphemes.segment(text)) {
		if (n === count) return index;
		n++;
	}
	return text.length;
}

export interface LaidOutLine {
	start: number;
	end: number;
}

/**
 * Lines as the card would show them: every line break starts a line, and a paragraph longer than
 * `charsPerLine` wraps at spaces (a word longer than a line is cut).
 */
export function layoutLines(message: string, charsPerLine: number): LaidOutLine[] {
	const text = message.replace(/\s+$/u, '');
	if (!text) return [];
	const lines: LaidOutLine[] = [];
	const breaks = /\r\n|\r|\n/g;
	let from = 0;
	for (;;) {
		const lineBreak = breaks.exec(text);
		const to = lineBreak ? lineBreak.index : text.length;
		wrapParagraph(text.slice(from, to), from, charsPerLine, lines);
		if (!lineBreak) return lines;
		from = lineBreak.index + lineBreak[0].length;
	}
}

function wrapParagraph(
	paragraph: string,
	offset: number,
	charsPerLine: number,
	lines: LaidOutLine[]
): void {
	let line: { start: number; end: number; chars: number } | null = null;
	for (const w of paragraph.matchAll(/\S+/g)) {
		const start = offset + w.index;
		const chars = countChars(w[0]);
		if (line && line.chars + 1 + chars <= charsPerLine) {
			line.chars += 1 + chars;
			line.end = start + w[0].length;
			continue;
		}
		if (line) lines.push({ start: line.start, end: line.end });
		let rest = w[0];
		let restStart = start;
		while (countChars(rest) > charsPerLine) {
			const cut = offsetAfter(rest, charsPerLine);
			lines.push({ start: restStart, end: restStart + cut });
			rest = rest.slice(cut);
			restStart += cut;
		}
		line = { start: restStart, end: restStart + rest.length, chars: countChars(rest) };
	}
	lines.push(line ? { start: line.start, end: line.end } : { start: offset, end: offset });
}

export interface LengthIssue {
	measure: 'chars' | 'lines';
	limit: number;
	actual: number;
	/** Where the text stops fitting, to the end of the message. */
	start: number;
	end: number;
}

export function checkLength(message: string, limit: CardLimit): LengthIssue[] {
	const issues: LengthIssue[] = [];
	const chars = countChars(message.trim());
	const leading = message.length - message.trimStart().length;
	if (chars > limit.maxChars) {
		issues.push({
			measure: 'chars',
			limit: limit.maxChars,
			actual: chars,
			start: leading + offsetAfter(message.trim(), limit.maxChars),
			end: message.trimEnd().length
		});
	}
	const lines = layoutLines(message, limit.charsPerLine);
	if (lines.length > limit.maxLines) {
		issues.push({
			measure: 'lines',
			limit: limit.maxLines,
			actual: lines.length,
			start: lines[limit.maxLines]!.start,
			end: message.trimEnd().length
		});
	}
	return issues;
}

/** Without a chosen card: only warn when the message fits on no card at all. */
export function largestCard(): [CardTemplateId, CardLimit] {
	return (Object.entries(cardLimits) as [CardTemplateId, CardLimit][]).reduce((a, b) =>
		b[1].maxChars > a[1].maxChars ? b : a
	);
}
