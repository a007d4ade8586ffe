import { ValidationError } from './errors.ts';
import { msg } from '../messages/index.ts';

/** Every id is a UUID; checking here keeps a forged cursor from reaching `::uuid` casts in SQL. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Opaque keyset cursor: the sort value and the id of the last row of a page. Lives in the domain
 * because list verbs build their keyset conditions from it; http/pagination.ts re-exports it.
 */
export function encodeCursor(sortValue: string | number, id: string): string {
	return Buffer.from(JSON.stringify([sortValue, id])).toString('base64url');
}

export function decodeCursor(cursor: string): { sortValue: string | number; id: string } {
	try {
		const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
		if (
			Array.isArray(parsed) &&
			parsed.length === 2 &&
			typeof parsed[1] === 'string' &&
			UUID.test(parsed[1]) &&
			['string', 'number'].includes(typeof parsed[0])
		) {
			return { sortValue: parsed[0] as string | number, id: parsed[1] };
		}
	} catch {
		/* fall through */
	}
	throw new ValidationError(msg('cursor_is_not_valid'), [
		{ field: 'cursor', message: msg('use_nextcursor_of_previous_page') }
	]);
}
