ALTER TABLE "draws" ALTER COLUMN "result" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "draws" ADD COLUMN "status" text DEFAULT 'prepared' NOT NULL;--> statement-breakpoint
ALTER TABLE "draws" ADD COLUMN "record" jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "draws" ADD COLUMN "eligibility" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "draws" ADD COLUMN "drawn_by" uuid;--> statement-breakpoint
ALTER TABLE "draws" ADD COLUMN "drawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "draws" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "draws" ADD COLUMN "cancel_reason" text;--> statement-breakpoint
ALTER TABLE "draws" ADD CONSTRAINT "draws_drawn_by_users_id_fk" FOREIGN KEY ("drawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "draws_campaign_idx" ON "draws" USING btree ("campaign_id","created_at");