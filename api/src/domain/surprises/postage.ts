import { giftDelivery } from '../../../../db/schema/enums.ts';
import type { Ctx } from '../context.ts';
import type { GiftKind } from '../gifts/schemas.ts';
import { readSetting } from '../settings/settings.ts';
import { postageMethods } from '../vocabulary.ts';

export { postageMethods };

export type PostageMethod = (typeof postageMethods)[number];

/** Whether any of the gifts goes in the post (db/schema/enums.ts `giftDelivery`). */
export function isMailed(giftKinds: readonly GiftKind[]): boolean {
	return giftKinds.some((k) => giftDelivery[k] === 'post');
}

/** Postage for one surprise (setting `postage_cents`): `none` and 0 when nothing is mailed. */
export async function postageFor(
	ctx: Ctx,
	giftKinds: readonly GiftKind[],
	method: PostageMethod
): Promise<{ postage: PostageMethod | 'none'; cents: number }> {
	if (!isMailed(giftKinds)) return { postage: 'none', cents: 0 };
	const setting = await readSetting(ctx, 'postage_cents');
	return { postage: method, cents: typeof setting === 'number' ? setting : setting[method] };
}
