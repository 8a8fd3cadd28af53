import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";

type Option = { value: string; label: string };
type Values = { domain: string; channel: string; must: boolean; evidence: string; q: string };

/** A plain GET form: every filtered view has its own link. */
export function ControlFilterForm({
  action,
  values,
  domains,
  channels,
  evidence,
}: {
  action: string;
  values: Values;
  domains: Option[];
  channels: Option[];
  evidence: Option[];
}) {
  return (
    <form method="get" action={action} role="search" aria-label="Filter controls" className="mb-4 rounded-lg border border-gray-300 bg-white p-4">
      <TextField
        id="q"
        name="q"
        type="search"
        label="Search control text"
        hint="Words in the title, statement, guidance or rubric; part of a word also matches."
        defaultValue={values.q}
        maxLength={200}
      />
      <div className="grid gap-x-4 sm:grid-cols-3">
        <SelectField id="domain" name="domain" label="Domain" defaultValue={values.domain}>
          <option value="">All domains</option>
          {domains.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </SelectField>
        <SelectField id="channel" name="channel" label="Update channel" defaultValue={values.channel}>
          <option value="">Any channel</option>
          {channels.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </SelectField>
        <SelectField id="evidence" name="evidence" label="Evidence kind" defaultValue={values.evidence}>
          <option value="">Any evidence</option>
          {evidence.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="mb-4 flex items-center gap-2">
        <input id="must" name="must" type="checkbox" value="1" defaultChecked={values.must} className="h-5 w-5" />
        <label htmlFor="must" className="text-sm font-semibold">
          Must controls only
        </label>
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={buttonClass()}>
          Apply filters
        </button>
        <Link href={action} className={buttonClass("secondary")}>
          Clear
        </Link>
      </div>
    </form>
  );
}
