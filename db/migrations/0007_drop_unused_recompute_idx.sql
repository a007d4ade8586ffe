-- The full recompute no longer reads ambassador_scores in customer order through this index (since
-- 0006 it takes the primary key and the table, as small as the index); dropped, so every score
-- write maintains one index fewer.
DROP INDEX IF EXISTS "ambassador_scores_recompute_idx";
