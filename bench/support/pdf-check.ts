/** Is a PDF what it should be: page count, text on a page, ink on page 1 (not blank). */
import { spawnSync } from 'node:child_process';

export function pdfPages(file: string): number {
	const r = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
	return Number(/Pages:\s+(\d+)/.exec(r.stdout)?.[1] ?? 0);
}

export function pdfText(file: string, page: number): string {
	return (
		spawnSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', file, '-'], {
			encoding: 'utf8',
			maxBuffer: 1 << 26
		}).stdout ?? ''
	);
}

/** Share of dark pixels on page 1 at 30 dpi (greyscale PGM from pdftoppm). */
export function inkShare(file: string): number {
	const r = spawnSync('pdftoppm', ['-r', '30', '-gray', '-f', '1', '-l', '1', file], {
		maxBuffer: 1 << 26
	});
	const pgm = r.stdout;
	if (!pgm || pgm.length < 20) return 0;
	// Header: P5\n<w> <h>\n<max>\n
	let pos = 0;
	const fields: string[] = [];
	while (fields.length < 4) {
		while (/\s/.test(String.fromCharCode(pgm[pos]!))) pos++;
		let s = '';
		while (!/\s/.test(String.fromCharCode(pgm[pos]!))) s += String.fromCharCode(pgm[pos++]!);
		fields.push(s);
	}
	pos++;
	const pixels = pgm.subarray(pos);
	let dark = 0;
	for (const v of pixels) if (v < 128) dark++;
	return dark / pixels.length;
}
