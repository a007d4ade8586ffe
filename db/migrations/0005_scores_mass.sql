ALTER TABLE "reactions" ADD COLUMN "score_mass" double precision;
--> statement-breakpoint
-- Each reaction's time-independent score term under the current weights (the stored score_weights
-- setting, else the defaults), as api/src/domain/scores/score-mass.ts computes it:
-- sentiment × kind × reach × 2^((posted_at − 2020-01-01) / halfLifeDays), null beyond 960 half-lives.
UPDATE "reactions" r SET "score_mass" = CASE WHEN abs(m.half_lives) <= 960::float8 THEN
    (CASE r.sentiment WHEN 'positive' THEN m.positive WHEN 'neutral' THEN m.neutral ELSE m.negative END)
  * (CASE r.kind WHEN 'post' THEN m.post WHEN 'review' THEN m.review WHEN 'photo_video' THEN m.photo_video WHEN 'comment' THEN m.comment ELSE m.share END)
  * least(m.reach_cap, 1 + log(1 + r.followers::float8) / m.reach_divisor)
  * power(2::float8, m.half_lives) END
FROM (
  SELECT q.id,
         (w->'sentiment'->>'positive')::float8 AS positive, (w->'sentiment'->>'neutral')::float8 AS neutral, (w->'sentiment'->>'negative')::float8 AS negative,
         (w->'kind'->>'post')::float8 AS post, (w->'kind'->>'review')::float8 AS review, (w->'kind'->>'photo_video')::float8 AS photo_video,
         (w->'kind'->>'comment')::float8 AS comment, (w->'kind'->>'share')::float8 AS share,
         (w->>'reachCap')::float8 AS reach_cap, (w->>'reachDivisor')::float8 AS reach_divisor,
         (date_part('epoch', q.posted_at) - 1577836800::float8) / (86400::float8 * (w->>'halfLifeDays')::float8) AS half_lives
  FROM "reactions" q,
       (SELECT coalesce((SELECT value FROM "settings" WHERE key = 'score_weights'),
                        '{"sentiment":{"positive":1,"neutral":0.2,"negative":-0.5},"kind":{"post":1,"review":1.2,"photo_video":1.5,"comment":0.6,"share":0.4},"halfLifeDays":90,"reachCap":2,"reachDivisor":4}'::jsonb) AS w) s
) m
WHERE m.id = r.id;
--> statement-breakpoint
-- The full recompute sums the stored terms from the index alone (index-only, in customer order):
-- score_mass joins the INCLUDE list; kind and followers leave it (only the few reactions counted in
-- full need them, read from the table). Narrower, so the scan reads fewer pages.
DROP INDEX IF EXISTS "reactions_score_idx";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "reactions_score_idx" ON "reactions" USING btree ("customer_id") INCLUDE ("posted_at", "updated_at", "sentiment", "surprise_id", "score_mass");
--> statement-breakpoint
CREATE INDEX "reactions_mass_missing_idx" ON "reactions" USING btree ("customer_id") WHERE "reactions"."score_mass" is null;
