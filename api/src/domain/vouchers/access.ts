import type { Role } from '../accounts/roles.ts';

/** Who may read a surprise's voucher codes in full (each read audited); everyone else sees them masked. */
export const CODE_READERS = ['marketing'] as const satisfies readonly Role[];

/** The statuses in which the hub may (re)send a digital surprise's email. */
export const giftEmailStatuses = ['approved', 'sent'] as const;
