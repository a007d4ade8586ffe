import { z } from 'zod';
import { zodText } from '../../messages/zod.ts';

export const CustomerIdInput = z.object({ id: z.uuid(zodText('must_be_uuid')) });

export const EraseCustomerInput = z.object({
	id: z.uuid(zodText('must_be_uuid')),
	/** Why, for the audit log: "Verzoek van de klant per DM, 12 maart". */
	reason: z
		.string()
		.max(500, zodText('use_at_most_characters'))
		.transform((s) => s.normalize('NFC').trim())
		.optional()
});
export type EraseCustomerInput = z.infer<typeof EraseCustomerInput>;

/** Why a full address is read: shown in the audit log ("print", "export", "label reprint"). */
export const ReadReason = z
	.string(zodText('say_why_address_is_read'))
	.transform((s) => s.normalize('NFC').trim())
	.pipe(
		z
			.string()
			.min(1, zodText('say_why_address_is_read'))
			.max(200, zodText('use_at_most_characters'))
	);

export const ReadFullAddressInput = z.object({
	addressId: z.uuid(zodText('must_be_uuid')),
	reason: ReadReason
});
export const ReadFullAddressesInput = z.object({
	addressIds: z
		.array(z.uuid(zodText('must_be_uuid')))
		.max(20_000, zodText('at_most_20_000_addresses_at_once')),
	reason: ReadReason
});
