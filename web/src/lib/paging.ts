/**
 * "Meer laden" on a list with cursor pages: with JavaScript the next page is added below the rows
 * already shown (as long as the filters stay the same); without it the next page replaces them.
 * Call the returned function inside `$derived`; it remembers what it showed last.
 */
export function pageAccumulator<T>(idOf: (item: T) => string) {
	let shown: { key: string; items: T[] } = { key: '', items: [] };
	return (filters: unknown, cursor: string | null | undefined, items: T[]): T[] => {
		const key = JSON.stringify(filters);
		let merged = items;
		if (cursor && shown.key === key) {
			const seen = new Set(shown.items.map(idOf));
			merged = [...shown.items, ...items.filter((item) => !seen.has(idOf(item)))];
		}
		shown = { key, items: merged };
		return merged;
	};
}

/** The query string of a list page: its filters that are set, and the cursor of the page to show. */
export function listQuery(
	filters: Record<string, string | null | undefined>,
	cursor?: string | null
): string {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
	if (cursor) params.set('cursor', cursor);
	return params.toString();
}
