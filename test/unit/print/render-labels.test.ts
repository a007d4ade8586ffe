/** Labels on paper: barcodes scan, nothing leaves its cell, start position, errors. */
import { describe, expect, it } from 'vitest';
import {
	listTemplates,
	renderLabels,
	RenderInputError,
	type LabelData
} from '../../../templates/render/index.ts';
import { cellRect, labelFrame, templates } from '../../../templates/render/load-templates.ts';
import { decodeBarcodes, ink, pdfText, renderPage, toolMissing } from './pdf-tools.ts';
import { addressRows } from '../../../bench/support/rows.ts';
import { formatAddress } from '../../../templates/render/index.ts';
import { sampleLabels } from './samples.ts';
import { settingDefinitions } from '#api/domain/settings/registry.ts';

const noPoppler = toolMissing('pdftoppm', 'poppler-utils');
const noZbar = toolMissing('zbarimg', 'zbar-tools');
const labelIds = listTemplates().labels.map((t) => t.id);

const refs = (n: number, from = 1) =>
	Array.from({ length: n }, (_, i) => `HOP-${String(from + i).padStart(5, '0')}`);

describe.skipIf(!!noPoppler || !!noZbar)('barcodes decode (zbarimg, 300 dpi)', () => {
	it.each(labelIds)('Code 128 on %s carries each reference', async (id) => {
		const t = templates().labels.get(id)!;
		const n = Math.min(t.grid.columns * t.grid.rows, 8);
		const references = refs(n, 41);
		const labels = references.map((reference, i) => ({
			...sampleLabels[i % sampleLabels.length]!,
			reference,
			qrUrl: undefined
		}));
		const { pdf, pages } = await renderLabels({ templateId: id, labels });
		const found: string[] = [];
		for (let page = 1; page <= pages; page++) found.push(...decodeBarcodes(pdf, page));
		expect(found.sort()).toEqual(references.map((r) => `CODE-128:${r}`).sort());
	});

	it('a QR code carries the ship-page URL', async () => {
		const url = 'https://hub.example/s/HOP-00042';
		const { pdf } = await renderLabels({
			templateId: 'avery-l7160',
			labels: [
				{ reference: 'HOP-00042', lines: ['Zoë', 'Straat 1', '1234 AB  PLAATS'], qrUrl: url }
			]
		});
		expect(decodeBarcodes(pdf)).toEqual([`QR-Code:${url}`]);
	});

	it('references with long digit runs (code set C) and odd lengths decode', async () => {
		const references = ['HOP-123456789012', 'HOP-7', '12345678', 'AB-1234567'];
		const { pdf } = await renderLabels({
			templateId: 'avery-l7163',
			labels: references.map((reference) => ({ reference, lines: ['Name', 'Street 1'] }))
		});
		expect(decodeBarcodes(pdf).sort()).toEqual(references.map((r) => `CODE-128:${r}`).sort());
	});
});

describe.skipIf(!!noPoppler)('content stays inside its cell', () => {
	// Long everything: the fitter must shrink, wrap and cut, never draw outside the label.
	const crowded: LabelData = {
		reference: 'HOP-99999',
		lines: [
			'Wolfeschlegelsteinhausenbergerdorff-Vandenberghe van der Meulen de Jong',
			...Array.from(
				{ length: 9 },
				(_, i) => `Heel lange adresregel nummer ${i} met nog meer woorden erachter`
			)
		],
		postage: 'PostNL postzegelcode 8K4L 9QZX 2W en nog een hele lange tekst erachteraan',
		returnAddress: [
			'Hoppatee hub met een hele lange naam',
			'Postbus 1234',
			'1000 AB  AMSTERDAM',
			'NEDERLAND'
		]
	};

	it.each(labelIds)('%s', async (id) => {
		const t = templates().labels.get(id)!;
		const cells = t.grid.columns * t.grid.rows;
		const labels = Array.from({ length: cells }, (_, i) => ({
			...crowded,
			qrUrl: i % 2 ? 'https://hub.example/s/HOP-99999' : undefined
		}));
		const { pdf, flags } = await renderLabels({ templateId: id, labels });
		expect(flags.some((f) => f.kind === 'overflow')).toBe(true);
		const dpi = 72;
		const img = ink(renderPage(pdf, dpi));
		const px = (mm: number) => (mm / 25.4) * dpi;
		const rects = Array.from({ length: cells }, (_, i) => cellRect(t, t.label, i));
		let outside = 0;
		for (let y = 0; y < img.height; y++) {
			for (let x = 0; x < img.width; x++) {
				if (!img.dark(x, y)) continue;
				const inside = rects.some(
					(r) =>
						x + 1 >= px(r.x) &&
						x <= px(r.x + r.width) &&
						y + 1 >= px(r.y) &&
						y <= px(r.y + r.height)
				);
				if (!inside) outside++;
			}
		}
		expect(outside).toBe(0);
	});

	it('starts at label N on a used sheet', async () => {
		const t = templates().labels.get('avery-l7160')!;
		const { pdf, pages } = await renderLabels({
			templateId: 'avery-l7160',
			labels: [sampleLabels[0]!],
			startPosition: 5
		});
		expect(pages).toBe(1);
		const dpi = 36;
		const img = ink(renderPage(pdf, dpi));
		const px = (mm: number) => (mm / 25.4) * dpi;
		const cell = cellRect(t, t.label, 4);
		let inCell = 0;
		let elsewhere = 0;
		for (let y = 0; y < img.height; y++)
			for (let x = 0; x < img.width; x++) {
				if (!img.dark(x, y)) continue;
				if (
					x + 1 >= px(cell.x) &&
					x <= px(cell.x + cell.width) &&
					y + 1 >= px(cell.y) &&
					y <= px(cell.y + cell.height)
				)
					inCell++;
				else elsewhere++;
			}
		expect(inCell).toBeGreaterThan(50);
		expect(elsewhere).toBe(0);
	});
});

describe.skipIf(!!noPoppler)('text comes back from the PDF', () => {
	it.each(labelIds)(
		'the default return address fits %s, wrapped only between its lines',
		async (id) => {
			const returnAddress = settingDefinitions.return_address.default;
			const { pdf, flags } = await renderLabels({
				templateId: id,
				labels: [
					{
						reference: 'HOP-00007',
						lines: ['Zoë de Vries', 'Dorpsstraat 1', '1234 AB  PLAATS'],
						returnAddress
					}
				]
			});
			expect(flags).toEqual([]);
			// pdftotext gives the no-break spaces back as spaces or U+00A0: the postcode stays on its place's line.
			const text = pdfText(pdf, 1).replace(/\u00a0/g, ' ');
			expect(text).toMatch(/1000 AB +AMSTERDAM/);
		}
	);

	it('every name and address line of 500 labels (glyph codes past "(", ")", "\\", CR, LF are escaped)', async () => {
		const labels = addressRows(500, 11).map((r) => ({
			reference: r.reference,
			lines: formatAddress({
				recipientName: r.name,
				street: r.street,
				houseNumber: r.house_number,
				addition: r.addition,
				postcode: r.postcode,
				city: r.city,
				country: r.country
			})
		}));
		const rendered = await renderLabels({ templateId: 'avery-l7163', labels });
		const text = pdfText(rendered.pdf).normalize('NFC');
		const lines = new Set(text.split('\n').map((l) => l.trim()));
		const missing = labels
			.flatMap((l) => l.lines)
			.filter((line) => !lines.has(line.replace(/ {2}/, ' ')) && !lines.has(line));
		expect(missing).toEqual([]);
	});
});

describe('batches', () => {
	it('fills sheets across pages, starting at the start position', async () => {
		const labels = refs(30).map((reference) => ({
			reference,
			lines: ['Naam', 'Straat 1', '1234 AB  PLAATS']
		}));
		expect((await renderLabels({ templateId: 'avery-l7160', labels })).pages).toBe(2);
		expect(
			(await renderLabels({ templateId: 'avery-l7160', labels, startPosition: 14 })).pages
		).toBe(3);
		expect(
			(await renderLabels({ templateId: 'thermal-4x6', labels: labels.slice(0, 5) })).pages
		).toBe(5);
	});

	it('reports progress per page', async () => {
		const seen: [number, number][] = [];
		await renderLabels({
			templateId: 'avery-l7160',
			labels: refs(50).map((reference) => ({ reference, lines: ['A'] })),
			onProgress: (d, t) => seen.push([d, t])
		});
		expect(seen).toEqual([
			[21, 50],
			[42, 50],
			[50, 50]
		]);
	});

	it('refuses an unknown template, a start beyond the sheet and an empty batch', async () => {
		const one = [sampleLabels[0]!];
		await expect(renderLabels({ templateId: 'nope', labels: one })).rejects.toMatchObject({
			name: 'RenderInputError',
			field: 'templateId'
		});
		await expect(
			renderLabels({ templateId: 'avery-l7160', labels: one, startPosition: 22 })
		).rejects.toBeInstanceOf(RenderInputError);
		await expect(
			renderLabels({ templateId: 'thermal-a6', labels: one, startPosition: 2 })
		).rejects.toMatchObject({ field: 'startPosition' });
		await expect(renderLabels({ templateId: 'avery-l7160', labels: [] })).rejects.toMatchObject({
			field: 'labels'
		});
	});

	it('flags a reference Code 128 cannot carry instead of failing', async () => {
		const { flags } = await renderLabels({
			templateId: 'avery-l7160',
			labels: [{ reference: 'HOP-ÅÄÖ', lines: ['A'] }]
		});
		expect(flags).toEqual([
			expect.objectContaining({
				reference: 'HOP-ÅÄÖ',
				kind: 'unprintable_glyph',
				detail: expect.stringContaining('barcode')
			})
		]);
	});

	it('the DYMO label is turned: its frame is 101 × 54 mm on a 54 × 101 mm page', () => {
		const t = templates().labels.get('dymo-99014')!;
		expect(t.page).toEqual({ width: 54, height: 101 });
		expect(labelFrame(t)).toEqual({ width: 101, height: 54 });
	});
});
