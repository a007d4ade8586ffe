DROP INDEX "customers_name_idx";--> statement-breakpoint
DROP INDEX "campaigns_status_idx";--> statement-breakpoint
DROP INDEX "nominations_status_idx";--> statement-breakpoint
DROP INDEX "surprises_status_idx";--> statement-breakpoint
DROP INDEX "surprises_customer_idx";--> statement-breakpoint
DROP INDEX "surprises_campaign_idx";--> statement-breakpoint
DROP INDEX "reactions_posted_idx";--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "name_search" text GENERATED ALWAYS AS (replace(translate(regexp_replace(normalize(lower("name"), NFD), '[\u0300-\u036f]', '', 'g'), 'łøđħıŧ', 'lodhit'), 'ĳ', 'ij')) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "handles" ADD COLUMN "handle_search" text GENERATED ALWAYS AS (replace(translate(regexp_replace(normalize(lower("handle_norm"), NFD), '[\u0300-\u036f]', '', 'g'), 'łøđħıŧ', 'lodhit'), 'ĳ', 'ij')) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "customers_search_idx" ON "customers" USING btree ("name_search","id") WHERE "customers"."erased_at" is null;--> statement-breakpoint
CREATE INDEX "customers_tier_search_idx" ON "customers" USING btree ("tier","name_search","id") WHERE "customers"."erased_at" is null;--> statement-breakpoint
CREATE INDEX "gifts_name_idx" ON "gifts" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "campaigns_created_idx" ON "campaigns" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "nominations_created_idx" ON "nominations" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "nominations_campaign_idx" ON "nominations" USING btree ("campaign_id","created_at","id");--> statement-breakpoint
CREATE INDEX "nominations_nominated_by_idx" ON "nominations" USING btree ("nominated_by","created_at","id");--> statement-breakpoint
CREATE INDEX "surprises_created_idx" ON "surprises" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "surprises_status_due_idx" ON "surprises" USING btree ("status","due_on","id");--> statement-breakpoint
CREATE INDEX "reactions_sentiment_posted_idx" ON "reactions" USING btree ("sentiment","posted_at","id");--> statement-breakpoint
CREATE INDEX "reactions_channel_posted_idx" ON "reactions" USING btree ("channel","posted_at","id");--> statement-breakpoint
CREATE INDEX "reactions_kind_posted_idx" ON "reactions" USING btree ("kind","posted_at","id");--> statement-breakpoint
CREATE INDEX "campaigns_status_idx" ON "campaigns" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "nominations_status_idx" ON "nominations" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "surprises_status_idx" ON "surprises" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "surprises_customer_idx" ON "surprises" USING btree ("customer_id","created_at","id");--> statement-breakpoint
CREATE INDEX "surprises_campaign_idx" ON "surprises" USING btree ("campaign_id","created_at","id");--> statement-breakpoint
CREATE INDEX "reactions_posted_idx" ON "reactions" USING btree ("posted_at","id");--> statement-breakpoint
-- Hand-written from here: drizzle's schema has no extensions and no operator classes.
-- Contains-search (LIKE '%…%') through trigram GIN indexes. pg_trgm is a trusted extension
-- (PostgreSQL ≥ 13: the database owner may create it); PGlite loads it in db/client.ts.
-- No backfill statement is needed: the stored generated columns above are computed for every
-- existing row when they are added.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "customers_name_trgm_idx" ON "customers" USING gin ("name_search" gin_trgm_ops) WITH (fastupdate = off);--> statement-breakpoint
CREATE INDEX "customers_email_trgm_idx" ON "customers" USING gin (lower("email") gin_trgm_ops) WITH (fastupdate = off);--> statement-breakpoint
CREATE INDEX "handles_search_trgm_idx" ON "handles" USING gin ("handle_search" gin_trgm_ops) WITH (fastupdate = off);--> statement-breakpoint
CREATE INDEX "reactions_text_trgm_idx" ON "reactions" USING gin (lower("text") gin_trgm_ops) WITH (fastupdate = off);
