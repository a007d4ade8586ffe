ALTER TYPE "public"."channel" ADD VALUE 'tiktok' BEFORE 'whatsapp';--> statement-breakpoint
ALTER TYPE "public"."channel" ADD VALUE 'youtube' BEFORE 'whatsapp';--> statement-breakpoint
CREATE INDEX "nominations_open_post_idx" ON "nominations" USING btree ("post_url") WHERE "nominations"."status" = 'open';