CREATE TABLE "report_figures" (
	"framework_version_id" uuid NOT NULL,
	"period" text NOT NULL,
	"result" text NOT NULL,
	"reports" integer DEFAULT 0 NOT NULL,
	"overall_sum" numeric DEFAULT '0' NOT NULL,
	"content_releases" integer DEFAULT 0 NOT NULL,
	"content_canary_staged" integer DEFAULT 0 NOT NULL,
	"content_vendors" integer DEFAULT 0 NOT NULL,
	"staged_vendors" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_figures_framework_version_id_period_result_pk" PRIMARY KEY("framework_version_id","period","result")
);
--> statement-breakpoint
CREATE TABLE "report_open_item_days" (
	"framework_version_id" uuid NOT NULL,
	"period" text NOT NULL,
	"result" text NOT NULL,
	"due_date" date NOT NULL,
	"open_items" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_open_item_days_framework_version_id_period_result_due_date_pk" PRIMARY KEY("framework_version_id","period","result","due_date")
);
--> statement-breakpoint
CREATE TABLE "report_vendor_figures" (
	"framework_version_id" uuid NOT NULL,
	"period" text NOT NULL,
	"result" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"content_reports" integer DEFAULT 0 NOT NULL,
	"staged_reports" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_vendor_figures_framework_version_id_period_result_organisation_id_pk" PRIMARY KEY("framework_version_id","period","result","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "report_versions" (
	"framework_version_id" uuid PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"latest_published_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "remediation_items" ADD COLUMN "report_framework_version_id" uuid;--> statement-breakpoint
ALTER TABLE "remediation_items" ADD COLUMN "report_period" text;--> statement-breakpoint
ALTER TABLE "remediation_items" ADD COLUMN "report_result" text;--> statement-breakpoint
ALTER TABLE "report_figures" ADD CONSTRAINT "report_figures_framework_version_id_framework_versions_id_fk" FOREIGN KEY ("framework_version_id") REFERENCES "public"."framework_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_framework_version_id_framework_versions_id_fk" FOREIGN KEY ("framework_version_id") REFERENCES "public"."framework_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "remediation_items_report_due_idx" ON "remediation_items" USING btree ("report_framework_version_id","report_period","due_date") WHERE "remediation_items"."status" = 'open' and "remediation_items"."report_framework_version_id" is not null;--> statement-breakpoint
CREATE INDEX "remediation_items_report_all_due_idx" ON "remediation_items" USING btree ("report_framework_version_id","due_date") WHERE "remediation_items"."status" = 'open' and "remediation_items"."report_framework_version_id" is not null;--> statement-breakpoint
-- The dashboard's figures (/reports), kept as reports are published and superseded and as
-- remediation items open and close, whatever writes the rows (the portal, seed:scale's COPY,
-- tests). Every count is of current reports (not superseded). See db/schema/reports.ts.
CREATE OR REPLACE FUNCTION ringfence_report_period(p_start date, p_end date) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT to_char(p_start, 'YYYY-MM-DD') || '_' || to_char(p_end, 'YYYY-MM-DD') $$;
--> statement-breakpoint
-- Adds (p_delta 1) or removes (-1) one current report in the four rows it counts in: its period
-- and all periods, its result and all results. A vendor is counted once per row however many of
-- its reports qualify: report_vendor_figures counts them, and the vendor counts change only
-- when a vendor's count moves between zero and one (the upsert's row lock serialises this).
CREATE OR REPLACE FUNCTION ringfence_report_figures_apply(r published_reports, p_delta integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_period text;
  v_result text;
  v_content integer := CASE WHEN r.content_releases > 0 THEN 1 ELSE 0 END;
  v_staged integer := CASE WHEN r.content_releases > 0 AND r.content_canary_staged = r.content_releases THEN 1 ELSE 0 END;
  v_content_now integer;
  v_staged_now integer;
  v_content_vendors integer;
  v_staged_vendors integer;
BEGIN
  FOREACH v_period IN ARRAY ARRAY[ringfence_report_period(r.period_start, r.period_end), ''] LOOP
    FOREACH v_result IN ARRAY ARRAY[r.result, ''] LOOP
      v_content_vendors := 0;
      v_staged_vendors := 0;
      IF v_content = 1 THEN
        INSERT INTO report_vendor_figures AS v (framework_version_id, period, result, organisation_id, content_reports, staged_reports)
        VALUES (r.framework_version_id, v_period, v_result, r.organisation_id, p_delta, p_delta * v_staged)
        ON CONFLICT (framework_version_id, period, result, organisation_id) DO UPDATE
          SET content_reports = v.content_reports + EXCLUDED.content_reports, staged_reports = v.staged_reports + EXCLUDED.staged_reports
        RETURNING v.content_reports, v.staged_reports INTO v_content_now, v_staged_now;
        v_content_vendors := (v_content_now > 0)::integer - (v_content_now - p_delta > 0)::integer;
        v_staged_vendors := (v_staged_now > 0)::integer - (v_staged_now - p_delta * v_staged > 0)::integer;
      END IF;
      INSERT INTO report_figures AS f (framework_version_id, period, result, reports, overall_sum, content_releases, content_canary_staged, content_vendors, staged_vendors)
      VALUES (r.framework_version_id, v_period, v_result, p_delta, p_delta * r.overall, p_delta * r.content_releases, p_delta * r.content_canary_staged, v_content_vendors, v_staged_vendors)
      ON CONFLICT (framework_version_id, period, result) DO UPDATE SET
        reports = f.reports + EXCLUDED.reports,
        overall_sum = f.overall_sum + EXCLUDED.overall_sum,
        content_releases = f.content_releases + EXCLUDED.content_releases,
        content_canary_staged = f.content_canary_staged + EXCLUDED.content_canary_staged,
        content_vendors = f.content_vendors + EXCLUDED.content_vendors,
        staged_vendors = f.staged_vendors + EXCLUDED.staged_vendors;
    END LOOP;
  END LOOP;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ringfence_report_figures() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- A bulk load (seed:scale) sets this for its own transactions and rebuilds the figures at the end (db/derived.ts).
  IF current_setting('ringfence.bulk_load', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO report_versions AS v (framework_version_id, label, latest_published_at)
    VALUES (NEW.framework_version_id, NEW.framework_label, NEW.published_at)
    ON CONFLICT (framework_version_id) DO UPDATE SET
      label = CASE WHEN EXCLUDED.latest_published_at >= v.latest_published_at THEN EXCLUDED.label ELSE v.label END,
      latest_published_at = greatest(v.latest_published_at, EXCLUDED.latest_published_at);
    IF NEW.superseded_by IS NULL THEN
      PERFORM ringfence_report_figures_apply(NEW, 1);
      UPDATE remediation_items SET
        report_framework_version_id = NEW.framework_version_id,
        report_period = ringfence_report_period(NEW.period_start, NEW.period_end),
        report_result = NEW.result
      WHERE decision_id IN (SELECT d.id FROM review_decisions d WHERE d.attestation_id = NEW.attestation_id);
    END IF;
  ELSIF OLD.superseded_by IS NULL AND NEW.superseded_by IS NOT NULL THEN
    PERFORM ringfence_report_figures_apply(OLD, -1);
    UPDATE remediation_items SET report_framework_version_id = NULL, report_period = NULL, report_result = NULL
    WHERE decision_id IN (SELECT d.id FROM review_decisions d WHERE d.attestation_id = OLD.attestation_id);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER published_reports_figures AFTER INSERT OR UPDATE OF superseded_by ON published_reports
FOR EACH ROW EXECUTE FUNCTION ringfence_report_figures();
--> statement-breakpoint
-- An item written directly (not by the trigger above) takes its current report's columns.
CREATE OR REPLACE FUNCTION ringfence_item_report_columns() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('ringfence.bulk_load', true) = 'on' THEN RETURN NEW; END IF;
  NEW.report_framework_version_id := NULL;
  NEW.report_period := NULL;
  NEW.report_result := NULL;
  SELECT r.framework_version_id, ringfence_report_period(r.period_start, r.period_end), r.result
  INTO NEW.report_framework_version_id, NEW.report_period, NEW.report_result
  FROM review_decisions d JOIN published_reports r ON r.attestation_id = d.attestation_id AND r.superseded_by IS NULL
  WHERE d.id = NEW.decision_id;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER remediation_items_report_columns BEFORE INSERT OR UPDATE OF decision_id, report_framework_version_id, report_period, report_result ON remediation_items
FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION ringfence_item_report_columns();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ringfence_item_open_days() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('ringfence.bulk_load', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'open' AND OLD.report_framework_version_id IS NOT NULL THEN
    UPDATE report_open_item_days SET open_items = open_items - 1
    WHERE framework_version_id = OLD.report_framework_version_id AND period = OLD.report_period AND result = OLD.report_result AND due_date = OLD.due_date;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'open' AND NEW.report_framework_version_id IS NOT NULL THEN
    INSERT INTO report_open_item_days AS d (framework_version_id, period, result, due_date, open_items)
    VALUES (NEW.report_framework_version_id, NEW.report_period, NEW.report_result, NEW.due_date, 1)
    ON CONFLICT (framework_version_id, period, result, due_date) DO UPDATE SET open_items = d.open_items + 1;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER remediation_items_open_days AFTER INSERT OR DELETE OR UPDATE OF status, due_date, report_framework_version_id, report_period, report_result ON remediation_items
FOR EACH ROW EXECUTE FUNCTION ringfence_item_open_days();
--> statement-breakpoint
-- What is already there, set-based (the triggers count from now on).
INSERT INTO report_versions (framework_version_id, label, latest_published_at)
SELECT DISTINCT ON (framework_version_id) framework_version_id, framework_label, max(published_at) OVER (PARTITION BY framework_version_id)
FROM published_reports ORDER BY framework_version_id, published_at DESC;
--> statement-breakpoint
INSERT INTO report_vendor_figures (framework_version_id, period, result, organisation_id, content_reports, staged_reports)
SELECT r.framework_version_id, p.period, x.result, r.organisation_id,
       count(*)::integer,
       count(*) FILTER (WHERE r.content_canary_staged = r.content_releases)::integer
FROM published_reports r
CROSS JOIN LATERAL (VALUES (ringfence_report_period(r.period_start, r.period_end)), ('')) AS p(period)
CROSS JOIN LATERAL (VALUES (r.result), ('')) AS x(result)
WHERE r.superseded_by IS NULL AND r.content_releases > 0
GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
INSERT INTO report_figures (framework_version_id, period, result, reports, overall_sum, content_releases, content_canary_staged, content_vendors, staged_vendors)
SELECT r.framework_version_id, p.period, x.result, count(*)::integer, sum(r.overall), sum(r.content_releases)::integer, sum(r.content_canary_staged)::integer,
       (SELECT count(*) FROM report_vendor_figures v WHERE v.framework_version_id = r.framework_version_id AND v.period = p.period AND v.result = x.result AND v.content_reports > 0)::integer,
       (SELECT count(*) FROM report_vendor_figures v WHERE v.framework_version_id = r.framework_version_id AND v.period = p.period AND v.result = x.result AND v.staged_reports > 0)::integer
FROM published_reports r
CROSS JOIN LATERAL (VALUES (ringfence_report_period(r.period_start, r.period_end)), ('')) AS p(period)
CROSS JOIN LATERAL (VALUES (r.result), ('')) AS x(result)
WHERE r.superseded_by IS NULL
GROUP BY r.framework_version_id, p.period, x.result;
--> statement-breakpoint
UPDATE remediation_items i SET
  report_framework_version_id = r.framework_version_id,
  report_period = ringfence_report_period(r.period_start, r.period_end),
  report_result = r.result
FROM review_decisions d JOIN published_reports r ON r.attestation_id = d.attestation_id AND r.superseded_by IS NULL
WHERE d.id = i.decision_id;
