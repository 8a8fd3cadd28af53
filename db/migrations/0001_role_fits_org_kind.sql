-- A role must fit its organisation's kind (DOMAIN.md §2). The application checks
-- this too; the trigger keeps any other writer honest.
CREATE OR REPLACE FUNCTION ringfence_role_org_kind(r role) RETURNS org_kind
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE r
    WHEN 'vendor_officer' THEN 'vendor'::org_kind
    WHEN 'vendor_contributor' THEN 'vendor'::org_kind
    WHEN 'platform_reviewer' THEN 'platform'::org_kind
    WHEN 'gov_auditor' THEN 'government'::org_kind
    WHEN 'gov_observer' THEN 'government'::org_kind
    WHEN 'admin' THEN 'operator'::org_kind
  END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ringfence_check_membership() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE k org_kind;
BEGIN
  SELECT kind INTO k FROM organisations WHERE id = NEW.organisation_id;
  IF k IS DISTINCT FROM ringfence_role_org_kind(NEW.role) THEN
    RAISE EXCEPTION 'role % does not fit an organisation of kind %', NEW.role, k USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER memberships_role_fits_org BEFORE INSERT OR UPDATE ON memberships
FOR EACH ROW EXECUTE FUNCTION ringfence_check_membership();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ringfence_check_org_kind_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.kind <> OLD.kind AND EXISTS (SELECT 1 FROM memberships WHERE organisation_id = NEW.id) THEN
    RAISE EXCEPTION 'organisation % has members; its kind cannot change', NEW.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER organisations_kind_locked BEFORE UPDATE ON organisations
FOR EACH ROW EXECUTE FUNCTION ringfence_check_org_kind_change();
