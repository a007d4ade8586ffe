-- Each reaction's stored score term now includes its spontaneity (api/src/domain/scores/score-mass.ts):
-- × spontaneity unless gift-triggered (linked to a surprise, or posted inside one of the customer's
-- gift windows: a gifted surprise's approval → its arrival + giftWindowDays). Terms rebuilt under the
-- current weights (the stored score_weights setting, else the defaults).
UPDATE "reactions" r SET "score_mass" = CASE WHEN abs(m.half_lives) <= 960::float8 THEN
    (CASE r.sentiment WHEN 'positive' THEN m.positive WHEN 'neutral' THEN m.neutral ELSE m.negative END)
  * (CASE r.kind WHEN 'post' THEN m.post WHEN 'review' THEN m.review WHEN 'photo_video' THEN m.photo_video WHEN 'comment' THEN m.comment ELSE m.share END)
  * least(m.reach_cap, 1 + log(1 + r.followers::float8) / m.reach_divisor)
  * (CASE WHEN r.surprise_id IS NOT NULL OR EXISTS (
        SELECT 1 FROM "surprises" gs
        WHERE gs.customer_id = r.customer_id AND gs.approved_at IS NOT NULL
          AND gs.status IN ('approved', 'awaiting_address', 'ready', 'printed', 'shipped', 'delivered', 'sent')
          AND r.posted_at >= gs.approved_at
          AND r.posted_at <= coalesce(gs.delivered_at, gs.shipped_at, gs.approved_at) + m.gift_window_days * interval '1 day'
      ) THEN 1::float8 ELSE m.spontaneity END)
  * power(2::float8, m.half_lives) END
FROM (
  SELECT q.id,
         (w->'sentiment'->>'positive')::float8 AS positive, (w->'sentiment'->>'neutral')::float8 AS neutral, (w->'sentiment'->>'negative')::float8 AS negative,
         (w->'kind'->>'post')::float8 AS post, (w->'kind'->>'review')::float8 AS review, (w->'kind'->>'photo_video')::float8 AS photo_video,
         (w->'kind'->>'comment')::float8 AS comment, (w->'kind'->>'share')::float8 AS share,
         (w->>'reachCap')::float8 AS reach_cap, (w->>'reachDivisor')::float8 AS reach_divisor,
         (w->>'spontaneity')::float8 AS spontaneity, (w->>'giftWindowDays')::int AS gift_window_days,
         (date_part('epoch', q.posted_at) - 1577836800::float8) / (86400::float8 * (w->>'halfLifeDays')::float8) AS half_lives
  FROM "reactions" q,
       (SELECT coalesce((SELECT value FROM "settings" WHERE key = 'score_weights'),
                        '{"sentiment":{"positive":1,"neutral":0.2,"negative":-0.5},"kind":{"post":1,"review":1.2,"photo_video":1.5,"comment":0.6,"share":0.4},"spontaneity":1.5,"giftWindowDays":30,"halfLifeDays":90,"reachCap":2,"reachDivisor":4}'::jsonb) AS w) s
) m
WHERE m.id = r.id;
--> statement-breakpoint
-- The full recompute reads the count, the posting time and the term of every reaction in customer
-- order, index-only: nothing else (the last change, the last positive reaction and the gift-triggered
-- part left the full run), so a narrower index with fewer pages to read.
DROP INDEX IF EXISTS "reactions_score_idx";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "reactions_score_idx" ON "reactions" USING btree ("customer_id") INCLUDE ("posted_at", "score_mass");
