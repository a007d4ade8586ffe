ALTER TABLE "surprise_events" ADD COLUMN "note_key" text;--> statement-breakpoint
ALTER TABLE "surprise_events" ADD COLUMN "note_params" jsonb;--> statement-breakpoint
-- The notes the system wrote (English or Dutch prose, the demo data's included) become catalogue codes; people's own notes stay as typed.
UPDATE "surprise_events" SET "note_key" = k."key", "note" = '' FROM (VALUES
  ('Digital gift: sent on approval.', 'history_digital_sent_on_approval'),
  ('Digitaal cadeau: verstuurd bij goedkeuring.', 'history_digital_sent_on_approval'),
  ('Address on file.', 'history_address_on_file'),
  ('Adres bekend.', 'history_address_on_file'),
  ('Waiting for the customer to choose a variant.', 'history_waiting_for_variant'),
  ('Wacht tot de klant een variant kiest.', 'history_waiting_for_variant'),
  ('No address on file: send a claim link.', 'history_no_address_send_claim_link'),
  ('Nog geen adres: stuur een adreslink.', 'history_no_address_send_claim_link'),
  ('Address added.', 'history_address_added'),
  ('Adres toegevoegd.', 'history_address_added'),
  ('Address added; waiting for a variant.', 'history_address_added_waiting_for_variant'),
  ('Adres toegevoegd; wacht op de keuze van een variant.', 'history_address_added_waiting_for_variant'),
  ('Adreslink gemaakt.', 'history_claim_link_created'),
  ('Adreslink gemaakt en gemaild.', 'history_claim_link_created_and_emailed'),
  ('Adres ingevuld via de adreslink.', 'history_claim_submitted'),
  ('Kaart erin, porto erop.', 'history_shipped_checklist'),
  ('De adreslink is verlopen zonder dat de klant een adres invulde. De verrassing staat weer klaar voor de hub: stuur een nieuwe link of neem contact op.', 'history_claim_link_expired'),
  ('Automatisch goedgekeurd: binnen de limiet en het budget van de campagne.', 'history_approved_within_limit_and_budget'),
  ('Adreslink verlopen zonder reactie; terug naar goedgekeurd.', 'history_claim_link_expired_back_to_approved'),
  ('Aangemaakt.', 'history_created'),
  ('Adreslink gestuurd via DM.', 'history_claim_link_sent_by_dm')
) AS k("note", "key") WHERE "surprise_events"."note" = k."note" AND "surprise_events"."note_key" IS NULL;
--> statement-breakpoint
UPDATE "surprise_events" SET "note_key" = 'history_claim_submitted_with_choices', "note_params" = jsonb_build_object('variants', (regexp_match("note", '^Adres ingevuld via de adreslink\. Gekozen: (.*)\.$'))[1]), "note" = ''
  WHERE "note_key" IS NULL AND "note" ~ '^Adres ingevuld via de adreslink\. Gekozen: .*\.$';
--> statement-breakpoint
UPDATE "surprise_events" SET "note_key" = 'history_label_printed', "note_params" = jsonb_build_object('template', (regexp_match("note", '^Etiket geprint \((.*)\)\.$'))[1]), "note" = ''
  WHERE "note_key" IS NULL AND "note" ~ '^Etiket geprint \(.*\)\.$';
--> statement-breakpoint
UPDATE "surprise_events" SET "note_key" = 'history_approved_automatically', "note_params" = jsonb_build_object('total', m[1], 'limit', m[2]), "note" = ''
  FROM (SELECT "id" AS "event_id", regexp_match("note", '^Approved automatically: (€ [0-9.,-]+) is within the auto-approve limit of (€ [0-9.,-]+)\.$') AS m FROM "surprise_events") AS a
  WHERE "surprise_events"."id" = a."event_id" AND a.m IS NOT NULL AND "surprise_events"."note_key" IS NULL;
