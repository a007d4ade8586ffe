ALTER TABLE "draws" ADD COLUMN "members" jsonb;--> statement-breakpoint
ALTER TABLE "draws" ADD COLUMN "promotions" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "draws" ADD COLUMN "winner_surprises" jsonb DEFAULT '{}'::jsonb NOT NULL;