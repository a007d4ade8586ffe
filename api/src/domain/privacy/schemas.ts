import { z } from 'zod';

export const CustomerIdInput = z.object({ id: z.uuid({ message: 'Must be a UUID.' }) });

export const EraseCustomerInput = z.object({
  id: z.uuid({ message: 'Must be a UUID.' }),
  /** Why, for the audit log: "Verzoek van de klant per DM, 12 maart". */
  reason: z
    .string()
    .max(500, 'Use at most 500 characters.')
    .transform((s) => s.normalize('NFC').trim())
    .optional(),
});
export type EraseCustomerInput = z.infer<typeof EraseCustomerInput>;

/** Why a full address is read: shown in the audit log ("print", "export", "label reprint"). */
export const ReadReason = z
  .string({ error: 'Say why the address is read.' })
  .transform((s) => s.normalize('NFC').trim())
  .pipe(z.string().min(1, 'Say why the address is read.').max(200, 'Use at most 200 characters.'));

export const ReadFullAddressInput = z.object({ addressId: z.uuid({ message: 'Must be a UUID.' }), reason: ReadReason });
export const ReadFullAddressesInput = z.object({
  addressIds: z.array(z.uuid({ message: 'Must be a UUID.' })).max(20_000, 'At most 20,000 addresses at once.'),
  reason: ReadReason,
});
