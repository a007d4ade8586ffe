import { describe, expect, it } from 'vitest';
import { DomainError } from '#api/domain/errors.ts';
import { canonicalPostUrl } from '#api/domain/reactions/post-url.ts';
import { parsePostedAt } from '#api/domain/reactions/posted-at.ts';

describe('post links: one spelling per post', () => {
	it.each([
		[
			'https://twitter.com/JanJansen/status/123?s=20&t=abc',
			'https://x.com/janjansen/status/123',
			'x'
		],
		['x.com/janjansen/status/123/', 'https://x.com/janjansen/status/123', 'x'],
		[
			'http://mobile.twitter.com/JANJANSEN/status/123#top',
			'https://x.com/janjansen/status/123',
			'x'
		],
		[
			'https://www.facebook.com/permalink.php?story_fbid=99&id=100012345&__cft__[0]=x&fbclid=y',
			'https://facebook.com/permalink.php?id=100012345&story_fbid=99',
			'facebook'
		],
		[
			'https://m.facebook.com/jan.jansen/posts/pfbid02abc',
			'https://facebook.com/jan.jansen/posts/pfbid02abc',
			'facebook'
		],
		[
			'https://www.instagram.com/p/CxYz12AbC/?igsh=MXZ',
			'https://instagram.com/p/CxYz12AbC',
			'instagram'
		],
		[
			'https://www.linkedin.com/posts/jan-jansen_hoppa-activity-7123-abcd?utm_source=share',
			'https://linkedin.com/posts/jan-jansen_hoppa-activity-7123-abcd',
			'linkedin'
		],
		[
			'https://www.trustpilot.com/reviews/65ab?utm_medium=x&page=2',
			'https://trustpilot.com/reviews/65ab?page=2',
			null
		]
	])('%s → %s', (input, url, channel) => {
		expect(canonicalPostUrl(input)).toEqual({ url, channel, original: input });
	});

	it('keeps Instagram post codes as written (they are case-sensitive)', () => {
		expect(canonicalPostUrl('instagram.com/p/AbC/').url).not.toBe(
			canonicalPostUrl('instagram.com/p/abc/').url
		);
	});

	it.each([
		'',
		'   ',
		'javascript:alert(1)',
		'mailto:jan@example.com',
		'https://user:pw@x.com/a',
		'not a link at all',
		`https://x.com/${'a'.repeat(2100)}`
	])('refuses %j on the field url', (input) => {
		try {
			canonicalPostUrl(input);
			expect.unreachable();
		} catch (error) {
			expect(error).toBeInstanceOf(DomainError);
			expect((error as DomainError).fields[0]!.field).toBe('url');
		}
	});
});

describe('posted at', () => {
	it('reads instants with an offset, and Amsterdam wall-clock times without one', () => {
		expect(parsePostedAt('2026-11-20T14:05:00+01:00')!.toISOString()).toBe(
			'2026-11-20T13:05:00.000Z'
		);
		expect(parsePostedAt('2026-11-20T13:05:00Z')!.toISOString()).toBe('2026-11-20T13:05:00.000Z');
		expect(parsePostedAt('2026-11-20 14:05')!.toISOString()).toBe('2026-11-20T13:05:00.000Z'); // winter: UTC+1
		expect(parsePostedAt('2026-07-01 14:05')!.toISOString()).toBe('2026-07-01T12:05:00.000Z'); // summer: UTC+2
		expect(parsePostedAt('20-11-2026 14:05')!.toISOString()).toBe('2026-11-20T13:05:00.000Z');
		expect(parsePostedAt('2026-11-20')!.toISOString()).toBe('2026-11-20T11:00:00.000Z'); // a date alone: noon
	});

	it('resolves the hour that happens twice (clocks back, 25 Oct 2026) to its first occurrence', () => {
		expect(parsePostedAt('2026-10-25 02:30')!.toISOString()).toBe('2026-10-25T00:30:00.000Z');
	});

	it('refuses what is not a date', () => {
		for (const text of ['', 'gisteren', '2026-02-30 10:00', '2026-11-20 25:00', '31/02/2026'])
			expect(parsePostedAt(text), text).toBeNull();
	});
});
