-- A published or retired framework version is immutable: its domains and
-- controls cannot be added, changed or removed, and the version itself may
-- only move from published to retired. Drafts stay freely editable.
CREATE OR REPLACE FUNCTION ringfence_version_status(v uuid) RETURNS framework_status
LANGUAGE sql STABLE AS $$ SELECT status FROM framework_versions WHERE id = v $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ringfence_guard_catalog_content() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND ringfence_version_status(OLD.version_id) IS DISTINCT FROM 'draft' THEN
    RAISE EXCEPTION 'framework version % is % and cannot be changed', OLD.version_id, ringfence_version_status(OLD.version_id) USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND ringfence_version_status(NEW.version_id) IS DISTINCT FROM 'draft' THEN
    RAISE EXCEPTION 'framework version % is % and cannot be changed', NEW.version_id, ringfence_version_status(NEW.version_id) USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER catalog_controls_immutable BEFORE INSERT OR UPDATE OR DELETE ON catalog_controls
FOR EACH ROW EXECUTE FUNCTION ringfence_guard_catalog_content();
--> statement-breakpoint
CREATE TRIGGER catalog_domains_immutable BEFORE INSERT OR UPDATE OR DELETE ON catalog_domains
FOR EACH ROW EXECUTE FUNCTION ringfence_guard_catalog_content();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ringfence_guard_framework_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'framework version % is % and cannot be deleted', OLD.id, OLD.status USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'retired' THEN
    RAISE EXCEPTION 'framework version % is retired and cannot be changed', OLD.id USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF OLD.status = 'published' AND NOT (
    NEW.status = 'retired'
    AND NEW.framework_id = OLD.framework_id AND NEW.version = OLD.version AND NEW.title = OLD.title
    AND NEW.description = OLD.description AND NEW.publisher = OLD.publisher
    AND NEW.thresholds IS NOT DISTINCT FROM OLD.thresholds AND NEW.published_at IS NOT DISTINCT FROM OLD.published_at
  ) THEN
    RAISE EXCEPTION 'framework version % is published: it can only be retired', OLD.id USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER framework_versions_immutable BEFORE UPDATE OR DELETE ON framework_versions
FOR EACH ROW EXECUTE FUNCTION ringfence_guard_framework_version();
--> statement-breakpoint
-- A signed submission is a record of what was attested: never changed or removed.
CREATE OR REPLACE FUNCTION ringfence_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows cannot be changed or deleted', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
END
$$;
--> statement-breakpoint
CREATE TRIGGER attestation_submissions_immutable BEFORE UPDATE OR DELETE ON attestation_submissions
FOR EACH ROW EXECUTE FUNCTION ringfence_refuse_change();
