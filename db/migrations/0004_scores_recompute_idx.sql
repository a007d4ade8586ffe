-- What the full recompute compares each customer's new score with, in customer order: it merges
-- this index-only scan with the reactions aggregate (reactions_score_idx) instead of reading every
-- row of ambassador_scores and sorting 100,000 of them. drizzle's index builder has no INCLUDE, hence here.
CREATE INDEX IF NOT EXISTS "ambassador_scores_recompute_idx" ON "ambassador_scores" USING btree ("customer_id") INCLUDE ("level", "level_before", "reaction_count", "gift_count", "last_change_at", "last_positive_at", "advocate_since", "emerging_since", "slipping_since");
