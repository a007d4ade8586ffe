import type { Ctx } from '../context.ts';
import { readSetting } from '../settings/settings.ts';
import { postageMethods } from '../vocabulary.ts';

export { postageMethods };

export type PostageMethod = (typeof postageMethods)[number];

/** Gift kinds that go in the post; digital gifts are emailed and experiences are delivered by a partner. */
const MAILED_KINDS: ReadonlySet<string> = new Set(['item', 'voucher', 'card']);

export function isMailed(giftKinds: readonly string[]): boolean {
	return giftKinds.some((k) => MAILED_KINDS.has(k));
}

/** Postage for one surprise (setting `postage_cents`): `none` and 0 when nothing is mailed. */
export async function postageFor(
	ctx: Ctx,
	giftKinds: readonly string[],
	method: PostageMethod
): Promise<{ postage: PostageMethod | 'none'; cents: number }> {
	if (!isMailed(giftKinds)) return { postage: 'none', cents: 0 };
	const setting = await readSetting(ctx, 'postage_cents');
	return { postage: method, cents: typeof setting === 'number' ? setting : setting[method] };
}
