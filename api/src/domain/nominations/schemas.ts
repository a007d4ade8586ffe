import { z } from 'zod';
import { channels } from '../../../../db/schema/customers.ts';
import { nominationStatuses, reasonCategories } from '../../../../db/schema/surprises.ts';
import { CustomerName } from '../customers/schemas.ts';
import { AcceptNominationInput } from '../surprises/schemas.ts';
import { optionalFilter, optionalId, Page, Reason } from '../surprises/schemas.ts';
import { zodText, zodIssue } from '../../messages/zod.ts';

export { AcceptNominationInput, nominationStatuses, reasonCategories };

const LONE_SURROGATE = /\p{Cs}/u;
const CONTROL_EXCEPT_BREAKS = /[\p{Cc}\u2028\u2029]/u;

/** A link to the post or conversation: http(s), scheme added when pasted without one. */
export const PostUrl = z
	.string(zodText('paste_link_as_text'))
	.max(2048, zodText('this_link_is_too_long'))
	.transform((s, ctx) => {
		const text = s.normalize('NFC').trim();
		if (!text) return undefined;
		const withScheme = /^[a-z][a-z\d+.-]*:/i.test(text) ? text : `https://${text}`;
		try {
			const url = new URL(withScheme);
			if (url.protocol === 'https:' || url.protocol === 'http:' || url.protocol === 'mailto:')
				return url.toString();
		} catch {
			/* below */
		}
		ctx.addIssue({ code: 'custom', ...zodIssue('paste_web_link_https_to_post_or') });
		return z.NEVER;
	});

export const NominationText = z
	.string(zodText('write_why_as_text'))
	.max(5000, zodText('use_at_most_characters'))
	.transform((s) => s.normalize('NFC').replace(/\r\n/g, '\n').trim())
	.superRefine((s, ctx) => {
		if (LONE_SURROGATE.test(s))
			ctx.addIssue({ code: 'custom', ...zodIssue('text_contains_broken_character_retype_it') });
		else if (CONTROL_EXCEPT_BREAKS.test(s.replace(/[\n\t]/g, '')))
			ctx.addIssue({
				code: 'custom',
				...zodIssue('text_cannot_contain_control_characters_other_than')
			});
	});

/**
 * Nominate a customer: by id, or by pasting the link to their post (x.com, facebook.com,
 * instagram.com, linkedin.com, wa.me), which finds or creates the customer by handle.
 */
export const CreateNominationInput = z
	.object({
		customerId: z.uuid(zodText('choose_customer')).optional(),
		postUrl: PostUrl.optional(),
		/** Whose post, when the link does not say (an Instagram /p/ or /reel/ link): their handle on its channel. */
		handle: z.string().max(200).optional(),
		/** Name for a customer created from the link; the handle otherwise. */
		customerName: CustomerName.optional(),
		reason: z.enum(
			reasonCategories,
			zodText('choose_one_of', { values: reasonCategories.join(', ') })
		),
		text: NominationText.default(''),
		campaignId: z.uuid(zodText('choose_campaign')).nullable().optional()
	})
	.refine((v) => !!(v.customerId || v.postUrl), {
		path: ['customerId'],
		...zodText('choose_customer_or_paste_link_to_their'),
		// Also when other fields failed, so one answer lists every missing field.
		when: (payload) => typeof payload.value === 'object' && payload.value !== null
	});
export type CreateNominationInput = z.output<typeof CreateNominationInput>;

export const DeclineNominationInput = z.object({ reason: Reason('reason for declining') });

export const ListNominationsInput = z.object({
	status: optionalFilter(nominationStatuses),
	campaignId: optionalId,
	nominatedBy: optionalId,
	channel: optionalFilter(channels),
	...Page
});
export type ListNominationsInput = z.output<typeof ListNominationsInput>;

export const ExpireNominationsInput = z.object({
	olderThanDays: z.number().int().min(1).max(3650).optional()
});
