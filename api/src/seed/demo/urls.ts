import type { Channel, HandleSpec } from './people.ts';
import type { Rng } from './random.ts';

const DIGITS = '0123456789';
const SHORTCODE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** Unique, plausible post URLs per channel. Private channels (WhatsApp, email) have none. */
export class PostUrls {
	private readonly seen = new Set<string>();
	/** A separate stream per seed run, so a forced second seed never repeats a URL. */
	private readonly rng: Rng;
	constructor(rng: Rng) {
		this.rng = rng;
	}

	for(handle: HandleSpec): string | null {
		if (!isPublic(handle.channel)) return null;
		for (;;) {
			const url = this.shape(handle);
			if (this.seen.has(url)) continue;
			this.seen.add(url);
			return url;
		}
	}

	private shape(handle: HandleSpec): string {
		const r = this.rng;
		const name = handle.handle;
		switch (handle.channel) {
			case 'x':
				return `https://x.com/${name}/status/${r.int(1, 9)}${r.chars(18, DIGITS)}`;
			case 'instagram':
				return `https://www.instagram.com/p/${r.chars(11, SHORTCODE)}/`;
			case 'facebook':
				return `https://www.facebook.com/${name}/posts/${r.int(1, 9)}${r.chars(15, DIGITS)}`;
			default:
				return `https://www.linkedin.com/feed/update/urn:li:activity:${r.int(6, 7)}${r.chars(18, DIGITS)}/`;
		}
	}
}

export function isPublic(channel: Channel): boolean {
	return (
		channel === 'x' || channel === 'facebook' || channel === 'instagram' || channel === 'linkedin'
	);
}
