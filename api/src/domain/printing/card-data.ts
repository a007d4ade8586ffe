import { firstName } from '../email/format.ts';
import { ConflictError } from '../errors.ts';
import { msg } from '../../messages/index.ts';
import type { BatchSurprise } from './collect-batch.ts';
import type { CardData } from './engine.ts';

/**
 * One card per surprise: the card message, signed with the first name of the hub'er who signs it
 * (as the claim emails sign), to the recipient's first name. Built from the batch rows only, which
 * never carry the internal note. A surprise without a message stops the batch (409, named): a
 * blank card is never what the hub meant.
 */
export function buildCards(
	batch: BatchSurprise[],
	/** Per surprise: its voucher code line for the card (codes whose channel is the card). */
	codes: ReadonlyMap<string, string> = new Map()
): CardData[] {
	const blank = batch.filter((s) => !s.cardMessage.trim());
	if (blank.length) {
		throw new ConflictError(
			msg('print_no_card_message', { references: blank.map((s) => s.reference).join(', ') }),
			blank.map((s) => ({
				field: 'cardMessage',
				message: msg('has_no_card_message', { reference: s.reference })
			})),
			{ surprises: blank.map((s) => ({ id: s.id, reference: s.reference })) }
		);
	}
	return batch.map((s) => ({
		reference: s.reference,
		message: s.cardMessage,
		signature: s.signerName
			? firstName(s.signerName)
			: s.customerLocale === 'en'
				? 'The team'
				: 'Het team',
		recipientName: firstName(s.customerName) || undefined,
		voucherCode: codes.get(s.id)
	}));
}
