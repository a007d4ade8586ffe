/** `npm run print`: labels and cards from a CSV; its bundled build prints the very same bytes. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../templates/render/cli.ts';
import { bundlePrintCli } from '../../../bench/support/bundle-print-cli.ts';
import { pdfText, toolMissing } from './pdf-tools.ts';

const noPoppler = toolMissing('pdftotext', 'poppler-utils');
const node = path.resolve(import.meta.dirname, '../../../node_modules/.bin/node');

const LABELS_CSV = [
	'\uFEFFreference,name,street,house_number,addition,postcode,city,country,postage',
	'HOP-00001,"Zoë de Vries, jr.",Keizersgracht,12,A,1016dk,Amsterdam,NL,Postzegel',
	'HOP-00002,Şükrü Öztürk,Hohe Straße,5,,50667,Köln,DE,',
	...Array.from(
		{ length: 25 },
		(_, i) =>
			`HOP-${String(i + 3).padStart(5, '0')},Klant ${i + 3},Dorpsstraat,${i + 1},,3511 AB,Utrecht,NL,`
	),
	''
].join('\n');

/** Runs main() with argv; what it wrote to stdout and stderr, and its exit code. */
async function run(argv: string[]) {
	const out: string[] = [];
	const err: string[] = [];
	vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
	vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
	const code = await main(argv);
	return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

async function withTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
	const dir = mkdtempSync(path.join(tmpdir(), 'hoppatee-print-cli-'));
	try {
		await fn(dir);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

afterEach(() => vi.restoreAllMocks());

describe('print command', () => {
	it('prints a labels PDF from a CSV: quoted fields, a byte-order mark, formatted addresses, one page per 24', async () => {
		await withTempDir(async (dir) => {
			const csv = path.join(dir, 'rows.csv');
			const pdf = path.join(dir, 'labels.pdf');
			writeFileSync(csv, LABELS_CSV);
			const r = await run(['labels', csv, pdf]);
			expect(r.code).toBe(0);
			expect(r.stdout).toMatch(/labels\.pdf: 2 pages/);
			const bytes = new Uint8Array(readFileSync(pdf));
			expect(new TextDecoder('latin1').decode(bytes.subarray(0, 5))).toBe('%PDF-');
			if (!noPoppler) {
				const page1 = pdfText(bytes, 1);
				expect(page1).toContain('Zoë de Vries, jr.');
				expect(page1).toContain('Keizersgracht 12 A');
				expect(page1).toMatch(/1016 DK +AMSTERDAM/);
				expect(page1).toContain('GERMANY');
				expect(pdfText(bytes, 2)).toContain('Klant 27');
			}
		});
	});

	it('--json prints one line of figures; --start begins at that label of the sheet', async () => {
		await withTempDir(async (dir) => {
			const csv = path.join(dir, 'rows.csv');
			writeFileSync(csv, LABELS_CSV);
			const r = await run(['labels', csv, path.join(dir, 'out.pdf'), '--json', '--start', '20']);
			expect(r.code).toBe(0);
			const figures = JSON.parse(r.stdout) as {
				pages: number;
				bytes: number;
				flags: number;
				renderMs: number;
				maxRssMb: number;
			};
			// 27 labels from label 20 of 24: 5 on the first sheet, 22 on the second.
			expect(figures).toMatchObject({ pages: 2, flags: 0 });
			expect(figures.bytes).toBeGreaterThan(1000);
			expect(figures.maxRssMb).toBeGreaterThan(0);
		});
	});

	it('prints cards, one page each on the A6 postcard', async () => {
		await withTempDir(async (dir) => {
			const csv = path.join(dir, 'cards.csv');
			const pdf = path.join(dir, 'cards.pdf');
			writeFileSync(
				csv,
				'reference,recipient,message,signature\nHOP-1,Noël,"Hoi Noël,\nwat fijn!",Sanne\nHOP-2,أحمد,Dank je wel 🎉,Daan\n'
			);
			const r = await run(['cards', csv, pdf]);
			expect(r.code).toBe(0);
			expect(r.stdout).toMatch(/cards\.pdf: 2 pages/);
			if (!noPoppler) expect(pdfText(new Uint8Array(readFileSync(pdf)), 1)).toContain('wat fijn!');
		});
	});

	it('reports a character no font can draw as a flag, and still prints', async () => {
		await withTempDir(async (dir) => {
			const csv = path.join(dir, 'rows.csv');
			writeFileSync(
				csv,
				'reference,name,street,house_number,addition,postcode,city,country\nHOP-9,Anouk 𓀀,Kerkstraat,1,,1011 AB,Amsterdam,NL\n'
			);
			const r = await run(['labels', csv, path.join(dir, 'out.pdf')]);
			expect(r.code).toBe(0);
			expect(r.stdout).toMatch(/HOP-9: unprintable_glyph/);
		});
	});

	it.each([
		[[], /usage: npm run print/],
		[['labels', 'a.csv'], /usage: npm run print/],
		[['stickers', 'a.csv', 'b.pdf'], /usage: npm run print/],
		[['labels', 'a.csv', 'b.pdf', '--colour'], /unknown option --colour/],
		[['labels', 'a.csv', 'b.pdf', '--template'], /--template needs a value/],
		[['labels', '/nonexistent/rows.csv', 'b.pdf'], /rows\.csv: cannot read the file/]
	])('refuses %j with exit 2 and the reason', async (argv, message) => {
		const r = await run(argv);
		expect(r.code).toBe(2);
		expect(r.stderr).toMatch(message);
	});

	it('names a missing column, an unknown template and a start beyond the sheet', async () => {
		await withTempDir(async (dir) => {
			const csv = path.join(dir, 'rows.csv');
			writeFileSync(csv, 'reference,name,street,postcode,city,country\nHOP-1,A,B,1011 AB,C,NL\n');
			expect((await run(['labels', csv, path.join(dir, 'o.pdf')])).stderr).toMatch(
				/no column "house_number"/
			);
			writeFileSync(csv, LABELS_CSV);
			const unknown = await run(['labels', csv, path.join(dir, 'o.pdf'), '--template', 'nope']);
			expect(unknown).toMatchObject({ code: 2 });
			expect(unknown.stderr).toMatch(/Unknown label template "nope"/);
			const start = await run(['labels', csv, path.join(dir, 'o.pdf'), '--start', '25']);
			expect(start).toMatchObject({ code: 2 });
			expect(start.stderr).toMatch(/Start position must be 1 to 24/);
			const empty = path.join(dir, 'empty.csv');
			writeFileSync(empty, '');
			expect((await run(['labels', empty, path.join(dir, 'o.pdf')])).stderr).toMatch(
				/the file is empty/
			);
		});
	});

	it('bundled (as the label bench runs it), it writes the same bytes as from the sources', async () => {
		const entry = await bundlePrintCli();
		await withTempDir(async (dir) => {
			const csv = path.join(dir, 'rows.csv');
			writeFileSync(csv, LABELS_CSV);
			const fromSource = path.join(dir, 'source.pdf');
			expect((await run(['labels', csv, fromSource])).code).toBe(0);
			const bundled = path.join(dir, 'bundled.pdf');
			const r = spawnSync(node, [entry, 'labels', csv, bundled], { encoding: 'utf8' });
			expect(r.stderr).toBe('');
			expect(r.status).toBe(0);
			expect(readFileSync(bundled).equals(readFileSync(fromSource))).toBe(true);
		});
	}, 60_000);
});
