/** Code 128 bars and QR modules as vector rectangles (content units, y upwards). */
import { createRequire } from 'node:module';
import { CODE128_PATTERNS, code128Values } from './code128.ts';

export const QUIET_MODULES = 10;

// Loaded on first use: a batch without QR codes never pays for it (~14 MB).
const require = createRequire(import.meta.url);
let qrcode: typeof import('qrcode') | undefined;

export interface Rect {
	x: number;
	/** Bottom edge. */
	y: number;
	width: number;
	height: number;
}

/**
 * Per Code 128 symbol: its bars as fills in module units from the symbol's start, then a shift of
 * the coordinate system to the next symbol's start. A barcode is these strings joined: no numbers
 * formatted per bar in the label hot loop.
 */
const SYMBOL_OPS = CODE128_PATTERNS.map((pattern) => {
	let ops = '';
	let x = 0;
	for (let k = 0; k < pattern.length; k++) {
		const w = pattern.charCodeAt(k) - 48;
		if ((k & 1) === 0) ops += `${x} 0 ${w} 1 re f\n`;
		x += w;
	}
	return `${ops}1 0 0 1 ${x} 0 cm\n`;
});
const SYMBOL_MODULES = CODE128_PATTERNS.map((pattern) =>
	[...pattern].reduce((sum, w) => sum + Number(w), 0)
);

/**
 * Bars of `text`, left-aligned in `box` after a quiet zone, each bar its own fill (one fill for
 * all bars rendered blurry edges). `module` is the preferred narrow bar width, shrunk to fit.
 */
export function drawCode128(
	text: string,
	box: Rect,
	module: number,
	minModule: number
): { ops: string; tooSmall: boolean } | null {
	const values = code128Values(text);
	if (!values) return null;
	let total = 2 * QUIET_MODULES;
	for (const v of values) total += SYMBOL_MODULES[v]!;
	const m = Math.min(module, box.width / total);
	// Bars in module units: a transform puts module 0 at the quiet zone's end, scales x by the module
	// width and y by the bar height, so each bar is a few small integers.
	let ops = `q ${m.toFixed(2)} 0 0 ${box.height} ${Math.round(box.x + QUIET_MODULES * m)} ${box.y} cm\n`;
	for (const v of values) ops += SYMBOL_OPS[v]!;
	return { ops: ops + 'Q\n', tooSmall: m < minModule - 1e-9 };
}

/** A QR code (error correction M) as dark squares merged per row, centred in `box`, quiet zone 4. */
export function drawQr(text: string, box: Rect): string {
	qrcode ??= require('qrcode') as typeof import('qrcode');
	const qr = qrcode.create(text, { errorCorrectionLevel: 'M' });
	const n = qr.modules.size;
	const side = Math.min(box.width, box.height);
	const m = side / (n + 8);
	const left = box.x + (box.width - side) / 2 + 4 * m;
	const top = box.y + (box.height + side) / 2 - 4 * m;
	const data = qr.modules.data;
	let ops = '';
	for (let r = 0; r < n; r++) {
		const y0 = Math.round(top - (r + 1) * m);
		const y1 = Math.round(top - r * m);
		let c = 0;
		let any = false;
		while (c < n) {
			if (!data[r * n + c]) {
				c++;
				continue;
			}
			let e = c;
			while (e < n && data[r * n + e]) e++;
			const x0 = Math.round(left + c * m);
			ops += `${x0} ${y0} ${Math.round(left + e * m) - x0} ${y1 - y0} re `;
			any = true;
			c = e;
		}
		if (any) ops += 'f\n';
	}
	return ops;
}
