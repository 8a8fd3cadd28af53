import Link from "next/link";
import type { ControlRef, FrameworkComparison } from "@/lib/catalog/compare";
import { ScrollRegion } from "@/components/ui/scroll-region";

function show(value: unknown): string {
  if (value === undefined || value === null) return "—";
  if (typeof value === "string") return value === "" ? "(empty)" : value;
  return JSON.stringify(value, null, 1);
}

function RefList({ title, items, versionId }: { title: string; items: ControlRef[]; versionId: string }) {
  return (
    <section aria-labelledby={`h-${title}`} className="mb-6">
      <h2 id={`h-${title}`} className="mb-2 text-lg font-bold">
        {title} ({items.length})
      </h2>
      {items.length === 0 ? (
        <p className="text-sm text-muted">None.</p>
      ) : (
        <ul className="list-disc pl-6">
          {items.map((c) => (
            <li key={c.id}>
              <Link href={`/catalog/${versionId}/controls/${encodeURIComponent(c.id)}`} className="underline">
                {c.id}: {c.title}
              </Link>{" "}
              <span className="text-sm text-muted">({c.domainKey})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function BeforeAfter({ caption, rows }: { caption: string; rows: { label: string; before: unknown; after: unknown }[] }) {
  return (
    <ScrollRegion label={caption} className="rounded-lg border border-gray-300 bg-white">
      <table className="w-full min-w-[36rem] table-fixed text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-gray-100">
          <tr>
            <th scope="col" className="w-32 px-3 py-2 sm:w-40">
              Field
            </th>
            <th scope="col" className="px-3 py-2">
              Before
            </th>
            <th scope="col" className="px-3 py-2">
              After
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} className="border-t border-gray-200 align-top">
              <th scope="row" className="px-3 py-2 font-mono text-xs break-words">
                {r.label}
              </th>
              <td className="bg-red-50 px-3 py-2 break-words whitespace-pre-wrap">{show(r.before)}</td>
              <td className="bg-green-50 px-3 py-2 break-words whitespace-pre-wrap">{show(r.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

export function ComparisonView({
  comparison: c,
  fromLabel,
  toLabel,
  fromId,
  toId,
}: {
  comparison: FrameworkComparison;
  fromLabel: string;
  toLabel: string;
  fromId: string;
  toId: string;
}) {
  return (
    <>
      <p role="status" className="mb-4 font-medium">
        From {fromLabel} to {toLabel}: {c.added.length} added, {c.removed.length} removed, {c.changed.length} changed, {c.unchangedCount} unchanged controls.
      </p>
      <section aria-labelledby="h-framework" className="mb-6">
        <h2 id="h-framework" className="mb-2 text-lg font-bold">
          Framework, domains, thresholds and answer requirements ({c.frameworkChanges.length})
        </h2>
        {c.frameworkChanges.length === 0 ? (
          <p className="text-sm text-muted">No changes.</p>
        ) : (
          <BeforeAfter
            caption="Framework, domain and threshold changes"
            rows={c.frameworkChanges.map((f) => ({
              label: `${f.scope === "domain" ? `domain ${f.key} ` : ""}${f.kind === "changed" ? "" : `${f.kind} `}${f.field}`,
              before: f.before,
              after: f.after,
            }))}
          />
        )}
      </section>
      <RefList title="Added controls" items={c.added} versionId={toId} />
      <RefList title="Removed controls" items={c.removed} versionId={fromId} />
      <section aria-labelledby="h-changed">
        <h2 id="h-changed" className="mb-2 text-lg font-bold">
          Changed controls ({c.changed.length})
        </h2>
        {c.changed.length === 0 ? <p className="text-sm text-muted">None.</p> : null}
        <div className="space-y-4">
          {c.changed.map((ch) => (
            <div key={ch.id}>
              <h3 className="mb-1 font-semibold">
                <Link href={`/catalog/${toId}/controls/${encodeURIComponent(ch.id)}`} className="underline">
                  {ch.id}: {ch.title}
                </Link>
              </h3>
              <BeforeAfter caption={`Changes to ${ch.id}`} rows={ch.fields.map((f) => ({ label: f.field, before: f.before, after: f.after }))} />
            </div>
          ))}
        </div>
      </section>
    </>
  );
}
