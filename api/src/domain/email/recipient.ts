/**
 * A recipient as stored in email_outbox.to_address: `"Display Name" <address>` (RFC 5322, name
 * quoted so commas, apostrophes and non-Latin names survive), or a bare address.
 */
import { z } from 'zod';
import { ValidationError } from '../errors.ts';
import { msg } from '../../messages/index.ts';

export interface Recipient {
	name: string | null;
	address: string;
}

const Address = z.email();
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

export function toRecipient(
	to: string | { name?: string | null; address: string },
	field = 'to'
): Recipient {
	const raw = typeof to === 'string' ? { name: null, address: to } : to;
	const address = raw.address.trim();
	if (!Address.safeParse(address).success)
		throw new ValidationError(msg('this_is_not_email_address'), [
			{ field, message: msg('use_email_address_such_as_name_example') }
		]);
	const name = raw.name
		? raw.name.normalize('NFC').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim()
		: '';
	return { name: name || null, address };
}

export function formatRecipient(recipient: Recipient): string {
	if (!recipient.name) return `<${recipient.address}>`;
	return `"${recipient.name.replace(/[\\"]/g, (c) => `\\${c}`)}" <${recipient.address}>`;
}

/** The inverse of formatRecipient. */
export function parseRecipient(stored: string): Recipient {
	const match = /^(?:"((?:[^"\\]|\\.)*)"\s*)?<([^<>]+)>$/.exec(stored.trim());
	if (!match) return { name: null, address: stored.trim() };
	return { name: match[1] ? match[1].replace(/\\(.)/g, '$1') : null, address: match[2]! };
}
