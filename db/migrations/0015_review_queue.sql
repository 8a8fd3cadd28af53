ALTER TABLE "panel_members" ADD COLUMN "queue_due_date" date;--> statement-breakpoint
ALTER TABLE "panel_members" ADD COLUMN "queue_closed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "panel_members_queue_idx" ON "panel_members" USING btree ("user_id","queue_closed","queue_due_date","panel_id") WHERE "panel_members"."removed_at" is null;--> statement-breakpoint
-- A reviewer's queue (/review) pages from panel_members_queue_idx, so its cost does not grow with
-- the number of panels a reviewer has sat on. The two columns it orders and splits by are kept here,
-- whatever inserts the rows (the portal, seed:scale's COPY, tests): the panel's due date, and whether
-- the lineage's review is over (its latest submitted revision is published or withdrawn; a vendor's
-- revision after publication opens it again).
CREATE OR REPLACE FUNCTION ringfence_lineage_review_closed(p_lineage uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT coalesce((
    SELECT a.status IN ('published', 'withdrawn') FROM attestations a
    WHERE a.lineage_id = p_lineage AND a.status <> 'draft'
    ORDER BY a.revision DESC LIMIT 1
  ), false)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ringfence_panel_member_queue() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_lineage uuid;
BEGIN
  -- A bulk load (seed:scale) sets this for its own transactions and rebuilds the columns at the end (db/derived.ts).
  IF current_setting('ringfence.bulk_load', true) = 'on' THEN RETURN NEW; END IF;
  SELECT p.due_date, p.lineage_id INTO NEW.queue_due_date, v_lineage FROM review_panels p WHERE p.id = NEW.panel_id;
  NEW.queue_closed := ringfence_lineage_review_closed(v_lineage);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER panel_members_queue BEFORE INSERT OR UPDATE OF panel_id, queue_due_date, queue_closed ON panel_members
FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION ringfence_panel_member_queue();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ringfence_attestation_queue() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- A draft never changes which revision is the latest submitted one.
  IF NEW.status = 'draft' OR current_setting('ringfence.bulk_load', true) = 'on' THEN RETURN NULL; END IF;
  UPDATE panel_members m SET queue_closed = c.closed
  FROM review_panels p, ringfence_lineage_review_closed(NEW.lineage_id) AS c(closed)
  WHERE p.lineage_id = NEW.lineage_id AND m.panel_id = p.id AND m.queue_closed IS DISTINCT FROM c.closed;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER attestations_queue AFTER INSERT OR UPDATE OF status ON attestations
FOR EACH ROW EXECUTE FUNCTION ringfence_attestation_queue();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ringfence_panel_due_date() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('ringfence.bulk_load', true) = 'on' THEN RETURN NULL; END IF;
  UPDATE panel_members SET queue_due_date = NEW.due_date WHERE panel_id = NEW.id AND queue_due_date IS DISTINCT FROM NEW.due_date;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER review_panels_queue AFTER UPDATE OF due_date ON review_panels
FOR EACH ROW EXECUTE FUNCTION ringfence_panel_due_date();
--> statement-breakpoint
UPDATE panel_members m SET queue_due_date = p.due_date, queue_closed = ringfence_lineage_review_closed(p.lineage_id)
FROM review_panels p WHERE p.id = m.panel_id;
