import { recordAudit } from "@/lib/server/audit";
import { auditActor } from "@/lib/auth/actor";
import { getDb } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { exportVersion } from "@/lib/catalog/import-export";
import { getVersionSummary } from "@/lib/catalog/queries";
import { isUuid } from "@/lib/ids";
import { problem, requireApiActor } from "@/lib/server/route-auth";

/** Downloads one catalog version as portal JSON (?format=json, the default) or an OSCAL catalog (?format=oscal). */
export async function GET(request: Request, { params }: { params: Promise<{ versionId: string }> }): Promise<Response> {
  const actor = await requireApiActor("catalog.read");
  if (actor instanceof Response) return actor;
  const { versionId } = await params;
  const format = new URL(request.url).searchParams.get("format") ?? "json";
  if (format !== "json" && format !== "oscal") return problem(400, "Unknown format", "Use format=json or format=oscal.");
  const db = await getDb();
  // Drafts exist only for catalog editors; anyone else is told there is nothing here.
  const visible = isUuid(versionId) && (await getVersionSummary(db, versionId, { includeDrafts: can(actor.role, "catalog.manage") }));
  if (!visible) return problem(404, "Not found", "There is no such catalog version.");
  const file = await exportVersion(db, versionId, format);
  if (!file) return problem(404, "Not found", "There is no such catalog version.");
  await recordAudit(db, auditActor(actor), "catalog.version.exported", { type: "framework_version", id: versionId }, { format });
  return new Response(file.body, {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "no-store",
    },
  });
}
