/**
 * The logo (templates/assets/logo.svg) as vector paths: a deliberately small SVG subset — <path>
 * with absolute M/L/H/V/C/Z and a fill colour, and <text> in one of our fonts — parsed once per
 * process and drawn with a transform into any box.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { rgb } from './content.ts';
import { templatesRoot } from './load-templates.ts';
import type { DocFont } from './fonts.ts';
import { shapeLine } from './text.ts';

interface LogoPath {
	fill: string;
	ops: string;
}
interface LogoText {
	x: number;
	y: number;
	size: number;
	font: string;
	fill: string;
	text: string;
}
export interface Logo {
	width: number;
	height: number;
	paths: LogoPath[];
	texts: LogoText[];
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

function pathOps(d: string, file: string): string {
	const tokens = d.match(/[MLHVCZ]|-?\d*\.?\d+(?:e-?\d+)?/gi) ?? [];
	let out = '';
	let x = 0;
	let y = 0;
	let i = 0;
	const num = () => {
		const t = tokens[i++];
		if (t === undefined || /[a-z]/i.test(t)) throw new Error(`${file}: bad path data "${d}"`);
		return Number(t);
	};
	let command = '';
	while (i < tokens.length) {
		if (/^[a-z]$/i.test(tokens[i]!)) command = tokens[i++]!;
		switch (command) {
			case 'M':
				x = num();
				y = num();
				out += `${x} ${y} m `;
				command = 'L';
				break;
			case 'L':
				x = num();
				y = num();
				out += `${x} ${y} l `;
				break;
			case 'H':
				x = num();
				out += `${x} ${y} l `;
				break;
			case 'V':
				y = num();
				out += `${x} ${y} l `;
				break;
			case 'C': {
				const v = [num(), num(), num(), num(), num(), num()];
				x = v[4]!;
				y = v[5]!;
				out += `${v.join(' ')} c `;
				break;
			}
			case 'Z':
				out += 'h ';
				command = '';
				break;
			default:
				throw new Error(
					`${file}: path command "${command}" is not supported (use absolute M L H V C Z)`
				);
		}
	}
	return out;
}

/** XML's own entities (a sanitised SVG writes `&` as `&amp;`). */
const decodeEntities = (text: string) =>
	text.replace(/&(amp|lt|gt|quot|apos|#39);/g, (_, e: string) =>
		e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : "'"
	);

export function parseLogo(svg: string, file = 'logo.svg'): Logo {
	const viewBox = /viewBox="([^"]+)"/
		.exec(svg)?.[1]
		?.trim()
		.split(/[\s,]+/)
		.map(Number);
	if (!viewBox || viewBox.length !== 4 || viewBox.some((n) => !Number.isFinite(n)))
		throw new Error(`${file}: needs a viewBox`);
	const paths: LogoPath[] = [];
	for (const m of svg.matchAll(/<path\b[^>]*>/g)) {
		const d = attr(m[0], 'd');
		if (!d) throw new Error(`${file}: a <path> without d`);
		paths.push({ fill: attr(m[0], 'fill') ?? '#000000', ops: pathOps(d, file) });
	}
	const texts: LogoText[] = [];
	for (const m of svg.matchAll(/<text\b([^>]*)>([^<]*)<\/text>/g)) {
		const tag = ` ${m[1]}`;
		texts.push({
			x: Number(attr(tag, 'x') ?? 0),
			y: Number(attr(tag, 'y') ?? 0),
			size: Number(attr(tag, 'font-size') ?? 12),
			// The first family is ours; the others are for browsers showing the same file.
			font: attr(tag, 'font-family')?.split(',')[0]!.trim() || 'sans-bold',
			fill: attr(tag, 'fill') ?? '#000000',
			text: decodeEntities(m[2]!.trim())
		});
	}
	return { width: viewBox[2]!, height: viewBox[3]!, paths, texts };
}

let logo: Logo | undefined;
export function loadLogo(): Logo {
	const file = path.join(templatesRoot, 'assets', 'logo.svg');
	logo ??= parseLogo(readFileSync(file, 'utf8'), 'templates/assets/logo.svg');
	return logo;
}

/** Fonts the logo's text needs. */
export const logoFonts = (l: Logo = loadLogo()) => [...new Set(l.texts.map((t) => t.font))];

/**
 * Operators drawing the logo scaled to fit (x, bottom, width, height) in content units, aligned
 * horizontally in the box and centred vertically.
 */
export function drawLogo(
	box: { x: number; y: number; width: number; height: number },
	align: 'left' | 'center' | 'right',
	fonts: Map<string, DocFont>,
	l: Logo = loadLogo()
): string {
	const s = Math.min(box.width / l.width, box.height / l.height);
	const w = l.width * s;
	const h = l.height * s;
	const x =
		box.x + (align === 'left' ? 0 : align === 'center' ? (box.width - w) / 2 : box.width - w);
	const top = box.y + (box.height + h) / 2;
	let out = `q ${s.toFixed(4)} 0 0 ${(-s).toFixed(4)} ${Math.round(x)} ${Math.round(top)} cm\n`;
	for (const p of l.paths) out += `${rgb(p.fill)} rg ${p.ops}f\n`;
	for (const t of l.texts) {
		const f = fonts.get(t.font);
		if (!f) continue;
		const shaped = shapeLine(t.text, [f], null);
		out += `BT ${rgb(t.fill)} rg /${f.name} ${t.size} Tf 1 0 0 -1 ${t.x} ${t.y} Tm (${shaped.pieces.map((p) => p.code).join('')}) Tj ET\n`;
	}
	return out + 'Q\n';
}
