import { z } from 'zod';
import { channels } from '../../../../db/schema/customers.ts';
import { foldHandle, stripInvisibles } from '../text.ts';

export type Channel = (typeof channels)[number];
export { channels };

/** How people call each channel, for messages. */
export const channelLabels: Record<Channel, string> = {
  x: 'X',
  facebook: 'Facebook',
  instagram: 'Instagram',
  linkedin: 'LinkedIn',
  whatsapp: 'WhatsApp',
  email: 'email',
};

export type CanonicalHandle = { ok: true; handle: string; norm: string } | { ok: false; message: string };

const rules: Record<Exclude<Channel, 'whatsapp' | 'email'>, { pattern: RegExp; message: string }> = {
  x: { pattern: /^[A-Za-z0-9_]{1,15}$/, message: 'An X handle is 1–15 letters, digits or underscores, e.g. @jan_jansen.' },
  instagram: { pattern: /^[A-Za-z0-9._]{1,30}$/, message: 'An Instagram handle is up to 30 letters, digits, dots or underscores, e.g. jan.jansen.' },
  facebook: {
    pattern: /^[A-Za-z0-9.\-_]{1,80}$/,
    message: 'Use the Facebook username from the profile link (facebook.com/jan.jansen) or the number from profile.php?id=….',
  },
  linkedin: { pattern: /^[\p{L}\p{N}\-_]{2,100}$/u, message: 'Use the part after linkedin.com/in/, e.g. jan-jansen.' },
};

const EmailAddress = z.email().max(254);

/**
 * A handle as stored and shown: NFC, invisible characters removed, trimmed, no leading @ (the UI
 * adds it), case kept. WhatsApp numbers become +<country><number>. `norm` is the uniqueness key
 * (`foldHandle`), so `@Jan`, `jan` and `ja\u200Bn` are one handle.
 */
export function canonicalHandle(channel: Channel, raw: string): CanonicalHandle {
  const cleaned = stripInvisibles(raw.normalize('NFC')).trim();
  if (!cleaned) return { ok: false, message: `Enter the ${channelLabels[channel]} handle.` };
  let handle: string;
  if (channel === 'whatsapp') {
    const compact = cleaned.replace(/[\s\-().\/]/g, '');
    handle = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
    if (!/^\+[1-9]\d{7,14}$/.test(handle)) {
      return { ok: false, message: 'Enter the WhatsApp number with its country code, e.g. +31 6 12345678.' };
    }
  } else if (channel === 'email') {
    handle = cleaned;
    if (!EmailAddress.safeParse(handle).success) return { ok: false, message: 'Enter a valid email address.' };
  } else {
    handle = cleaned.replace(/^@+/, '');
    if (!rules[channel].pattern.test(handle)) return { ok: false, message: rules[channel].message };
  }
  return { ok: true, handle, norm: foldHandle(handle) };
}
