/**
 * TikTok and YouTube beside the other channels, from the one channel set (db/schema/enums.ts):
 * handles, profile and post links, post-link spelling, CSV columns and labels all follow it.
 */
import { describe, expect, it } from 'vitest';
import { channelSites, channels } from '#db/schema/enums.ts';
import { CSV_COLUMNS } from '#api/domain/customers/customer-csv.ts';
import { canonicalHandle, channelLabels } from '#api/domain/customers/handles.ts';
import { recogniseUrl } from '#api/domain/customers/recognise-url.ts';
import { ValidationError } from '#api/domain/errors.ts';
import { canonicalPostUrl } from '#api/domain/reactions/post-url.ts';
import en from '../../../../web/messages/en.json' with { type: 'json' };

describe('the channel set', () => {
	it('every channel has its label, its CSV column and its web text', () => {
		expect(channels).toEqual(expect.arrayContaining(['tiktok', 'youtube']));
		for (const c of channels) {
			expect(channelLabels[c]).toBe(channelSites[c].label);
			expect(CSV_COLUMNS).toContain(c);
			expect((en as Record<string, string>)[`channel_${c}`]).toBeTruthy();
		}
		expect(CSV_COLUMNS).toEqual(expect.arrayContaining(['followers_tiktok', 'followers_youtube']));
		expect(CSV_COLUMNS).not.toContain('followers_whatsapp');
	});

	it.each([
		[
			'https://www.tiktok.com/@stroopwafel.fan/video/7301234567890123456',
			'tiktok',
			'stroopwafel.fan'
		],
		['tiktok.com/@Jan_Jansen', 'tiktok', 'Jan_Jansen'],
		['https://www.youtube.com/@JanJansen/videos', 'youtube', 'JanJansen'],
		['https://m.youtube.com/@zoe.hek/shorts', 'youtube', 'zoe.hek'],
		['https://www.youtube.com/c/JanJansen', 'youtube', 'JanJansen'],
		['https://www.instagram.com/zoe.hek/p/CxYz123/', 'instagram', 'zoe.hek'],
		['https://www.instagram.com/zoe.hek/reel/CxYz123/', 'instagram', 'zoe.hek']
	])('%s is %s @%s', (url, channel, handle) => {
		expect(recogniseUrl(url)).toEqual({ channel, handle });
	});

	it.each([
		'https://vm.tiktok.com/ZMabc123/',
		'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
		'https://youtu.be/dQw4w9WgXcQ'
	])('%s names nobody: a 400 on url', (url) => {
		expect(() => recogniseUrl(url)).toThrow(ValidationError);
	});

	it('post links: one spelling per TikTok and YouTube post', () => {
		expect(canonicalPostUrl('https://youtu.be/dQw4w9WgXcQ?si=abc').url).toBe(
			'https://youtube.com/watch?v=dQw4w9WgXcQ'
		);
		expect(canonicalPostUrl('https://www.youtube.com/watch?v=dQw4w9WgXcQ&feature=share').url).toBe(
			'https://youtube.com/watch?v=dQw4w9WgXcQ'
		);
		expect(
			canonicalPostUrl('https://www.tiktok.com/@jan/video/7301234567890123456?is_from_webapp=1')
		).toMatchObject({
			url: 'https://tiktok.com/@jan/video/7301234567890123456',
			channel: 'tiktok'
		});
	});

	it('handles: TikTok and YouTube rules', () => {
		expect(canonicalHandle('tiktok', '@stroopwafel.fan')).toMatchObject({
			ok: true,
			handle: 'stroopwafel.fan'
		});
		expect(canonicalHandle('tiktok', 'a b').ok).toBe(false);
		expect(canonicalHandle('youtube', '@Zoë-Hek')).toMatchObject({ ok: true, handle: 'Zoë-Hek' });
		expect(canonicalHandle('youtube', 'ab').ok).toBe(false);
	});
});
