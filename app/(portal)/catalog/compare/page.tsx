import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { compareFrameworks } from "@/lib/catalog/compare";
import { getVersionSummary, listFrameworkVersions, loadVersionDocument } from "@/lib/catalog/queries";
import { isUuid } from "@/lib/ids";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { ComparisonView } from "./comparison-view";

export const metadata: Metadata = { title: "Compare catalog versions" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function ComparePage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePermission("catalog.read");
  const includeDrafts = can(actor.role, "catalog.manage");
  const sp = await searchParams;
  const from = one(sp.from);
  const to = one(sp.to);
  const db = await getDb();
  const versions = await listFrameworkVersions(db, { includeDrafts });
  const visible = async (id: string) => (isUuid(id) && (await getVersionSummary(db, id, { includeDrafts })) ? loadVersionDocument(db, id) : null);
  const [a, b] = from && to ? await Promise.all([visible(from), visible(to)]) : [null, null];
  const label = (id: string) => {
    const v = versions.find((x) => x.id === id);
    return v ? `${v.title} ${v.version}` : "";
  };

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/catalog" className="underline">
          Catalog
        </Link>
      </nav>
      <PageHeader
        title="Compare catalog versions"
        description="Lists the controls added, removed and changed between two versions, with each changed field before and after."
      />
      <form method="get" action="/catalog/compare" className="mb-6 rounded-lg border border-gray-300 bg-white p-4">
        <div className="grid gap-x-4 sm:grid-cols-2">
          {(["from", "to"] as const).map((name) => (
            <SelectField
              key={name}
              id={name}
              name={name}
              label={name === "from" ? "Earlier version" : "Later version"}
              defaultValue={name === "from" ? from : to}
              required
            >
              <option value="">Choose…</option>
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.title} {v.version} ({v.status})
                </option>
              ))}
            </SelectField>
          ))}
        </div>
        <button type="submit" className={buttonClass()}>
          Compare
        </button>
      </form>
      {!from || !to ? (
        <EmptyState title="Choose two versions to compare" />
      ) : !a || !b ? (
        <EmptyState title="One of these versions does not exist">Choose the versions again from the lists above.</EmptyState>
      ) : (
        <ComparisonView fromLabel={label(from)} toLabel={label(to)} toId={to} fromId={from} comparison={compareFrameworks(a, b)} />
      )}
    </>
  );
}
