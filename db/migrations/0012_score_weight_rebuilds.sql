CREATE TABLE "score_weight_rebuilds" (
	"version" integer PRIMARY KEY NOT NULL,
	"weights" jsonb NOT NULL,
	"state" text DEFAULT 'running' NOT NULL,
	"total" integer NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"cursor" uuid,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"error" text,
	"started_by" uuid,
	CONSTRAINT "score_weight_rebuilds_state" CHECK ("score_weight_rebuilds"."state" in ('running', 'finished', 'superseded'))
);
--> statement-breakpoint
ALTER TABLE "reactions" ADD COLUMN "score_mass_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "score_weight_rebuilds" ADD CONSTRAINT "score_weight_rebuilds_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;