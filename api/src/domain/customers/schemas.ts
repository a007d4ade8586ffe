import { z } from 'zod';
import { tiers } from '../../../../db/schema/customers.ts';
import { Email } from '../accounts/schemas.ts';
import { DomainError } from '../errors.ts';
import { zodText, zodIssue, zodIssueOf } from '../../messages/zod.ts';
import { stripInvisibles } from '../text.ts';
import { canonicalHandle, channelLabels, channels, type Channel } from './handles.ts';
import { MAX_NAME_CHARS } from './name-limit.ts';
import { recogniseUrl } from './recognise-url.ts';

export { MAX_NAME_CHARS };
export const MAX_CSV_CHARS = 2 * 1024 * 1024;
export const locales = ['nl', 'en'] as const;

/** C0/C1 controls (line breaks, tabs, NUL, …) and the Unicode line/paragraph separators. */
const CONTROL = /[\p{Cc}\u2028\u2029]/u;
/** A UTF-16 half without its partner: cannot be stored as UTF-8. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * A customer's name as they write it: NFC, trimmed, diacritics/emoji/RTL kept (zero-width joiners
 * inside emoji too), at most 200 characters (code points, so an emoji counts once).
 */
export const CustomerName = z
	.string(zodText('enter_name'))
	.meta({
		description: `1–${MAX_NAME_CHARS} characters (code points), no control characters`,
		maxLength: MAX_NAME_CHARS
	})
	.transform((s) => s.normalize('NFC').trim())
	.superRefine((s, ctx) => {
		if (LONE_SURROGATE.test(s))
			ctx.addIssue({ code: 'custom', ...zodIssue('name_contains_broken_character_retype_it') });
		else if (CONTROL.test(s))
			ctx.addIssue({ code: 'custom', ...zodIssue('name_cannot_contain_line_breaks_tabs_or') });
		else if (!stripInvisibles(s).trim())
			ctx.addIssue({ code: 'custom', ...zodIssue('enter_name') });
		else if ([...s].length > MAX_NAME_CHARS)
			ctx.addIssue({
				code: 'custom',
				...zodIssue('use_at_most_characters', { maximum: MAX_NAME_CHARS })
			});
	});

/** Internal notes: never printed or sent to the customer. Line breaks and tabs allowed. */
export const Notes = z
	.string()
	.max(5000, zodText('use_at_most_characters'))
	.transform((s) => s.normalize('NFC').trim())
	.superRefine((s, ctx) => {
		if (LONE_SURROGATE.test(s))
			ctx.addIssue({ code: 'custom', ...zodIssue('notes_contain_broken_character_retype_it') });
		else if (CONTROL.test(s.replace(/\r\n|[\n\t]/g, ''))) {
			ctx.addIssue({
				code: 'custom',
				...zodIssue('notes_cannot_contain_control_characters_other_than')
			});
		}
	});

const looksLikeLink = (s: string) =>
	/^(https?:\/\/|www\.)/i.test(s.trim()) || /^[\w.-]+\.(com|me)\//i.test(s.trim());

/**
 * One handle on one channel. The handle is stored canonical (see canonicalHandle); a pasted
 * profile link of the same channel is accepted too.
 */
export const HandleInput = z
	.object({
		channel: z.enum(channels, zodText('choose_one_of', { values: channels.join(', ') })),
		handle: z.string(zodText('enter_handle')).max(400, zodText('this_handle_is_too_long')),
		followers: z
			.number(zodText('followers_must_be_whole_number_0_or'))
			.int(zodText('followers_must_be_whole_number_0_or'))
			.min(0, zodText('followers_must_be_whole_number_0_or'))
			.max(2_147_483_647, zodText('that_is_more_followers_than_anyone_has'))
			.default(0)
	})
	.transform((value, ctx) => {
		let raw = value.handle;
		if (value.channel !== 'email' && looksLikeLink(raw)) {
			try {
				const recognised = recogniseUrl(raw);
				if (recognised.channel !== value.channel) {
					ctx.addIssue({
						code: 'custom',
						path: ['handle'],
						...zodIssue('link_to_other_site', {
							site: channelLabels[recognised.channel],
							channel: channelLabels[value.channel]
						})
					});
					return z.NEVER;
				}
				raw = recognised.handle;
			} catch (error) {
				if (!(error instanceof DomainError)) throw error;
				ctx.addIssue({ code: 'custom', path: ['handle'], ...zodIssueOf(error.text) });
				return z.NEVER;
			}
		}
		const result = canonicalHandle(value.channel, raw);
		if (!result.ok) {
			ctx.addIssue({ code: 'custom', path: ['handle'], ...zodIssueOf(result.text) });
			return z.NEVER;
		}
		return { channel: value.channel, handle: result.handle, followers: value.followers };
	});
export type HandleInput = z.output<typeof HandleInput>;

/** At most one handle per channel. */
export const Handles = z
	.array(HandleInput)
	.max(channels.length, zodText('at_most_one_handle_per_channel'))
	.superRefine((list, ctx) => {
		const seen = new Set<Channel>();
		list.forEach((h, i) => {
			if (seen.has(h.channel)) {
				ctx.addIssue({
					code: 'custom',
					path: [i, 'channel'],
					...zodIssue('only_one_handle_per_customer', { channel: channelLabels[h.channel] })
				});
			}
			seen.add(h.channel);
		});
	});

const Locale = z.enum(locales, zodText('use_nl_or_en'));

export const CreateCustomerInput = z.object({
	name: CustomerName,
	email: Email.nullable().optional(),
	locale: Locale.default('nl'),
	isStaff: z.boolean().default(false),
	optedOut: z.boolean().default(false),
	notes: Notes.default(''),
	handles: Handles.default([])
});
export type CreateCustomerInput = z.output<typeof CreateCustomerInput>;

/** Every field optional; `handles`, when given, replaces the customer's whole set. */
export const UpdateCustomerInput = z
	.object({
		name: CustomerName.optional(),
		email: Email.nullable().optional(),
		locale: Locale.optional(),
		isStaff: z.boolean().optional(),
		optedOut: z.boolean().optional(),
		notes: Notes.optional(),
		handles: Handles.optional()
	})
	.refine((v) => Object.values(v).some((x) => x !== undefined), zodText('nothing_to_change'));
export type UpdateCustomerInput = z.output<typeof UpdateCustomerInput>;

/** An empty query parameter (a form's "all" option) means no filter. */
const optionalFilter = <const T extends readonly [string, ...string[]]>(values: T) =>
	z
		.union(
			[z.literal(''), z.enum(values, zodText('choose_one_of', { values: values.join(', ') }))],
			zodText('choose_one_of', { values: values.join(', ') })
		)
		.optional()
		.transform((v) => (v === '' ? undefined : v) as T[number] | undefined);

export const ListCustomersInput = z.object({
	q: z.string().max(200, zodText('search_with_at_most_200_characters')).optional(),
	channel: optionalFilter(channels),
	tier: optionalFilter(tiers),
	cursor: z.string().max(500).optional(),
	limit: z.coerce.number().int().min(1).max(200).default(50)
});
export type ListCustomersInput = z.output<typeof ListCustomersInput>;

export const CustomerFromUrlInput = z.object({
	url: z
		.string(zodText('paste_link_to_post_or_profile'))
		.max(2048, zodText('this_link_is_too_long')),
	name: CustomerName.optional()
});
export type CustomerFromUrlInput = z.output<typeof CustomerFromUrlInput>;

export const ImportCustomersInput = z.object({
	csv: z
		.string(zodText('send_csv_text_in_field_csv'))
		.max(MAX_CSV_CHARS, zodText('file_is_larger_than_2_mb_split'))
		.refine((s) => s.trim().length > 0, zodText('file_is_empty'))
});
export type ImportCustomersInput = z.output<typeof ImportCustomersInput>;

export const CustomerId = z.uuid();
