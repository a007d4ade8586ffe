import { codeChannels } from '../../../../db/schema/enums.ts';
import { ValidationError } from '../errors.ts';
import { msg } from '../../messages/index.ts';
import type { GiftRow } from './gift-view.ts';

export { codeChannels };
export type CodeChannel = (typeof codeChannels)[number];

/**
 * Which channels a gift's code may travel by: a voucher with a code pool on the card or on the claim
 * page (it goes by post, with its card); a digital gift in the e-voucher email, or without codes (an
 * e-card). Other kinds, and vouchers with a face value, have no pool.
 */
function allowedChannels(
	gift: Pick<GiftRow, 'kind' | 'faceValueCents'>
): readonly (CodeChannel | null)[] {
	if (gift.kind === 'voucher')
		return gift.faceValueCents === null ? ['card', 'claim_page'] : [null];
	if (gift.kind === 'digital') return [null, 'email'];
	return [null];
}

/** Where this gift's code reaches the customer; null when it has no code pool. */
export function codeChannelOf(
	gift: Pick<GiftRow, 'kind' | 'faceValueCents' | 'codeChannel'>
): CodeChannel | null {
	const allowed = allowedChannels(gift);
	if (allowed.includes(gift.codeChannel)) return gift.codeChannel;
	// A voucher with codes from before channels existed: on the card.
	return allowed[0] ?? null;
}

/** The channel to store for a new or changed gift, or a 400 naming `codeChannel`. */
export function resolveCodeChannel(
	gift: Pick<GiftRow, 'kind' | 'faceValueCents'>,
	asked: CodeChannel | null | undefined,
	current: CodeChannel | null = null
): CodeChannel | null {
	const allowed = allowedChannels(gift);
	const wanted = asked === undefined ? current : asked;
	if (allowed.includes(wanted)) return wanted;
	if (asked === undefined) return allowed[0] ?? null;
	throw new ValidationError(msg('code_channel_not_for_gift'), [
		{
			field: 'codeChannel',
			message: msg('code_channel_choose', {
				allowed: allowed.map((c) => c ?? 'null').join(', ')
			})
		}
	]);
}
