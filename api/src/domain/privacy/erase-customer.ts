import { and, eq, inArray, sql } from 'drizzle-orm';
import {
	addresses,
	ambassadorScores,
	customers,
	emailOutbox,
	handles,
	nominations,
	reactions,
	shipments,
	surpriseEvents,
	surprises
} from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { signalWall } from '../wall/display-links.ts';
import { inTransaction, requireRole, type Ctx } from '../context.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { msg } from '../../messages/index.ts';
import { recomputeCustomerScores } from '../scores/recompute-scores.ts';
import { undispatchedStatuses } from '../surprises/state-machine.ts';
import { anonymiseAddresses } from './anonymise.ts';
import { emailsTo } from './emails-to.ts';
import { EraseCustomerInput } from './schemas.ts';

export const ERASED_NAME = 'Verwijderde klant';
const PERSONAL_KEYS = new Set(['url', 'text', 'handle', 'name', 'email', 'postUrl']);

/**
 * Erase a customer (GDPR right to erasure) by anonymising, in one transaction: the name becomes
 * "Verwijderde klant", email and internal notes go, handles are deleted, addresses anonymised
 * (country, postcode area, city stay), nomination texts and post links, card messages, internal
 * notes and history notes cleared, reaction texts and URLs cleared, emails to them blanked (queued
 * ones cancelled). Numbers stay: counts, costs, sentiment, reach, so reports and budgets keep adding
 * up. The customer is marked opted out, so no draw or score picks them again: their ambassador score
 * is zeroed at once (tier none).
 * Open nominations are declined. Refused (409) while a surprise is still being prepared.
 * Admin only; audited. Erasing twice is harmless.
 */
export async function eraseCustomer({ ctx, input }: { ctx: Ctx; input: unknown }) {
	requireRole(ctx, 'admin');
	const { id, reason } = EraseCustomerInput.parse(input);
	return inTransaction(ctx, async (ctx) => {
		const [customer] = await ctx.db
			.select()
			.from(customers)
			.where(eq(customers.id, id))
			.for('update');
		if (!customer) throw new NotFoundError('customer', id);
		if (customer.erasedAt)
			return { id, erasedAt: customer.erasedAt.toISOString(), alreadyErased: true, counts: null };

		const pending = await ctx.db
			.select({ reference: surprises.reference, status: surprises.status })
			.from(surprises)
			.where(
				and(eq(surprises.customerId, id), inArray(surprises.status, [...undispatchedStatuses]))
			);
		if (pending.length) {
			const list = pending.map((p) => `${p.reference} (${p.status})`).join(', ');
			throw new ConflictError(msg('erase_open_surprises', { list }), [], {
				surprises: pending.map((p) => p.reference)
			});
		}

		const at = ctx.now();
		await ctx.db
			.update(customers)
			.set({
				name: ERASED_NAME,
				email: null,
				notes: '',
				optedOut: true,
				erasedAt: at,
				updatedAt: at
			})
			.where(eq(customers.id, id));
		const deletedHandles = await ctx.db
			.delete(handles)
			.where(eq(handles.customerId, id))
			.returning({ id: handles.id });
		const addressRows = await ctx.db
			.select({
				id: addresses.id,
				country: addresses.country,
				postcode: addresses.postcode,
				postcodeArea: addresses.postcodeArea
			})
			.from(addresses)
			.where(eq(addresses.customerId, id));
		const anonymised = await anonymiseAddresses(ctx, addressRows);
		const clearedNominations = await ctx.db
			.update(nominations)
			.set({ text: '', postUrl: null, declineReason: null })
			.where(eq(nominations.customerId, id))
			.returning({ id: nominations.id });
		const declined = await ctx.db
			.update(nominations)
			.set({ status: 'declined', declineReason: 'Klant verwijderd (AVG)', decidedAt: at })
			.where(and(eq(nominations.customerId, id), eq(nominations.status, 'open')))
			.returning({ id: nominations.id });
		const clearedSurprises = await ctx.db
			.update(surprises)
			.set({ cardMessage: '', internalNote: '', updatedAt: at })
			.where(eq(surprises.customerId, id))
			.returning({ id: surprises.id });
		if (clearedSurprises.length) {
			// The tracking number and the "it arrived" link go with the rest.
			await ctx.db
				.update(shipments)
				.set({ trackingNumber: null, arrivalTokenHash: null })
				.where(
					inArray(
						shipments.surpriseId,
						clearedSurprises.map((s) => s.id)
					)
				);
			await ctx.db
				.update(surpriseEvents)
				.set({ note: '' })
				.where(
					inArray(
						surpriseEvents.surpriseId,
						clearedSurprises.map((s) => s.id)
					)
				);
		}
		const clearedReactions = await ctx.db
			.update(reactions)
			.set({ text: '', url: null, updatedAt: at })
			.where(eq(reactions.customerId, id))
			.returning({ id: reactions.id });
		// Erased means opted out: the score goes to 0 now (tier none, no components), not at the nightly run.
		await recomputeCustomerScores(ctx, [id]);
		const [score] = await ctx.db
			.select({ components: ambassadorScores.components })
			.from(ambassadorScores)
			.where(eq(ambassadorScores.customerId, id));
		if (score)
			await ctx.db
				.update(ambassadorScores)
				.set({ components: withoutPersonalText(score.components) })
				.where(eq(ambassadorScores.customerId, id));
		let blankedEmails = 0;
		if (customer.email) {
			const emails = await ctx.db
				.update(emailOutbox)
				.set({
					toAddress: '(verwijderd)',
					subject: '',
					html: '',
					text: '',
					// An SMTP error may quote the address back.
					lastError: null,
					status: sql`case when ${emailOutbox.status} = 'queued' then 'cancelled' else ${emailOutbox.status} end`
				})
				.where(emailsTo(customer.email))
				.returning({ id: emailOutbox.id });
			blankedEmails = emails.length;
		}

		const counts = {
			handlesDeleted: deletedHandles.length,
			addressesAnonymised: anonymised,
			nominationsCleared: clearedNominations.length,
			nominationsDeclined: declined.length,
			surprisesCleared: clearedSurprises.length,
			reactionsCleared: clearedReactions.length,
			emailsBlanked: blankedEmails
		};
		// Open walls look again when this commits (on every instance).
		await signalWall(ctx.db, { kind: 'reactions' });
		await recordAudit(ctx, {
			action: 'customer.erase',
			entity: 'customer',
			entityId: id,
			data: { ...counts, ...(reason ? { reason } : {}) }
		});
		return { id, erasedAt: at.toISOString(), alreadyErased: false, counts };
	});
}

/** Score components keep their numbers; texts, links and names inside them go. */
function withoutPersonalText(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withoutPersonalText);
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value)
				.filter(([k]) => !PERSONAL_KEYS.has(k))
				.map(([k, v]) => [k, withoutPersonalText(v)])
		);
	}
	return value;
}
