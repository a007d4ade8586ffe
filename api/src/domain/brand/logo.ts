/**
 * Checking an uploaded logo before anyone sees it. The logo is shown to customers on the claim
 * page, in emails and on cards, so nothing in it may run, call home or break the page:
 *
 * - SVG: rebuilt from an allow-list of drawing elements and attributes (sanitize-html over
 *   htmlparser2 in XML mode). Scripts, `<style>`, `<foreignObject>`, event handlers, links and
 *   every reference outside the file (`href`, `url(…)` other than `#id`) are dropped; a DOCTYPE
 *   (and with it entity tricks) never survives the parse.
 * - PNG: the signature, every chunk's length and CRC, and the header's size are checked, and only
 *   the chunks that draw the image are kept (text and EXIF chunks, which may carry personal data or
 *   payloads, are left out).
 */
import { crc32 } from 'node:zlib';
import sanitizeHtml from 'sanitize-html';
import { msg } from '../../messages/index.ts';
import { ValidationError } from '../errors.ts';

export const LOGO_TYPES = ['image/svg+xml', 'image/png'] as const;
export type LogoType = (typeof LOGO_TYPES)[number];
/** Bytes of the upload. */
export const LOGO_MAX_BYTES = { 'image/svg+xml': 100 * 1024, 'image/png': 256 * 1024 } as const;
/** Pixels on either side of a PNG. */
export const LOGO_MAX_PIXELS = 4096;

const SVG_TAGS = [
	'svg',
	'g',
	'path',
	'rect',
	'circle',
	'ellipse',
	'line',
	'polyline',
	'polygon',
	'text',
	'tspan',
	'defs',
	'linearGradient',
	'radialGradient',
	'stop',
	'clipPath',
	'title',
	'desc',
	'use'
];
const SVG_ATTRIBUTES = [
	'id',
	'class',
	'viewBox',
	'width',
	'height',
	'x',
	'y',
	'x1',
	'x2',
	'y1',
	'y2',
	'cx',
	'cy',
	'r',
	'rx',
	'ry',
	'fx',
	'fy',
	'd',
	'points',
	'transform',
	'fill',
	'fill-opacity',
	'fill-rule',
	'clip-rule',
	'clip-path',
	'stroke',
	'stroke-width',
	'stroke-opacity',
	'stroke-linecap',
	'stroke-linejoin',
	'stroke-miterlimit',
	'stroke-dasharray',
	'opacity',
	'offset',
	'stop-color',
	'stop-opacity',
	'gradientUnits',
	'gradientTransform',
	'clipPathUnits',
	'preserveAspectRatio',
	'font-family',
	'font-size',
	'font-weight',
	'font-style',
	'text-anchor',
	'dominant-baseline',
	'letter-spacing',
	'xmlns',
	'version',
	'href',
	'xlink:href',
	'xmlns:xlink'
];
/** `url(#id)` only: a reference inside the file. */
const OUTSIDE_REFERENCE = /url\s*\(\s*(?!['"]?#)/i;
const NAMESPACES = new Set(['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink']);

function refuse(key: 'logo_not_svg' | 'logo_not_png' | 'logo_too_many_pixels') {
	const message = key === 'logo_too_many_pixels' ? msg(key, { max: LOGO_MAX_PIXELS }) : msg(key);
	return new ValidationError(msg('logo_not_valid'), [{ field: 'data', message }]);
}

export function sanitizeSvg(source: string): string {
	const clean = sanitizeHtml(source, {
		allowedTags: SVG_TAGS,
		allowedAttributes: { '*': SVG_ATTRIBUTES },
		allowedSchemes: [],
		allowedSchemesAppliedToAttributes: [],
		allowProtocolRelative: false,
		disallowedTagsMode: 'discard',
		nonTextTags: ['style', 'script', 'textarea', 'option', 'noscript', 'foreignObject'],
		parser: { xmlMode: true, decodeEntities: true },
		transformTags: {
			'*': (tagName, attribs) => {
				const kept: Record<string, string> = {};
				for (const [name, value] of Object.entries(attribs)) {
					if (OUTSIDE_REFERENCE.test(value)) continue;
					if ((name === 'href' || name === 'xlink:href') && !/^#[\w.-]+$/.test(value)) continue;
					if (name.startsWith('xmlns') && !NAMESPACES.has(value)) continue;
					kept[name] = value;
				}
				return { tagName, attribs: kept };
			}
		}
	});
	// Text before the root (what a DOCTYPE's internal subset leaves behind) is no part of the drawing.
	const start = clean.indexOf('<svg');
	const svg = start < 0 ? '' : clean.slice(start).trim();
	if (!/^<svg[\s>]/.test(svg) || !/<\/svg>$/.test(svg)) throw refuse('logo_not_svg');
	// Browsers show an SVG file only with its namespace.
	return /^<svg[^>]*\sxmlns="/.test(svg)
		? svg
		: svg.replace(/^<svg/, '<svg xmlns="http://www.w3.org/2000/svg"');
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** What draws the image; everything else (tEXt, zTXt, iTXt, eXIf, private chunks) is left out. */
const PNG_KEEP = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'pHYs']);

export function sanitizePng(bytes: Buffer): Buffer {
	if (bytes.length < 8 + 25 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE))
		throw refuse('logo_not_png');
	const kept: Buffer[] = [PNG_SIGNATURE];
	let at = 8;
	let first = true;
	let ended = false;
	while (at < bytes.length) {
		if (at + 12 > bytes.length) throw refuse('logo_not_png');
		const length = bytes.readUInt32BE(at);
		const end = at + 12 + length;
		if (end > bytes.length) throw refuse('logo_not_png');
		const type = bytes.toString('latin1', at + 4, at + 8);
		const crc = bytes.readUInt32BE(end - 4);
		if (crc32(bytes.subarray(at + 4, end - 4)) !== crc) throw refuse('logo_not_png');
		if (first) {
			if (type !== 'IHDR' || length !== 13) throw refuse('logo_not_png');
			const width = bytes.readUInt32BE(at + 8);
			const height = bytes.readUInt32BE(at + 12);
			if (width === 0 || height === 0) throw refuse('logo_not_png');
			if (width > LOGO_MAX_PIXELS || height > LOGO_MAX_PIXELS) throw refuse('logo_too_many_pixels');
			first = false;
		}
		if (PNG_KEEP.has(type)) kept.push(bytes.subarray(at, end));
		at = end;
		if (type === 'IEND') {
			ended = true;
			break;
		}
	}
	if (!ended) throw refuse('logo_not_png');
	return Buffer.concat(kept);
}

/** The stored form of an upload: sanitised bytes, or a 400 naming `data`. */
export function checkLogo(type: LogoType, base64: string): Buffer {
	const bytes = Buffer.from(base64, 'base64');
	if (bytes.length === 0) throw refuse(type === 'image/png' ? 'logo_not_png' : 'logo_not_svg');
	if (bytes.length > LOGO_MAX_BYTES[type]) {
		throw new ValidationError(msg('logo_not_valid'), [
			{ field: 'data', message: msg('logo_too_large', { kb: LOGO_MAX_BYTES[type] / 1024 }) }
		]);
	}
	if (type === 'image/png') return sanitizePng(bytes);
	const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
	return Buffer.from(sanitizeSvg(text), 'utf8');
}
