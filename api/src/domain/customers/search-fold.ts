/**
 * Accent-insensitive search and ordering. A search folds the same way as the stored search keys
 * (`searchKey` in db/schema/_columns.ts: customers.name_search, handles.handle_search): lower case,
 * canonical decomposition (NFD), combining marks removed, the few Latin letters that do not
 * decompose (ł, ø, đ, ħ, ı, ŧ) mapped to their base letter and ĳ spelled ij. So `zoe` finds Zoë,
 * `lukasz` finds Łukasz, `nguyen` finds Nguyễn, `ijsbrand` finds Ĳsbrand; other scripts compare
 * case-insensitively as typed. A test holds this function to the SQL on both engines.
 */
const STROKES = new Map([...'łøđħıŧ'].map((ch, i) => [ch, 'lodhit'[i]!]));

/** What a search compares: see the module comment. */
export function foldForSearch(value: string): string {
	const stripped = value
		.toLowerCase()
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '');
	let out = '';
	for (const ch of stripped) out += STROKES.get(ch) ?? ch;
	return out.replaceAll('ĳ', 'ij');
}

/** A LIKE pattern matching `value` anywhere, with its wildcards escaped. */
export function containsPattern(value: string): string {
	return `%${value.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}
