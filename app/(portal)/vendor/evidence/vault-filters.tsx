import Link from "next/link";
import { EVIDENCE_KINDS } from "@/lib/catalog/schema";
import { CLASSIFICATIONS, CLASSIFICATION_LABELS, EVIDENCE_KIND_LABELS, EXPIRY_FILTERS, EXPIRY_FILTER_LABELS, type VaultFilter } from "@/lib/validations/vendor";
import { buttonClass } from "@/components/ui/button";

const control = "mt-1 block w-full rounded-md border border-gray-400 bg-white px-3 py-2 text-base";

/** A plain GET form: filters live in the address, so a filtered view can be bookmarked and shared, and works without scripts. */
export function VaultFilters({ filter }: { filter: VaultFilter }) {
  return (
    <form method="get" action="/vendor/evidence" role="search" aria-label="Find evidence" className="mb-4 grid gap-3 rounded-lg border border-gray-300 bg-white p-4 sm:grid-cols-2 lg:grid-cols-6">
      <div className="sm:col-span-2">
        <label htmlFor="vault-q" className="block text-sm font-semibold">Search</label>
        <input id="vault-q" name="q" type="search" defaultValue={filter.q} maxLength={200} placeholder="Title, description or file name" className={control} />
      </div>
      <div>
        <label htmlFor="vault-kind" className="block text-sm font-semibold">Kind</label>
        <select id="vault-kind" name="kind" defaultValue={filter.kind ?? ""} className={control}>
          <option value="">Any kind</option>
          {EVIDENCE_KINDS.map((k) => <option key={k} value={k}>{EVIDENCE_KIND_LABELS[k]}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="vault-expiry" className="block text-sm font-semibold">Validity</label>
        <select id="vault-expiry" name="expiry" defaultValue={filter.expiry ?? ""} className={control}>
          <option value="">Any</option>
          {EXPIRY_FILTERS.map((k) => <option key={k} value={k}>{EXPIRY_FILTER_LABELS[k]}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="vault-classification" className="block text-sm font-semibold">Visibility</label>
        <select id="vault-classification" name="classification" defaultValue={filter.classification ?? ""} className={control}>
          <option value="">Any</option>
          {CLASSIFICATIONS.map((c) => <option key={c} value={c}>{CLASSIFICATION_LABELS[c]}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="vault-status" className="block text-sm font-semibold">Status</label>
        <select id="vault-status" name="status" defaultValue={filter.status} className={control}>
          <option value="active">Current</option>
          <option value="retired">Retired</option>
          <option value="all">Current and retired</option>
        </select>
      </div>
      <div className="flex flex-wrap items-end gap-2 sm:col-span-2 lg:col-span-6">
        <button type="submit" className={buttonClass()}>Show matching evidence</button>
        <Link href="/vendor/evidence" className={buttonClass("secondary")}>Clear filters</Link>
      </div>
    </form>
  );
}
