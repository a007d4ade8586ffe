ALTER TYPE "public"."channel" ADD VALUE 'tiktok' BEFORE 'whatsapp';--> statement-breakpoint
ALTER TYPE "public"."channel" ADD VALUE 'youtube' BEFORE 'whatsapp';--> statement-breakpoint
ALTER TABLE "gifts" ADD COLUMN "code_channel" text;--> statement-breakpoint
ALTER TABLE "voucher_codes" ADD COLUMN "pin" text;--> statement-breakpoint
CREATE INDEX "nominations_open_post_idx" ON "nominations" USING btree ("post_url") WHERE "nominations"."status" = 'open';--> statement-breakpoint
-- Hand-written: vouchers that already have a code pool print the code on the card (a voucher's default channel).
UPDATE "gifts" SET "code_channel" = 'card' WHERE "kind" = 'voucher' AND "face_value_cents" IS NULL;
