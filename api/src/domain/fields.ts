import { z } from 'zod';
import type { MessageKey } from '../messages/index.ts';
import { zodText, zodIssue } from '../messages/zod.ts';

/** Input field schemas shared by the catalogue and campaigns (and free for other areas). */

/** Largest amount we accept, in cents (€ 10 million): far below 2^53, far above any gift or budget. */
export const MAX_CENTS = 1_000_000_000;

/** Money is integer euro cents, never negative. */
export const Cents = z
	.number(zodText('enter_amount_in_whole_cents'))
	.int(zodText('enter_amount_in_whole_cents'))
	.min(0, zodText('amount_cannot_be_negative'))
	.max(MAX_CENTS, zodText('at_most_cents', { maximum: MAX_CENTS }));

const CONTROL = /[\p{Cc}\u2028\u2029]/u;

/** One line of text: NFC, trimmed, required (`required` says what to enter), no control characters; `max` counts code points. */
export const singleLine = (required: MessageKey, max: number) =>
	z
		.string(zodText(required))
		.max(max * 4, zodText('use_at_most_characters', { maximum: max }))
		.transform((s) => s.normalize('NFC').trim())
		.superRefine((s, ctx) => {
			if (!s) ctx.addIssue({ code: 'custom', ...zodIssue(required) });
			else if (CONTROL.test(s))
				ctx.addIssue({
					code: 'custom',
					...zodIssue('line_breaks_tabs_and_control_characters_are')
				});
			else if ([...s].length > max)
				ctx.addIssue({ code: 'custom', ...zodIssue('use_at_most_characters', { maximum: max }) });
		});

/** Free text, may be empty: NFC, trimmed, line breaks and tabs allowed, other controls not. */
export const longText = (max: number) =>
	z
		.string(zodText('enter_text'))
		.max(max * 4, zodText('use_at_most_characters', { maximum: max }))
		.transform((s) => s.normalize('NFC').trim())
		.superRefine((s, ctx) => {
			if (CONTROL.test(s.replace(/\r\n|[\n\t]/g, '')))
				ctx.addIssue({ code: 'custom', ...zodIssue('only_line_breaks_and_tabs_are_allowed') });
			else if ([...s].length > max)
				ctx.addIssue({ code: 'custom', ...zodIssue('use_at_most_characters', { maximum: max }) });
		});
