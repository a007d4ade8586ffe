import type { ApiClient } from '#lib/server/api.ts';

/** Active gifts a campaign may offer (the form's checkboxes); an empty list when they cannot be read. */
export async function activeGiftOptions(api: ApiClient) {
	const res = await api.api.v1.gifts.$get({ query: { active: 'true', limit: '200' } });
	if (!res.ok) return [];
	return (await res.json()).items.map((g) => ({
		id: g.id,
		name: g.name,
		kind: g.kind,
		unitCostCents: g.unitCostCents
	}));
}
