-- Which answer fields each implementation status requires becomes part of every catalog
-- version (lib/catalog/answer-requirements.ts), instead of rules hard-coded in the
-- completeness check. The column is NOT NULL on purpose: reading NULL as "the default
-- rules" would let a later change of the code's defaults silently change what a published
-- (immutable) version requires. So every existing version, published and retired ones too,
-- gets DEFAULT_ANSWER_REQUIREMENTS written out here, once. Compared with the old code-only
-- rules, the defaults also require a narrative (except for not applicable) and no longer
-- require evidence for planned controls. Signed submissions are unaffected: they are frozen.
ALTER TABLE "framework_versions" ADD COLUMN "answer_requirements" jsonb;--> statement-breakpoint
-- The 0003 guard refuses any change to a published or retired version. This backfill is the
-- one deliberate exception: the guard is switched off for this statement only, inside the
-- migration's transaction, and switched on again before anything else can run.
ALTER TABLE "framework_versions" DISABLE TRIGGER "framework_versions_immutable";--> statement-breakpoint
UPDATE "framework_versions" SET "answer_requirements" = '{
  "implemented": {"narrative": true, "justification": false, "targetDate": false, "plan": false, "evidence": true},
  "partial": {"narrative": true, "justification": false, "targetDate": true, "plan": true, "evidence": true},
  "planned": {"narrative": true, "justification": false, "targetDate": true, "plan": true, "evidence": false},
  "not_applicable": {"narrative": false, "justification": true, "targetDate": false, "plan": false, "evidence": false}
}'::jsonb;--> statement-breakpoint
ALTER TABLE "framework_versions" ENABLE TRIGGER "framework_versions_immutable";--> statement-breakpoint
ALTER TABLE "framework_versions" ALTER COLUMN "answer_requirements" SET NOT NULL;--> statement-breakpoint
-- From now on the requirements are frozen with the rest of a published version.
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
    AND NEW.answer_requirements IS NOT DISTINCT FROM OLD.answer_requirements
  ) THEN
    RAISE EXCEPTION 'framework version % is published: it can only be retired', OLD.id USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END
$$;
