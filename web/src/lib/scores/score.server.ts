import type { ApiClient } from '#lib/server/api.ts';

/**
 * The customer page's score section: the score with every term of every reaction, trend and tier
 * history. Null when it cannot be read (the profile still shows; the section says so).
 */
export async function loadCustomerScore(api: ApiClient, customerId: string) {
	const res = await api.api.v1.customers[':id'].score.$get({ param: { id: customerId } });
	return res.ok ? await res.json() : null;
}
export type CustomerScore = NonNullable<Awaited<ReturnType<typeof loadCustomerScore>>>;

/** The surprise page's reactions: the ones linked to the surprise, newest first. */
export async function loadSurpriseReactions(api: ApiClient, surpriseId: string) {
	const res = await api.api.v1.reactions.$get({ query: { surpriseId, limit: '50' } });
	if (!res.ok) return null;
	const page = await res.json();
	return { items: page.items, more: page.nextCursor !== null };
}
export type SurpriseReactionsData = NonNullable<Awaited<ReturnType<typeof loadSurpriseReactions>>>;
