/**
 * The reaction form as strings (what the inputs hold), and the API inputs built from it. Shared by
 * the new and edit pages; no server-only imports, so the pages may use the types.
 */
import type { FormFields } from '#lib/server/form.ts';

export interface ReactionFormValues {
	url: string;
	handle: string;
	customerName: string;
	customerId: string;
	text: string;
	/** datetime-local value, Amsterdam time. */
	postedAt: string;
	kind: string;
	/** '' follows the suggestion. */
	sentiment: string;
	likes: string;
	shares: string;
	comments: string;
	followers: string;
	surpriseId: string;
	linkSurprise: boolean;
}

export function emptyReactionForm(postedAt: string): ReactionFormValues {
	return {
		url: '',
		handle: '',
		customerName: '',
		customerId: '',
		text: '',
		postedAt,
		kind: 'post',
		sentiment: '',
		likes: '0',
		shares: '0',
		comments: '0',
		followers: '',
		surpriseId: '',
		linkSurprise: false
	};
}

/** Each field is cut at a length no real value reaches, so a huge post cannot fill the page state. */
export function readReactionForm(form: FormFields): ReactionFormValues {
	const trimmed = (key: string, max: number) => form.text(key, { max });
	const asTyped = (key: string, max = 20_000) => form.text(key, { trim: false, max });
	return {
		url: trimmed('url', 3000),
		handle: trimmed('handle', 400),
		customerName: trimmed('customerName', 400),
		customerId: trimmed('customerId', 100),
		text: asTyped('text'),
		postedAt: trimmed('postedAt', 60),
		kind: asTyped('kind', 40),
		sentiment: asTyped('sentiment', 40),
		likes: trimmed('likes', 40),
		shares: trimmed('shares', 40),
		comments: trimmed('comments', 40),
		followers: trimmed('followers', 40),
		surpriseId: trimmed('surpriseId', 100),
		linkSurprise: form.checked('linkSurprise')
	};
}

/** A typed count: the number, or NaN so the API says what is wrong with it. */
const count = (value: string) =>
	value === '' ? undefined : /^\d+$/.test(value) ? Number(value) : Number.NaN;

type Sentiment = 'positive' | 'neutral' | 'negative';
type Kind = 'post' | 'review' | 'photo_video' | 'comment' | 'share';
const SENTIMENTS = ['positive', 'neutral', 'negative'];

export function toSuggestInput(v: ReactionFormValues) {
	return {
		...(v.url ? { url: v.url } : {}),
		...(v.customerId && !v.url ? { customerId: v.customerId } : {}),
		...(v.handle ? { handle: v.handle } : {}),
		text: v.text,
		...(v.postedAt ? { postedAt: v.postedAt } : {})
	};
}

export function toLogInput(v: ReactionFormValues) {
	return {
		url: v.url || null,
		...(v.customerId && !v.url ? { customerId: v.customerId } : {}),
		...(v.handle ? { handle: v.handle } : {}),
		...(v.customerName ? { customerName: v.customerName } : {}),
		text: v.text,
		postedAt: v.postedAt,
		kind: v.kind as Kind,
		...(SENTIMENTS.includes(v.sentiment) ? { sentiment: v.sentiment as Sentiment } : {}),
		likes: count(v.likes) ?? 0,
		shares: count(v.shares) ?? 0,
		comments: count(v.comments) ?? 0,
		...(count(v.followers) !== undefined ? { followers: count(v.followers) } : {}),
		surpriseId: v.linkSurprise && v.surpriseId ? v.surpriseId : null
	};
}

/** Only what changed on the edit page; a sentiment chosen there overrides the suggestion. */
export function toUpdateInput(v: ReactionFormValues) {
	return {
		url: v.url || null,
		text: v.text,
		postedAt: v.postedAt,
		kind: v.kind as Kind,
		...(SENTIMENTS.includes(v.sentiment) ? { sentiment: v.sentiment as Sentiment } : {}),
		likes: count(v.likes) ?? 0,
		shares: count(v.shares) ?? 0,
		comments: count(v.comments) ?? 0,
		followers: count(v.followers) ?? 0,
		surpriseId: v.linkSurprise && v.surpriseId ? v.surpriseId : null
	};
}
