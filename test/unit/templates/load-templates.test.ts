/** Templates as data: every file loads; a bad file fails naming its path and field; geometry holds. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cardTextLimits, listTemplates } from '../../../templates/render/index.ts';
import {
	cellRect,
	GEOMETRY_TOLERANCE_MM,
	labelFrame,
	loadTemplatesFrom,
	templates,
	templatesRoot,
	TemplateFileError
} from '../../../templates/render/load-templates.ts';
import { cardLimits } from '#api/domain/card-checks/card-limits.ts';

const tol = GEOMETRY_TOLERANCE_MM;
let dir: string | undefined;
afterEach(() => {
	if (dir) rmSync(dir, { recursive: true, force: true });
	dir = undefined;
});

/** A copy of the templates with one file changed by `edit`. */
function withEdited(
	kind: 'labels' | 'cards',
	id: string,
	edit: (json: Record<string, unknown>) => unknown,
	name = id
) {
	dir = mkdtempSync(path.join(tmpdir(), 'hoppatee-templates-'));
	mkdirSync(path.join(dir, 'labels'));
	mkdirSync(path.join(dir, 'cards'));
	const json = JSON.parse(readFileSync(path.join(templatesRoot, kind, `${id}.json`), 'utf8'));
	const out = edit(json) ?? json;
	writeFileSync(
		path.join(dir, kind, `${name}.json`),
		typeof out === 'string' ? out : JSON.stringify(out)
	);
	return () => loadTemplatesFrom(dir!);
}

describe('templates load', () => {
	it('has every preset', () => {
		const { labels, cards } = listTemplates();
		expect(labels.map((t) => t.id).sort()).toEqual([
			'a4-3x8-70x37',
			'avery-l7160',
			'avery-l7162',
			'avery-l7163',
			'dymo-99014',
			'thermal-4x6',
			'thermal-a6'
		]);
		expect(cards.map((t) => t.id).sort()).toEqual([
			'a4-4up',
			'a5-folded',
			'a6-postcard',
			'a6-postcard-portrait'
		]);
		expect(labels.find((t) => t.id === 'avery-l7160')).toMatchObject({
			page: { width: 210, height: 297 },
			cell: { width: 63.5, height: 38.1 },
			cells: 21,
			media: 'sheet'
		});
		expect(cards.find((t) => t.id === 'a5-folded')).toMatchObject({ sides: 2, cells: 1 });
	});

	it('exports the card text limits for the card checks, agreeing with their fallback map', () => {
		const limits = cardTextLimits();
		for (const [id, limit] of Object.entries(cardLimits)) expect(limits[id], id).toEqual(limit);
		expect(limits['a6-postcard-portrait']).toBeDefined();
	});
});

describe('a bad template file fails naming its path and field', () => {
	it('a wrong type', () => {
		const load = withEdited(
			'labels',
			'avery-l7160',
			(j) => void ((j.grid as Record<string, unknown>).columns = 'three')
		);
		expect(load).toThrow(TemplateFileError);
		expect(load).toThrow(/labels[/\\]avery-l7160\.json: grid\.columns: /);
	});
	it('a missing field deep down', () => {
		const load = withEdited(
			'labels',
			'avery-l7163',
			(j) =>
				void delete (
					(j.layout as Record<string, Record<string, unknown>>).recipient!.style as Record<
						string,
						unknown
					>
				).fonts
		);
		expect(load).toThrow(/avery-l7163\.json: layout\.recipient\.style\.fonts: /);
	});
	it('an unknown field (typo)', () => {
		const load = withEdited('cards', 'a6-postcard', (j) => void (j.limmits = {}));
		expect(load).toThrow(/a6-postcard\.json: .*limmits/);
	});
	it('an id that is not the file name', () => {
		expect(withEdited('cards', 'a6-postcard', () => undefined, 'other-name')).toThrow(
			/other-name\.json: id: must be "other-name"/
		);
	});
	it('invalid JSON', () => {
		expect(withEdited('labels', 'avery-l7160', () => '{ "id": ')).toThrow(
			/avery-l7160\.json: \(file\): not valid JSON/
		);
	});
	it('cells beyond the sheet', () => {
		expect(
			withEdited('labels', 'avery-l7160', (j) => void ((j.grid as Record<string, number>).rows = 8))
		).toThrow(/avery-l7160\.json: grid\.rows: the last row ends at 319\.95 mm/);
	});
	it('a box outside the label', () => {
		const load = withEdited(
			'labels',
			'avery-l7160',
			(j) =>
				void ((
					j.layout as Record<string, Record<string, Record<string, number>>>
				).barcode!.box!.width = 70)
		);
		expect(load).toThrow(
			/avery-l7160\.json: layout\.barcode\.box: box ends at 73 × 33\.4 mm, outside the 63\.5 × 38\.1 mm frame/
		);
	});
	it('a font that is not in templates/assets/fonts.json', () => {
		const load = withEdited(
			'labels',
			'thermal-a6',
			(j) =>
				void ((
					j.layout as Record<string, Record<string, Record<string, unknown>>>
				).reference!.style!.fonts = ['sans', 'comic'])
		);
		expect(load).toThrow(
			/thermal-a6\.json: layout\.reference\.style\.fonts\.1: unknown font "comic"/
		);
	});
	it('minSize above size', () => {
		const load = withEdited(
			'cards',
			'a4-4up',
			(j) =>
				void ((
					j.sides as { elements: { style?: { minSize: number } }[] }[]
				)[0]!.elements[2]!.style!.minSize = 40)
		);
		expect(load).toThrow(
			/a4-4up\.json: sides\.0\.elements\.2\.style\.minSize: must not be larger than size/
		);
	});
});

describe('geometry', () => {
	// Published sheet specifications (mm): the files must say exactly this.
	const specs: Record<
		string,
		{
			label: [number, number];
			grid: [number, number];
			margins: [number, number];
			pitch: [number, number];
		}
	> = {
		'avery-l7160': {
			label: [63.5, 38.1],
			grid: [3, 7],
			margins: [7.25, 15.15],
			pitch: [66.04, 38.1]
		},
		'avery-l7163': {
			label: [99.1, 38.1],
			grid: [2, 7],
			margins: [4.65, 15.15],
			pitch: [101.6, 38.1]
		},
		'avery-l7162': {
			label: [99.1, 33.9],
			grid: [2, 8],
			margins: [4.65, 12.9],
			pitch: [101.6, 33.9]
		},
		'a4-3x8-70x37': { label: [70, 37], grid: [3, 8], margins: [0, 0.5], pitch: [70, 37] },
		'thermal-4x6': { label: [101.6, 152.4], grid: [1, 1], margins: [0, 0], pitch: [101.6, 152.4] },
		'thermal-a6': { label: [105, 148], grid: [1, 1], margins: [0, 0], pitch: [105, 148] },
		'dymo-99014': { label: [54, 101], grid: [1, 1], margins: [0, 0], pitch: [54, 101] }
	};

	it.each(Object.keys(specs))('%s matches its specification', (id) => {
		const t = templates().labels.get(id)!;
		const s = specs[id]!;
		expect([t.label.width, t.label.height]).toEqual(s.label);
		expect([t.grid.columns, t.grid.rows]).toEqual(s.grid);
		expect([t.grid.left, t.grid.top]).toEqual(s.margins);
		expect([t.grid.pitchX, t.grid.pitchY]).toEqual(s.pitch);
	});

	it.each([...templates().labels.keys()])(
		'%s: every cell inside the sheet (±0.2 mm), no overlaps, every box inside the label',
		(id) => {
			const t = templates().labels.get(id)!;
			const cells = Array.from({ length: t.grid.columns * t.grid.rows }, (_, i) =>
				cellRect(t, t.label, i)
			);
			for (const c of cells) {
				expect(c.x).toBeGreaterThanOrEqual(-tol);
				expect(c.y).toBeGreaterThanOrEqual(-tol);
				expect(c.x + c.width).toBeLessThanOrEqual(t.page.width + tol);
				expect(c.y + c.height).toBeLessThanOrEqual(t.page.height + tol);
			}
			for (let i = 0; i < cells.length; i++)
				for (let j = i + 1; j < cells.length; j++) {
					const a = cells[i]!;
					const b = cells[j]!;
					const overlap =
						Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > 1e-6 &&
						Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > 1e-6;
					expect(overlap, `cells ${i} and ${j}`).toBe(false);
				}
			const frame = labelFrame(t);
			for (const [key, el] of Object.entries(t.layout)) {
				if (!el) continue;
				for (const box of [el.box, 'boxWithQr' in el ? el.boxWithQr : undefined]) {
					if (!box) continue;
					expect(box.x + box.width, `${key}`).toBeLessThanOrEqual(frame.width + tol);
					expect(box.y + box.height, `${key}`).toBeLessThanOrEqual(frame.height + tol);
				}
			}
		}
	);

	it.each([...templates().cards.keys()])(
		'card %s: every card inside the sheet, every element inside the card',
		(id) => {
			const t = templates().cards.get(id)!;
			for (let i = 0; i < t.grid.columns * t.grid.rows; i++) {
				const c = cellRect(t, t.card, i);
				expect(c.x + c.width).toBeLessThanOrEqual(t.page.width + tol);
				expect(c.y + c.height).toBeLessThanOrEqual(t.page.height + tol);
			}
			for (const side of t.sides)
				for (const el of side.elements) {
					if (el.type === 'line') continue;
					expect(el.box.x + el.box.width).toBeLessThanOrEqual(t.card.width + tol);
					expect(el.box.y + el.box.height).toBeLessThanOrEqual(t.card.height + tol);
				}
		}
	);
});
