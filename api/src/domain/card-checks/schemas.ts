import { z } from 'zod';
import { cardTemplateIds } from './card-limits.ts';
import { zodText } from '../../messages/zod.ts';

export const MAX_MESSAGE_CHARS = 10_000;

/** The message is taken as typed (not normalised), so the offsets fit the editor's own string. */
export const CheckCardMessageInput = z.object({
	message: z
		.string(zodText('send_message_as_text'))
		.max(MAX_MESSAGE_CHARS, zodText('at_most_characters', { maximum: MAX_MESSAGE_CHARS })),
	cardTemplate: z
		.enum(cardTemplateIds, zodText('use_one_of', { values: cardTemplateIds.join(', ') }))
		.optional(),
	customerId: z.uuid(zodText('must_be_uuid')).optional(),
	/** The surprise being edited: its own saved message is not a "copy", and its customer's names are allowed. */
	surpriseId: z.uuid(zodText('must_be_uuid')).optional()
});
export type CheckCardMessageInput = z.infer<typeof CheckCardMessageInput>;

export const warningKinds = ['spelling', 'stock_phrase', 'near_copy', 'length'] as const;
export type WarningKind = (typeof warningKinds)[number];

/** A warning, never a block: the hub'er decides. Offsets are UTF-16 indices into the message. */
export interface CardWarning {
	kind: WarningKind;
	message: string;
	start?: number;
	end?: number;
	/** spelling: the word as typed, and likely intended words. */
	word?: string;
	suggestions?: string[];
	/** stock_phrase: the listed phrase that matched. */
	phrase?: string;
	/** near_copy: the earlier surprise and how alike the two messages are (0–1). */
	surpriseReference?: string;
	similarity?: number;
	/** length: what was measured, the card's limit and the message's count. */
	measure?: 'chars' | 'lines';
	limit?: number;
	actual?: number;
}
