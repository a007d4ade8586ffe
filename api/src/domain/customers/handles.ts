import { z } from 'zod';
import { channels } from '../../../../db/schema/customers.ts';
import { channelSites } from '../../../../db/schema/enums.ts';
import { msg, render, type MessageKey } from '../../messages/index.ts';
import type { MessageText } from '../errors.ts';
import { foldHandle, stripInvisibles } from '../text.ts';

export type Channel = (typeof channels)[number];
export { channels };

/** How people call each channel, for messages. */
export const channelLabels = Object.fromEntries(
	channels.map((c) => [c, channelSites[c].label])
) as Record<Channel, string>;

export type CanonicalHandle =
	{ ok: true; handle: string; norm: string } | { ok: false; message: string; text: MessageText };

const rules: Record<
	Exclude<Channel, 'whatsapp' | 'email'>,
	{ pattern: RegExp; message: MessageKey }
> = {
	x: { pattern: /^[A-Za-z0-9_]{1,15}$/, message: 'x_handle_is_1_15_letters_digits' },
	instagram: { pattern: /^[A-Za-z0-9._]{1,30}$/, message: 'instagram_handle_is_up_to_30_letters' },
	facebook: {
		pattern: /^[A-Za-z0-9.\-_]{1,80}$/,
		message: 'use_facebook_username_from_profile_link_facebook'
	},
	linkedin: { pattern: /^[\p{L}\p{N}\-_]{2,100}$/u, message: 'use_part_after_linkedin_com_in_e' },
	tiktok: { pattern: /^[A-Za-z0-9._]{2,24}$/, message: 'tiktok_handle_is_2_24_letters' },
	// A channel handle (youtube.com/@name): letters, digits, period, hyphen and underscore.
	youtube: { pattern: /^[\p{L}\p{N}._\-]{3,30}$/u, message: 'youtube_handle_is_3_30_characters' }
};

const EmailAddress = z.email().max(254);

/** A refused handle: the message in English (as zod's readers expect) and as its code. */
function refused(text: MessageText): CanonicalHandle {
	return { ok: false, message: render(text, 'en'), text };
}

/**
 * A handle as stored and shown: NFC, invisible characters removed, trimmed, no leading @ (the UI
 * adds it), case kept. WhatsApp numbers become +<country><number>. `norm` is the uniqueness key
 * (`foldHandle`), so `@Jan`, `jan` and `ja\u200Bn` are one handle.
 */
export function canonicalHandle(channel: Channel, raw: string): CanonicalHandle {
	const cleaned = stripInvisibles(raw.normalize('NFC')).trim();
	if (!cleaned) return refused(msg('enter_channel_handle', { channel: channelLabels[channel] }));
	let handle: string;
	if (channel === 'whatsapp') {
		const compact = cleaned.replace(/[\s\-().\/]/g, '');
		handle = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
		if (!/^\+[1-9]\d{7,14}$/.test(handle)) {
			return refused('enter_whatsapp_number_with_its_country_code');
		}
	} else if (channel === 'email') {
		handle = cleaned;
		if (!EmailAddress.safeParse(handle).success) return refused('enter_valid_email_address');
	} else {
		handle = cleaned.replace(/^@+/, '');
		if (!rules[channel].pattern.test(handle)) return refused(rules[channel].message);
	}
	return { ok: true, handle, norm: foldHandle(handle) };
}
