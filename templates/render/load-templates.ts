/**
 * Reads and validates every template file once per process. A bad file throws a TemplateFileError
 * naming the file and the field, e.g. `templates/labels/x.json: grid.columns: …`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type * as z from 'zod/mini';
import { CardTemplate, LabelTemplate, type Box } from './schema.ts';

export const templatesRoot = path.resolve(import.meta.dirname, '..');

/** Cells and boxes may stick out this much (mm) before a template is refused. */
export const GEOMETRY_TOLERANCE_MM = 0.2;

export class TemplateFileError extends Error {
	readonly file: string;
	readonly field: string;
	constructor(file: string, field: string, problem: string) {
		super(`${file}: ${field || '(file)'}: ${problem}`);
		this.name = 'TemplateFileError';
		this.file = file;
		this.field = field;
	}
}

export interface Templates {
	labels: Map<string, LabelTemplate>;
	cards: Map<string, CardTemplate>;
}

function display(file: string): string {
	const rel = path.relative(path.dirname(templatesRoot), file);
	return rel.startsWith('..') ? file : rel;
}

function parseFile<T extends z.ZodMiniType>(file: string, schema: T): z.output<T> {
	let json: unknown;
	try {
		json = JSON.parse(readFileSync(file, 'utf8'));
	} catch (error) {
		throw new TemplateFileError(display(file), '', `not valid JSON (${(error as Error).message})`);
	}
	// jitless: each schema parses a handful of files once; compiling zod's fast path costs more than it saves.
	const result = schema.safeParse(json, { jitless: true });
	if (!result.success) {
		const issue = result.error.issues[0]!;
		throw new TemplateFileError(display(file), issue.path.join('.'), issue.message);
	}
	const id = path.basename(file, '.json');
	const value = result.data as { id: string };
	if (value.id !== id)
		throw new TemplateFileError(
			display(file),
			'id',
			`must be "${id}", the file name without .json`
		);
	return result.data;
}

/** Where cell `index` (0-based, across then down) lies on the page, in mm from the top-left. */
export function cellRect(
	t: { grid: LabelTemplate['grid'] },
	size: { width: number; height: number },
	index: number
) {
	const column = index % t.grid.columns;
	const row = Math.floor(index / t.grid.columns);
	return {
		x: t.grid.left + column * t.grid.pitchX,
		y: t.grid.top + row * t.grid.pitchY,
		width: size.width,
		height: size.height
	};
}

function checkGrid(
	file: string,
	t: { page: { width: number; height: number }; grid: LabelTemplate['grid'] },
	size: { width: number; height: number },
	sizeField: string
) {
	const tol = GEOMETRY_TOLERANCE_MM;
	const { grid } = t;
	if (grid.columns > 1 && grid.pitchX < size.width - 1e-9)
		throw new TemplateFileError(
			file,
			'grid.pitchX',
			`cells overlap: pitch ${grid.pitchX} mm < ${sizeField}.width ${size.width} mm`
		);
	if (grid.rows > 1 && grid.pitchY < size.height - 1e-9)
		throw new TemplateFileError(
			file,
			'grid.pitchY',
			`cells overlap: pitch ${grid.pitchY} mm < ${sizeField}.height ${size.height} mm`
		);
	const last = cellRect(t, size, grid.columns * grid.rows - 1);
	if (last.x + last.width > t.page.width + tol)
		throw new TemplateFileError(
			file,
			'grid.columns',
			`the last column ends at ${round(last.x + last.width)} mm, beyond the page width ${t.page.width} mm`
		);
	if (last.y + last.height > t.page.height + tol)
		throw new TemplateFileError(
			file,
			'grid.rows',
			`the last row ends at ${round(last.y + last.height)} mm, beyond the page height ${t.page.height} mm`
		);
}

function checkBox(file: string, field: string, box: Box, frame: { width: number; height: number }) {
	const tol = GEOMETRY_TOLERANCE_MM;
	if (box.x + box.width > frame.width + tol || box.y + box.height > frame.height + tol) {
		throw new TemplateFileError(
			file,
			field,
			`box ends at ${round(box.x + box.width)} × ${round(box.y + box.height)} mm, outside the ${frame.width} × ${frame.height} mm frame`
		);
	}
}

let fontIdsCache: Set<string> | undefined;
/** Font ids of templates/assets/fonts.json (validated in fonts.ts when a font is loaded). */
function knownFonts(): Set<string> {
	fontIdsCache ??= new Set(
		Object.keys(
			JSON.parse(readFileSync(path.join(templatesRoot, 'assets', 'fonts.json'), 'utf8')) as object
		)
	);
	return fontIdsCache;
}

function checkFonts(file: string, field: string, fonts: string[]) {
	fonts.forEach((id, i) => {
		if (!knownFonts().has(id))
			throw new TemplateFileError(
				file,
				`${field}.${i}`,
				`unknown font "${id}" (fonts are listed in templates/assets/fonts.json)`
			);
	});
}

function checkStyle(
	file: string,
	field: string,
	style: { size: number; minSize: number; fonts: string[] }
) {
	if (style.minSize > style.size)
		throw new TemplateFileError(
			file,
			`${field}.minSize`,
			`must not be larger than size (${style.size})`
		);
	checkFonts(file, `${field}.fonts`, style.fonts);
}

const round = (n: number) => Math.round(n * 100) / 100;

/** The label as it is read: width and height swap when the content is turned. */
export function labelFrame(t: LabelTemplate) {
	return t.rotation === 0
		? { width: t.label.width, height: t.label.height }
		: { width: t.label.height, height: t.label.width };
}

export function parseLabelTemplate(file: string): LabelTemplate {
	const t = parseFile(file, LabelTemplate);
	const f = display(file);
	checkGrid(f, t, t.label, 'label');
	const frame = labelFrame(t);
	for (const [key, element] of Object.entries(t.layout)) {
		if (!element) continue;
		checkBox(f, `layout.${key}.box`, element.box, frame);
		if ('boxWithQr' in element && element.boxWithQr)
			checkBox(f, `layout.${key}.boxWithQr`, element.boxWithQr, frame);
		if ('style' in element) checkStyle(f, `layout.${key}.style`, element.style);
		if ('firstLineFonts' in element && element.firstLineFonts)
			checkFonts(f, `layout.${key}.firstLineFonts`, element.firstLineFonts);
		if ('minModule' in element && element.minModule > element.module)
			throw new TemplateFileError(f, `layout.${key}.minModule`, 'must not be larger than module');
	}
	return t;
}

export function parseCardTemplate(file: string): CardTemplate {
	const t = parseFile(file, CardTemplate);
	const f = display(file);
	checkGrid(f, t, t.card, 'card');
	t.sides.forEach((side, s) =>
		side.elements.forEach((element, e) => {
			const field = `sides.${s}.elements.${e}`;
			if (element.type === 'line') {
				if (
					Math.max(element.x1, element.x2) > t.card.width + GEOMETRY_TOLERANCE_MM ||
					Math.max(element.y1, element.y2) > t.card.height + GEOMETRY_TOLERANCE_MM
				) {
					throw new TemplateFileError(f, field, 'line outside the card');
				}
				return;
			}
			checkBox(f, `${field}.box`, element.box, t.card);
			if ('style' in element) checkStyle(f, `${field}.style`, element.style);
		})
	);
	if (t.cropMarks) {
		const outside = Math.min(t.grid.left, t.grid.top);
		if (outside < t.cropMarks.offset + t.cropMarks.length - GEOMETRY_TOLERANCE_MM) {
			throw new TemplateFileError(
				f,
				'cropMarks.length',
				`crop marks need ${t.cropMarks.offset + t.cropMarks.length} mm of margin; the sheet has ${outside} mm`
			);
		}
	}
	return t;
}

function jsonFiles(dir: string): string[] {
	return readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => path.join(dir, name));
}

export function loadTemplatesFrom(root: string): Templates {
	const labels = new Map<string, LabelTemplate>();
	const cards = new Map<string, CardTemplate>();
	for (const file of jsonFiles(path.join(root, 'labels'))) {
		const t = parseLabelTemplate(file);
		labels.set(t.id, t);
	}
	for (const file of jsonFiles(path.join(root, 'cards'))) {
		const t = parseCardTemplate(file);
		cards.set(t.id, t);
	}
	return { labels, cards };
}

let cached: Templates | undefined;

/** The app's templates, read once per process. */
export function templates(): Templates {
	cached ??= loadTemplatesFrom(templatesRoot);
	return cached;
}
