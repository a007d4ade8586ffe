/**
 * A tiny, safe template renderer for emails (a mustache subset). Pure.
 *
 *   {{name}}  {{gift.name}}        a value: HTML-escaped in HTML, cleaned in text
 *   {{#items}}…{{/items}}          a section: repeated per array element (its fields come first
 *                                  in scope), shown once for true / a non-empty value
 *   {{^items}}…{{/items}}          shown when the value is missing, false, '' or an empty array
 *
 * There is no raw output: every interpolated value is escaped, so a customer called
 * `<script>` stays text. Values are NFC-normalised, control and bidi-override characters are
 * removed (a U+202E in a name cannot flip the rest of the mail), and a value with right-to-left
 * letters is isolated (`<bdi>` in HTML text, FSI…PDI in plain text) so "Hoi محمد," keeps its comma
 * where it belongs. In an `href`/`src` attribute only http(s) and mailto URLs pass.
 */

export type TemplateValue =
	string | number | boolean | null | undefined | TemplateData | TemplateData[] | string[];
export interface TemplateData {
	[key: string]: TemplateValue;
}

export type RenderMode = 'html' | 'text';

export class TemplateError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'TemplateError';
	}
}

type Node =
	| { kind: 'text'; value: string }
	| { kind: 'var'; path: string[] }
	| { kind: 'section'; path: string[]; inverted: boolean; children: Node[] };

const TAG = /\{\{\s*([#^/]?)\s*([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*|\.)\s*\}\}/g;

/** Parses once; a template is checked for balanced sections when it is loaded. */
export function parseTemplate(source: string): Node[] {
	// Mustache's triple braces mean raw output; this renderer has none.
	if (/\{\{\{|\}\}\}/.test(source))
		throw new TemplateError(
			'Triple braces (raw output) are not supported: every value is escaped.'
		);
	const root: Node[] = [];
	const stack: { name: string; children: Node[] }[] = [{ name: '', children: root }];
	let last = 0;
	for (const match of source.matchAll(TAG)) {
		const [whole, sigil, name] = match as unknown as [string, string, string];
		const top = stack[stack.length - 1]!;
		if (match.index! > last)
			top.children.push({ kind: 'text', value: source.slice(last, match.index) });
		last = match.index! + whole.length;
		const path = name === '.' ? ['.'] : name.split('.');
		if (sigil === '#' || sigil === '^') {
			const node: Node = { kind: 'section', path, inverted: sigil === '^', children: [] };
			top.children.push(node);
			stack.push({ name, children: node.children });
		} else if (sigil === '/') {
			if (stack.length === 1 || top.name !== name)
				throw new TemplateError(
					`Closing {{/${name}}} does not match ${top.name ? `{{#${top.name}}}` : 'any open section'}.`
				);
			stack.pop();
		} else {
			top.children.push({ kind: 'var', path });
		}
	}
	if (stack.length > 1)
		throw new TemplateError(`Section {{#${stack[stack.length - 1]!.name}}} is never closed.`);
	if (last < source.length) root.push({ kind: 'text', value: source.slice(last) });
	const leftover = /\{\{|\}\}/.exec(source.replace(TAG, ''));
	// A stray or malformed tag would otherwise reach a customer as is.
	if (leftover)
		throw new TemplateError(
			`Malformed tag near ${JSON.stringify(source.replace(TAG, '').slice(Math.max(0, leftover.index - 10), leftover.index + 20))}.`
		);
	return root;
}

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
/** Bidi embeddings, overrides and isolates typed into data; we add our own isolation where needed. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
/** Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, and their presentation forms. */
const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]|\uD802[\uDC00-\uDFFF]|\uD83A[\uDC00-\uDFFF]/;

export function cleanValue(value: string): string {
	return value.normalize('NFC').replace(CONTROL, '').replace(BIDI_CONTROLS, '');
}

export function hasRtl(value: string): boolean {
	return RTL.test(value);
}

export function escapeHtml(value: string): string {
	return value.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);
}

const SAFE_URL = /^(?:https?:\/\/|mailto:)/i;

function lookup(scopes: TemplateValue[], path: string[]): TemplateValue {
	if (path[0] === '.') return scopes[scopes.length - 1];
	for (let i = scopes.length - 1; i >= 0; i--) {
		const scope = scopes[i];
		if (
			scope &&
			typeof scope === 'object' &&
			!Array.isArray(scope) &&
			Object.hasOwn(scope, path[0]!)
		) {
			let value: TemplateValue = (scope as TemplateData)[path[0]!];
			for (const key of path.slice(1)) {
				value =
					value && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, key)
						? (value as TemplateData)[key]
						: undefined;
			}
			return value;
		}
	}
	return undefined;
}

/** Inside `<…>` of the output so far (a value there is an attribute value, not text). */
function insideTag(out: string): boolean {
	return out.lastIndexOf('<') > out.lastIndexOf('>');
}

/** Inside `<title>…</title>`: text only (markup there is shown literally), so no `<bdi>`. */
function insideTitle(out: string): boolean {
	return out.lastIndexOf('<title') > out.lastIndexOf('</title');
}

function renderNodes(
	nodes: Node[],
	scopes: TemplateValue[],
	mode: RenderMode,
	out: { s: string }
): void {
	for (const node of nodes) {
		if (node.kind === 'text') {
			out.s += node.value;
			continue;
		}
		const value = lookup(scopes, node.path);
		if (node.kind === 'section') {
			const empty =
				value === undefined ||
				value === null ||
				value === false ||
				value === '' ||
				(Array.isArray(value) && value.length === 0);
			if (node.inverted) {
				if (empty) renderNodes(node.children, scopes, mode, out);
			} else if (!empty) {
				const items = Array.isArray(value) ? value : [value];
				for (const item of items) renderNodes(node.children, [...scopes, item], mode, out);
			}
			continue;
		}
		const name = node.path.join('.');
		if (value === undefined || value === null) throw new TemplateError(`No value for {{${name}}}.`);
		if (typeof value === 'object')
			throw new TemplateError(`{{${name}}} is a list or an object; use a section.`);
		const text = cleanValue(String(value));
		if (mode === 'text') {
			out.s += hasRtl(text) ? `\u2068${text}\u2069` : text;
		} else if (insideTitle(out.s)) {
			out.s += escapeHtml(text);
		} else if (insideTag(out.s)) {
			const attribute = /(?:href|src)\s*=\s*["']?$/i.test(out.s);
			out.s += escapeHtml(attribute && !SAFE_URL.test(text.trim()) ? '#' : text);
		} else {
			out.s += hasRtl(text) ? `<bdi>${escapeHtml(text)}</bdi>` : escapeHtml(text);
		}
	}
}

export function renderParsed(nodes: Node[], data: TemplateData, mode: RenderMode): string {
	const out = { s: '' };
	renderNodes(nodes, [data], mode, out);
	return out.s;
}

/** Parse and render in one go (tests, previews); loaded templates are parsed once. */
export function renderTemplate(source: string, data: TemplateData, mode: RenderMode): string {
	return renderParsed(parseTemplate(source), data, mode);
}

/** A subject line: text rendering on one line (a newline in a header would be a header injection). */
export function renderSubject(source: string, data: TemplateData): string {
	return renderTemplate(source, data, 'text')
		.replace(/[\r\n\u2028\u2029]+/g, ' ')
		.replace(/\s{2,}/g, ' ')
		.trim();
}

export type ParsedTemplate = Node[];
