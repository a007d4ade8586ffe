/** Zero-width and bidi control characters: invisible, so never part of an identity. */
const INVISIBLES = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD]/g;

/** Text as people typed it, in one canonical Unicode form; trims the ends. */
export function normalizeText(value: string): string {
	return value.normalize('NFC').trim();
}

/** The uniqueness key of a handle: NFC, invisibles removed, no leading @, case-folded. */
export function foldHandle(handle: string): string {
	return handle
		.normalize('NFC')
		.replace(INVISIBLES, '')
		.trim()
		.replace(/^@+/, '')
		.toLocaleLowerCase('und');
}

export function stripInvisibles(value: string): string {
	return value.replace(INVISIBLES, '');
}
