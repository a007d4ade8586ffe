ALTER TABLE "ambassador_scores" ADD COLUMN "level" double precision;--> statement-breakpoint
ALTER TABLE "ambassador_scores" ADD COLUMN "level_before" double precision;--> statement-breakpoint
ALTER TABLE "ambassador_scores" ADD COLUMN "score_before" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ambassador_scores" ADD COLUMN "reaction_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ambassador_scores" ADD COLUMN "gift_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ambassador_scores" ADD COLUMN "last_change_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "ambassador_scores" ADD COLUMN "last_positive_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "ambassador_scores" ADD COLUMN "advocate_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "ambassador_scores" ADD COLUMN "emerging_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "ambassador_scores" ADD COLUMN "slipping_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reactions" ADD COLUMN "sentiment_basis" jsonb;--> statement-breakpoint
CREATE INDEX "ambassador_scores_rank_idx" ON "ambassador_scores" USING btree ("level","customer_id");--> statement-breakpoint
CREATE INDEX "ambassador_scores_emerging_idx" ON "ambassador_scores" USING btree ("level","customer_id") WHERE "ambassador_scores"."emerging_since" is not null;--> statement-breakpoint
CREATE INDEX "ambassador_scores_slipping_idx" ON "ambassador_scores" USING btree ("level","customer_id") WHERE "ambassador_scores"."slipping_since" is not null;--> statement-breakpoint
CREATE INDEX "reactions_surprise_idx" ON "reactions" USING btree ("surprise_id");