CREATE TABLE "log_checkpoints" (
	"tree_size" bigint PRIMARY KEY NOT NULL,
	"root_hash" text NOT NULL,
	"note" text NOT NULL,
	"key_name" text NOT NULL,
	"previous_size" bigint,
	"consistency_proof" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "log_state" (
	"id" integer PRIMARY KEY NOT NULL,
	"next_seq" bigint NOT NULL,
	CONSTRAINT "log_state_one_row" CHECK ("log_state"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"hits" integer NOT NULL
);
--> statement-breakpoint
-- The old audit table becomes audit_events_legacy; db/migrate.ts appends its rows to the
-- new log (people by id only) and then drops it.
ALTER TABLE "audit_events" RENAME TO "audit_events_legacy";--> statement-breakpoint
ALTER INDEX "audit_events_target_idx" RENAME TO "audit_events_legacy_target_idx";--> statement-breakpoint
ALTER INDEX "audit_events_at_idx" RENAME TO "audit_events_legacy_at_idx";--> statement-breakpoint
ALTER TABLE "audit_events_legacy" RENAME CONSTRAINT "audit_events_pkey" TO "audit_events_legacy_pkey";--> statement-breakpoint
CREATE TABLE "audit_events" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"actor_user_id" uuid,
	"actor_organisation_id" uuid,
	"actor_role" text,
	"client_address" text,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text,
	"details" jsonb NOT NULL,
	"body" text NOT NULL,
	"leaf_hash" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_events_target_idx" ON "audit_events" USING btree ("target_type","target_id","seq");--> statement-breakpoint
CREATE INDEX "audit_events_at_idx" ON "audit_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_events_actor_idx" ON "audit_events" USING btree ("actor_user_id","seq");--> statement-breakpoint
CREATE INDEX "audit_events_org_idx" ON "audit_events" USING btree ("actor_organisation_id","seq");--> statement-breakpoint
CREATE INDEX "audit_events_action_idx" ON "audit_events" USING btree ("action","seq");--> statement-breakpoint
INSERT INTO "log_state" ("id", "next_seq") VALUES (1, 0);--> statement-breakpoint
-- Every token gets an expiry; existing ones keep a year from their creation.
ALTER TABLE "api_tokens" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
UPDATE "api_tokens" SET "expires_at" = "created_at" + interval '365 days';--> statement-breakpoint
ALTER TABLE "api_tokens" ALTER COLUMN "expires_at" SET NOT NULL;--> statement-breakpoint
-- Log rows and checkpoints are append-only, whoever asks. The sequence counter only moves forward by one.
CREATE FUNCTION "log_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the transparency log is append-only: % on % is refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;--> statement-breakpoint
CREATE TRIGGER "audit_events_append_only" BEFORE UPDATE OR DELETE ON "audit_events" FOR EACH ROW EXECUTE FUNCTION "log_refuse_change"();--> statement-breakpoint
CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events" FOR EACH STATEMENT EXECUTE FUNCTION "log_refuse_change"();--> statement-breakpoint
CREATE TRIGGER "log_checkpoints_append_only" BEFORE UPDATE OR DELETE ON "log_checkpoints" FOR EACH ROW EXECUTE FUNCTION "log_refuse_change"();--> statement-breakpoint
CREATE TRIGGER "log_checkpoints_no_truncate" BEFORE TRUNCATE ON "log_checkpoints" FOR EACH STATEMENT EXECUTE FUNCTION "log_refuse_change"();--> statement-breakpoint
CREATE FUNCTION "log_state_forward"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' OR NEW."id" <> OLD."id" OR NEW."next_seq" <> OLD."next_seq" + 1 THEN
    RAISE EXCEPTION 'the log sequence only moves forward by one' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "log_state_forward" BEFORE UPDATE OR DELETE ON "log_state" FOR EACH ROW EXECUTE FUNCTION "log_state_forward"();--> statement-breakpoint
CREATE TRIGGER "log_state_no_truncate" BEFORE TRUNCATE ON "log_state" FOR EACH STATEMENT EXECUTE FUNCTION "log_refuse_change"();--> statement-breakpoint
-- An event must take the sequence number the counter just handed out in this transaction:
-- no gaps, no duplicates, no numbers from the past.
CREATE FUNCTION "audit_events_in_order"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE expected bigint;
BEGIN
  SELECT "next_seq" - 1 INTO expected FROM "log_state" WHERE "id" = 1;
  IF NEW."seq" IS DISTINCT FROM expected THEN
    RAISE EXCEPTION 'log event % is out of order (the counter handed out %)', NEW."seq", expected USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "audit_events_in_order" BEFORE INSERT ON "audit_events" FOR EACH ROW EXECUTE FUNCTION "audit_events_in_order"();
