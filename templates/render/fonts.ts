/**
 * Fonts: read and parsed once per process (bytes + a fontkit instance for coverage checks and
 * measuring), embedded once per document as a subset. Which file a font id means lives in
 * templates/assets/fonts.json.
 */
import fontkit from '@pdf-lib/fontkit';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { PDFDocument, PDFFont } from './pdf-lib.ts';
import { FontManifest } from './schema.ts';
import { templatesRoot, TemplateFileError } from './load-templates.ts';
import { padGlyphs } from './ttf-padding.ts';

const require = createRequire(import.meta.url);

/** OpenType features for layout. Ligatures off: "fi" stays two glyphs on both text paths. */
export const FONT_FEATURES = {
	liga: false,
	clig: false,
	dlig: false,
	hlig: false,
	calt: false
} as const;

/** What fontkit gives us; typed narrowly to the parts we use. */
export interface FontkitFont {
	postscriptName: string;
	unitsPerEm: number;
	ascent: number;
	descent: number;
	hasGlyphForCodePoint(codePoint: number): boolean;
	glyphForCodePoint(codePoint: number): { id: number; advanceWidth: number };
	layout(
		text: string,
		features?: object
	): {
		glyphs: { id: number; advanceWidth: number; codePoints: number[] }[];
		positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[];
	};
}

export interface LoadedFont {
	id: string;
	bytes: Uint8Array;
	fk: FontkitFont;
	tag: string;
	/** Glyph advance per UTF-16 code unit in 1/1000 em (NaN: not measured yet). */
	widths: Float64Array;
	/** 0 unknown, 1 on the fast path (simple script, glyph present), 2 not. */
	simple: Uint8Array;
	/** Ascent and descent in 1/1000 em (descent positive). */
	ascent: number;
	descent: number;
}

let manifest: FontManifest | undefined;
const loaded = new Map<string, LoadedFont>();

function fontManifest(): FontManifest {
	if (manifest) return manifest;
	const file = path.join(templatesRoot, 'assets', 'fonts.json');
	const parsed = FontManifest.safeParse(JSON.parse(readFileSync(file, 'utf8')));
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		throw new TemplateFileError('templates/assets/fonts.json', issue.path.join('.'), issue.message);
	}
	manifest = parsed.data;
	return manifest;
}

/**
 * What to hand fontkit.create: its bundled Buffer copies a Uint8Array byte by byte (~5 ms per
 * 700 KB font, twice per font and job) but wraps an ArrayBuffer as it is. Font bytes are never
 * written to.
 */
function uncopied(bytes: Uint8Array): Uint8Array {
	const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
	return whole ? (bytes.buffer as unknown as Uint8Array) : bytes;
}

/** The font, read from its package the first time it is asked for. */
export function loadFont(id: string): LoadedFont {
	const hit = loaded.get(id);
	if (hit) return hit;
	const entry = fontManifest()[id];
	if (!entry) throw new Error(`Unknown font "${id}": add it to templates/assets/fonts.json`);
	const dir = path.dirname(require.resolve(`${entry.package}/package.json`));
	const bytes = padGlyphs(new Uint8Array(readFileSync(path.join(dir, entry.file))));
	const fk = fontkit.create(uncopied(bytes)) as unknown as FontkitFont;
	const scale = 1000 / fk.unitsPerEm;
	const font: LoadedFont = {
		id,
		bytes,
		fk,
		tag: entry.tag,
		widths: new Float64Array(65536).fill(Number.NaN),
		simple: new Uint8Array(65536),
		ascent: fk.ascent * scale,
		descent: -fk.descent * scale
	};
	loaded.set(id, font);
	return font;
}

/**
 * Scripts the fast path draws glyph by glyph without shaping: Latin (with all its extensions and
 * Vietnamese), Greek, Cyrillic, common punctuation and symbols. Anything else — combining marks,
 * right-to-left scripts, emoji, invisible controls — goes through fontkit's full layout.
 */
export function isFastCodeUnit(c: number): boolean {
	return (
		(c >= 0x20 && c <= 0x7e) ||
		(c >= 0xa0 && c <= 0x24f && c !== 0xad) ||
		(c >= 0x370 && c <= 0x3ff) ||
		(c >= 0x400 && c <= 0x4ff) ||
		(c >= 0x1e00 && c <= 0x1eff) ||
		(c >= 0x2010 && c <= 0x2027) ||
		(c >= 0x2030 && c <= 0x205e) ||
		(c >= 0x20a0 && c <= 0x20bf) ||
		(c >= 0x2100 && c <= 0x214f)
	);
}

/** Whether `font` draws code unit `c` on the fast path (cached per process). */
export function fastChar(font: LoadedFont, c: number): boolean {
	let s = font.simple[c]!;
	if (s === 0) {
		s = isFastCodeUnit(c) && font.fk.hasGlyphForCodePoint(c) ? 1 : 2;
		font.simple[c] = s;
	}
	return s === 1;
}

/** Advance of code unit `c` (a fast character) in 1/1000 em: the glyph's advance, as pdf-lib's /W has it. */
export function charWidth(font: LoadedFont, c: number): number {
	let w = font.widths[c]!;
	if (w !== w) {
		w = (font.fk.glyphForCodePoint(c).advanceWidth * 1000) / font.fk.unitsPerEm;
		font.widths[c] = w;
	}
	return w;
}

/**
 * What pdf-lib gets as "fontkit": a fresh fontkit instance per document (fontkit caches glyph
 * objects with the characters they were first looked up for, and pdf-lib writes the ToUnicode map
 * from them, so an instance shared across documents loses text), whose layout answers a single fast
 * character straight from the cmap — the label hot path encodes character by character, and full
 * OpenType layout would give the same glyph (ligatures off) but parse GSUB/GPOS first (~25 ms).
 */
export const sharedFontkit = {
	create(bytes: Uint8Array) {
		const instance = fontkit.create(uncopied(bytes)) as unknown as FontkitFont;
		const font = [...loaded.values()].find((f) => f.bytes === bytes);
		if (!font) return instance;
		const layout = instance.layout.bind(instance);
		instance.layout = (text: string, features?: object) => {
			const c = text.length === 1 ? text.charCodeAt(0) : -1;
			if (c >= 0 && fastChar(font, c)) {
				const glyph = instance.glyphForCodePoint(c);
				return {
					glyphs: [glyph],
					positions: [{ xAdvance: glyph.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 }]
				} as ReturnType<FontkitFont['layout']>;
			}
			return layout(text, features);
		};
		return instance;
	}
};

/** A font embedded in one document: resource name, pdf-lib font and glyph codes per character. */
export interface DocFont {
	font: LoadedFont;
	pdf: PDFFont;
	/** Resource name on every page, e.g. F0. */
	name: string;
	/**
	 * Glyph code per code unit as the inside of a PDF literal string (2 bytes, escaped), filled through
	 * pdfFont.encodeText (which keeps the subset and the ToUnicode map right).
	 */
	code: (string | undefined)[];
}

export async function embedFonts(doc: PDFDocument, ids: string[]): Promise<Map<string, DocFont>> {
	const out = new Map<string, DocFont>();
	let n = 0;
	for (const id of ids) {
		if (out.has(id)) continue;
		const font = loadFont(id);
		const pdf = await doc.embedFont(font.bytes, {
			subset: true,
			features: FONT_FEATURES,
			customName: `${font.tag}+${font.fk.postscriptName}`
		});
		out.set(id, { font, pdf, name: `F${n++}`, code: new Array(65536) });
	}
	return out;
}

/**
 * Glyph codes from pdf-lib (hex, 4 digits per glyph) as the inside of a PDF literal string: two
 * bytes per glyph instead of four characters, so content streams are smaller and faster to build.
 */
export function literalFromHex(hex: string): string {
	let out = '';
	for (let i = 0; i < hex.length; i += 2) {
		const b = Number.parseInt(hex.slice(i, i + 2), 16);
		out +=
			b === 0x28 || b === 0x29 || b === 0x5c
				? '\\' + String.fromCharCode(b)
				: b === 0x0d
					? '\\r'
					: b === 0x0a
						? '\\n'
						: String.fromCharCode(b);
	}
	return out;
}

/** Glyph code (literal-string bytes) of fast character `c` in this document. */
export function charCode(f: DocFont, c: number): string {
	let code = f.code[c];
	if (code === undefined) {
		code = literalFromHex(f.pdf.encodeText(String.fromCharCode(c)).asString());
		f.code[c] = code;
	}
	return code;
}
