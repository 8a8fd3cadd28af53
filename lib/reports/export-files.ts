import "server-only";
import type { DbOrTx } from "@/db/client";
import { auditActor, type Actor } from "@/lib/auth/actor";
import { contentDisposition } from "@/lib/evidence/file-name";
import { getConfig } from "@/lib/config";
import { recordAudit } from "@/lib/server/audit";

/** Where CSV exports run COPY: the PostgreSQL URL, or nothing on PGlite (scoreStream pages then). */
export function copySource(): { copyFrom?: string } {
  const { database } = getConfig();
  return database.kind === "postgres" ? { copyFrom: database.url } : {};
}

export const REPORT_FORMATS = ["pdf", "csv", "json", "oscal-ar", "oscal-poam"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const LIST_FORMATS = ["pdf", "csv", "json"] as const;

const TYPES: Record<ReportFormat, string> = {
  pdf: "application/pdf",
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  "oscal-ar": "application/json; charset=utf-8",
  "oscal-poam": "application/json; charset=utf-8",
};
const EXT: Record<ReportFormat, string> = { pdf: "pdf", csv: "csv", json: "json", "oscal-ar": "assessment-results.json", "oscal-poam": "poam.json" };

const slug = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .toLowerCase()
    .slice(0, 40) || "report";

/** Headers of a download: always an attachment, never cached, named after what it came from. */
export function downloadHeaders(format: ReportFormat, name: string, source: { revision?: number; digest?: string }): Headers {
  const h = new Headers({
    "content-type": TYPES[format],
    "content-disposition": contentDisposition(
      `ringfence-${slug(name)}${source.revision ? `-rev${source.revision}` : ""}${source.digest ? `-${source.digest.slice(0, 12)}` : ""}.${EXT[format]}`,
    ),
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  });
  if (source.revision) h.set("ringfence-report-revision", String(source.revision));
  if (source.digest) h.set("ringfence-report-digest", source.digest);
  return h;
}

/** Every download is in the audit trail: who, which report or filter, which format and edition. */
export async function auditExport(
  db: DbOrTx,
  actor: Actor,
  target: { type: "report" | "report_list"; id?: string },
  details: Record<string, unknown>,
): Promise<void> {
  await recordAudit(db, auditActor(actor), "report.exported", target, details);
}
