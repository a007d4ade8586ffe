import { describe, expect, it } from 'vitest';
import { recogniseUrl } from '#api/domain/customers/recognise-url.ts';
import { ValidationError } from '#api/domain/errors.ts';

const recognised: [url: string, channel: string, handle: string][] = [
	// X / Twitter: posts and profiles, any subdomain, with or without scheme
	['https://x.com/jan/status/1790000000000000000', 'x', 'jan'],
	['https://twitter.com/JanJansen/status/123?s=20&t=abc', 'x', 'JanJansen'],
	['x.com/jan_jansen', 'x', 'jan_jansen'],
	['https://mobile.twitter.com/jan/', 'x', 'jan'],
	['http://www.x.com/jan/status/123/photo/1', 'x', 'jan'],
	['https://x.com/intent/user?screen_name=jan', 'x', 'jan'],
	// Facebook: usernames, numeric ids, posts, permalinks
	['https://www.facebook.com/jan.jansen', 'facebook', 'jan.jansen'],
	['https://m.facebook.com/jan.jansen/', 'facebook', 'jan.jansen'],
	['https://www.facebook.com/profile.php?id=100012345678', 'facebook', '100012345678'],
	['https://facebook.com/jan.jansen/posts/pfbid02abcXYZ?__cft__[0]=x', 'facebook', 'jan.jansen'],
	[
		'https://www.facebook.com/permalink.php?story_fbid=pfbid0abc&id=100012345678',
		'facebook',
		'100012345678'
	],
	['https://m.facebook.com/story.php?story_fbid=123&id=456789', 'facebook', '456789'],
	['https://web.facebook.com/people/Jan-Jansen/100012345678/', 'facebook', '100012345678'],
	['https://nl-nl.facebook.com/jan.jansen/photos/a.123/456/', 'facebook', 'jan.jansen'],
	// Instagram: profiles and stories
	['https://www.instagram.com/jan.jansen/', 'instagram', 'jan.jansen'],
	['instagram.com/jan_jansen?igsh=abc123', 'instagram', 'jan_jansen'],
	['https://instagram.com/stories/jan.jansen/3141592653/', 'instagram', 'jan.jansen'],
	['https://www.instagram.com/jan.jansen/p/C1abcDEF/', 'instagram', 'jan.jansen'],
	// LinkedIn: profiles (country subdomains) and posts
	['https://www.linkedin.com/in/jan-jansen-12345/', 'linkedin', 'jan-jansen-12345'],
	['https://nl.linkedin.com/in/jan-jansen', 'linkedin', 'jan-jansen'],
	[
		'https://www.linkedin.com/posts/jan-jansen_leuke-verrassing-activity-7123456789012345678-AbCd?utm_source=share',
		'linkedin',
		'jan-jansen'
	],
	['https://www.linkedin.com/in/j%C3%B6rg-m%C3%BCller/', 'linkedin', 'jörg-müller'],
	// WhatsApp and mail
	['https://wa.me/31612345678', 'whatsapp', '+31612345678'],
	['https://api.whatsapp.com/send?phone=31612345678&text=hoi', 'whatsapp', '+31612345678'],
	['mailto:jan@example.com', 'email', 'jan@example.com'],
	// Pasted with whitespace or an invisible character
	['  https://x.com/ja\u200Bn  ', 'x', 'jan']
];

const refused: [url: string, messagePart: RegExp][] = [
	['https://www.instagram.com/p/C1abcDEF/', /profile link/],
	['https://www.instagram.com/reel/C1abcDEF/', /profile link/],
	['https://t.co/abc123', /x\.com .*facebook\.com.*instagram\.com.*linkedin\.com/],
	['https://example.com/jan', /does not recognise links to example\.com/],
	['https://notx.com/jan', /does not recognise/],
	['https://x.com/i/web/status/123', /does not show whose/],
	['https://x.com/home', /does not show whose/],
	['https://x.com/', /does not show whose/],
	['https://www.facebook.com/groups/123456/posts/789/', /group/],
	['https://www.facebook.com/share/p/abc123/', /does not show whose/],
	['https://www.linkedin.com/company/acme/', /company page/],
	['https://www.linkedin.com/feed/update/urn:li:activity:7123/', /does not show whose/],
	['https://x.com/this_handle_is_far_too_long', /valid handle/],
	['ftp://x.com/jan', /web link/],
	['', /Paste a link/],
	['just some words', /does not recognise|not a link/]
];

describe('recogniseUrl', () => {
	it.each(recognised)('%s → %s %s', (url, channel, handle) => {
		expect(recogniseUrl(url)).toEqual({ channel, handle });
	});

	it.each(refused)('refuses %s', (url, messagePart) => {
		let caught: unknown;
		try {
			recogniseUrl(url);
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(ValidationError);
		const error = caught as ValidationError;
		expect(error.fields).toHaveLength(1);
		expect(error.fields[0]!.field).toBe('url');
		expect(error.message).toMatch(messagePart);
	});
});
