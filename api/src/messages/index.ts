/**
 * The one catalogue of domain text: `en.json` and `nl.json` beside this file, in the inlang message
 * format the web compiles too (flat snake_case keys, `{param}` placeholders). The domain speaks in
 * codes — `msg(key, params)` — and the edge renders them in the reader's language.
 */
import en from './en.json' with { type: 'json' };
import nl from './nl.json' with { type: 'json' };

/** The languages a message can be told in: English is the default, Dutch when the reader asks. */
export type Locale = 'en' | 'nl';

/** Every key of the catalogue (typed from en.json; a test holds nl.json to the same keys). */
export type MessageKey = Exclude<keyof typeof en, '$schema'>;

/** A parameter: a name or number as it is, a message (rendered in the same language) or a list of them. */
export type Param = string | number | Message | readonly Param[];

/** A message as the domain raises or stores it: its code and its parameters. */
export interface Message {
	readonly key: MessageKey;
	readonly params?: Readonly<Record<string, Param>>;
	/** Told in this language whatever the reader's (a claim link's own language). */
	readonly locale?: Locale;
}

const catalogues: Record<Locale, Record<string, string>> = { en, nl };

export function msg(key: MessageKey, params?: Record<string, Param>): Message {
	return params ? { key, params } : { key };
}

export function isMessageKey(value: unknown): value is MessageKey {
	return typeof value === 'string' && value !== '$schema' && Object.hasOwn(en, value);
}

/** The vocabulary sets whose words messages name; each word is a key `<set>_<word>` in the catalogue. */
export type WordSet =
	'surprise_status' | 'campaign_status' | 'nomination_status' | 'gift_kind' | 'surprise_kind';

/** A status or kind word as a message, so the Dutch reads "wacht op adres"; an unknown word stays as it is. */
export function word(set: WordSet, value: string): Param {
	const key = `${set}_${value}`;
	return isMessageKey(key) ? { key } : value;
}

function renderParam(param: Param, locale: Locale): string {
	if (typeof param === 'string') return param;
	if (typeof param === 'number') return String(param);
	if (Array.isArray(param)) return param.map((p: Param) => renderParam(p, locale)).join(', ');
	return render(param as Message, locale);
}

/**
 * A message in one language, its placeholders filled (parameters that are messages in the same
 * language). A message with its own `locale` (a claim link's language) keeps it; a string that is
 * no key (zod's own text, a framework's) is told as it is.
 */
export function render(message: Message | MessageKey | string, locale: Locale): string {
	if (typeof message === 'string' && !isMessageKey(message)) return message;
	const {
		key,
		params = {},
		locale: own
	} = typeof message === 'string' ? { key: message } : message;
	const catalogue = catalogues[own ?? locale];
	const pattern = catalogue[key] ?? catalogues.en[key] ?? key;
	if (typeof message === 'string') return pattern.replace(/\\([\\{}])/g, '$1');
	// `{name}` is a placeholder, `\{` and `\}` are braces (the inlang message format's escapes).
	return pattern.replace(
		/\\([\\{}])|\{(\w+)\}/g,
		(whole, escaped: string | undefined, name: string | undefined) =>
			escaped ?? (name! in params ? renderParam(params[name!]!, own ?? locale) : whole)
	);
}
