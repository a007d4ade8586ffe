import { sql, type SQL } from 'drizzle-orm';
import { emailOutbox } from '../../../../db/schema/index.ts';

/**
 * The outbox rows addressed to one email address, however the recipient was stored: bare,
 * `<address>` or `"Name" <address>` (recipient.ts), case-insensitively. What export and erasure
 * both ask, so neither misses a message with a display name.
 */
export function emailsTo(address: string): SQL {
	const stored = sql`coalesce(substring(${emailOutbox.toAddress} from '<([^<>]*)>\\s*$'), ${emailOutbox.toAddress})`;
	return sql`lower(trim(${stored})) = lower(trim(${address}))`;
}
