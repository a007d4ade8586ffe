import { sql, type SQL } from 'drizzle-orm';
import { DAY_MS, LEVEL_EPOCH_MS } from './score.ts';
import { EMERGING, SLIPPING, type ScoreWeights, type TierThresholds } from './weights.ts';
import { giftedStatuses } from '../surprises/state-machine.ts';

/**
 * The ambassador score as one set-based statement: score.ts in SQL, term for term. The same text
 * serves the full recompute (every customer; nightly and on demand) and the incremental one (the
 * customers a write touched), so there is one truth; tests hold it equal to scoreCustomer().
 *
 * Data-modifying CTEs, one statement, no loop over reactions:
 *   agg      GROUP BY customer over reactions alone (an index-only scan of reactions_score_idx in
 *            customer order, aggregated as it streams, like the bare count per customer): the
 *            count and the sums of the stored terms (reactions.score_mass: sentiment × kind × reach ×
 *            spontaneity with decay factored out, score-mass.ts), all of them and those posted by
 *            30 days ago
 *   rest     the few reactions the stored terms do not cover (dated after now, or without a term),
 *            each computed in full with its gift windows, by index
 *   flagged  per customer: the sums moved to now (and 30 days ago), tier, level (decay factored
 *            out, see ambassador_scores), emerging, slipping; staff, opted-out and erased customers
 *            score 0. The last positive reaction by index only where it may have moved (the full
 *            run keeps the stored one while the reaction count stands: every write rescores its
 *            customers). The full recompute keeps only customers with something to write (level,
 *            count or flags moved, or the tier crossed): time passing alone changes no level, so a
 *            nightly run writes little; the incremental one keeps its customers whatever
 *   changed  the rows to rewrite (a tier crossed by decay alone only moves customers.tier)
 *   up       INSERT … ON CONFLICT DO UPDATE into ambassador_scores; components (every term of
 *            every reaction) and the gift-triggered count rebuilt, by index, only where there was no
 *            row, the level or the count moved (full run), or always (incremental run: every write
 *            path rescores the customers it touched)
 *   tiers    customers.tier kept in sync (rows whose tier moved, decay included), by key
 *   history  score_history upserted for the day where the level or the tier moved
 */
export type RecomputeScope = { kind: 'all' } | { kind: 'customers'; ids: readonly string[] };

export interface RecomputeParams {
	now: Date;
	/** Amsterdam calendar day of `now` for score_history. */
	day: string;
	weights: ScoreWeights;
	tiers: TierThresholds;
}

/** Levels closer than this are the same level (floating-point noise between two moments). */
export const LEVEL_TOLERANCE = 1e-9;

const f8 = (n: number) => sql`${String(n)}::float8`;
const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

function idList(ids: readonly string[]): SQL {
	return sql.join(
		ids.map((id) => sql`${id}::uuid`),
		sql`, `
	);
}

export function recomputeStatement(scope: RecomputeScope, p: RecomputeParams): SQL {
	const { weights: w, tiers: t } = p;
	const all = scope.kind === 'all';
	const only = (column: SQL) => (all ? sql`true` : sql`${column} in (${idList(scope.ids)})`);
	const now = ts(p.now);
	const thenDate = new Date(p.now.getTime() - EMERGING.windowDays * DAY_MS);
	const then = ts(thenDate);
	const quietBefore = ts(new Date(p.now.getTime() - SLIPPING.quietDays * DAY_MS));
	// (t − epoch) / halfLife, for the levels of now and of 30 days ago.
	const shiftNow = f8((p.now.getTime() - LEVEL_EPOCH_MS) / DAY_MS / w.halfLifeDays);
	const shiftThen = f8((thenDate.getTime() - LEVEL_EPOCH_MS) / DAY_MS / w.halfLifeDays);
	const gifted = sql.join(
		giftedStatuses.map((s) => sql`${s}::surprise_status`),
		sql`, `
	);
	const sentimentWeight = sql`(case r.sentiment when 'positive' then ${f8(w.sentiment.positive)} when 'neutral' then ${f8(w.sentiment.neutral)} else ${f8(w.sentiment.negative)} end)`;
	const kindWeight = sql`(case r.kind when 'post' then ${f8(w.kind.post)} when 'review' then ${f8(w.kind.review)} when 'photo_video' then ${f8(w.kind.photo_video)} when 'comment' then ${f8(w.kind.comment)} else ${f8(w.kind.share)} end)`;
	const isGift = sql`(r.surprise_id is not null or coalesce(r.posted_at <@ g.windows, false))`;
	const spontaneity = sql`(case when ${isGift} then 1::float8 else ${f8(w.spontaneity)} end)`;
	const reach = sql`least(${f8(w.reachCap)}, 1 + log(1 + r.followers::float8) / ${f8(w.reachDivisor)})`;
	// date_part returns float8; extract() returns numeric since PostgreSQL 14 (slow per row).
	// 0 beyond 1,000 half-lives (below 1e−301): PostgreSQL raises an error where a float8 underflows.
	const decayNow = sql`(case when greatest(0::float8, ${f8(p.now.getTime() / 1000)} - date_part('epoch', r.posted_at)) / ${f8(86400 * w.halfLifeDays)} > 1000 then 0::float8 else power(0.5::float8, greatest(0::float8, ${f8(p.now.getTime() / 1000)} - date_part('epoch', r.posted_at)) / ${f8(86400 * w.halfLifeDays)}) end)`;
	const tierOf = (score: SQL) =>
		sql`(case when ${score} >= ${f8(t.ambassador)} then 'ambassador' when ${score} >= ${f8(t.advocate)} then 'advocate' when ${score} >= ${f8(t.supporter)} then 'supporter' when ${score} >= ${f8(t.fan)} then 'fan' else 'none' end)::tier`;
	const levelOf = (score: SQL, shift: SQL) =>
		sql`(case when ${score} > 0 then ln(${score}) / ln(2::float8) + ${shift} end)`;
	// Never null: a null here would read as "unchanged" in a WHERE and as neither in a CASE.
	const moved = (a: SQL, b: SQL) =>
		sql`(case when ${a} is null or ${b} is null then (${a} is null) <> (${b} is null) else abs(${a} - ${b}) > ${f8(LEVEL_TOLERANCE)} end)`;

	// Gift windows of the customers in scope: one multirange per customer (approval → arrival + window).
	const giftWindows = (where: SQL) => sql`
    select s.customer_id,
           range_agg(tstzrange(s.approved_at, coalesce(s.delivered_at, s.shipped_at, s.approved_at) + ${String(w.giftWindowDays)}::int * interval '1 day', '[]')) as windows
    from surprises s
    where s.approved_at is not null and s.status in (${gifted}) and ${where}
    group by s.customer_id`;
	// A reaction's full contribution now without the spontaneity factor (sentiment × kind × reach ×
	// decay): only for the few rows the stored term does not cover (dated after now, where the decay
	// is clamped at 1, or without a stored term; see rest). The decay as one exp():
	// 0.5^(age / halfLife) = e^(−age · ln 2 / halfLife), age clamped at 0; 0 below e^−700 (PostgreSQL
	// raises an error where a float8 underflows; the difference is below 1e−300).
	const decayExponent = sql`(least(0::float8, date_part('epoch', r.posted_at) - ${f8(p.now.getTime() / 1000)}) * ${f8(Math.LN2 / (86400 * w.halfLifeDays))})`;
	const decaySum = sql`(case when ${decayExponent} < -700 then 0::float8 else exp(${decayExponent}) end)`;
	const plain = sql`${sentimentWeight} * ${kindWeight} * ${reach} * ${decaySum}`;
	const beforeFactor = f8(Math.pow(2, EMERGING.windowDays / w.halfLifeDays));
	const spont = f8(w.spontaneity);
	// A sum of terms at a moment: mass × 2^−shift, by logarithms so that neither factor can overflow
	// or underflow on its own (PostgreSQL raises an error on either); below e^−700 it is 0.
	const atShift = (mass: SQL, shift: number) => {
		const s = f8(shift * Math.LN2);
		return sql`(case when coalesce(${mass}, 0) = 0 then 0::float8 when ln(abs(${mass})) - ${s} < -700 then 0::float8 else sign(${mass}) * exp(ln(abs(${mass})) - ${s}) end)`;
	};
	const shiftNowN = (p.now.getTime() - LEVEL_EPOCH_MS) / DAY_MS / w.halfLifeDays;
	const shiftThenN = (thenDate.getTime() - LEVEL_EPOCH_MS) / DAY_MS / w.halfLifeDays;

	return sql`
with agg as (
  -- Every reaction once, no join, streamed in customer order from reactions_score_idx (customer_id)
  -- INCLUDE (posted_at, score_mass), index-only, into a sorted aggregate, like a bare count per
  -- customer: the count, the sum of every stored term and of those posted by 30 days ago. Decay is
  -- factored out of the sum: each reaction's stored term (score_mass) is summed as it is, and the
  -- sum is moved to now once per customer (flagged). Still every reaction read and summed: no
  -- result is cached. The sum of every term stands for the sum of those posted by now except for
  -- customers with a reaction dated after now (see rest, and the mass in flagged).
  -- The incremental run also takes the last change (the full run keeps the stored one).
  select r.customer_id,
         sum(r.score_mass) as a_mass_all,
         sum(r.score_mass) filter (where r.posted_at <= ${then}) as a_mass_before,
         count(*)::int as n${
						all
							? sql``
							: sql`,
         max(r.updated_at) as last_change`
					}
  from reactions r
  where ${only(sql`r.customer_id`)}
  group by r.customer_id
),
rest as (
  -- The reactions the stored terms do not cover, each computed in full with its spontaneity: dated
  -- after now (a reaction from the future counts in full: decay clamped at 1) or without a stored
  -- term. Few rows, found by index (reactions_posted_idx, reactions_mass_missing_idx).
  select r.customer_id,
         sum(${plain} * (case when r.surprise_id is not null or coalesce(r.posted_at <@ g.windows, false) then 1::float8 else ${spont} end)) as rest,
         sum(${plain} * (case when r.surprise_id is not null or coalesce(r.posted_at <@ g.windows, false) then 1::float8 else ${spont} end))
           filter (where r.posted_at <= ${then}) as rest_before,
         bool_or(r.posted_at > ${now}) as has_future
  from reactions r
  left join lateral (${giftWindows(sql`s.customer_id = r.customer_id`)}) g on true
  where (r.posted_at > ${now} or r.score_mass is null) and ${only(sql`r.customer_id`)}
  group by r.customer_id
),
flagged as (
  -- One row per customer in scope, every column computed once (offset 0 keeps each level from being
  -- inlined into the next, where every use of a column would repeat the expression beneath it).
  -- The full recompute keeps only the rows with something to write: time passing alone moves no
  -- level, so a nightly run writes little.
  select y.*
  from (
    select z.*,
           case when z.emerging then coalesce(z.prev_emerging, ${now}) end as emerging_since,
           case when z.advocate_since is not null and greatest(z.advocate_since, coalesce(z.last_positive_at, '-infinity'::timestamptz)) < ${quietBefore}
                then coalesce(z.prev_slipping, ${now}) end as slipping_since,
           ${moved(sql`z.level`, sql`z.prev_level`)} as level_moved,
           ${
							all
								? sql`(not z.had_row or ${moved(sql`z.level`, sql`z.prev_level`)} or z.reaction_count is distinct from z.prev_n)`
								: sql`true`
						} as rebuild
    from (
      select v.*, ${tierOf(sql`v.score`)} as tier,
             ${levelOf(sql`v.score`, shiftNow)} as level,
             ${levelOf(sql`v.score_before`, shiftThen)} as level_before,
             case when v.reaction_count = 0 then null
                  else coalesce(v.prev_advocate, case when v.score >= ${f8(t.advocate)} then ${now} end) end as advocate_since,
             (v.score < ${f8(t.ambassador)} and v.score - v.score_before >= ${f8(EMERGING.minPoints)}
              and v.score >= ${f8(1 + EMERGING.minRise)} * v.score_before) as emerging
      from (
        -- The sums moved to now (and to 30 days ago) once per customer.
        select u.*,
               case when u.excluded then 0::float8
                    else greatest(0::float8, ${atShift(sql`u.mass`, shiftNowN)} + u.rest) end as score,
               case when u.excluded then 0::float8
                    else greatest(0::float8, ${atShift(sql`u.mass_before`, shiftThenN)} + ${beforeFactor} * u.rest_before) end as score_before
        from (
        select c.id as customer_id, c.tier as customer_tier,
               (c.is_staff or c.opted_out or c.erased_at is not null) as excluded,
               -- The stored terms (spontaneity included) and the few reactions counted in full; staff,
               -- opted-out and erased customers score 0.
               -- The sum of every term, or for a customer with a reaction dated after now those posted
               -- by now, by index (a subquery run only for them).
               case when x.has_future then (select sum(r.score_mass) from reactions r where r.customer_id = c.id and r.posted_at <= ${now})
                    else a.a_mass_all end as mass,
               a.a_mass_before as mass_before,
               coalesce(x.rest, 0) as rest,
               coalesce(x.rest_before, 0) as rest_before,
               case when c.is_staff or c.opted_out or c.erased_at is not null then 0 else coalesce(a.n, 0) end as reaction_count,
               -- The last positive reaction, by index (reactions_customer_idx backwards), only where it
               -- may have moved (a subquery run only for them): ${
									all
										? sql`the full run keeps the stored one while the customer has a row
               -- and their reaction count stands (every write rescores its customers, storing it)`
										: sql`every customer of an incremental run`
								}.
               case when c.is_staff or c.opted_out or c.erased_at is not null or a.n is null then null
                    ${all ? sql`when s.customer_id is not null and s.reaction_count = a.n then s.last_positive_at` : sql``}
                    else (select max(r.posted_at) from reactions r where r.customer_id = c.id and r.sentiment = 'positive') end as last_positive_at,
               ${all ? sql`s.last_change_at` : sql`case when c.is_staff or c.opted_out or c.erased_at is not null then null else a.last_change end`} as last_change_at,
               s.customer_id is not null as had_row, s.level as prev_level, s.level_before as prev_level_before,
               s.reaction_count as prev_n, s.gift_count as prev_n_gift, s.last_positive_at as prev_last_positive,
               s.advocate_since as prev_advocate, s.emerging_since as prev_emerging, s.slipping_since as prev_slipping
        from customers c
        left join agg a on a.customer_id = c.id
        left join rest x on x.customer_id = c.id
        left join ambassador_scores s on s.customer_id = c.id
        where ${all ? sql`(a.customer_id is not null or s.customer_id is not null or c.tier <> 'none')` : only(sql`c.id`)}
        offset 0
        ) u
        offset 0
      ) v
      offset 0
    ) z
    offset 0
  ) y
  ${
		all
			? sql`where y.rebuild or y.tier <> y.customer_tier or ${moved(sql`y.level_before`, sql`y.prev_level_before`)}
        or y.last_positive_at is distinct from y.prev_last_positive or y.advocate_since is distinct from y.prev_advocate
        or (y.emerging_since is null) <> (y.prev_emerging is null) or (y.slipping_since is null) <> (y.prev_slipping is null)`
			: sql``
	}
),
changed as (
  -- A row is rewritten when what it stores moved; a tier crossed by decay alone needs no rewrite
  -- (readers take the tier from the level at their moment) but does move customers.tier and history.
  select f.* from flagged f
  where ${
		all
			? sql`f.rebuild or ${moved(sql`f.level_before`, sql`f.prev_level_before`)}
        or f.last_positive_at is distinct from f.prev_last_positive or f.advocate_since is distinct from f.prev_advocate
        or (f.emerging_since is null) <> (f.prev_emerging is null) or (f.slipping_since is null) <> (f.prev_slipping is null)`
			: sql`true`
	}
),
up as (
  insert into ambassador_scores (customer_id, score, tier, components, computed_at, level, level_before, score_before, reaction_count, gift_count,
                                 last_change_at, last_positive_at, advocate_since, emerging_since, slipping_since)
  select ch.customer_id, ch.score, ch.tier,
         case when not ch.rebuild then 'null'::jsonb when ch.reaction_count = 0 then '[]'::jsonb else comp.components end,
         ${now}, ch.level, ch.level_before, ch.score_before, ch.reaction_count,
         case when ch.rebuild then coalesce(comp.gift_count, 0) else ch.prev_n_gift end,
         ch.last_change_at, ch.last_positive_at, ch.advocate_since, ch.emerging_since, ch.slipping_since
  from changed ch
  left join lateral (
    -- Every term of every reaction, by index, only for customers whose reactions or terms changed.
    select jsonb_agg(jsonb_build_object(
             'reactionId', r.id,
             'postedAt', to_char(r.posted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
             'kind', r.kind,
             'sentiment', r.sentiment,
             'followers', r.followers,
             'surpriseId', r.surprise_id,
             'giftTriggered', ${isGift},
             'sentimentWeight', ${sentimentWeight},
             'kindWeight', ${kindWeight},
             'spontaneity', ${spontaneity},
             'decay', ${decayNow},
             'reach', ${reach},
             'contribution', ${sentimentWeight} * ${kindWeight} * ${spontaneity} * ${decayNow} * ${reach}
           )) as components,
           count(*) filter (where ${isGift})::int as gift_count
    from reactions r
    left join (${giftWindows(sql`s.customer_id = ch.customer_id`)}) g on true
    where ch.rebuild and ch.reaction_count > 0 and r.customer_id = ch.customer_id
  ) comp on true
  on conflict (customer_id) do update set
    score = excluded.score, tier = excluded.tier,
    components = case when excluded.components = 'null'::jsonb then ambassador_scores.components else excluded.components end,
    computed_at = excluded.computed_at, level = excluded.level, level_before = excluded.level_before, score_before = excluded.score_before,
    reaction_count = excluded.reaction_count, gift_count = excluded.gift_count, last_change_at = excluded.last_change_at,
    last_positive_at = excluded.last_positive_at, advocate_since = excluded.advocate_since,
    emerging_since = excluded.emerging_since, slipping_since = excluded.slipping_since
  returning 1
),
tiers as (
  -- The few customers whose tier moved, by primary key (two arrays in one order, unnested: the
  -- planner sees a handful of rows, not a join against every customer).
  update customers c set tier = m.tier
  from unnest(array(select f.customer_id from flagged f where f.tier <> f.customer_tier order by f.customer_id),
              array(select f.tier from flagged f where f.tier <> f.customer_tier order by f.customer_id)) as m(customer_id, tier)
  where c.id = m.customer_id
  returning 1
),
history as (
  insert into score_history (customer_id, day, score, tier)
  select f.customer_id, ${p.day}::date, f.score, f.tier from flagged f
  where ${all ? sql`(f.level_moved or f.tier <> f.customer_tier or not f.had_row)` : sql`true`} and (f.score > 0 or f.prev_level is not null)
  on conflict (customer_id, day) do update set score = excluded.score, tier = excluded.tier
  returning 1
)
select (select count(*) from up)::int as scored, (select count(*) from tiers)::int as tier_changes, (select count(*) from history)::int as history_rows`;
}
