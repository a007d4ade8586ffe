import type { Ctx } from '../context.ts';
import { ConflictError } from '../errors.ts';
import { msg } from '../../messages/index.ts';
import { readFullAddresses } from '../privacy/read-full-address.ts';
import { readSetting } from '../settings/settings.ts';
import type { BatchSurprise } from './collect-batch.ts';
import { printEngine, type LabelData } from './engine.ts';

/**
 * The postage line under the address, per surprise (surprises.postage): a stamp goes on by hand, a
 * PostNL postzegelcode is written by hand in the framed postage box, franking is prepaid.
 */
export function postageLine(postage: string): string | undefined {
	switch (postage) {
		case 'stamp':
			return 'Postzegel';
		case 'postzegelcode':
			return 'Postzegelcode:';
		case 'franking':
			return 'Port betaald';
		default:
			return undefined;
	}
}

/** Where the phone opens the surprise to tick the pre-ship checklist (scan the label's QR). */
export function shipUrl(origin: string, surpriseId: string): string {
	return `${origin}/surprises/${surpriseId}/ship`;
}

/**
 * One label per surprise: the recipient's address formatted for its country, read through
 * readFullAddresses (an `address.read` audit row each, with the reason), the return address from
 * the setting, the QR to the ship page and the postage line. A surprise whose address is missing
 * or already anonymised stops the batch (409, named).
 */
export async function buildLabels(
	ctx: Ctx,
	batch: BatchSurprise[],
	options: { origin: string; reason: string }
): Promise<LabelData[]> {
	const withoutAddress = batch.filter((s) => s.addressId === null);
	const { addresses, unavailable } = await readFullAddresses({
		ctx,
		input: {
			addressIds: batch.flatMap((s) => (s.addressId ? [s.addressId] : [])),
			reason: options.reason
		}
	});
	const gone = new Set(unavailable.map((u) => u.id));
	const missing = [
		...withoutAddress,
		...batch.filter((s) => s.addressId !== null && gone.has(s.addressId))
	];
	if (missing.length) {
		throw new ConflictError(
			msg('print_no_address', { references: missing.map((s) => s.reference).join(', ') }),
			missing.map((s) => ({
				field: 'addressId',
				message: msg('has_no_address', { reference: s.reference })
			})),
			{ surprises: missing.map((s) => ({ id: s.id, reference: s.reference })) }
		);
	}
	const byId = new Map(addresses.map((a) => [a.id, a]));
	const returnAddress = await readSetting(ctx, 'return_address');
	const { formatAddress } = await printEngine();
	return batch.map((s) => {
		const a = byId.get(s.addressId!)!;
		return {
			reference: s.reference,
			lines: formatAddress({
				recipientName: a.recipientName || s.customerName,
				street: a.street ?? '',
				houseNumber: a.houseNumber ?? '',
				addition: a.addition ?? undefined,
				postcode: a.postcode ?? '',
				city: a.city ?? '',
				country: a.country
			}),
			qrUrl: shipUrl(options.origin, s.id),
			postage: postageLine(s.postage),
			returnAddress
		};
	});
}
