/**
 * Text: clean (NFC, controls out), check every character against the font stack, shape, wrap and
 * fit into a box. Latin/Greek/Cyrillic strings take the fast path (glyph code and width cached per
 * character); anything else — right-to-left scripts, combining marks, emoji, invisible controls —
 * goes through the Unicode bidi algorithm (bidi-js) and fontkit's full layout, run by run.
 * Widths are in 1/1000 em until a size is chosen.
 */
import bidiFactory from 'bidi-js';
import type { FlagProblem } from './errors.ts';
import {
	charCode,
	charWidth,
	fastChar,
	FONT_FEATURES,
	literalFromHex,
	type DocFont
} from './fonts.ts';

const bidi = bidiFactory();
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * One font's share of a line: glyph codes as the inside of a PDF literal string. Positioned glyphs
 * carry offsets from the piece's start (1/1000 em).
 */
export interface Piece {
	f: DocFont;
	code: string;
	width: number;
	glyphs?: { code: string; x: number; y: number }[];
}
export interface ShapedLine {
	pieces: Piece[];
	width: number;
}

/** Something a string could not print; the caller turns it into a Flag. */
export type Report = (problem: FlagProblem, detail: string) => void;

const REPLACEMENT = 0xfffd;

/** Invisible by definition (Default_Ignorable_Code_Point): never drawn, never flagged. */
export function isIgnorable(cp: number): boolean {
	return (
		cp === 0xad ||
		cp === 0x34f ||
		cp === 0x61c ||
		(cp >= 0x115f && cp <= 0x1160) ||
		(cp >= 0x17b4 && cp <= 0x17b5) ||
		(cp >= 0x180b && cp <= 0x180f) ||
		(cp >= 0x200b && cp <= 0x200f) ||
		(cp >= 0x202a && cp <= 0x202e) ||
		(cp >= 0x2060 && cp <= 0x206f) ||
		cp === 0x3164 ||
		(cp >= 0xfe00 && cp <= 0xfe0f) ||
		cp === 0xfeff ||
		cp === 0xffa0 ||
		(cp >= 0xfff0 && cp <= 0xfff8) ||
		(cp >= 0x1bca0 && cp <= 0x1bca3) ||
		(cp >= 0x1d173 && cp <= 0x1d17a) ||
		(cp >= 0xe0000 && cp <= 0xe0fff)
	);
}

const codePoint = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * NFC, tabs to spaces, other control characters (NUL …) removed and reported. Line breaks are the
 * caller's business: split paragraphs before cleaning.
 */
export function cleanText(raw: string, report: Report): string {
	// Printable ASCII is NFC already and has nothing to remove.
	if (/^[\x20-\x7e]*$/.test(raw)) return raw;
	let s = raw.normalize('NFC');
	// Fast exit for the common case: printable, nothing to remove.
	if (/[\u0000-\u001f\u007f-\u009f]/.test(s)) {
		s = s.replace(/\t/g, ' ');
		s = s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
			const point = codePoint(c.codePointAt(0)!);
			report(
				{ code: 'control_removed', params: { codePoint: point } },
				`control character ${point} removed`
			);
			return '';
		});
	}
	return closeBidi(s, report);
}

const EMBEDDINGS = new Set([0x202a, 0x202b, 0x202d, 0x202e]);
const ISOLATES = new Set([0x2066, 0x2067, 0x2068]);
const PDF = 0x202c;
const PDI = 0x2069;

/**
 * Closes the bidi embeddings, overrides and isolates a line leaves open (U+202A–U+202E,
 * U+2066–U+2069), and reports it: an open right-to-left override in a name would otherwise
 * reverse whatever follows it on the card or label ("Voor <name>, …", the joined return address).
 * Matching follows UAX #9: PDF closes the innermost embedding unless an isolate is open inside
 * it, PDI closes the innermost isolate and the embeddings opened in it.
 */
export function closeBidi(s: string, report: Report): string {
	if (!/[\u202a-\u202e\u2066-\u2069]/.test(s)) return s;
	const open: { isolate: boolean; cp: number }[] = [];
	for (const ch of s) {
		const cp = ch.codePointAt(0)!;
		if (EMBEDDINGS.has(cp)) open.push({ isolate: false, cp });
		else if (ISOLATES.has(cp)) open.push({ isolate: true, cp });
		else if (cp === PDF) {
			if (open.length && !open.at(-1)!.isolate) open.pop();
		} else if (cp === PDI) {
			const at = open.findLastIndex((o) => o.isolate);
			if (at >= 0) open.length = at;
		}
	}
	if (!open.length) return s;
	const point = codePoint(open[0]!.cp);
	report(
		{ code: 'bidi_closed', params: { codePoint: point } },
		`bidi control ${point} left open: closed at the end of the line`
	);
	let closers = '';
	for (let i = open.length - 1; i >= 0; i--)
		closers += open[i]!.isolate ? String.fromCodePoint(PDI) : String.fromCodePoint(PDF);
	return s + closers;
}

/** Fast path: every code unit is a simple character the first font has. */
function shapeFast(s: string, f: DocFont): ShapedLine | null {
	const font = f.font;
	let code = '';
	let width = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (!fastChar(font, c)) return null;
		code += charCode(f, c);
		width += charWidth(font, c);
	}
	return { pieces: [{ f, code, width }], width };
}

function widthFast(s: string, f: DocFont): number {
	const font = f.font;
	let width = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (!fastChar(font, c)) return -1;
		width += charWidth(font, c);
	}
	return width;
}

/** Which font of the stack draws this grapheme (index), or -1 when none can. */
function fontFor(cluster: string, stack: DocFont[]): number {
	fonts: for (let k = 0; k < stack.length; k++) {
		const fk = stack[k]!.font.fk;
		for (const ch of cluster) {
			const cp = ch.codePointAt(0)!;
			if (isIgnorable(cp)) continue;
			if (!fk.hasGlyphForCodePoint(cp)) continue fonts;
		}
		return k;
	}
	return -1;
}

const RTL_STRONG =
	/[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]|\ud802[\udc00-\udfff]|\ud803[\udc00-\ude7f]|\ud83a[\udc00-\udd5f]/;

interface Run {
	text: string;
	level: number;
	font: number;
}

/**
 * Logical runs of one line: graphemes grouped by bidi level and font, characters no font has
 * replaced by U+FFFD (reported), invisible controls dropped (ZWJ/ZWNJ kept for shaping).
 */
function logicalRuns(line: string, stack: DocFont[], report: Report | null): Run[] {
	const { levels } = bidi.getEmbeddingLevels(line);
	const runs: Run[] = [];
	let last: Run | undefined;
	for (const { segment, index } of graphemes.segment(line)) {
		const level = levels[index]!;
		let text = '';
		let visible = false;
		for (const ch of segment) {
			const cp = ch.codePointAt(0)!;
			if (isIgnorable(cp)) {
				if (cp === 0x200d || cp === 0x200c) text += ch;
				continue;
			}
			visible = true;
			text += ch;
		}
		if (!visible) {
			if (text && last) last.text += text;
			continue;
		}
		let font = fontFor(segment, stack);
		if (font < 0) {
			const points = [...segment].map((c) => codePoint(c.codePointAt(0)!)).join(' ');
			report?.(
				{ code: 'glyph_missing', params: { text: segment, codePoints: points } },
				`cannot print "${segment}" (${points}): no embedded font has it`
			);
			font = stack.findIndex((f) => f.font.fk.hasGlyphForCodePoint(REPLACEMENT));
			text = font < 0 ? '?' : '\ufffd';
			if (font < 0) font = 0;
		}
		if (last && last.level === level && last.font === font) last.text += text;
		else {
			last = { text, level, font };
			runs.push(last);
		}
	}
	return runs;
}

/** Rule L2 of the bidi algorithm on whole runs: reverse sequences from the highest level down. */
function visualOrder(runs: Run[]): Run[] {
	let max = 0;
	let minOdd = 255;
	for (const r of runs) {
		if (r.level > max) max = r.level;
		if (r.level & 1 && r.level < minOdd) minOdd = r.level;
	}
	const out = runs.slice();
	for (let level = max; level >= minOdd && level > 0; level--) {
		for (let i = 0; i < out.length;) {
			if (out[i]!.level < level) {
				i++;
				continue;
			}
			let j = i;
			while (j < out.length && out[j]!.level >= level) j++;
			const part = out.slice(i, j).reverse();
			out.splice(i, j - i, ...part);
			i = j;
		}
	}
	return out;
}

function mirror(text: string): string {
	let out = '';
	for (const ch of text) out += bidi.getMirroredCharacter(ch) ?? ch;
	return out;
}

function shapeRun(text: string, f: DocFont): Piece {
	const fk = f.font.fk;
	const scale = 1000 / fk.unitsPerEm;
	const hex = f.pdf.encodeText(text).asString();
	const run = fk.layout(text, FONT_FEATURES);
	let width = 0;
	let plain = run.glyphs.length * 4 === hex.length;
	for (let i = 0; i < run.glyphs.length; i++) {
		const p = run.positions[i]!;
		width += p.xAdvance * scale;
		if (p.xOffset !== 0 || p.yOffset !== 0 || p.xAdvance !== run.glyphs[i]!.advanceWidth)
			plain = false;
	}
	if (plain || run.glyphs.length * 4 !== hex.length) return { f, code: literalFromHex(hex), width };
	const glyphs: Piece['glyphs'] = [];
	let x = 0;
	let y = 0;
	for (let i = 0; i < run.glyphs.length; i++) {
		const p = run.positions[i]!;
		glyphs.push({
			code: literalFromHex(hex.slice(i * 4, i * 4 + 4)),
			x: (x + p.xOffset) * scale,
			y: (y + p.yOffset) * scale
		});
		x += p.xAdvance;
		y += p.yAdvance;
	}
	return { f, code: literalFromHex(hex), width, glyphs };
}

/** Full path: bidi runs in visual order, each shaped by fontkit in its font. */
function shapeComplex(line: string, stack: DocFont[], report: Report | null): ShapedLine {
	const pieces: Piece[] = [];
	let width = 0;
	for (const run of visualOrder(logicalRuns(line, stack, report))) {
		let text = run.text;
		if (run.level & 1) {
			text = mirror(text);
			// fontkit reverses runs of right-to-left scripts itself; neutrals resolved to RTL we reverse.
			if (!RTL_STRONG.test(text))
				text = [...graphemes.segment(text)]
					.map((g) => g.segment)
					.reverse()
					.join('');
		}
		const piece = shapeRun(text, stack[run.font]!);
		pieces.push(piece);
		width += piece.width;
	}
	return { pieces, width };
}

/** A line ready to draw. Problems are reported once (the caller passes report on the final shaping only). */
export function shapeLine(line: string, stack: DocFont[], report: Report | null): ShapedLine {
	return shapeFast(line, stack[0]!) ?? shapeComplex(line, stack, report);
}

export function measure(text: string, stack: DocFont[]): number {
	const w = widthFast(text, stack[0]!);
	return w >= 0 ? w : shapeComplex(text, stack, null).width;
}

/**
 * Greedy wrap at spaces and after hyphens ("Vandenberghe-" | "de Jong"). A word longer than the
 * line is cut between graphemes — only when `cut` is set; otherwise null says "does not fit".
 */
export function wrap(
	paragraph: string,
	stack: DocFont[],
	maxWidth: number,
	cut: boolean,
	cache?: Map<string, number>
): string[] | null {
	const widthOf = (w: string) => {
		let v = cache?.get(w);
		if (v === undefined) {
			v = measure(w, stack);
			cache?.set(w, v);
		}
		return v;
	};
	const space = widthOf(' ');
	const lines: string[] = [];
	let line = '';
	let lineWidth = 0;
	for (const word of paragraph.split(' ')) {
		if (word === '') continue;
		// Pieces of the word that may end a line: "Wolfe-", "Vandenberghe".
		const pieces = word.match(/[^-]+-*|-+/g) ?? [word];
		for (let k = 0; k < pieces.length; k++) {
			const piece = pieces[k]!;
			const glue = k === 0 && line ? space : 0;
			const w = widthOf(piece);
			if (line && lineWidth + glue + w <= maxWidth) {
				line += (glue ? ' ' : '') + piece;
				lineWidth += glue + w;
				continue;
			}
			if (line) lines.push(line);
			line = piece;
			lineWidth = w;
			if (w <= maxWidth) continue;
			if (!cut) return null;
			// Cut the piece between graphemes; the rest starts the next line.
			let part = '';
			let partWidth = 0;
			for (const { segment } of graphemes.segment(piece)) {
				const gw = measure(segment, stack);
				if (part && partWidth + gw > maxWidth) {
					lines.push(part);
					part = '';
					partWidth = 0;
				}
				part += segment;
				partWidth += gw;
			}
			line = part;
			lineWidth = partWidth;
		}
	}
	if (line || lines.length === 0) lines.push(line);
	return lines;
}

export interface FitStyle {
	size: number;
	minSize: number;
	lineHeight: number;
}

export interface FittedBlock {
	size: number;
	lines: ShapedLine[];
	/** Height of the block in pt and the distance from its top to the first baseline. */
	height: number;
	firstBaseline: number;
	lineGap: number;
	overflow: boolean;
}

/** Paragraph stacks: the first paragraph may use other fonts (a bold name). */
export interface Paragraph {
	text: string;
	stack: DocFont[];
}

function blockHeight(lines: number, size: number, style: FitStyle, asc: number, desc: number) {
	return size * ((lines - 1) * style.lineHeight + (asc + desc) / 1000);
}

/**
 * Fit paragraphs into a box (pt): the largest size from `size` down to `minSize` where everything
 * fits. `wrap: false` prefers one line per paragraph and wraps only when shrinking alone cannot
 * fit. When nothing fits at `minSize`, the lines that fit are kept, the last one ends in "…", and
 * `overflow` is set: text never leaves its box.
 */
export function fitText(
	paragraphs: Paragraph[],
	boxWidth: number,
	boxHeight: number,
	style: FitStyle,
	options: { wrap: boolean; report: Report }
): FittedBlock {
	const metrics = paragraphs[0]?.stack[0]?.font ?? null;
	const asc = metrics?.ascent ?? 900;
	const desc = metrics?.descent ?? 250;
	const finish = (
		size: number,
		texts: { text: string; stack: DocFont[] }[],
		overflow: boolean
	): FittedBlock => ({
		size,
		lines: texts.map((t) => shapeLine(t.text, t.stack, options.report)),
		height: blockHeight(texts.length, size, style, asc, desc),
		firstBaseline: (size * asc) / 1000,
		lineGap: size * style.lineHeight,
		overflow
	});
	if (paragraphs.length === 0) return finish(style.size, [], false);

	if (!options.wrap) {
		// One line per paragraph: shaping does not depend on the size, so shape once and scale.
		const lines: ShapedLine[] = [];
		let widest = 0;
		for (const p of paragraphs) {
			const line = shapeLine(p.text, p.stack, options.report);
			lines.push(line);
			if (line.width > widest) widest = line.width;
		}
		const byHeight = boxHeight / blockHeight(paragraphs.length, 1, style, asc, desc);
		const size = Math.min(
			style.size,
			widest > 0 ? (boxWidth * 1000) / widest : style.size,
			byHeight
		);
		if (size >= style.minSize) {
			return {
				size,
				lines,
				height: blockHeight(lines.length, size, style, asc, desc),
				firstBaseline: (size * asc) / 1000,
				lineGap: size * style.lineHeight,
				overflow: false
			};
		}
	}

	const caches = paragraphs.map(() => new Map<string, number>());
	const wrapAll = (size: number, cut: boolean) => {
		const out: { text: string; stack: DocFont[] }[] = [];
		for (const [i, p] of paragraphs.entries()) {
			const lines = wrap(p.text, p.stack, (boxWidth * 1000) / size, cut, caches[i]);
			if (!lines) return null;
			for (const text of lines) out.push({ text, stack: p.stack });
		}
		return out;
	};
	const sizes: number[] = [];
	for (let size = style.size; size > style.minSize; size -= 0.5) sizes.push(size);
	sizes.push(style.minSize);
	// Whole words first (shrinking as far as minSize), cutting words only when that fails.
	for (const cut of [false, true]) {
		for (const size of sizes) {
			const lines = wrapAll(size, cut);
			if (lines && blockHeight(lines.length, size, style, asc, desc) <= boxHeight + 1e-6)
				return finish(size, lines, false);
		}
	}

	// Overflow: keep what fits at the smallest size and end the last line with an ellipsis.
	const size = style.minSize;
	const lines = wrapAll(size, true)!;
	const room = Math.max(
		1,
		Math.floor((boxHeight / size - (asc + desc) / 1000) / style.lineHeight + 1e-6) + 1
	);
	const kept = lines.slice(0, room);
	const last = kept[kept.length - 1]!;
	const maxWidth = (boxWidth * 1000) / size;
	let text = last.text;
	const chars = [...graphemes.segment(text)].map((g) => g.segment);
	while (chars.length > 0 && measure(chars.join('') + '…', last.stack) > maxWidth) chars.pop();
	text = chars.join('').trimEnd() + '…';
	kept[kept.length - 1] = { text, stack: last.stack };
	const fitted = finish(size, kept, true);
	// A box lower than one line at the smallest size: draw nothing rather than run outside it.
	if (fitted.height > boxHeight + 1e-6) return { ...fitted, lines: [] };
	return fitted;
}
