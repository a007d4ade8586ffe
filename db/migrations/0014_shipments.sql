CREATE TABLE "shipments" (
	"surprise_id" uuid PRIMARY KEY NOT NULL,
	"carrier" text,
	"tracking_number" text,
	"arrival_token_hash" text,
	"emailed_at" timestamp with time zone,
	"delivered_via" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_surprise_id_surprises_id_fk" FOREIGN KEY ("surprise_id") REFERENCES "public"."surprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "shipments_arrival_token_uq" ON "shipments" USING btree ("arrival_token_hash");