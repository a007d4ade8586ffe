import { z } from 'zod';

/** Input field schemas shared by the catalogue and campaigns (and free for other areas). */

/** Largest amount we accept, in cents (€ 10 million): far below 2^53, far above any gift or budget. */
export const MAX_CENTS = 1_000_000_000;

/** Money is integer euro cents, never negative. */
export const Cents = z
  .number({ error: 'Enter an amount in whole cents.' })
  .int('Enter an amount in whole cents.')
  .min(0, 'The amount cannot be negative.')
  .max(MAX_CENTS, `At most ${MAX_CENTS} cents.`);

const CONTROL = /[\p{Cc}\u2028\u2029]/u;

/** One line of text: NFC, trimmed, required, no control characters; `max` counts code points. */
export const singleLine = (label: string, max: number) =>
  z
    .string({ error: `Enter ${label}.` })
    .max(max * 4, `Use at most ${max} characters.`)
    .transform((s) => s.normalize('NFC').trim())
    .superRefine((s, ctx) => {
      if (!s) ctx.addIssue({ code: 'custom', message: `Enter ${label}.` });
      else if (CONTROL.test(s)) ctx.addIssue({ code: 'custom', message: 'Line breaks, tabs and control characters are not allowed here.' });
      else if ([...s].length > max) ctx.addIssue({ code: 'custom', message: `Use at most ${max} characters.` });
    });

/** Free text, may be empty: NFC, trimmed, line breaks and tabs allowed, other controls not. */
export const longText = (max: number) =>
  z
    .string({ error: 'Enter text.' })
    .max(max * 4, `Use at most ${max} characters.`)
    .transform((s) => s.normalize('NFC').trim())
    .superRefine((s, ctx) => {
      if (CONTROL.test(s.replace(/\r\n|[\n\t]/g, ''))) ctx.addIssue({ code: 'custom', message: 'Only line breaks and tabs are allowed as special characters.' });
      else if ([...s].length > max) ctx.addIssue({ code: 'custom', message: `Use at most ${max} characters.` });
    });
