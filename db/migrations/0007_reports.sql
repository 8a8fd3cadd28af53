CREATE TABLE "published_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"attestation_id" uuid NOT NULL,
	"lineage_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"organisation_id" uuid NOT NULL,
	"vendor_name" text NOT NULL,
	"product_id" uuid NOT NULL,
	"product_name" text NOT NULL,
	"framework_version_id" uuid NOT NULL,
	"framework_label" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"result" text NOT NULL,
	"overall" numeric(4, 2) NOT NULL,
	"domain_scores" jsonb NOT NULL,
	"releases" integer NOT NULL,
	"canary_staged" integer NOT NULL,
	"content_releases" integer NOT NULL,
	"content_canary_staged" integer NOT NULL,
	"submission_digest" text NOT NULL,
	"full_document" jsonb NOT NULL,
	"observer_document" jsonb NOT NULL,
	"full_digest" text NOT NULL,
	"observer_digest" text NOT NULL,
	"public_summary" boolean NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone NOT NULL,
	"superseded_by" uuid,
	"superseded_at" timestamp with time zone,
	CONSTRAINT "published_reports_result_check" CHECK ("published_reports"."result" in ('meets', 'meets_with_conditions', 'does_not_meet')),
	CONSTRAINT "published_reports_superseded_pair" CHECK (("published_reports"."superseded_by" is null) = ("published_reports"."superseded_at" is null)),
	CONSTRAINT "published_reports_canary_check" CHECK ("published_reports"."canary_staged" between 0 and "published_reports"."releases" and "published_reports"."content_canary_staged" between 0 and "published_reports"."content_releases")
);
--> statement-breakpoint
CREATE TABLE "report_preparations" (
	"attestation_id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"vendor_response" text DEFAULT '' NOT NULL,
	"public_summary" boolean DEFAULT false NOT NULL,
	"ready_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_scores" (
	"report_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"control_id" text NOT NULL,
	"control_title" text NOT NULL,
	"domain" text NOT NULL,
	"weight" integer NOT NULL,
	"must" boolean NOT NULL,
	"score" integer NOT NULL,
	CONSTRAINT "report_scores_report_id_position_pk" PRIMARY KEY("report_id","position"),
	CONSTRAINT "report_scores_range_check" CHECK ("report_scores"."score" between 0 and 4)
);
--> statement-breakpoint
ALTER TABLE "published_reports" ADD CONSTRAINT "published_reports_attestation_id_attestations_id_fk" FOREIGN KEY ("attestation_id") REFERENCES "public"."attestations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "published_reports" ADD CONSTRAINT "published_reports_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "published_reports" ADD CONSTRAINT "published_reports_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "published_reports" ADD CONSTRAINT "published_reports_framework_version_id_framework_versions_id_fk" FOREIGN KEY ("framework_version_id") REFERENCES "public"."framework_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "published_reports" ADD CONSTRAINT "published_reports_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_preparations" ADD CONSTRAINT "report_preparations_attestation_id_attestations_id_fk" FOREIGN KEY ("attestation_id") REFERENCES "public"."attestations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_preparations" ADD CONSTRAINT "report_preparations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_preparations" ADD CONSTRAINT "report_preparations_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_scores" ADD CONSTRAINT "report_scores_report_id_published_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."published_reports"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "published_reports_attestation_key" ON "published_reports" USING btree ("attestation_id");--> statement-breakpoint
CREATE INDEX "published_reports_dashboard_idx" ON "published_reports" USING btree ("framework_version_id","period_start","period_end");--> statement-breakpoint
CREATE INDEX "published_reports_org_idx" ON "published_reports" USING btree ("organisation_id");--> statement-breakpoint
-- A published report is frozen. The only change allowed is marking it
-- superseded, once, by a later report of the same lineage; it is never deleted.
CREATE OR REPLACE FUNCTION ringfence_guard_published_report() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'published report % cannot be deleted', OLD.id USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF OLD.superseded_by IS NOT NULL
     OR NEW.superseded_by IS NULL
     OR (to_jsonb(NEW) - 'superseded_by' - 'superseded_at') IS DISTINCT FROM (to_jsonb(OLD) - 'superseded_by' - 'superseded_at') THEN
    RAISE EXCEPTION 'published report % cannot be changed', OLD.id USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER published_reports_immutable BEFORE UPDATE OR DELETE ON published_reports
FOR EACH ROW EXECUTE FUNCTION ringfence_guard_published_report();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ringfence_guard_report_scores() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'scores of a published report cannot be changed' USING ERRCODE = 'integrity_constraint_violation';
END
$$;
--> statement-breakpoint
CREATE TRIGGER report_scores_immutable BEFORE UPDATE OR DELETE ON report_scores
FOR EACH ROW EXECUTE FUNCTION ringfence_guard_report_scores();
--> statement-breakpoint
-- superseded_by points at the successor report.
ALTER TABLE "published_reports" ADD CONSTRAINT "published_reports_superseded_by_fk" FOREIGN KEY ("superseded_by") REFERENCES "public"."published_reports"("id") ON DELETE restrict;
--> statement-breakpoint
CREATE INDEX "report_scores_control_idx" ON "report_scores" ("control_id");
