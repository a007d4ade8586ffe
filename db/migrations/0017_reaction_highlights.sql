ALTER TABLE "reactions" ADD COLUMN "starred_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reactions" ADD COLUMN "starred_by" uuid;--> statement-breakpoint
ALTER TABLE "reactions" ADD CONSTRAINT "reactions_starred_by_users_id_fk" FOREIGN KEY ("starred_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reactions_starred_idx" ON "reactions" USING btree ("posted_at","id") WHERE "reactions"."starred_at" is not null;