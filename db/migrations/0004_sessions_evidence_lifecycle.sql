CREATE TYPE "public"."evidence_status" AS ENUM('active', 'retired');--> statement-breakpoint
CREATE TABLE "user_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"user_agent" text,
	"client_address" text
);
--> statement-breakpoint
CREATE TABLE "evidence_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"evidence_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"blob_sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_versions_version_check" CHECK ("evidence_versions"."version" >= 1)
);
--> statement-breakpoint
DROP INDEX "evidence_items_org_idx";--> statement-breakpoint
ALTER TABLE "evidence_items" ADD COLUMN "current_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD COLUMN "status" "evidence_status" DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD COLUMN "retired_by" uuid;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD COLUMN "updated_by" uuid;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
-- Existing files become version 1 of their item; files that were given a non-file kind become documents.
UPDATE "evidence_items" SET "current_version" = 1 WHERE "blob_sha256" IS NOT NULL;--> statement-breakpoint
UPDATE "evidence_items" SET "kind" = 'document' WHERE "blob_sha256" IS NOT NULL AND "kind" IN ('url', 'rollout_record');--> statement-breakpoint
INSERT INTO "evidence_versions" ("evidence_id", "version", "blob_sha256", "file_name", "created_by", "created_at")
  SELECT "id", 1, "blob_sha256", coalesce("file_name", 'evidence'), "created_by", "created_at" FROM "evidence_items" WHERE "blob_sha256" IS NOT NULL;--> statement-breakpoint
UPDATE "evidence_items" SET "file_name" = 'evidence' WHERE "blob_sha256" IS NOT NULL AND "file_name" IS NULL;--> statement-breakpoint
ALTER TABLE "user_sessions" ADD CONSTRAINT "user_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_versions" ADD CONSTRAINT "evidence_versions_evidence_id_evidence_items_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_versions" ADD CONSTRAINT "evidence_versions_blob_sha256_blobs_sha256_fk" FOREIGN KEY ("blob_sha256") REFERENCES "public"."blobs"("sha256") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_versions" ADD CONSTRAINT "evidence_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "user_sessions_user_idx" ON "user_sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "evidence_versions_key" ON "evidence_versions" USING btree ("evidence_id","version");--> statement-breakpoint
CREATE INDEX "evidence_versions_blob_idx" ON "evidence_versions" USING btree ("blob_sha256");--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_rollout_record_id_rollout_records_id_fk" FOREIGN KEY ("rollout_record_id") REFERENCES "public"."rollout_records"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_retired_by_users_id_fk" FOREIGN KEY ("retired_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "evidence_items_rollout_key" ON "evidence_items" USING btree ("organisation_id","rollout_record_id");--> statement-breakpoint
CREATE INDEX "evidence_items_org_idx" ON "evidence_items" USING btree ("organisation_id","created_at");--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_kind_check" CHECK ("evidence_items"."kind" in ('document', 'test_report', 'rollout_record', 'telemetry_export', 'third_party_assessment', 'attestation_letter', 'url'));--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_source_check" CHECK (num_nonnulls("evidence_items"."url", "evidence_items"."blob_sha256", "evidence_items"."rollout_record_id") = 1
        and ("evidence_items"."kind" <> 'url' or "evidence_items"."url" is not null)
        and (("evidence_items"."kind" = 'rollout_record') = ("evidence_items"."rollout_record_id" is not null))
        and ("evidence_items"."blob_sha256" is null or ("evidence_items"."kind" not in ('url', 'rollout_record') and "evidence_items"."file_name" is not null and "evidence_items"."current_version" >= 1)));--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_retired_check" CHECK (("evidence_items"."status" = 'retired') = ("evidence_items"."retired_at" is not null));