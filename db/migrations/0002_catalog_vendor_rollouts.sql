CREATE TYPE "public"."framework_status" AS ENUM('draft', 'published', 'retired');--> statement-breakpoint
CREATE TYPE "public"."attestation_kind" AS ENUM('new', 'revised', 'remediation');--> statement-breakpoint
CREATE TYPE "public"."attestation_status" AS ENUM('draft', 'submitted', 'changes_requested', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."evidence_classification" AS ENUM('reviewers_only', 'publishable');--> statement-breakpoint
CREATE TYPE "public"."implementation_status" AS ENUM('implemented', 'partial', 'planned', 'not_applicable');--> statement-breakpoint
CREATE TYPE "public"."rollout_source" AS ENUM('form', 'upload', 'api');--> statement-breakpoint
CREATE TABLE "catalog_controls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"domain_id" uuid NOT NULL,
	"control_id" text NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"statement" text NOT NULL,
	"vendor_guidance" text DEFAULT '' NOT NULL,
	"reviewer_guidance" text DEFAULT '' NOT NULL,
	"channels" text[] NOT NULL,
	"kernel_only" boolean DEFAULT false NOT NULL,
	"weight" integer DEFAULT 1 NOT NULL,
	"must" boolean DEFAULT false NOT NULL,
	"evidence_kinds" text[] NOT NULL,
	"rubric" jsonb NOT NULL,
	"mappings" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_domains" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"key" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "framework_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"framework_id" uuid NOT NULL,
	"version" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"publisher" text NOT NULL,
	"status" "framework_status" DEFAULT 'draft' NOT NULL,
	"thresholds" jsonb,
	"based_on_version_id" uuid,
	"published_at" timestamp with time zone,
	"retired_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "frameworks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attestation_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"attestation_id" uuid NOT NULL,
	"control_id" uuid NOT NULL,
	"status" "implementation_status",
	"narrative" text DEFAULT '' NOT NULL,
	"maturity" integer,
	"justification" text DEFAULT '' NOT NULL,
	"target_date" date,
	"plan" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attestation_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"attestation_id" uuid NOT NULL,
	"snapshot" jsonb NOT NULL,
	"digest" text NOT NULL,
	"signer_user_id" uuid,
	"signer_name" text NOT NULL,
	"signer_title" text NOT NULL,
	"statement_version" text NOT NULL,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attestations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lineage_id" uuid NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"organisation_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"framework_version_id" uuid NOT NULL,
	"kind" "attestation_kind" NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"status" "attestation_status" DEFAULT 'draft' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "blobs" (
	"sha256" text PRIMARY KEY NOT NULL,
	"size" bigint NOT NULL,
	"mime" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"evidence_date" date,
	"valid_until" date,
	"classification" "evidence_classification" DEFAULT 'reviewers_only' NOT NULL,
	"url" text,
	"blob_sha256" text,
	"file_name" text,
	"rollout_record_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"evidence_id" uuid NOT NULL,
	"attestation_id" uuid NOT NULL,
	"control_id" uuid NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"platforms" text[] NOT NULL,
	"kernel_mode" boolean NOT NULL,
	"channels" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"token_hash" text NOT NULL,
	"scopes" text[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"response_status" integer NOT NULL,
	"response_body" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rollout_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"release_id" text NOT NULL,
	"version" text NOT NULL,
	"channel" text NOT NULL,
	"kernel_mode" boolean NOT NULL,
	"released_at" timestamp with time zone NOT NULL,
	"record" jsonb NOT NULL,
	"framework_version_id" uuid,
	"analysis" jsonb,
	"worst_severity" text,
	"source" "rollout_source" NOT NULL,
	"created_by" uuid,
	"api_token_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "catalog_controls" ADD CONSTRAINT "catalog_controls_version_id_framework_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."framework_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_controls" ADD CONSTRAINT "catalog_controls_domain_id_catalog_domains_id_fk" FOREIGN KEY ("domain_id") REFERENCES "public"."catalog_domains"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_domains" ADD CONSTRAINT "catalog_domains_version_id_framework_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."framework_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_versions" ADD CONSTRAINT "framework_versions_framework_id_frameworks_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."frameworks"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_versions" ADD CONSTRAINT "framework_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attestation_answers" ADD CONSTRAINT "attestation_answers_attestation_id_attestations_id_fk" FOREIGN KEY ("attestation_id") REFERENCES "public"."attestations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attestation_answers" ADD CONSTRAINT "attestation_answers_control_id_catalog_controls_id_fk" FOREIGN KEY ("control_id") REFERENCES "public"."catalog_controls"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attestation_answers" ADD CONSTRAINT "attestation_answers_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attestation_submissions" ADD CONSTRAINT "attestation_submissions_attestation_id_attestations_id_fk" FOREIGN KEY ("attestation_id") REFERENCES "public"."attestations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attestation_submissions" ADD CONSTRAINT "attestation_submissions_signer_user_id_users_id_fk" FOREIGN KEY ("signer_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attestations" ADD CONSTRAINT "attestations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attestations" ADD CONSTRAINT "attestations_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attestations" ADD CONSTRAINT "attestations_framework_version_id_framework_versions_id_fk" FOREIGN KEY ("framework_version_id") REFERENCES "public"."framework_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attestations" ADD CONSTRAINT "attestations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_blob_sha256_blobs_sha256_fk" FOREIGN KEY ("blob_sha256") REFERENCES "public"."blobs"("sha256") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_links" ADD CONSTRAINT "evidence_links_evidence_id_evidence_items_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence_items"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_links" ADD CONSTRAINT "evidence_links_attestation_id_attestations_id_fk" FOREIGN KEY ("attestation_id") REFERENCES "public"."attestations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_links" ADD CONSTRAINT "evidence_links_control_id_catalog_controls_id_fk" FOREIGN KEY ("control_id") REFERENCES "public"."catalog_controls"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_links" ADD CONSTRAINT "evidence_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollout_records" ADD CONSTRAINT "rollout_records_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollout_records" ADD CONSTRAINT "rollout_records_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollout_records" ADD CONSTRAINT "rollout_records_framework_version_id_framework_versions_id_fk" FOREIGN KEY ("framework_version_id") REFERENCES "public"."framework_versions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollout_records" ADD CONSTRAINT "rollout_records_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollout_records" ADD CONSTRAINT "rollout_records_api_token_id_api_tokens_id_fk" FOREIGN KEY ("api_token_id") REFERENCES "public"."api_tokens"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_controls_key" ON "catalog_controls" USING btree ("version_id","control_id");--> statement-breakpoint
CREATE INDEX "catalog_controls_domain_idx" ON "catalog_controls" USING btree ("domain_id");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_domains_key" ON "catalog_domains" USING btree ("version_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "framework_versions_key" ON "framework_versions" USING btree ("framework_id","version");--> statement-breakpoint
CREATE INDEX "framework_versions_status_idx" ON "framework_versions" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "frameworks_slug_key" ON "frameworks" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "attestation_answers_key" ON "attestation_answers" USING btree ("attestation_id","control_id");--> statement-breakpoint
CREATE UNIQUE INDEX "attestation_submissions_key" ON "attestation_submissions" USING btree ("attestation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "attestations_revision_key" ON "attestations" USING btree ("lineage_id","revision");--> statement-breakpoint
CREATE INDEX "attestations_org_idx" ON "attestations" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "evidence_items_org_idx" ON "evidence_items" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "evidence_items_blob_idx" ON "evidence_items" USING btree ("organisation_id","blob_sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "evidence_links_key" ON "evidence_links" USING btree ("evidence_id","attestation_id","control_id");--> statement-breakpoint
CREATE INDEX "evidence_links_attestation_idx" ON "evidence_links" USING btree ("attestation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "products_name_key" ON "products" USING btree ("organisation_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_hash_key" ON "api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "api_tokens_org_idx" ON "api_tokens" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "idempotency_keys_key" ON "idempotency_keys" USING btree ("organisation_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "rollout_records_release_key" ON "rollout_records" USING btree ("product_id","release_id");--> statement-breakpoint
CREATE INDEX "rollout_records_org_idx" ON "rollout_records" USING btree ("organisation_id","released_at");