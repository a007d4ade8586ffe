-- Keep ambassador_scores narrow: a customer's components (jsonb, every term of every reaction) are
-- compressed and moved out of line as soon as a row passes 128 bytes, so the nightly recompute,
-- which reads every row's numbers, does not drag the components through the buffer cache.
ALTER TABLE "ambassador_scores" SET (toast_tuple_target = 128);
--> statement-breakpoint
-- Everything the ambassador score reads from a reaction, so a full recompute is an index-only scan
-- in customer order feeding a sorted aggregate (as a bare count per customer is), not a heap scan
-- and a hash. drizzle's index builder has no INCLUDE, hence here.
CREATE INDEX IF NOT EXISTS "reactions_score_idx" ON "reactions" USING btree ("customer_id") INCLUDE ("posted_at", "updated_at", "sentiment", "kind", "followers", "surprise_id");
