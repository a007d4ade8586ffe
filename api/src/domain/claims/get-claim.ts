import { asc, eq, inArray } from 'drizzle-orm';
import { giftVariants, gifts, surpriseItems } from '../../../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { firstName } from '../email/format.ts';
import {
	ClaimLinkUnavailableError,
	findLiveLink,
	hashClaimToken,
	limitClaimAttempts,
	type ClaimLocale
} from './claim-links.ts';

export interface ClaimItemView {
	id: string;
	name: string;
	kind: string;
	description: string;
	quantity: number;
	/** The variant already fixed by the hub, if any (not selectable then). */
	chosenVariant: { id: string; name: string } | null;
	/** What the customer picks from when the hub left it open (e.g. sock sizes); empty otherwise. */
	variants: { id: string; name: string; available: boolean }[];
}

export interface ClaimView {
	locale: ClaimLocale;
	firstName: string;
	expiresAt: string;
	items: ClaimItemView[];
}

/** Surprise items and the variants the customer may pick from. Shared with the submit. */
export async function claimItems(ctx: Ctx, surpriseId: string) {
	const items = await ctx.db
		.select({
			id: surpriseItems.id,
			giftId: surpriseItems.giftId,
			variantId: surpriseItems.variantId,
			quantity: surpriseItems.quantity,
			name: gifts.name,
			kind: gifts.kind,
			description: gifts.description
		})
		.from(surpriseItems)
		.innerJoin(gifts, eq(gifts.id, surpriseItems.giftId))
		.where(eq(surpriseItems.surpriseId, surpriseId))
		.orderBy(asc(gifts.name), asc(surpriseItems.id));
	const giftIds = [...new Set(items.map((i) => i.giftId))];
	const variants = giftIds.length
		? await ctx.db
				.select({
					id: giftVariants.id,
					giftId: giftVariants.giftId,
					name: giftVariants.name,
					stock: giftVariants.stock
				})
				.from(giftVariants)
				.where(inArray(giftVariants.giftId, giftIds))
				.orderBy(asc(giftVariants.name), asc(giftVariants.id))
		: [];
	return items.map((item) => ({
		...item,
		variants: variants.filter((v) => v.giftId === item.giftId)
	}));
}

/**
 * What the public claim page shows. Anonymous, rate-limited per IP, and read-only: link scanners
 * open links before people do, so a GET never uses the token up. The customer's first name and
 * the gifts, nothing else: no card message, no internal note, no stored address.
 */
export async function getClaim({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { token: string };
}): Promise<ClaimView> {
	await limitClaimAttempts(ctx);
	const link = await findLiveLink(ctx, hashClaimToken(input.token));
	if (!link) throw new ClaimLinkUnavailableError();
	const items = await claimItems(ctx, link.surpriseId);
	return {
		locale: link.locale,
		firstName: firstName(link.customerName),
		expiresAt: link.expiresAt.toISOString(),
		items: items.map((item) => {
			const fixed = item.variantId ? item.variants.find((v) => v.id === item.variantId) : undefined;
			return {
				id: item.id,
				name: item.name,
				kind: item.kind,
				description: item.description,
				quantity: item.quantity,
				chosenVariant: fixed ? { id: fixed.id, name: fixed.name } : null,
				variants: item.variantId
					? []
					: item.variants.map((v) => ({
							id: v.id,
							name: v.name,
							available: v.stock >= item.quantity
						}))
			};
		})
	};
}
