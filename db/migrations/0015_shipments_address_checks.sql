CREATE TABLE "shipments" (
	"surprise_id" uuid PRIMARY KEY NOT NULL,
	"carrier" text,
	"tracking_number" text,
	"arrival_token_hash" text,
	"emailed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "address_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"surprise_id" uuid NOT NULL,
	"address_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"locale" text DEFAULT 'nl' NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"answer" text,
	"emailed_at" timestamp with time zone,
	"expired_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "address_checks_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_surprise_id_surprises_id_fk" FOREIGN KEY ("surprise_id") REFERENCES "public"."surprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "address_checks" ADD CONSTRAINT "address_checks_surprise_id_surprises_id_fk" FOREIGN KEY ("surprise_id") REFERENCES "public"."surprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "address_checks" ADD CONSTRAINT "address_checks_address_id_addresses_id_fk" FOREIGN KEY ("address_id") REFERENCES "public"."addresses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "address_checks" ADD CONSTRAINT "address_checks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "shipments_arrival_token_uq" ON "shipments" USING btree ("arrival_token_hash");--> statement-breakpoint
CREATE INDEX "address_checks_surprise_idx" ON "address_checks" USING btree ("surprise_id");