import { MAX_BODY_BYTES } from "@/lib/rollouts/api/request";
import { formatBytes } from "@/lib/format";
import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { describeLimit } from "@/lib/http/rate-limit-policy";
import { listOrgProducts } from "@/lib/rollouts/queries";
import { openApiDocument } from "@/lib/rollouts/openapi";
import { Card, PageHeader } from "@/components/ui/page-header";
import { DataTable } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Rollout API reference" };
export const dynamic = "force-dynamic";

type Param = { name: string; in: string; required?: boolean; description?: string };
type Op = {
  operationId: string;
  summary: string;
  description: string;
  parameters?: Param[];
  requestBody?: { content: Record<string, { example?: unknown }> };
  responses: Record<string, { description: string }>;
};

const PROBLEMS: [string, string][] = [
  ["unauthorized", "401: no token, or an unknown, revoked or expired one (the detail says which it is when the token is expired)."],
  ["forbidden", "403: the token lacks the scope the operation needs."],
  ["rate-limited", "429: over the rate limit of one token, or of all your organisation's tokens together; wait for Retry-After seconds."],
  ["malformed-json", "400: the body is not JSON."],
  ["invalid-record", "422: the record breaks the schema; errors[] gives each JSON path and what is wrong."],
  ["unknown-product", "422: productId is not a product of your organisation."],
  ["duplicate-release", "409: this product already has a record with this releaseId."],
  ["idempotency-key-reused", "422: the Idempotency-Key was used before with a different body."],
  ["invalid-idempotency-key", "400: the Idempotency-Key is malformed, or missing where the operation needs one (appending events)."],
  ["invalid-event", "422: the event is invalid, names a ring the record does not have, or would make the record invalid; errors[] says where."],
  ["record-closed", "409: the record is closed; nothing more can be appended."],
  ["not-found", "404: no record with this id in your organisation."],
  ["too-large", `413: the body is over ${formatBytes(MAX_BODY_BYTES)}.`],
];

export default async function ApiReferencePage() {
  const actor = await requirePermission("vendor.workspace");
  const products = await listOrgProducts(await getDb(), actor.organisationId);
  const limits = getConfig().rateLimits;
  const doc = openApiDocument() as { paths: Record<string, Record<string, Op>> };
  const curl = (path: string) =>
    `curl -X POST "$RINGFENCE${path.replace("{id}", "$RECORD_ID")}" \\\n  -H "Authorization: Bearer $RINGFENCE_TOKEN" \\\n  -H "Content-Type: application/json" \\\n  -H "Idempotency-Key: $CI_PIPELINE_ID-$STEP" \\\n  --data @body.json`;
  return (
    <>
      <PageHeader
        title="Rollout API reference"
        description={
          <>
            Send rollout records from your pipeline. Machine-readable:{" "}
            <a className="underline" href="/api/v1/openapi.json">
              OpenAPI 3.1 document
            </a>
            ,{" "}
            <a className="underline" href="/api/v1/rollouts/schema.json">
              record JSON Schema
            </a>
            ,{" "}
            <a className="underline" href="/api/v1/rollouts/template.csv">
              CSV template
            </a>
            .
          </>
        }
      />
      <div className="space-y-6">
        <Card>
          <h2 className="mb-2 text-lg font-semibold">Authentication</h2>
          <p className="text-sm">
            Send <code>Authorization: Bearer &lt;token&gt;</code> with a token a compliance officer created under API tokens. Session cookies are not accepted.
            Tokens expire after the time chosen when they were made (30, 90 or 365 days). The API accepts {describeLimit(limits["api.token"], "requests")} with
            one token and {describeLimit(limits["api.organisation"], "requests")} with all of your organisation&apos;s tokens together; beyond that it answers
            429 with Retry-After.
          </p>
          <h3 className="mt-3 font-semibold">Your products</h3>
          <ul className="list-disc pl-5 text-sm">
            {products.map((p) => (
              <li key={p.id}>
                {p.name}: <code>{p.id}</code>
              </li>
            ))}
          </ul>
        </Card>
        {Object.entries(doc.paths).flatMap(([path, ops]) =>
          Object.entries(ops).map(([method, op]) => (
            <Card key={op.operationId}>
              <h2 id={op.operationId} className="text-lg font-semibold">
                <code>
                  {method.toUpperCase()} {path}
                </code>{" "}
                — {op.summary}
              </h2>
              <p className="mt-1 text-sm">{op.description}</p>
              {op.parameters?.length ? (
                <>
                  <h3 className="mt-3 mb-1 font-semibold">Parameters</h3>
                  <DataTable
                    caption={`Parameters of ${method.toUpperCase()} ${path}`}
                    rows={op.parameters}
                    rowKey={(p) => `${p.in}:${p.name}`}
                    empty={{ reason: "none", title: "No parameters" }}
                    columns={[
                      { key: "name", header: "Name", cell: (p) => <code>{p.name}</code> },
                      { key: "in", header: "In", cell: (p) => p.in },
                      { key: "required", header: "Required", cell: (p) => (p.required ? "yes" : "no") },
                      { key: "meaning", header: "Meaning", cell: (p) => p.description },
                    ]}
                  />
                </>
              ) : null}
              <h3 className="mt-3 font-semibold">Responses</h3>
              <ul className="list-disc pl-5 text-sm">
                {Object.entries(op.responses).map(([code, r]) => (
                  <li key={code}>
                    <strong>{code}</strong>: {r.description}
                  </li>
                ))}
              </ul>
              {op.requestBody ? (
                <>
                  <h3 className="mt-3 font-semibold">Example</h3>
                  <pre className="mt-1 overflow-x-auto rounded bg-gray-100 p-3 text-xs">{curl(path)}</pre>
                  <details className="mt-2">
                    <summary className="cursor-pointer text-sm font-semibold">Example body</summary>
                    <pre className="mt-1 max-h-96 overflow-auto rounded bg-gray-100 p-3 text-xs">
                      {JSON.stringify(op.requestBody.content["application/json"]?.example ?? null, null, 2)}
                    </pre>
                  </details>
                </>
              ) : null}
            </Card>
          )),
        )}
        <Card>
          <h2 className="mb-2 text-lg font-semibold">Errors</h2>
          <p className="text-sm">
            Errors are RFC 9457 problem details (<code>application/problem+json</code>) with <code>type</code>, <code>title</code>, <code>status</code>,{" "}
            <code>detail</code> and, where useful, <code>errors</code>: a list of <code>{"{ path, message }"}</code>.
          </p>
          <dl className="mt-2 text-sm">
            {PROBLEMS.map(([k, v]) => (
              <div key={k} id={`problem-${k}`} className="mt-1">
                <dt className="inline font-mono">{k}</dt> <dd className="inline">— {v}</dd>
              </div>
            ))}
          </dl>
        </Card>
      </div>
    </>
  );
}
