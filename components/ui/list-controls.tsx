import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";

export type ListFilter = {
  /** The query parameter, e.g. "status". */
  name: string;
  label: string;
  /** The chosen value; undefined or "" for none. */
  value: string | undefined;
  options: readonly (readonly [value: string, label: string])[];
  /** Text of the "no filter" choice (value ""), e.g. "Any status"; omit when the filter always has a value. */
  anyLabel?: string;
};

type Props = {
  /** Prefix of the fields' ids, unique on the page. */
  id: string;
  /** The list's address (the form's action). */
  action: string;
  /** Names the search landmark, e.g. "Find evidence". */
  label: string;
  q: string;
  searchLabel?: string;
  placeholder?: string;
  filters?: ListFilter[];
  /** Parameters the form does not ask for but must keep (the order, a filter set elsewhere). */
  hidden?: Record<string, string>;
  submitLabel?: string;
  clearHref: string;
  /** Shown under the buttons, e.g. a link that removes a filter set elsewhere. */
  footer?: ReactNode;
};

const control = "mt-1 block w-full rounded-md border border-gray-400 bg-white px-3 py-2 text-base";

/**
 * A list's search and filters as a plain GET form: they live in the address,
 * so a view can be bookmarked and shared, and the form works without scripts.
 * Submitting starts again at page 1; the order and `hidden` parameters are kept.
 */
export function ListControls({
  id,
  action,
  label,
  q,
  searchLabel = "Search",
  placeholder,
  filters = [],
  hidden = {},
  submitLabel = "Search",
  clearHref,
  footer,
}: Props) {
  // Keyed by what it shows, so "Clear" (a client-side navigation) really empties the fields.
  const key = JSON.stringify([q, ...filters.map((f) => f.value ?? "")]);
  return (
    <form
      key={key}
      method="get"
      action={action}
      role="search"
      aria-label={label}
      className="mb-4 grid grid-cols-2 gap-3 rounded-lg border border-gray-300 bg-white p-3 sm:p-4 lg:grid-cols-4"
    >
      <div className="col-span-2 min-w-0">
        <label htmlFor={`${id}-q`} className="block text-sm font-semibold">
          {searchLabel}
        </label>
        <input id={`${id}-q`} name="q" type="search" defaultValue={q} maxLength={200} placeholder={placeholder} className={control} />
      </div>
      {filters.map((f) => (
        <div key={f.name} className="min-w-0">
          <label htmlFor={`${id}-${f.name}`} className="block text-sm font-semibold">
            {f.label}
          </label>
          <select id={`${id}-${f.name}`} name={f.name} defaultValue={f.value ?? ""} className={control}>
            {f.anyLabel !== undefined ? <option value="">{f.anyLabel}</option> : null}
            {f.options.map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </div>
      ))}
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="col-span-2 flex flex-wrap items-center gap-2 lg:col-span-4">
        <button type="submit" className={buttonClass()}>
          {submitLabel}
        </button>
        <Link href={clearHref} className={buttonClass("secondary")}>
          Clear
        </Link>
        {footer}
      </div>
    </form>
  );
}
