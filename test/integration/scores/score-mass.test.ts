/**
 * Each reaction's stored score term (reactions.score_mass: decay factored out of the sum, spontaneity
 * included, see score-mass.ts) after every way a reaction is written and every move of a gift window,
 * and the scores summed from those terms against scoreCustomer(), on both engines.
 */
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { reactions, surprises } from '#db/schema/index.ts';
import { systemCtx, type Ctx } from '#api/domain/context.ts';
import { deleteReaction } from '#api/domain/reactions/delete-reaction.ts';
import { importReactions } from '#api/domain/reactions/import-reactions.ts';
import { logReaction } from '#api/domain/reactions/log-reaction.ts';
import { updateReaction } from '#api/domain/reactions/update-reaction.ts';
import { recomputeScores } from '#api/domain/scores/recompute-scores.ts';
import { advanceSurprise } from '#api/domain/surprises/advance-surprise.ts';
import { cancelSurprise } from '#api/domain/surprises/cancel-surprise.ts';
import { DAY_MS, giftWindowOf, isGiftTriggered, scoreMass } from '#api/domain/scores/score.ts';
import { DEFAULT_SCORE_WEIGHTS, type ScoreWeights } from '#api/domain/scores/weights.ts';
import { putSetting } from '#api/domain/settings/settings.ts';
import { settleWeightsRebuild } from '#api/domain/scores/weights-rebuild.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { adminCtx, expectStoredEqualsPure, scoreFixtures } from './support.ts';

const NOW = Date.UTC(2026, 10, 20, 12);

describe.each(engines)('stored score terms on %s', (engine) => {
	let database: Database;
	const at = (ms: number): Ctx => ({ ...systemCtx(database.db), now: () => new Date(ms) });

	beforeAll(async () => {
		database = await freshDatabase(engine);
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	/**
	 * Every reaction of these customers carries the term of its current columns under `weights` and the
	 * customer's gift windows now (null only where it would not fit). Returns how many are gift-triggered.
	 */
	async function expectTermsRight(
		customerIds: string[],
		weights: ScoreWeights,
		what: string
	): Promise<number> {
		const rows = await database.db
			.select()
			.from(reactions)
			.where(inArray(reactions.customerId, customerIds));
		const gifts = await database.db
			.select()
			.from(surprises)
			.where(inArray(surprises.customerId, customerIds));
		expect(rows.length, `${what}: reactions`).toBeGreaterThan(0);
		let giftTriggered = 0;
		for (const r of rows) {
			const windows = gifts
				.filter((s) => s.customerId === r.customerId)
				.flatMap((s) => giftWindowOf(s) ?? []);
			const gift = isGiftTriggered(r, windows, weights);
			if (gift) giftTriggered += 1;
			const expected = scoreMass(r, weights, gift);
			const label = `${what}: reaction ${r.id} (${r.sentiment} ${r.kind} ${r.followers} ${r.postedAt.toISOString()}${gift ? ' gift-triggered' : ''})`;
			if (expected === null) {
				expect(r.scoreMass, label).toBeNull();
			} else {
				expect(r.scoreMass, label).not.toBeNull();
				expect(
					Math.abs(r.scoreMass! - expected),
					`${label}: ${r.scoreMass} vs ${expected}`
				).toBeLessThanOrEqual(1e-12 * Math.abs(expected));
			}
		}
		return giftTriggered;
	}

	it('log, edit (kind, followers, date, sentiment override, new text, other customer), import, delete and a weights change each leave every term right', async () => {
		const f = scoreFixtures(database);
		const a = await f.customer({ followers: 250 });
		const b = await f.customer({ handle: `mass_b_${engine}` });
		const ids = [a.id, b.id];
		const ctx = at(NOW);
		const day = (d: number) => new Date(NOW - d * DAY_MS).toISOString();

		const one = await logReaction({
			ctx,
			input: {
				url: `https://x.com/${a.handle}/status/m1`,
				text: 'Wat een leuke verrassing! 😍',
				postedAt: day(3),
				kind: 'photo_video'
			}
		});
		const two = await logReaction({
			ctx,
			input: {
				customerId: a.id,
				text: 'Slechte service 😡',
				postedAt: day(40),
				kind: 'review',
				sentiment: 'negative',
				followers: 12_000
			}
		});
		await logReaction({
			ctx,
			input: { customerId: b.id, text: 'Pakket bezorgd.', postedAt: day(100), kind: 'comment' }
		});
		await expectTermsRight(ids, DEFAULT_SCORE_WEIGHTS, 'log');

		const id = one.reaction.id;
		await updateReaction({ ctx, input: { id, changes: { kind: 'share', followers: 90_000 } } });
		await expectTermsRight(ids, DEFAULT_SCORE_WEIGHTS, 'edit kind and followers');
		await updateReaction({ ctx, input: { id, changes: { postedAt: day(200) } } });
		await expectTermsRight(ids, DEFAULT_SCORE_WEIGHTS, 'edit date');
		await updateReaction({ ctx, input: { id, changes: { sentiment: 'neutral' } } });
		await expectTermsRight(ids, DEFAULT_SCORE_WEIGHTS, 'sentiment override');
		// A new text of a reaction whose sentiment was not overridden: the sentiment follows the suggestion.
		await updateReaction({
			ctx,
			input: { id: two.reaction.id, changes: { sentiment: 'negative' } }
		});
		const three = await logReaction({
			ctx,
			input: { customerId: b.id, text: 'Pakket bezorgd.', postedAt: day(5), kind: 'post' }
		});
		await updateReaction({
			ctx,
			input: { id: three.reaction.id, changes: { text: 'Super lief, dank jullie wel! 😍🎉' } }
		});
		const [followed] = await database.db
			.select()
			.from(reactions)
			.where(inArray(reactions.id, [three.reaction.id]));
		expect(followed!.sentiment).toBe('positive');
		await expectTermsRight(ids, DEFAULT_SCORE_WEIGHTS, 'new text');
		await updateReaction({ ctx, input: { id, changes: { customerId: b.id } } });
		await expectTermsRight(ids, DEFAULT_SCORE_WEIGHTS, 'moved to another customer');

		const csv = [
			'url,text,posted_at,kind,sentiment,followers',
			`https://x.com/${b.handle}/status/m-import-1,Top!,${day(7).slice(0, 10)} 10:00,review,positive,4000`,
			`https://x.com/${b.handle}/status/m-import-2,Matig,${day(60).slice(0, 10)} 09:30,comment,negative,`
		].join('\n');
		expect((await importReactions({ ctx, input: { csv } })).imported).toBe(2);
		await expectTermsRight(ids, DEFAULT_SCORE_WEIGHTS, 'import');

		await deleteReaction({ ctx, input: { id: two.reaction.id } });
		await expectTermsRight(ids, DEFAULT_SCORE_WEIGHTS, 'delete');
		await expectStoredEqualsPure(database, ids, new Date(NOW));

		// New weights through the settings verb: every term rebuilt in the background run it starts.
		const weights: ScoreWeights = {
			...DEFAULT_SCORE_WEIGHTS,
			sentiment: { positive: 2, neutral: 0.5, negative: -1 },
			kind: { ...DEFAULT_SCORE_WEIGHTS.kind, share: 3 },
			halfLifeDays: 30,
			reachDivisor: 2
		};
		const admin = await adminCtx(database, NOW);
		try {
			await putSetting({ ctx: admin, input: { key: 'score_weights', value: weights } });
			await settleWeightsRebuild();
			await expectTermsRight(ids, weights, 'weights change');
			await recomputeScores({ ctx: at(NOW) });
			await expectStoredEqualsPure(database, ids, new Date(NOW), { weights });
		} finally {
			await putSetting({
				ctx: admin,
				input: { key: 'score_weights', value: DEFAULT_SCORE_WEIGHTS }
			});
			await settleWeightsRebuild();
		}
		await expectTermsRight(ids, DEFAULT_SCORE_WEIGHTS, 'weights back');
		await recomputeScores({ ctx: at(NOW) });
		await expectStoredEqualsPure(database, ids, new Date(NOW));
	}, 120_000);

	it('a reaction dated after the moment of the recompute counts in full (no decay), the full and the incremental way', async () => {
		const f = scoreFixtures(database);
		const c = await f.customer();
		// Logged 5 minutes ahead (the allowed slack), with an older one beside it.
		await logReaction({
			ctx: at(NOW),
			input: {
				customerId: c.id,
				text: 'Top! 👍',
				postedAt: new Date(NOW + 5 * 60_000).toISOString(),
				kind: 'photo_video'
			}
		});
		await logReaction({
			ctx: at(NOW),
			input: {
				customerId: c.id,
				text: 'Leuk 👍',
				postedAt: new Date(NOW - 20 * DAY_MS).toISOString(),
				kind: 'post'
			}
		});
		await expectStoredEqualsPure(database, [c.id], new Date(NOW)); // incremental, at NOW
		// A full recompute as of two days before both were posted: both count in full.
		await recomputeScores({ ctx: at(NOW - 22 * DAY_MS) });
		await expectStoredEqualsPure(database, [c.id], new Date(NOW - 22 * DAY_MS));
		await recomputeScores({ ctx: at(NOW) });
		await expectStoredEqualsPure(database, [c.id], new Date(NOW));
	}, 60_000);

	it('with a half-life of a day the terms do not fit and are not stored; those reactions count in full, old ones without an underflow', async () => {
		const f = scoreFixtures(database);
		const c = await f.customer();
		await logReaction({
			ctx: at(NOW),
			input: {
				customerId: c.id,
				text: 'Top! 👍',
				postedAt: new Date(NOW - 2 * DAY_MS).toISOString(),
				kind: 'review'
			}
		});
		await logReaction({
			ctx: at(NOW),
			input: {
				customerId: c.id,
				text: 'Leuk 👍',
				postedAt: new Date(NOW - 1500 * DAY_MS).toISOString(),
				kind: 'post'
			}
		});
		const weights: ScoreWeights = { ...DEFAULT_SCORE_WEIGHTS, halfLifeDays: 1 };
		const admin = await adminCtx(database, NOW);
		try {
			await putSetting({ ctx: admin, input: { key: 'score_weights', value: weights } });
			await settleWeightsRebuild();
			await expectTermsRight([c.id], weights, 'half-life 1');
			const [row] = await database.db
				.select()
				.from(reactions)
				.where(inArray(reactions.customerId, [c.id]))
				.limit(1);
			expect(row!.scoreMass).toBeNull(); // 2026 is ~2,500 half-lives of a day from 2020
			await recomputeScores({ ctx: at(NOW) });
			await expectStoredEqualsPure(database, [c.id], new Date(NOW), { weights });
		} finally {
			await putSetting({
				ctx: admin,
				input: { key: 'score_weights', value: DEFAULT_SCORE_WEIGHTS }
			});
			await settleWeightsRebuild();
		}
		await expectTermsRight([c.id], DEFAULT_SCORE_WEIGHTS, 'weights back');
	}, 60_000);

	it('spontaneity is in the term: linked or inside a gift window at log, edit and import; a surprise move and a weights change rebuild it', async () => {
		const f = scoreFixtures(database);
		const a = await f.customer({ followers: 40 });
		const b = await f.customer();
		const ids = [a.id, b.id];
		const ctx = at(NOW);
		const day = (d: number) => new Date(NOW - d * DAY_MS).toISOString();
		// a: shipped 35 days ago (approved 40 days ago): window until 5 days ago. b: printed, approved 10 days ago.
		const shipped = await f.surprise(a.id, {
			status: 'shipped',
			approvedAt: new Date(NOW - 40 * DAY_MS),
			shippedAt: new Date(NOW - 35 * DAY_MS)
		});
		const printed = await f.surprise(b.id, {
			status: 'printed',
			approvedAt: new Date(NOW - 10 * DAY_MS)
		});
		const other = await f.surprise(b.id, {
			status: 'delivered',
			approvedAt: new Date(NOW - 400 * DAY_MS),
			deliveredAt: new Date(NOW - 398 * DAY_MS)
		});

		await logReaction({
			ctx,
			input: { customerId: a.id, text: 'Top! 👍', postedAt: day(20), kind: 'post' }
		}); // inside a's window
		const late = await logReaction({
			ctx,
			input: { customerId: a.id, text: 'Leuk 👍', postedAt: day(2), kind: 'review' }
		}); // after it
		await logReaction({
			ctx,
			input: { customerId: b.id, text: 'Dank je! 😍', postedAt: day(3), kind: 'photo_video' }
		}); // inside b's window
		const linked = await logReaction({
			ctx,
			input: {
				customerId: b.id,
				text: 'Mooi 👍',
				postedAt: day(100),
				kind: 'post',
				surpriseId: other.id
			}
		}); // linked
		expect(await expectTermsRight(ids, DEFAULT_SCORE_WEIGHTS, 'log')).toBe(3);
		await expectStoredEqualsPure(database, ids, new Date(NOW));

		// Edits that move a reaction in or out: the date, the link.
		await updateReaction({ ctx, input: { id: late.reaction.id, changes: { postedAt: day(30) } } });
		expect(await expectTermsRight(ids, DEFAULT_SCORE_WEIGHTS, 'edit date into the window')).toBe(4);
		await updateReaction({ ctx, input: { id: linked.reaction.id, changes: { surpriseId: null } } });
		expect(await expectTermsRight(ids, DEFAULT_SCORE_WEIGHTS, 'edit link away')).toBe(3);
		await updateReaction({ ctx, input: { id: late.reaction.id, changes: { postedAt: day(2) } } });
		expect(await expectTermsRight(ids, DEFAULT_SCORE_WEIGHTS, 'edit date out of the window')).toBe(
			2
		);
		const csv = [
			'url,text,posted_at,kind,sentiment,followers',
			`https://x.com/${a.handle}/status/gift-import-1,Top!,${day(25).slice(0, 10)} 10:00,review,positive,100`
		].join('\n');
		expect((await importReactions({ ctx, input: { csv } })).imported).toBe(1);
		expect(await expectTermsRight(ids, DEFAULT_SCORE_WEIGHTS, 'import inside the window')).toBe(3);
		await expectStoredEqualsPure(database, ids, new Date(NOW));

		// Surprise moves: a's delivered now (the window reaches 30 days ahead, taking in the reaction of
		// 2 days ago); b's cancelled (its reaction of 3 days ago is spontaneous again).
		const admin = await adminCtx(database, NOW);
		const hub: Ctx = {
			...admin,
			actor: { ...(admin.actor as Extract<Ctx['actor'], { type: 'user' }>), role: 'hub' }
		};
		await advanceSurprise({ ctx: hub, input: { id: shipped.id, body: { to: 'delivered' } } });
		expect(await expectTermsRight(ids, DEFAULT_SCORE_WEIGHTS, 'delivered')).toBe(4);
		await cancelSurprise({
			ctx: hub,
			input: { id: printed.id, body: { reason: 'Adres onbekend' } }
		});
		expect(await expectTermsRight(ids, DEFAULT_SCORE_WEIGHTS, 'cancelled')).toBe(3);
		await expectStoredEqualsPure(database, ids, new Date(NOW));
		await recomputeScores({ ctx: at(NOW) });
		await expectStoredEqualsPure(database, ids, new Date(NOW));

		// Spontaneity and the gift window are weights of the term: a change of either rebuilds every term.
		const weights: ScoreWeights = { ...DEFAULT_SCORE_WEIGHTS, spontaneity: 2, giftWindowDays: 0 };
		try {
			await putSetting({ ctx: admin, input: { key: 'score_weights', value: weights } });
			await settleWeightsRebuild();
			expect(await expectTermsRight(ids, weights, 'spontaneity and gift window changed')).toBe(3); // a's window: approval → delivery (now)
			await recomputeScores({ ctx: at(NOW) });
			await expectStoredEqualsPure(database, ids, new Date(NOW), { weights });
		} finally {
			await putSetting({
				ctx: admin,
				input: { key: 'score_weights', value: DEFAULT_SCORE_WEIGHTS }
			});
			await settleWeightsRebuild();
		}
		await recomputeScores({ ctx: at(NOW) });
		await expectStoredEqualsPure(database, ids, new Date(NOW));
	}, 120_000);
});
