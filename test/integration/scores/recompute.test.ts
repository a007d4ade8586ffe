/**
 * The set-based SQL recompute against the pure score (score.ts), and the incremental update
 * against the full recompute, on both engines: random customers, reactions, surprises and random
 * sequences of logs, edits and deletes through the real verbs.
 */
import fc from 'fast-check';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { ambassadorScores, reactions, scoreHistory, settings } from '#db/schema/index.ts';
import { systemCtx, type Ctx } from '#api/domain/context.ts';
import { deleteReaction } from '#api/domain/reactions/delete-reaction.ts';
import { logReaction } from '#api/domain/reactions/log-reaction.ts';
import { updateReaction } from '#api/domain/reactions/update-reaction.ts';
import { recomputeScores, runNightlyScoreRecompute } from '#api/domain/scores/recompute-scores.ts';
import { DAY_MS } from '#api/domain/scores/score.ts';
import { rebuildScoreMasses } from '#api/domain/scores/score-mass.ts';
import { DEFAULT_SCORE_WEIGHTS } from '#api/domain/scores/weights.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { putSetting } from '#api/domain/settings/settings.ts';
import { settleWeightsRebuild } from '#api/domain/scores/weights-rebuild.ts';
import { adminCtx, expectStoredEqualsPure, scoreFixtures, scoreRows } from './support.ts';

const NOW = Date.UTC(2026, 10, 20, 12);
const kinds = ['post', 'review', 'photo_video', 'comment', 'share'] as const;
const sentimentValues = ['positive', 'neutral', 'negative'] as const;

const arbReaction = fc.record({
	customer: fc.nat({ max: 5 }),
	ageDays: fc.double({ min: 0, max: 400, noNaN: true }),
	kind: fc.constantFrom(...kinds),
	sentiment: fc.constantFrom(...sentimentValues),
	followers: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2_000_000 })),
	linkSurprise: fc.boolean()
});
const arbSurprise = fc.record({
	customer: fc.nat({ max: 5 }),
	approvedDaysAgo: fc.double({ min: 0, max: 400, noNaN: true }),
	arrivalDays: fc.double({ min: 0, max: 20, noNaN: true }),
	status: fc.constantFrom('approved', 'shipped', 'delivered', 'sent', 'cancelled' as const)
});

describe.each(engines)('score recompute on %s', (engine) => {
	let database: Database;
	const at = (ms: number): Ctx => ({ ...systemCtx(database.db), now: () => new Date(ms) });

	beforeAll(async () => {
		database = await freshDatabase(engine);
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	it('the SQL recompute equals scoreCustomer() for random reactions and surprises (staff and opted-out excluded)', async () => {
		const f = scoreFixtures(database);
		await fc.assert(
			fc.asyncProperty(
				fc.array(arbReaction, { maxLength: 40 }),
				fc.array(arbSurprise, { maxLength: 6 }),
				fc.nat({ max: 2 }),
				async (rs, ss, excludedIndex) => {
					const people = await Promise.all(
						Array.from({ length: 6 }, (_, i) =>
							f.customer({
								isStaff: i === 4 && excludedIndex === 1,
								optedOut: i === 5 && excludedIndex === 2
							})
						)
					);
					const made: Awaited<ReturnType<typeof f.surprise>>[] = [];
					for (const s of ss) {
						const approved = NOW - s.approvedDaysAgo * DAY_MS;
						const arrived = approved + s.arrivalDays * DAY_MS;
						made.push(
							await f.surprise(people[s.customer]!.id, {
								status: s.status,
								approvedAt: new Date(approved),
								shippedAt:
									s.status === 'shipped' || s.status === 'delivered' ? new Date(arrived) : null,
								deliveredAt: s.status === 'delivered' ? new Date(arrived + DAY_MS) : null
							})
						);
					}
					if (rs.length) {
						await database.db.insert(reactions).values(
							rs.map((r, i) => {
								const own = made.find((m) => m.customerId === people[r.customer]!.id);
								return {
									customerId: people[r.customer]!.id,
									channel: 'x' as const,
									url: `https://x.com/${people[r.customer]!.handle}/status/${i}-${Math.random()}`,
									postedAt: new Date(Math.round(NOW - r.ageDays * DAY_MS)),
									kind: r.kind,
									sentiment: r.sentiment,
									followers: r.followers,
									surpriseId: r.linkSurprise && own ? own.id : null
								};
							})
						);
					}
					const ids = people.map((p) => p.id);
					// Rows inserted directly carry no stored score term (counted in full); give half the
					// customers theirs, so both ways of summing are held to scoreCustomer().
					await rebuildScoreMasses(
						at(NOW),
						DEFAULT_SCORE_WEIGHTS,
						sql`customer_id in (${sql.join(
							ids.filter((_, i) => i % 2 === 0).map((id) => sql`${id}::uuid`),
							sql`, `
						)})`
					);
					await recomputeScores({ ctx: at(NOW) });
					await expectStoredEqualsPure(database, ids, new Date(NOW));
					// Nothing changed since: a second full recompute at the same moment writes nothing.
					const again = await recomputeScores({ ctx: at(NOW) });
					expect(again.scored).toBe(0);
				}
			),
			{ numRuns: engine === 'pglite' ? 12 : 8, seed: 20261120 }
		);
	}, 120_000);

	it('incremental updates equal a full recompute after random sequences of logs, edits and deletes', async () => {
		const f = scoreFixtures(database);
		const op = fc.oneof(
			fc.record({
				kind: fc.constant('log' as const),
				r: arbReaction,
				text: fc.constantFrom(
					'Wat een leuke verrassing! 😍',
					'Slechte service 😡',
					'Pakket bezorgd.',
					'Great gesture 🎉'
				)
			}),
			fc.record({
				kind: fc.constant('edit' as const),
				pick: fc.nat(),
				sentiment: fc.option(fc.constantFrom(...sentimentValues)),
				kindTo: fc.option(fc.constantFrom(...kinds)),
				ageDays: fc.option(fc.double({ min: 0, max: 400, noNaN: true })),
				followers: fc.option(fc.integer({ min: 0, max: 100_000 })),
				move: fc.option(fc.nat({ max: 5 }))
			}),
			fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() })
		);
		await fc.assert(
			fc.asyncProperty(
				fc.array(op, { minLength: 1, maxLength: 25 }),
				fc.array(arbSurprise, { maxLength: 4 }),
				async (ops, ss) => {
					const people = await Promise.all(
						Array.from({ length: 6 }, (_, i) => f.customer({ followers: i * 1000 }))
					);
					for (const s of ss) {
						const approved = NOW - s.approvedDaysAgo * DAY_MS;
						await f.surprise(people[s.customer]!.id, {
							status: s.status,
							approvedAt: new Date(approved),
							deliveredAt:
								s.status === 'delivered' ? new Date(approved + s.arrivalDays * DAY_MS) : null
						});
					}
					const logged: string[] = [];
					let n = 0;
					for (const o of ops) {
						const ctx = at(NOW);
						if (o.kind === 'log') {
							const who = people[o.r.customer]!;
							const res = await logReaction({
								ctx,
								input: {
									url: `https://x.com/${who.handle}/status/${Date.now()}${n++}${Math.random().toString().slice(2, 8)}`,
									text: o.text,
									postedAt: new Date(NOW - o.r.ageDays * DAY_MS).toISOString(),
									kind: o.r.kind,
									...(o.r.sentiment !== 'positive' ? { sentiment: o.r.sentiment } : {}),
									...(o.r.followers ? { followers: o.r.followers } : {})
								}
							});
							logged.push(res.reaction.id);
						} else if (logged.length) {
							const id = logged[o.pick % logged.length]!;
							if (o.kind === 'delete') {
								await deleteReaction({ ctx, input: { id } });
								logged.splice(logged.indexOf(id), 1);
							} else {
								const changes: Record<string, unknown> = {};
								if (o.sentiment) changes.sentiment = o.sentiment;
								if (o.kindTo) changes.kind = o.kindTo;
								if (o.ageDays !== null)
									changes.postedAt = new Date(NOW - o.ageDays * DAY_MS).toISOString();
								if (o.followers !== null) changes.followers = o.followers;
								if (o.move !== null) changes.customerId = people[o.move]!.id;
								if (Object.keys(changes).length)
									await updateReaction({ ctx, input: { id, changes } });
							}
						}
					}
					const ids = people.map((p) => p.id);
					// Incremental rows match the pure score …
					await expectStoredEqualsPure(database, ids, new Date(NOW));
					const incremental = await scoreRows(database, ids);
					// … and a full recompute at the same moment finds nothing to change.
					const full = await recomputeScores({ ctx: at(NOW) });
					expect(full.scored).toBe(0);
					const after = await scoreRows(database, ids);
					for (const id of ids) expect(after.get(id)).toEqual(incremental.get(id));
				}
			),
			{ numRuns: engine === 'pglite' ? 10 : 6, seed: 4242 }
		);
	}, 180_000);

	it('time passing changes no level; the nightly recompute rewrites only what moved, and runs once a day', async () => {
		const f = scoreFixtures(database);
		const a = await f.customer();
		const b = await f.customer();
		const ctx = at(NOW);
		// a: 11 fresh photos (ambassador); b: one post 29.5 days ago (its 30-day boundary is close).
		for (let i = 0; i < 11; i++)
			await logReaction({
				ctx,
				input: {
					customerId: a.id,
					postedAt: new Date(NOW - i * 3600_000).toISOString(),
					kind: 'photo_video',
					text: 'Top! 👍'
				}
			});
		await logReaction({
			ctx,
			input: {
				customerId: b.id,
				postedAt: new Date(NOW - 29.5 * DAY_MS).toISOString(),
				text: 'Leuk 👍'
			}
		});
		const before = await scoreRows(database, [a.id, b.id]);
		const nextDay = NOW + DAY_MS;
		const result = await recomputeScores({ ctx: at(nextDay) });
		const after = await scoreRows(database, [a.id, b.id]);
		// a's level is the same number a day later: not rewritten (computed_at unchanged).
		expect(after.get(a.id)!.computedAt.getTime()).toBe(before.get(a.id)!.computedAt.getTime());
		expect(Math.abs(after.get(a.id)!.level! - before.get(a.id)!.level!)).toBeLessThan(1e-9);
		// b's post crossed the 30-day line: its score 30 days ago moved, so b was rewritten.
		expect(after.get(b.id)!.computedAt.getTime()).toBe(nextDay);
		expect(result.scored).toBeGreaterThanOrEqual(1);
		await expectStoredEqualsPure(database, [b.id], new Date(nextDay));

		// The nightly job: not before 03:00 Amsterdam, then once per day whichever instance runs it.
		const night = Date.UTC(2026, 10, 22, 1, 30); // 02:30 in Amsterdam (UTC+1)
		expect(await runNightlyScoreRecompute({ ctx: at(night) })).toEqual({ recomputed: 0 });
		const first = await runNightlyScoreRecompute({ ctx: at(night + 3600_000) });
		const second = await runNightlyScoreRecompute({ ctx: at(night + 7200_000) });
		expect(first.recomputed).toBeGreaterThanOrEqual(0);
		expect(second).toEqual({ recomputed: 0 });
	}, 60_000);

	it('weights from the settings: a change moves every score after a recompute', async () => {
		const f = scoreFixtures(database);
		const c = await f.customer();
		await logReaction({
			ctx: at(NOW),
			input: {
				customerId: c.id,
				postedAt: new Date(NOW).toISOString(),
				kind: 'review',
				text: 'Geweldig 😍'
			}
		});
		const weights = {
			...DEFAULT_SCORE_WEIGHTS,
			kind: { ...DEFAULT_SCORE_WEIGHTS.kind, review: 2 },
			spontaneity: 2
		};
		// Through the settings verb: every reaction's stored score term rebuilt in the background run it starts.
		const admin = await adminCtx(database, NOW);
		await putSetting({ ctx: admin, input: { key: 'score_weights', value: weights } });
		await settleWeightsRebuild();
		try {
			await recomputeScores({ ctx: at(NOW) });
			const [row] = await database.db
				.select()
				.from(ambassadorScores)
				.where(eq(ambassadorScores.customerId, c.id));
			expect(Number(row!.score)).toBeCloseTo(1 * 2 * 2, 9); // positive × review 2 × spontaneity 2
			await expectStoredEqualsPure(database, [c.id], new Date(NOW), { weights });
		} finally {
			await putSetting({
				ctx: admin,
				input: { key: 'score_weights', value: DEFAULT_SCORE_WEIGHTS }
			});
			await settleWeightsRebuild();
			await database.db.delete(settings).where(eq(settings.key, 'score_weights'));
			await recomputeScores({ ctx: at(NOW) });
		}
		const history = await database.db
			.select()
			.from(scoreHistory)
			.where(eq(scoreHistory.customerId, c.id));
		expect(history).toHaveLength(1); // one row per customer per day, upserted
	}, 60_000);
});
