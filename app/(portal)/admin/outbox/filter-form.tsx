import { OUTBOX_STATUSES, OUTBOX_STATUS_LABELS } from "@/lib/validations/notifications";
import { SelectField } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";

/** A plain GET form: the filter lives in the address, so a filtered view can be bookmarked or shared. */
export function OutboxFilterForm({ status }: { status: string }) {
  return (
    <form method="get" action="/admin/outbox" className="mb-4 flex flex-wrap items-end gap-3">
      <div className="min-w-60">
        <SelectField id="outbox-status" name="status" label="Status" defaultValue={status}>
          <option value="">Every status</option>
          {OUTBOX_STATUSES.map((s) => (
            <option key={s} value={s}>
              {OUTBOX_STATUS_LABELS[s]}
            </option>
          ))}
        </SelectField>
      </div>
      <button type="submit" className={buttonClass("secondary", "mb-4")}>
        Show
      </button>
    </form>
  );
}
