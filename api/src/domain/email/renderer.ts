/**
 * Email templates are Mustache (mustache.js parses and renders them), held to a safe subset:
 *
 *   {{name}}  {{gift.name}}        a value: escaped for where it stands in HTML, cleaned in text
 *   {{#items}}…{{/items}}          a section: repeated per list element (its fields come first in
 *                                  scope), shown once for any other value but false, '', 0, null
 *   {{^items}}…{{/items}}          shown when the value is missing, false, '', 0 or an empty list
 *
 * There is no raw output: triple braces, `{{&…}}`, partials and delimiter changes are refused when a
 * template is parsed, and every value goes through `escapedValue` below. Where a value stands in
 * the HTML is decided at parse time, from the template's own text: HTML text (escaped, right-to-left
 * text isolated in `<bdi>` so "Hoi محمد," keeps its comma where it belongs), `<title>` and quoted
 * attributes (escaped), the start of an `href`/`src` (only http(s) and mailto URLs pass, anything
 * else becomes `#`). A value anywhere else (inside a tag, an unquoted, `style` or `on…` attribute,
 * a comment, `<script>`/`<style>`) is refused, and so is a section that opens in one place and
 * closes in another, so leaving a section out cannot move a value to another place. Values are
 * NFC-normalised, control and bidi-override characters removed (a U+202E in a name cannot flip the
 * rest of the mail); in text a right-to-left value sits between U+2068 and U+2069.
 */
import Mustache from 'mustache';

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

/** How a value is written where it stands. */
type Slot = 'plain' | 'text' | 'title' | 'attribute' | 'url';

/** mustache.js tokens: [type, name or text, start, end, children?, close start?]. */
type Token = [string, string, number, number, Token[]?, number?];

export interface ParsedTemplate {
	readonly source: string;
	readonly tokens: Token[];
	/** The template ends in HTML text (or is plain text): what follows it starts there. */
	readonly endsInText: boolean;
}

const NAME = /^(?:[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*|\.)$/;

/** Where each value token stands; set when a template is parsed, read when it is rendered. */
const slots = new WeakMap<Token, Slot>();

function near(source: string, at: number): string {
	return JSON.stringify(source.slice(Math.max(0, at - 10), at + 20));
}

/** mustache.js reports nesting errors in English prose; they become ours, naming the tags. */
function parseError(source: string, error: Error): TemplateError {
	const unclosed = /^Unclosed section "(.*)" at (\d+)$/.exec(error.message);
	if (unclosed) {
		const at = Number(unclosed[2]);
		if (at >= source.length)
			return new TemplateError(`Section {{#${unclosed[1]}}} is never closed.`);
		const closing = /^\{\{\s*\/\s*(.*?)\s*\}\}/.exec(source.slice(at))?.[1] ?? '';
		return new TemplateError(`Closing {{/${closing}}} does not match {{#${unclosed[1]}}}.`);
	}
	const unopened = /^Unopened section "(.*)" at \d+$/.exec(error.message);
	if (unopened)
		return new TemplateError(`Closing {{/${unopened[1]}}} does not match any open section.`);
	const tag = /^Unclosed tag at (\d+)$/.exec(error.message);
	if (tag) return new TemplateError(`Malformed tag near ${near(source, Number(tag[1]))}.`);
	return new TemplateError(error.message);
}

/**
 * Follows the template's literal HTML far enough to tell where a value lands. Values are escaped,
 * so they never add `<`, `>` or quotes: the literal text alone decides.
 */
class HtmlPlace {
	state: 'text' | 'tag' | 'attribute' | 'unquoted' | 'comment' | 'raw' = 'text';
	tag = '';
	/** The attribute being named or written, lower case. */
	attribute = '';
	/** Inside a tag, after `name=` and before its value. */
	equals = false;
	quote = '';
	/** Nothing written yet in the current attribute value (where a URL must start). */
	valueStart = false;

	key(): string {
		return [this.state, this.tag, this.attribute, this.equals, this.quote, this.valueStart].join(
			'|'
		);
	}

	feed(text: string): void {
		let i = 0;
		while (i < text.length) {
			const c = text[i]!;
			const rest = text.slice(i);
			if (this.state === 'text') {
				const tag = /^<(\/?[A-Za-z][\w-]*)/.exec(rest);
				if (rest.startsWith('<!--')) {
					this.state = 'comment';
					i += 4;
				} else if (tag) {
					Object.assign(this, { state: 'tag', tag: tag[1]!.toLowerCase(), attribute: '' });
					i += tag[0].length;
				} else i++;
			} else if (this.state === 'comment') {
				if (rest.startsWith('-->')) {
					this.state = 'text';
					i += 3;
				} else i++;
			} else if (this.state === 'raw') {
				// `title`, `script`, `style`, `textarea` hold text up to their own end tag.
				const end = `</${this.tag}`;
				if (rest.toLowerCase().startsWith(end)) {
					Object.assign(this, { state: 'tag', tag: end.slice(1), attribute: '' });
					i += end.length;
				} else i++;
			} else if (this.state === 'attribute') {
				if (c === this.quote) Object.assign(this, { state: 'tag', attribute: '', quote: '' });
				else this.valueStart = false;
				i++;
			} else if (this.state === 'unquoted') {
				if (/[\s>]/.test(c)) Object.assign(this, { state: 'tag', attribute: '' });
				else i++;
			} else {
				if (c === '>') {
					const raw = ['title', 'script', 'style', 'textarea'].includes(this.tag);
					Object.assign(this, {
						state: raw ? 'raw' : 'text',
						tag: raw ? this.tag : '',
						attribute: '',
						equals: false
					});
				} else if (c === '=') {
					this.equals = true;
				} else if (this.equals && (c === '"' || c === "'")) {
					Object.assign(this, { state: 'attribute', quote: c, equals: false, valueStart: true });
				} else if (this.equals && !/\s/.test(c)) {
					Object.assign(this, { state: 'unquoted', equals: false });
				} else if (/[\w:-]/.test(c)) {
					if (!/[\w:-]/.test(text[i - 1] ?? ' ')) this.attribute = '';
					this.attribute += c.toLowerCase();
				} else if (!/\s/.test(c)) {
					this.attribute = '';
				}
				i++;
			}
		}
	}

	/** How a value here is written, or where it would stand when it may not. */
	slot(): { slot: Slot } | { refused: string } {
		switch (this.state) {
			case 'text':
				return { slot: 'text' };
			case 'raw':
				return this.tag === 'title' ? { slot: 'title' } : { refused: `inside <${this.tag}>` };
			case 'attribute':
				if (this.attribute === 'style' || this.attribute.startsWith('on'))
					return { refused: `in a ${this.attribute} attribute` };
				if (this.attribute === 'href' || this.attribute === 'src')
					return { slot: this.valueStart ? 'url' : 'attribute' };
				return { slot: 'attribute' };
			case 'comment':
				return { refused: 'inside an HTML comment' };
			default:
				return { refused: 'inside a tag outside a quoted attribute value' };
		}
	}
}

function check(source: string, tokens: Token[], mode: RenderMode, place: HtmlPlace): void {
	for (const token of tokens) {
		const [type, value, start] = token;
		if (type === 'text') {
			// A stray `}}` would otherwise reach a customer as is.
			if (value.includes('}}'))
				throw new TemplateError(`Malformed tag near ${near(source, start + value.indexOf('}}'))}.`);
			if (mode === 'html') place.feed(value);
			continue;
		}
		if (type === '&')
			throw new TemplateError(
				`Raw output ({{&${value}}}) is not supported: every value is escaped.`
			);
		if (type !== 'name' && type !== '#' && type !== '^')
			throw new TemplateError(
				`Only values and sections are supported, not {{${type}${value}}} near ${near(source, start)}.`
			);
		if (!NAME.test(value)) throw new TemplateError(`Malformed tag near ${near(source, start)}.`);
		if (type === 'name') {
			const here = mode === 'text' ? { slot: 'plain' as const } : place.slot();
			if ('refused' in here) throw new TemplateError(`{{${value}}} may not stand ${here.refused}.`);
			slots.set(token, here.slot);
			place.valueStart = false;
			continue;
		}
		const before = place.key();
		check(source, token[4] ?? [], mode, place);
		if (place.key() !== before)
			throw new TemplateError(
				`Section {{${type}${value}}} must close where it opened (outside any tag, in the same attribute).`
			);
	}
}

const parser = new Mustache.Writer();

/** Parses once and checks every tag; a template is checked when it is loaded. */
export function parseTemplate(source: string, mode: RenderMode = 'html'): ParsedTemplate {
	// Mustache's triple braces mean raw output; these templates have none.
	if (/\{\{\{|\}\}\}/.test(source))
		throw new TemplateError(
			'Triple braces (raw output) are not supported: every value is escaped.'
		);
	let tokens: Token[];
	try {
		tokens = parser.parse(source) as Token[];
	} catch (error) {
		throw parseError(source, error as Error);
	} finally {
		// Each parse gets its own tokens: the same text may be parsed as HTML and as text.
		parser.clearCache();
	}
	const place = new HtmlPlace();
	check(source, tokens, mode, place);
	return { source, tokens, endsInText: place.key() === new HtmlPlace().key() };
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

function isRecord(value: unknown): value is TemplateData {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The innermost data that has `key` as its own property. */
function scopeWith(context: Mustache.Context | undefined, key: string): TemplateData | undefined {
	for (; context; context = context.parent)
		if (isRecord(context.view) && Object.hasOwn(context.view, key)) return context.view;
	return undefined;
}

/**
 * Own properties only (no `{{constructor}}` from a prototype), and no functions (mustache.js would
 * call them as lambdas). A dotted name is looked up by its first part, then followed down.
 */
class DataContext extends Mustache.Context {
	override push(view: unknown): DataContext {
		return new DataContext(view, this);
	}

	override lookup(name: string): TemplateValue {
		if (name === '.') return this.view as TemplateValue;
		const [head, ...rest] = name.split('.') as [string, ...string[]];
		const scope = scopeWith(this, head);
		if (!scope) return undefined;
		let value = scope[head];
		for (const key of rest)
			value = isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined;
		if (typeof value === 'function') throw new TemplateError(`{{${name}}} is a function.`);
		return value;
	}
}

class EmailWriter extends Mustache.Writer {
	override escapedValue(token: string[], context: Mustache.Context): string {
		const name = token[1]!;
		const value = context.lookup(name) as TemplateValue;
		if (value === undefined || value === null) throw new TemplateError(`No value for {{${name}}}.`);
		if (typeof value === 'object')
			throw new TemplateError(`{{${name}}} is a list or an object; use a section.`);
		const text = cleanValue(String(value));
		switch (slots.get(token as Token)) {
			case 'plain':
				return hasRtl(text) ? `\u2068${text}\u2069` : text;
			case 'text':
				return hasRtl(text) ? `<bdi>${escapeHtml(text)}</bdi>` : escapeHtml(text);
			case 'title':
			case 'attribute':
				return escapeHtml(text);
			case 'url':
				return escapeHtml(SAFE_URL.test(text.trim()) ? text : '#');
			default:
				throw new TemplateError(`{{${name}}} was not checked; parse the template first.`);
		}
	}

	override unescapedValue(token: string[]): string {
		throw new TemplateError(`Raw output ({{&${token[1]}}}) is not supported.`);
	}
}

const writer = new EmailWriter();

export function renderParsed(template: ParsedTemplate, data: TemplateData): string {
	return writer.renderTokens(
		template.tokens as string[][],
		new DataContext(data),
		undefined,
		template.source
	);
}

/** Parse and render in one go (tests, previews); loaded templates are parsed once. */
export function renderTemplate(source: string, data: TemplateData, mode: RenderMode): string {
	return renderParsed(parseTemplate(source, mode), data);
}

/** A subject line: text rendering on one line (a newline in a header would be a header injection). */
export function renderSubject(source: string, data: TemplateData): string {
	return renderTemplate(source, data, 'text')
		.replace(/[\r\n\u2028\u2029]+/g, ' ')
		.replace(/\s{2,}/g, ' ')
		.trim();
}
