/** Poppler and zbar from tests: render a PDF page to PNG, decode barcodes, compare images. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';

export const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

/** Missing tools skip a test locally, but fail on CI (CI installs poppler-utils and zbar-tools). */
export function toolMissing(cmd: string, apt: string): string | null {
	if (has(cmd)) return null;
	const message = `${cmd} not found: apt-get install -y ${apt}`;
	if (process.env.CI === 'true') throw new Error(`${message} (required on CI)`);
	console.warn(`skipped: ${message}`);
	return message;
}

export function withTempDir<T>(fn: (dir: string) => T): T {
	const dir = mkdtempSync(path.join(tmpdir(), 'hoppatee-print-test-'));
	try {
		return fn(dir);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** Page `page` of the PDF as PNG bytes at `dpi` (pdftoppm). */
export function renderPage(pdf: Uint8Array, dpi: number, page = 1, gray = false): Buffer {
	return withTempDir((dir) => {
		const file = path.join(dir, 'in.pdf');
		writeFileSync(file, pdf);
		const args = [
			'-r',
			String(dpi),
			'-png',
			'-f',
			String(page),
			'-l',
			String(page),
			'-singlefile',
			...(gray ? ['-gray'] : []),
			file,
			path.join(dir, 'out')
		];
		const r = spawnSync('pdftoppm', args, { encoding: 'utf8' });
		if (r.status !== 0) throw new Error(`pdftoppm failed: ${r.stderr}`);
		return readFileSync(path.join(dir, 'out.png'));
	});
}

export function pdfText(pdf: Uint8Array, page?: number): string {
	return withTempDir((dir) => {
		const file = path.join(dir, 'in.pdf');
		writeFileSync(file, pdf);
		const range = page ? ['-f', String(page), '-l', String(page)] : [];
		return spawnSync('pdftotext', [...range, file, '-'], { encoding: 'utf8' }).stdout;
	});
}

/** Every barcode zbarimg finds on page `page` rendered at 300 dpi: "CODE-128:HOP-00001", "QR-Code:https://…". */
export function decodeBarcodes(pdf: Uint8Array, page = 1): string[] {
	const png = renderPage(pdf, 300, page, true);
	return withTempDir((dir) => {
		const file = path.join(dir, 'page.png');
		writeFileSync(file, png);
		const r = spawnSync('zbarimg', ['--quiet', file], { encoding: 'utf8' });
		return r.stdout.split('\n').filter(Boolean);
	});
}

export interface Ink {
	width: number;
	height: number;
	/** Dark (< 160 of 255) at pixel x, y. */
	dark(x: number, y: number): boolean;
}

export function ink(png: Buffer): Ink {
	const img = PNG.sync.read(png);
	return {
		width: img.width,
		height: img.height,
		dark: (x, y) => {
			const i = (y * img.width + x) * 4;
			return (img.data[i]! + img.data[i + 1]! + img.data[i + 2]!) / 3 < 160;
		}
	};
}

/** Share of pixels that differ by more than `threshold` in any channel; 1 when sizes differ. */
export function pngDifference(a: Buffer, b: Buffer, threshold = 64): number {
	const x = PNG.sync.read(a);
	const y = PNG.sync.read(b);
	if (x.width !== y.width || x.height !== y.height) return 1;
	let diff = 0;
	for (let i = 0; i < x.data.length; i += 4) {
		if (
			Math.abs(x.data[i]! - y.data[i]!) > threshold ||
			Math.abs(x.data[i + 1]! - y.data[i + 1]!) > threshold ||
			Math.abs(x.data[i + 2]! - y.data[i + 2]!) > threshold
		)
			diff++;
	}
	return diff / (x.width * x.height);
}
