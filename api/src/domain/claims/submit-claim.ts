import { and, eq, gt, isNull } from 'drizzle-orm';
import { addresses, claimLinks, customers } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { queueLowStockAlert } from '../email/queue-low-stock-alert.ts';
import { ConflictError, ValidationError, type FieldText, type MessageText } from '../errors.ts';
import { msg, type Message, type MessageKey } from '../../messages/index.ts';
import { attachAddressLocked } from '../surprises/attach-address.ts';
import { chooseVariantLocked } from '../surprises/choose-variant.ts';
import { lockSurprise, type LockedSurprise } from '../surprises/lifecycle.ts';
import { assertTransition } from '../surprises/state-machine.ts';
import { auditCodeReveal, surpriseCodes } from '../vouchers/surprise-codes.ts';
import { validateAddress } from './address.ts';
import {
	ClaimLinkUnavailableError,
	findLiveLink,
	hashClaimToken,
	limitClaimAttempts,
	type ClaimLocale
} from './claim-links.ts';
import { claimItems } from './get-claim.ts';
import { SubmitClaimInput } from './schemas.ts';

/** The claim page's messages, told in the link's language whatever the reader's. */
function claimTexts(locale: ClaimLocale) {
	const told = (key: MessageKey): Message => ({ key, locale });
	return {
		invalid: told('claim_fields_invalid'),
		consent: told('claim_consent'),
		choose: told('claim_choose'),
		notChoosable: told('claim_not_choosable'),
		unknownVariant: told('claim_unknown_variant'),
		soldOut: told('claim_sold_out'),
		changed: told('claim_changed')
	};
}

export interface ClaimReceipt {
	ok: true;
	locale: ClaimLocale;
	/** Codes whose channel is the claim page, in full: this answer is the one time they are shown. */
	codes: { giftName: string; code: string; pin: string | null }[];
}

/**
 * The customer's answer: address (+ variant choices) and consent. Exactly one submit per link
 * succeeds, however many race: the single conditional UPDATE on claim_links (unused and not
 * expired, RETURNING) is the guard, in the one transaction that stores the address, takes the
 * chosen variants' stock and moves the surprise awaiting_address → ready (through the surprises
 * lifecycle: state machine, event row, audit row). Any failure rolls everything back, so the link
 * still works for a corrected try.
 */
export async function submitClaim({
	ctx,
	input,
	options = {}
}: {
	ctx: Ctx;
	input: { token: string; body: unknown };
	/** origin: for the link in a low-stock mail this submit may cause. */
	options?: { origin?: string };
}): Promise<ClaimReceipt> {
	await limitClaimAttempts(ctx);
	const body = SubmitClaimInput.parse(input.body);
	const tokenHash = hashClaimToken(input.token);
	// Read first (no writes) for the language of the messages; a dead link is a 404 before any 400.
	const live = await findLiveLink(ctx, tokenHash);
	if (!live) throw new ClaimLinkUnavailableError();
	const text = claimTexts(live.locale);
	const checked = validateAddress(body.address, { locale: live.locale });
	// The address checks already speak the link's language: their texts are told as they are.
	const errors: FieldText[] = checked.ok
		? []
		: checked.errors.map((e) => ({ field: e.field, message: e.message as MessageText }));
	if (body.consent !== true) errors.push({ field: 'consent', message: text.consent });
	if (!checked.ok || errors.length) throw new ValidationError(text.invalid, errors);
	const address = checked.address;

	return inTransaction(ctx, async (ctx) => {
		const now = ctx.now();
		// THE guard: of N concurrent submits one updates the row; the others wait for its commit,
		// re-check `used_at IS NULL`, get no row back, and answer like an unknown link.
		const [link] = await ctx.db
			.update(claimLinks)
			.set({ usedAt: now })
			.where(
				and(
					eq(claimLinks.tokenHash, tokenHash),
					isNull(claimLinks.usedAt),
					gt(claimLinks.expiresAt, now)
				)
			)
			.returning({ id: claimLinks.id, surpriseId: claimLinks.surpriseId });
		if (!link) throw new ClaimLinkUnavailableError();

		const s = await lockSurprise(ctx, link.surpriseId);
		const [customer] = await ctx.db
			.select({ erasedAt: customers.erasedAt })
			.from(customers)
			.where(eq(customers.id, s.row.customerId));
		if (!customer || customer.erasedAt) throw new ClaimLinkUnavailableError();
		// Cancelled (or otherwise moved on) since the page was opened.
		if (s.row.status !== 'awaiting_address') throw new ConflictError(text.changed);
		assertTransition(s.row.status, 'ready', s.kind);

		const picks = await applyVariantChoices(ctx, s, body.variantChoices ?? {}, live.locale);

		const [stored] = await ctx.db
			.insert(addresses)
			.values({ customerId: s.row.customerId, ...address, createdAt: now })
			.returning({ id: addresses.id });
		const note = picks.length
			? msg('history_claim_submitted_with_choices', { variants: picks.map((p) => p.variantName) })
			: msg('history_claim_submitted');
		const after = await attachAddressLocked(ctx, s, stored!.id, note);
		if (after.row.status !== 'ready') throw new ConflictError(text.changed);
		// The address itself stays out of the audit log (personal data with its own retention).
		await recordAudit(ctx, {
			action: 'claim.submit',
			entity: 'surprise',
			entityId: s.row.id,
			data: {
				claimLinkId: link.id,
				addressId: stored!.id,
				country: address.country,
				postcodeArea: address.postcodeArea,
				variantIds: picks.map((p) => p.variantId)
			}
		});
		for (const pick of picks)
			await queueLowStockAlert({
				ctx,
				input: { variantId: pick.variantId, origin: options.origin }
			});
		const codes = await surpriseCodes(ctx, [s.row.id], 'claim_page');
		if (codes.length) await auditCodeReveal(ctx, codes, 'claim_page');
		return {
			ok: true as const,
			locale: live.locale,
			codes: codes.map((c) => ({ giftName: c.giftName, code: c.code, pin: c.pin }))
		};
	});
}

/**
 * Items the hub left open (a gift with variants, no variant yet) need a choice; each is applied with
 * the surprises lifecycle's chooseVariantLocked (the catalogue's conditional stock decrement, never
 * below zero). Items with a variant already fixed keep it. Errors name `variantChoices.<item id>`
 * in the link's language.
 */
async function applyVariantChoices(
	ctx: Ctx,
	s: LockedSurprise,
	choices: Record<string, string>,
	locale: ClaimLocale
) {
	const text = claimTexts(locale);
	const items = await claimItems(ctx, s.row.id);
	const errors: FieldText[] = [];
	const picks: { itemId: string; variantId: string; variantName: string }[] = [];
	for (const itemId of Object.keys(choices)) {
		if (!items.some((i) => i.id === itemId))
			errors.push({ field: `variantChoices.${itemId}`, message: text.notChoosable });
	}
	for (const item of items) {
		const open = item.variantId === null && item.variants.length > 0;
		const choice = choices[item.id];
		if (!open) {
			if (choice !== undefined && choice !== item.variantId)
				errors.push({ field: `variantChoices.${item.id}`, message: text.notChoosable });
			continue;
		}
		const variant = choice ? item.variants.find((v) => v.id === choice) : undefined;
		if (!choice) errors.push({ field: `variantChoices.${item.id}`, message: text.choose });
		else if (!variant)
			errors.push({ field: `variantChoices.${item.id}`, message: text.unknownVariant });
		else picks.push({ itemId: item.id, variantId: variant.id, variantName: variant.name });
	}
	if (errors.length) throw new ValidationError(text.invalid, errors);

	// One order (by variant id) for every transaction that takes stock, as the lifecycle does.
	for (const pick of [...picks].sort((a, b) => (a.variantId < b.variantId ? -1 : 1))) {
		try {
			await chooseVariantLocked(ctx, s, pick.itemId, pick.variantId);
		} catch (error) {
			if (error instanceof ConflictError)
				throw new ConflictError(text.soldOut, [
					{ field: `variantChoices.${pick.itemId}`, message: text.soldOut }
				]);
			throw error;
		}
	}
	return picks;
}
