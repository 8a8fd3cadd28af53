"use client";
import type { AnswerFields } from "@/lib/validations/vendor";
import { formatDateTime, formatTime } from "@/lib/format";
import { Button } from "@/components/ui/button";
import { changedFields, FIELD_LABELS, type AnswerBackup } from "./answer-backup";

/** Today's backups by the clock, older ones with the date; both in the reader's zone, named. */
function when(at: string, zone: string): string {
  const day = (d: Date | string) => formatDateTime(d, zone).split(",")[0];
  return day(at) === day(new Date()) ? formatTime(at, zone) : formatDateTime(at, zone);
}

/** Offers values a closed tab left in this browser. The live region is always present so the notice is announced when it appears. */
export function BackupNotice({
  backup,
  current,
  label,
  zone,
  onRestore,
  onDiscard,
}: {
  backup: AnswerBackup | null;
  current: AnswerFields;
  label: string;
  /** The reader's IANA time zone (readerTimeZone() on the page). */
  zone: string;
  onRestore: () => void;
  onDiscard: () => void;
}) {
  const changed = backup ? changedFields(backup.fields, current) : [];
  return (
    <div aria-live="polite">
      {backup ? (
        <div role="group" aria-label={`Unsaved changes for ${label}`} className="mt-3 rounded-md border-l-4 border-amber-700 bg-amber-50 p-3 text-sm">
          <p className="font-semibold">Unsaved changes from {when(backup.at, zone)} were found on this device.</p>
          {changed.length ? <p className="mt-1">They differ from the saved answer in: {changed.map((k) => FIELD_LABELS[k]).join(", ")}.</p> : null}
          <p className="mt-1">
            Restore puts them back and saves them; if someone has saved this control since, you will be shown both versions. Discard deletes them from this
            device.
          </p>
          <div className="mt-2 flex flex-wrap gap-2">
            <Button onClick={onRestore}>Restore</Button>
            <Button variant="secondary" onClick={onDiscard}>
              Discard
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
