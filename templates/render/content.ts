/**
 * Hand-built page content streams. Every page starts with `0.01 0 0 0.01 0 0 cm`, so all numbers
 * in the stream are integers in 1/100 pt: no float formatting in the hot loop. Streams (and the
 * embedded fonts) are compressed with Node's zlib at level 1.
 */
import { deflateSync } from 'node:zlib';
import {
	PDFDict,
	PDFName,
	PDFPageLeaf,
	type PDFDocument,
	type PDFObject,
	type PDFRef
} from './pdf-lib.ts';
import type { DocFont } from './fonts.ts';
import type { FittedBlock } from './text.ts';

export const PT_PER_MM = 72 / 25.4;
/** Content units per mm (1 unit = 0.01 pt). */
export const U_PER_MM = PT_PER_MM * 100;
export const u = (mm: number) => Math.round(mm * U_PER_MM);

/**
 * zlib level 1, in a way that keeps the process small over thousands of pages: input encoded into
 * one reused scratch buffer, output in 4 KB chunks (served from Node's buffer pool) and copied to
 * an exact-size array. With Buffer.from + default 16 KB chunks, peak RSS grew by ~20 MB per 1,000
 * pages (native buffers freed only at the next GC); a view on the output chunk would pin it.
 */
let scratch = Buffer.allocUnsafe(1 << 16);
const DEFLATE = { level: 1, chunkSize: 4096 };
const deflate = (bytes: Uint8Array) => new Uint8Array(deflateSync(bytes, DEFLATE));
function deflateLatin1(text: string): Uint8Array {
	if (text.length > scratch.length)
		scratch = Buffer.allocUnsafe(Math.max(text.length, scratch.length * 2));
	const n = scratch.write(text, 'latin1');
	return deflate(scratch.subarray(0, n));
}

/** Fonts and ToUnicode maps of this document are compressed with zlib level 1 too. */
export function useFastDeflate(doc: PDFDocument): void {
	const context = doc.context;
	context.flateStream = (contents, dict = {}) =>
		context.stream(typeof contents === 'string' ? deflateLatin1(contents) : deflate(contents), {
			...dict,
			Filter: 'FlateDecode'
		});
}

/**
 * Appends pages of `width` × `height` mm, each with one content stream, straight onto the root page
 * tree: pdf-lib's addPage walks every page so far to find where a new one goes (quadratic over a
 * batch, ~30 ms for 400 pages), and a batch only ever appends. All pages share one Resources
 * dictionary: the document's fonts.
 */
export function pageAppender(
	doc: PDFDocument,
	widthMm: number,
	heightMm: number,
	fonts: Iterable<DocFont>
): (content: string) => void {
	const context = doc.context;
	const tree = doc.catalog.Pages();
	const treeRef = doc.catalog.get(PDFName.of('Pages')) as PDFRef;
	const fontDict = new Map<PDFName, PDFRef>();
	for (const f of fonts) fontDict.set(PDFName.of(f.name), f.pdf.ref);
	const resources = context.register(
		PDFDict.fromMapWithContext(
			new Map([[PDFName.of('Font'), PDFDict.fromMapWithContext(fontDict, context)]]),
			context
		)
	);
	const mediaBox = [0, 0, widthMm * PT_PER_MM, heightMm * PT_PER_MM];
	const [type, page, parent, resourcesKey, mediaBoxKey, contentsKey] = [
		'Type',
		'Page',
		'Parent',
		'Resources',
		'MediaBox',
		'Contents'
	].map((n) => PDFName.of(n)) as PDFName[];
	return (content) => {
		const bytes = deflateLatin1(`q 0.01 0 0 0.01 0 0 cm\n${content}Q\n`);
		const contents = context.register(context.stream(bytes, { Filter: 'FlateDecode' }));
		const leaf = PDFPageLeaf.fromMapWithContext(
			new Map<PDFName, PDFObject>([
				[type!, page!],
				[parent!, treeRef],
				[resourcesKey!, resources],
				[mediaBoxKey!, context.obj(mediaBox)],
				[contentsKey!, contents]
			]),
			context,
			false
		);
		tree.pushLeafNode(context.register(leaf));
	};
}

const colours = new Map<string, string>();
/** `r g b` for a #rrggbb colour (cached). */
export function rgb(hex: string): string {
	let c = colours.get(hex);
	if (!c) {
		const n = Number.parseInt(hex.slice(1), 16);
		const f = (v: number) => String(Math.round((v / 255) * 1000) / 1000);
		c = `${f(n >> 16)} ${f((n >> 8) & 255)} ${f(n & 255)}`;
		colours.set(hex, c);
	}
	return c;
}

export interface TextBox {
	/** Left, top edge (measured downwards from the frame top), width and height in content units. */
	x: number;
	top: number;
	width: number;
	height: number;
}

/**
 * Text operators for a fitted block inside `box` of a frame `frameHeight` units high (PDF y grows
 * upwards; boxes are measured from the top).
 */
export function drawBlock(
	block: FittedBlock,
	box: TextBox,
	frameHeight: number,
	align: 'left' | 'center' | 'right',
	valign: 'top' | 'middle' | 'bottom',
	colour: string
): string {
	if (block.lines.length === 0) return '';
	const size = block.size * 100;
	const free = box.height - block.height * 100;
	const dy = valign === 'top' ? 0 : valign === 'middle' ? free / 2 : free;
	let y = frameHeight - box.top - dy - block.firstBaseline * 100;
	const gap = block.lineGap * 100;
	const sizeOp = ` ${Math.round(size)} Tf\n`;
	const black = colour === '#000000';
	let out = black ? 'BT\n' : `q ${rgb(colour)} rg BT\n`;
	let current: DocFont | null = null;
	// Td moves relative to the last line start (identity at BT): short integers, no Tm per line.
	let lx = 0;
	let ly = 0;
	for (const line of block.lines) {
		const lineWidth = (line.width * size) / 1000;
		let x =
			box.x +
			(align === 'left'
				? 0
				: align === 'center'
					? (box.width - lineWidth) / 2
					: box.width - lineWidth);
		const yi = Math.round(y);
		for (const piece of line.pieces) {
			if (piece.f !== current) {
				current = piece.f;
				out += '/' + current.name + sizeOp;
			}
			if (piece.glyphs) {
				for (const g of piece.glyphs) {
					lx = Math.round(x + (g.x * size) / 1000);
					ly = Math.round(y + (g.y * size) / 1000);
					out += `1 0 0 1 ${lx} ${ly} Tm (${g.code}) Tj\n`;
				}
			} else {
				const xi = Math.round(x);
				out += xi - lx + ' ' + (yi - ly) + ' Td (' + piece.code + ') Tj\n';
				lx = xi;
				ly = yi;
			}
			x += (piece.width * size) / 1000;
		}
		y -= gap;
	}
	return out + (black ? 'ET\n' : 'ET Q\n');
}

/** A rectangle outline; x, y of the lower-left corner in content units. */
export function strokeRect(
	x: number,
	y: number,
	w: number,
	h: number,
	lineWidthPt: number,
	colour = '#000000'
): string {
	return `q ${rgb(colour)} RG ${Math.round(lineWidthPt * 100)} w ${x} ${y} ${w} ${h} re S Q\n`;
}

export function line(
	x1: number,
	y1: number,
	x2: number,
	y2: number,
	lineWidthPt: number,
	colour: string,
	dash?: number[]
): string {
	const d = dash ? `[${dash.map((v) => u(v)).join(' ')}] 0 d ` : '';
	return `q ${rgb(colour)} RG ${Math.round(lineWidthPt * 100)} w ${d}${x1} ${y1} m ${x2} ${y2} l S Q\n`;
}
