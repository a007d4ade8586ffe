import { sql, type SQL } from 'drizzle-orm';
import { DAY_MS, GIFTED_STATUSES, LEVEL_EPOCH_MS } from './score.ts';
import { EMERGING, SLIPPING, type ScoreWeights, type TierThresholds } from './weights.ts';

/**
 * The ambassador score as one set-based statement: score.ts in SQL, term for term. The same text
 * serves the full recompute (every customer; nightly and on demand) and the incremental one (the
 * customers a write touched), so there is one truth; tests hold it equal to scoreCustomer().
 *
 * Data-modifying CTEs, one statement, no loop over reactions:
 *   plain    GROUP BY customer over reactions alone (an index-only scan in customer order): each
 *            reaction's sentiment × kind × reach × decay summed, all and linked to a surprise, now
 *            and 30 days ago; counts, last positive, last change
 *   windowed the same for unlinked reactions inside a gift window (approval → arrival +
 *            giftWindowDays, one tstzmultirange per customer), only for customers who had a surprise
 *   base     score = spontaneity × (all − gift-triggered) + gift-triggered: the per-reaction
 *            definition, summed (a test holds it equal to scoreCustomer())
 *   calc     tier, level (decay factored out, see ambassador_scores), emerging, slipping; staff,
 *            opted-out and erased customers score 0
 *   changed  the full recompute keeps only customers whose level, counts or flags moved: time
 *            passing alone changes no level, so a nightly run writes little; the incremental one
 *            keeps its customers whatever
 *   up       INSERT … ON CONFLICT DO UPDATE into ambassador_scores; components (every term of
 *            every reaction) rebuilt, by index, only where the reactions or their terms changed
 *   tiers    customers.tier kept in sync (rows whose tier moved, decay included)
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
    sql`, `,
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
    GIFTED_STATUSES.map((s) => sql`${s}::surprise_status`),
    sql`, `,
  );
  const sentimentWeight = sql`(case r.sentiment when 'positive' then ${f8(w.sentiment.positive)} when 'neutral' then ${f8(w.sentiment.neutral)} else ${f8(w.sentiment.negative)} end)`;
  const kindWeight = sql`(case r.kind when 'post' then ${f8(w.kind.post)} when 'review' then ${f8(w.kind.review)} when 'photo_video' then ${f8(w.kind.photo_video)} when 'comment' then ${f8(w.kind.comment)} else ${f8(w.kind.share)} end)`;
  const isGift = sql`(r.surprise_id is not null or coalesce(r.posted_at <@ g.windows, false))`;
  const spontaneity = sql`(case when ${isGift} then 1::float8 else ${f8(w.spontaneity)} end)`;
  const reach = sql`least(${f8(w.reachCap)}, 1 + log(1 + r.followers::float8) / ${f8(w.reachDivisor)})`;
  // date_part returns float8; extract() returns numeric since PostgreSQL 14 (slow per row).
  const decayNow = sql`power(0.5::float8, greatest(0::float8, ${f8(p.now.getTime() / 1000)} - date_part('epoch', r.posted_at)) / ${f8(86400 * w.halfLifeDays)})`;
  const tierOf = (score: SQL) =>
    sql`(case when ${score} >= ${f8(t.ambassador)} then 'ambassador' when ${score} >= ${f8(t.advocate)} then 'advocate' when ${score} >= ${f8(t.supporter)} then 'supporter' when ${score} >= ${f8(t.fan)} then 'fan' else 'none' end)::tier`;
  const levelOf = (score: SQL, shift: SQL) => sql`(case when ${score} > 0 then ln(${score}) / ln(2::float8) + ${shift} end)`;
  // Never null: a null here would read as "unchanged" in a WHERE and as neither in a CASE.
  const moved = (a: SQL, b: SQL) => sql`(case when ${a} is null or ${b} is null then (${a} is null) <> (${b} is null) else abs(${a} - ${b}) > ${f8(LEVEL_TOLERANCE)} end)`;

  // Gift windows of the customers in scope: one multirange per customer (approval → arrival + window).
  const giftWindows = (where: SQL) => sql`
    select s.customer_id,
           range_agg(tstzrange(s.approved_at, coalesce(s.delivered_at, s.shipped_at, s.approved_at) + ${String(w.giftWindowDays)}::int * interval '1 day', '[]')) as windows
    from surprises s
    where s.approved_at is not null and s.status in (${gifted}) and ${where}
    group by s.customer_id`;
  /** A reaction's contribution now, without the spontaneity factor (sentiment × kind × reach × decay). */
  const plain = sql`${sentimentWeight} * ${kindWeight} * ${reach} * ${decayNow}`;
  const beforeFactor = f8(Math.pow(2, EMERGING.windowDays / w.halfLifeDays));
  const spont = f8(w.spontaneity);

  return sql`
with plain as (
  -- Every reaction once, no join: its contribution now as if gift-triggered (spontaneity 1). The
  -- score 30 days ago needs no second decay: for a reaction posted by then, its contribution then is
  -- its contribution now × 2^(30 / halfLife). Linked reactions are gift-triggered whatever their date.
  select x.customer_id,
         sum(x.c) as s_all,
         sum(x.c) filter (where x.posted_at <= ${then}) as s_all_before,
         sum(x.c) filter (where x.linked) as s_linked,
         sum(x.c) filter (where x.linked and x.posted_at <= ${then}) as s_linked_before,
         count(*)::int as n,
         (count(*) filter (where x.linked))::int as n_linked,
         max(x.posted_at) filter (where x.positive) as last_positive,
         max(x.updated_at) as last_change
  from (
    select r.customer_id, r.posted_at, r.updated_at, r.sentiment = 'positive' as positive, r.surprise_id is not null as linked, ${plain} as c
    from reactions r
    where ${only(sql`r.customer_id`)}
    -- In customer order: read from reactions_score_idx (index-only) and aggregated as it streams,
    -- like a bare count per customer, instead of a heap scan into a hash table.
    order by r.customer_id
    offset 0
  ) x
  group by x.customer_id
),
windowed as (
  -- Unlinked reactions inside a gift window: only customers who had a surprise, by index.
  select g.customer_id, w.s_window, w.s_window_before, w.n_window
  from (${giftWindows(only(sql`s.customer_id`))}) g
  cross join lateral (
    select sum(x.c) as s_window, sum(x.c) filter (where x.posted_at <= ${then}) as s_window_before, count(*)::int as n_window
    from (
      select r.posted_at, ${plain} as c
      from reactions r
      where r.customer_id = g.customer_id and r.surprise_id is null and r.posted_at <@ g.windows
      offset 0
    ) x
  ) w
),
base as (
  select c.id as customer_id,
         (c.is_staff or c.opted_out or c.erased_at is not null) as excluded,
         c.tier as customer_tier,
         -- spontaneity × (all − gift-triggered) + gift-triggered: the per-reaction definition, summed.
         ${spont} * a.s_all - (${spont} - 1) * (coalesce(a.s_linked, 0) + coalesce(wd.s_window, 0)) as total,
         ${beforeFactor} * (${spont} * coalesce(a.s_all_before, 0) - (${spont} - 1) * (coalesce(a.s_linked_before, 0) + coalesce(wd.s_window_before, 0))) as total_before,
         a.n, coalesce(a.n_linked, 0) + coalesce(wd.n_window, 0) as n_gift, a.last_positive, a.last_change,
         s.customer_id is not null as had_row, s.level as prev_level, s.level_before as prev_level_before,
         s.reaction_count as prev_n, s.gift_count as prev_n_gift, s.last_change_at as prev_last_change, s.last_positive_at as prev_last_positive,
         s.advocate_since as prev_advocate, s.emerging_since as prev_emerging, s.slipping_since as prev_slipping
  from customers c
  left join plain a on a.customer_id = c.id
  left join windowed wd on wd.customer_id = c.id
  left join ambassador_scores s on s.customer_id = c.id
  where ${all ? sql`(a.customer_id is not null or s.customer_id is not null or c.tier <> 'none')` : only(sql`c.id`)}
  -- offset 0 here and below: each level's columns are computed once per row; flattened, every use of
  -- score, tier or level would repeat the whole expression beneath it.
  offset 0
),
scored as (
  select b.*,
         case when b.excluded then 0::float8 else greatest(0::float8, coalesce(b.total, 0)) end as score,
         case when b.excluded then 0::float8 else greatest(0::float8, coalesce(b.total_before, 0)) end as score_before,
         case when b.excluded then 0 else coalesce(b.n, 0) end as reaction_count,
         case when b.excluded then 0 else b.n_gift end as gift_count,
         case when b.excluded then null else b.last_positive end as last_positive_at,
         case when b.excluded then null else b.last_change end as last_change_at
  from base b
  offset 0
),
calc as (
  select x.*, ${tierOf(sql`x.score`)} as tier,
         ${levelOf(sql`x.score`, shiftNow)} as level,
         ${levelOf(sql`x.score_before`, shiftThen)} as level_before,
         case when x.reaction_count = 0 then null
              else coalesce(x.prev_advocate, case when x.score >= ${f8(t.advocate)} then ${now} end) end as advocate_since,
         (x.score < ${f8(t.ambassador)} and x.score - x.score_before >= ${f8(EMERGING.minPoints)}
          and x.score >= ${f8(1 + EMERGING.minRise)} * x.score_before) as emerging
  from scored x
  offset 0
),
flagged as (
  select y.*,
         case when y.emerging then coalesce(y.prev_emerging, ${now}) end as emerging_since,
         case when y.advocate_since is not null and greatest(y.advocate_since, coalesce(y.last_positive_at, '-infinity'::timestamptz)) < ${quietBefore}
              then coalesce(y.prev_slipping, ${now}) end as slipping_since,
         ${moved(sql`y.level`, sql`y.prev_level`)} as level_moved,
         ${
           all
             ? sql`(not y.had_row or ${moved(sql`y.level`, sql`y.prev_level`)} or y.reaction_count is distinct from y.prev_n
                   or y.gift_count is distinct from y.prev_n_gift or y.last_change_at is distinct from y.prev_last_change)`
             : sql`true`
         } as rebuild
  from calc y
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
         ${now}, ch.level, ch.level_before, ch.score_before, ch.reaction_count, ch.gift_count,
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
           )) as components
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
  update customers c set tier = f.tier from flagged f
  where c.id = f.customer_id and f.tier <> f.customer_tier
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
