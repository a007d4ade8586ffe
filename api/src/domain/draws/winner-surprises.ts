/**
 * Winners become surprises, then get claim links, each in one step for all winners. Every winner
 * goes through the same verb as a single surprise (planSurprise) or claim link (createClaimLink),
 * in a savepoint of its own: all-or-nothing per winner, the same rules and errors as one by one, and
 * a summary of what succeeded and why each failure failed.
 */
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { z } from 'zod';
import { customers, draws, surprises } from '../../../../db/schema/index.ts';
import { msg, type Message, type MessageKey } from '../../messages/index.ts';
import { recordAudit } from '../audit.ts';
import { createClaimLink } from '../claims/create-claim-link.ts';
import { CLAIM_LINK_CREATORS } from '../claims/access.ts';
import { inTransaction, requireRole, type Ctx } from '../context.ts';
import { ConflictError, DomainError, type FieldText } from '../errors.ts';
import { CardMessage, SurpriseItemInput } from '../surprises/schemas.ts';
import { planSurprise } from '../surprises/plan-surprise.ts';
import { SURPRISE_PLANNERS } from './draw-can.ts';
import { customerOf, loadDrawRow, promotionsOf, standing, winnerSurprisesOf } from './draw-view.ts';
import { DrawRecordSchema } from './record.ts';

const Items = z.array(SurpriseItemInput).min(1).max(20);
/** A subset of the winners (a page sends them in chunks to show progress); all when left out. */
const CandidateIds = z.array(z.string().min(1).max(100)).min(1).max(1000).optional();

export const MakeWinnerSurprisesInput = z.strictObject({
	/** The gift for every winner… */
	items: Items,
	/** …unless the hub chose another for some. */
	perWinner: z
		.array(z.strictObject({ candidateId: z.string().min(1).max(100), items: Items }))
		.max(1000)
		.default([]),
	cardMessage: CardMessage.default(''),
	candidateIds: CandidateIds
});

export const WinnerClaimLinksInput = z.strictObject({
	sendEmail: z.boolean().default(false),
	candidateIds: CandidateIds
});

/** Why one winner failed, as the single verb said it (rendered in the reader's language at the edge). */
export interface WinnerFailure {
	code: string;
	text: Message | MessageKey;
	fields: FieldText[];
}

export type WinnerOutcome<T> =
	| { candidateId: string; handle: string; outcome: 'created'; value: T }
	| { candidateId: string; handle: string; outcome: 'skipped'; reason: Message }
	| { candidateId: string; handle: string; outcome: 'failed'; failure: WinnerFailure };

const failureOf = (error: DomainError): WinnerFailure => ({
	code: error.code,
	text: error.text,
	fields: error.fieldTexts
});

/** The drawn draw, locked: concurrent bulk calls run one after the other, so nobody gets two. */
async function lockDrawn(ctx: Ctx, id: string) {
	const row = await loadDrawRow(ctx, id, { forUpdate: true });
	if (row.status !== 'drawn')
		throw new ConflictError(msg('draw_not_drawn', { status: row.status }), [], {
			status: row.status
		});
	const record = DrawRecordSchema.parse(row.record);
	const { winners } = standing(record, promotionsOf(row));
	const handle = (id: string) => record.pool.find((c) => c.id === id)?.handle ?? '';
	return { row, winners, handle };
}

function summaryOf<T>(results: WinnerOutcome<T>[]) {
	return {
		created: results.filter((r) => r.outcome === 'created').length,
		skipped: results.filter((r) => r.outcome === 'skipped').length,
		failed: results.filter((r) => r.outcome === 'failed').length
	};
}

const chosen = (winners: string[], ids: string[] | undefined) =>
	ids ? winners.filter((w) => ids.includes(w)) : winners;

/**
 * Plans a surprise in the draw's campaign for each winner who has none (a cancelled one counts as
 * none), with the gift for all or the winner's own.
 */
export async function makeWinnerSurprises({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { id: string; body: unknown };
}) {
	if (ctx.actor.type !== 'system') requireRole(ctx, ...SURPRISE_PLANNERS);
	const data = MakeWinnerSurprisesInput.parse(input.body);
	return inTransaction(ctx, async (ctx) => {
		const { row, winners, handle } = await lockDrawn(ctx, input.id);
		const made = { ...winnerSurprisesOf(row) };
		const existing = Object.values(made).length
			? await ctx.db
					.select({ id: surprises.id, status: surprises.status, reference: surprises.reference })
					.from(surprises)
					.where(inArray(surprises.id, Object.values(made)))
			: [];
		const results: WinnerOutcome<{ surpriseId: string; reference: string; status: string }>[] = [];
		for (const candidateId of chosen(winners, data.candidateIds)) {
			const base = { candidateId, handle: handle(candidateId) };
			const earlier = existing.find((s) => s.id === made[candidateId]);
			if (earlier && earlier.status !== 'cancelled') {
				results.push({
					...base,
					outcome: 'skipped',
					reason: msg('draw_winner_has_surprise', { reference: earlier.reference })
				});
				continue;
			}
			const items = data.perWinner.find((p) => p.candidateId === candidateId)?.items ?? data.items;
			try {
				const planned = await planSurprise({
					ctx,
					input: {
						customerId: customerOf(row, candidateId),
						campaignId: row.campaignId,
						items,
						cardMessage: data.cardMessage
					}
				});
				made[candidateId] = planned.id;
				results.push({
					...base,
					outcome: 'created',
					value: { surpriseId: planned.id, reference: planned.reference, status: planned.status }
				});
			} catch (error) {
				if (!(error instanceof DomainError)) throw error;
				results.push({ ...base, outcome: 'failed', failure: failureOf(error) });
			}
		}
		await ctx.db.update(draws).set({ winnerSurprises: made }).where(eq(draws.id, input.id));
		const summary = summaryOf(results);
		await recordAudit(ctx, {
			action: 'draw.winner_surprises',
			entity: 'draw',
			entityId: input.id,
			data: {
				...summary,
				surprises: results.flatMap((r) =>
					r.outcome === 'created' ? [{ candidateId: r.candidateId, ...r.value }] : []
				),
				failures: results.flatMap((r) =>
					r.outcome === 'failed' ? [{ candidateId: r.candidateId, code: r.failure.code }] : []
				)
			}
		});
		return { drawId: input.id, summary, results };
	});
}

/**
 * A claim link for each winner's surprise, through the claims verb: shown once, to copy into a DM,
 * or emailed. A winner without a surprise, or whose surprise still waits for approval, fails with
 * the reason.
 */
export async function createWinnerClaimLinks({
	ctx,
	input,
	options
}: {
	ctx: Ctx;
	input: { id: string; body: unknown };
	options: { origin: string };
}) {
	requireRole(ctx, ...CLAIM_LINK_CREATORS);
	const data = WinnerClaimLinksInput.parse(input.body);
	return inTransaction(ctx, async (ctx) => {
		const { row, winners, handle } = await lockDrawn(ctx, input.id);
		const made = winnerSurprisesOf(row);
		const results: WinnerOutcome<{ url: string; expiresAt: string; emailed: boolean }>[] = [];
		const picked = chosen(winners, data.candidateIds);
		// Emailed to whoever has an address; the others' links are listed to send as a DM.
		const withEmail = new Set(
			data.sendEmail && picked.length
				? (
						await ctx.db
							.select({ id: customers.id })
							.from(customers)
							.where(
								and(
									inArray(
										customers.id,
										picked.map((c) => customerOf(row, c))
									),
									isNotNull(customers.email)
								)
							)
					).map((c) => c.id)
				: []
		);
		for (const candidateId of picked) {
			const base = { candidateId, handle: handle(candidateId) };
			const surpriseId = made[candidateId];
			if (!surpriseId) {
				results.push({ ...base, outcome: 'skipped', reason: msg('draw_winner_has_no_surprise') });
				continue;
			}
			try {
				const link = await createClaimLink({
					ctx,
					input: { surpriseId, sendEmail: withEmail.has(customerOf(row, candidateId)) },
					options
				});
				results.push({
					...base,
					outcome: 'created',
					value: { url: link.url, expiresAt: link.expiresAt, emailed: link.emailed }
				});
			} catch (error) {
				if (!(error instanceof DomainError)) throw error;
				results.push({ ...base, outcome: 'failed', failure: failureOf(error) });
			}
		}
		const summary = summaryOf(results);
		await recordAudit(ctx, {
			action: 'draw.winner_claim_links',
			entity: 'draw',
			entityId: input.id,
			data: {
				...summary,
				emailed: results.filter((r) => r.outcome === 'created' && r.value.emailed).length
			}
		});
		return { drawId: input.id, summary, results };
	});
}
