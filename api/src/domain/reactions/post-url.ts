import { ValidationError, type MessageText } from '../errors.ts';
import type { Channel } from '../customers/handles.ts';
import { siteOf } from '../customers/recognise-url.ts';
import { channelSites } from '../../../../db/schema/enums.ts';
import { stripInvisibles } from '../text.ts';

/**
 * The one spelling of a post's link, so the same post pasted twice (from the app, the browser,
 * twitter.com or x.com, with tracking parameters) is one reaction: https, host without www./m./
 * mobile., twitter.com → x.com, fb.com → facebook.com, no fragment, no trailing slash, tracking
 * parameters dropped (on the social sites every parameter but the few that name a post).
 */
export interface PostUrl {
	url: string;
	/** The social site it is on, when it is one Hoppatee reads. */
	channel: Channel | null;
	/** The link as pasted (trimmed): handles are read from it, with their case. */
	original: string;
}

export const MAX_URL_CHARS = 2048;

/** The channel's first host is its canonical one (x.com for twitter.com, facebook.com for fb.com). */
const canonicalHost = (site: Exclude<Channel, 'email'>): string => channelSites[site].hosts[0];
/** Query parameters that identify a post on a social site; all others are dropped there. */
const KEPT_PARAMS: Partial<Record<Channel, string[]>> = {
	facebook: ['story_fbid', 'id', 'fbid', 'v', 'set', 'comment_id'],
	youtube: ['v', 'lc'],
	whatsapp: ['phone']
};
const TRACKING =
	/^(utm_.*|fbclid|gclid|dclid|msclkid|igshid|igsh|mibextid|si|ref|ref_src|ref_url|s|t|__cft__.*|__tn__|mc_cid|mc_eid|_hsenc|_hsmi)$/i;

function fail(message: MessageText): never {
	throw new ValidationError(message, [{ field: 'url', message }]);
}

export function canonicalPostUrl(input: string): PostUrl {
	const text = stripInvisibles(input.normalize('NFC')).trim();
	if (!text) fail('reaction_paste_post_link');
	if (text.length > MAX_URL_CHARS) fail('this_link_is_too_long');
	const withScheme = /^[a-z][a-z\d+.-]*:/i.test(text)
		? text
		: `https://${text.replace(/^\/+/, '')}`;
	let url: URL;
	try {
		url = new URL(withScheme);
	} catch {
		return fail('reaction_not_a_link');
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') fail('reaction_use_web_link');
	if (!url.hostname || url.username || url.password) fail('reaction_not_a_post_link');

	const host = url.hostname.toLowerCase().replace(/\.$/, '');
	const site = siteOf(host) ?? null;
	const channel: Channel | null = site;
	// youtu.be/<id> is youtube.com/watch?v=<id>: one spelling for one video.
	if (site === 'youtube' && /(^|\.)youtu\.be$/.test(host)) {
		url.searchParams.set('v', url.pathname.split('/').filter(Boolean)[0] ?? '');
		url.pathname = '/watch';
	}
	let path = url.pathname.replace(/\/+$/, '') || '/';
	let cleanHost = host.replace(/^(www|m|mobile|web)\./, '');
	if (site) {
		cleanHost = canonicalHost(site);
		// X handles are case-insensitive: /Jan/status/1 and /jan/status/1 are one post.
		if (site === 'x')
			path = path.replace(/^\/([^/]+)/, (_, user: string) => `/${user.toLowerCase()}`);
	}
	const params = [...url.searchParams.entries()]
		.filter(([key]) => (site ? (KEPT_PARAMS[site] ?? []).includes(key) : !TRACKING.test(key)))
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
	const port = url.port && !site ? `:${url.port}` : '';
	return {
		url: `https://${cleanHost}${port}${path === '/' ? '' : path}${query}`,
		channel,
		original: text
	};
}
