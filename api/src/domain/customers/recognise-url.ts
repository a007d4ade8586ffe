import { ValidationError, type MessageText } from '../errors.ts';
import { msg } from '../../messages/index.ts';
import { stripInvisibles } from '../text.ts';
import { channelSites } from '../../../../db/schema/enums.ts';
import { canonicalHandle, channelLabels, channels, type Channel } from './handles.ts';

export interface RecognisedUrl {
	channel: Channel;
	/** Canonical handle (see canonicalHandle): no @, case as in the link. */
	handle: string;
}

type Site = Exclude<Channel, 'email'>;

const hostSites: [string, Site][] = channels.flatMap((channel) =>
	channelSites[channel].hosts.map((host): [string, Site] => [host, channel as Site])
);

/** Paths on x.com that are pages of the site, not accounts. */
const X_RESERVED = new Set([
	'i',
	'home',
	'explore',
	'search',
	'hashtag',
	'intent',
	'share',
	'settings',
	'notifications',
	'messages',
	'compose',
	'login',
	'logout',
	'signup',
	'tos',
	'privacy',
	'about',
	'download',
	'jobs',
	'communities',
	'lists',
	'topics'
]);
const FACEBOOK_RESERVED = new Set([
	'groups',
	'watch',
	'events',
	'share',
	'marketplace',
	'hashtag',
	'login',
	'login.php',
	'home.php',
	'gaming',
	'reel',
	'reels',
	'stories',
	'photo',
	'photo.php',
	'photos',
	'videos',
	'video.php',
	'notes',
	'help',
	'policies',
	'ads',
	'business',
	'messages',
	'friends',
	'settings',
	'search',
	'dialog',
	'sharer',
	'sharer.php',
	'l.php',
	'media',
	'fundraisers',
	'live',
	'bookmarks'
]);
const INSTAGRAM_POSTS = new Set(['p', 'reel', 'reels', 'tv']);
const INSTAGRAM_RESERVED = new Set([
	'explore',
	'accounts',
	'direct',
	'about',
	'legal',
	'developer',
	'web',
	'challenge'
]);

function fail(message: MessageText): never {
	throw new ValidationError(message, [{ field: 'url', message }]);
}

function decode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

export function siteOf(host: string): Site | undefined {
	return hostSites.find(([domain]) => host === domain || host.endsWith(`.${domain}`))?.[1];
}

const NO_ACCOUNT = (site: string) => msg('url_not_whose', { site });

function fromX(segments: string[], params: URLSearchParams): string {
	const first = segments[0];
	if (first?.toLowerCase() === 'intent' && params.get('screen_name'))
		return params.get('screen_name')!;
	if (!first || X_RESERVED.has(first.toLowerCase())) fail(NO_ACCOUNT('X'));
	return first;
}

function fromFacebook(segments: string[], params: URLSearchParams): string {
	const first = segments[0]?.toLowerCase();
	if (!first) fail(NO_ACCOUNT('Facebook'));
	// profile.php?id=…, permalink.php?story_fbid=…&id=…, story.php?story_fbid=…&id=…
	if (first === 'profile.php' || first === 'permalink.php' || first === 'story.php') {
		const id = params.get('id');
		if (id && /^\d+$/.test(id)) return id;
		fail(NO_ACCOUNT('Facebook'));
	}
	// /people/Jan-Jansen/100012345678/ and /pages/Name/123456/: the number is the account.
	if (first === 'people' || first === 'pages') {
		const id = segments.slice(1).find((s) => /^\d+$/.test(s));
		if (id) return id;
		fail(NO_ACCOUNT('Facebook'));
	}
	if (first === 'groups') fail(msg('url_facebook_group'));
	if (FACEBOOK_RESERVED.has(first)) fail(NO_ACCOUNT('Facebook'));
	return segments[0]!;
}

function fromInstagram(segments: string[]): string {
	const first = segments[0]?.toLowerCase();
	if (!first) fail(NO_ACCOUNT('Instagram'));
	if (INSTAGRAM_POSTS.has(first)) {
		fail(msg('url_instagram_post'));
	}
	if (first === 'stories' && segments[1]) return segments[1];
	if (first === 'stories' || INSTAGRAM_RESERVED.has(first)) fail(NO_ACCOUNT('Instagram'));
	return segments[0]!;
}

function fromLinkedIn(segments: string[]): string {
	const first = segments[0]?.toLowerCase();
	if ((first === 'in' || first === 'pub') && segments[1]) return segments[1];
	// /posts/jan-jansen_title-words-activity-7123…: the profile name comes before the first underscore
	// (LinkedIn profile names have no underscores).
	if (first === 'posts' && segments[1]?.includes('_'))
		return segments[1].slice(0, segments[1].indexOf('_'));
	if (first === 'company' || first === 'school' || first === 'showcase') {
		fail(msg('url_linkedin_company'));
	}
	return fail(NO_ACCOUNT('LinkedIn'));
}

/** tiktok.com/@name, tiktok.com/@name/video/123…; short links (vm.tiktok.com/…) name nobody. */
function fromTikTok(segments: string[]): string {
	const first = segments[0];
	if (first?.startsWith('@') && first.length > 1) return first.slice(1);
	return fail(NO_ACCOUNT('TikTok'));
}

/** youtube.com/@name (and its videos, shorts, posts), /c/name and /user/name; a video link names nobody. */
function fromYouTube(segments: string[]): string {
	const first = segments[0];
	if (first?.startsWith('@') && first.length > 1) return first.slice(1);
	if ((first === 'c' || first === 'user') && segments[1]) return segments[1];
	return fail(NO_ACCOUNT('YouTube'));
}

function fromWhatsApp(segments: string[], params: URLSearchParams): string {
	const phone = params.get('phone') ?? (segments.length === 1 ? segments[0] : undefined);
	if (!phone || !/^\+?\d[\d\s]*$/.test(phone)) fail(msg('url_whatsapp_no_number'));
	return phone.startsWith('+') ? phone : `+${phone}`;
}

/**
 * The channel and handle behind a link to a post or a profile, as people paste them: with or
 * without https://, www./m./mobile./country subdomains, query strings and trailing slashes.
 * Throws a ValidationError on the field `url` when the link is not one we can read.
 */
export function recogniseUrl(input: string): RecognisedUrl {
	const text = stripInvisibles(input.normalize('NFC')).trim();
	if (!text) fail(msg('paste_link_to_post_or_profile'));

	const mailto = /^mailto:([^?]+)/i.exec(text);
	if (mailto) return checked('email', decode(mailto[1]!));

	const withScheme = /^[a-z][a-z\d+.-]*:\/\//i.test(text)
		? text
		: `https://${text.replace(/^\/+/, '')}`;
	let url: URL;
	try {
		url = new URL(withScheme);
	} catch {
		return fail(msg('url_not_a_link', { sites: msg('supported_sites') }));
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:')
		fail(msg('url_not_web', { sites: msg('supported_sites') }));

	const host = url.hostname.toLowerCase().replace(/\.$/, '');
	const site = siteOf(host);
	if (!site)
		fail(
			msg('url_unknown_site', { host: host || msg('this_site'), sites: msg('supported_sites') })
		);

	const segments = url.pathname.split('/').filter(Boolean).map(decode);
	const params = url.searchParams;
	switch (site) {
		case 'x':
			return checked('x', fromX(segments, params));
		case 'facebook':
			return checked('facebook', fromFacebook(segments, params));
		case 'instagram':
			return checked('instagram', fromInstagram(segments));
		case 'linkedin':
			return checked('linkedin', fromLinkedIn(segments));
		case 'tiktok':
			return checked('tiktok', fromTikTok(segments));
		case 'youtube':
			return checked('youtube', fromYouTube(segments));
		case 'whatsapp':
			return checked('whatsapp', fromWhatsApp(segments, params));
	}
}

function checked(channel: Channel, raw: string): RecognisedUrl {
	const result = canonicalHandle(channel, raw);
	if (!result.ok)
		fail(
			msg('url_no_valid_handle', {
				channel: channelLabels[channel],
				reason: typeof result.text === 'string' ? msg(result.text) : result.text
			})
		);
	return { channel, handle: result.handle };
}
