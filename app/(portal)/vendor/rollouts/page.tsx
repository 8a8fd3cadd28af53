import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listLinks, parseListQuery } from "@/lib/http/list-params";
import { listOrgProducts, listRolloutPage } from "@/lib/rollouts/queries";
import { CHANNELS, FINDING_FILTERS, ROLLOUT_STATES, rolloutListSchema } from "@/lib/validations/lists";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { ListControls } from "@/components/ui/list-controls";
import { Pager } from "@/components/ui/pager";
import { RolloutTable } from "@/components/rollouts/rollout-table";
import { noMatchTitle } from "@/components/ui/data-table";
import { readerTimeZone } from "@/lib/format/reader-zone";

export const metadata: Metadata = { title: "Rollouts" };
export const dynamic = "force-dynamic";

const PATH = "/vendor/rollouts";
const FINDING_LABELS: Record<(typeof FINDING_FILTERS)[number], string> = {
  critical: "Critical",
  major: "Major",
  minor: "Minor",
  info: "Info",
  none: "No findings",
};
const CHANNEL_OPTIONS: Record<(typeof CHANNELS)[number], string> = { code: "Code / driver", content: "Content" };
const STATE_LABELS: Record<(typeof ROLLOUT_STATES)[number], string> = { open: "Still rolling out", closed: "Complete" };

export default async function RolloutsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission("vendor.workspace");
  const query = parseListQuery(rolloutListSchema, await searchParams);
  const links = listLinks(PATH, query, rolloutListSchema.parse({}));
  const db = await getDb();
  const [list, products] = await Promise.all([listRolloutPage(db, actor.organisationId, query), listOrgProducts(db, actor.organisationId)]);
  const filtered = Boolean(query.q || query.product || query.channel || query.finding || query.state);
  return (
    <>
      <PageHeader
        title="Rollouts"
        description="How each release really shipped, ring by ring. Every record is checked against the thresholds of the current Safe Deployment Principles."
        actions={
          <>
            <Link href="/vendor/rollouts/new" className={buttonClass()}>
              Record a rollout
            </Link>
            <Link href="/vendor/rollouts/upload" className={buttonClass("secondary")}>
              Upload a file
            </Link>
            {can(actor.role, "vendor.tokens") ? (
              <Link href="/vendor/rollouts/tokens" className={buttonClass("secondary")}>
                API tokens
              </Link>
            ) : null}
            <Link href="/vendor/rollouts/api" className={buttonClass("secondary")}>
              API reference
            </Link>
          </>
        }
      />
      <ListControls
        id="rollouts"
        action={PATH}
        label="Find rollout records"
        q={query.q}
        placeholder="Release, version or product"
        clearHref={links.clear}
        hidden={links.kept(["product", "finding", "channel", "state"])}
        filters={[
          { name: "product", label: "Product", value: query.product, anyLabel: "Every product", options: products.map((p) => [p.id, p.name] as const) },
          {
            name: "finding",
            label: "Worst finding",
            value: query.finding,
            anyLabel: "Any",
            options: FINDING_FILTERS.map((f) => [f, FINDING_LABELS[f]] as const),
          },
          { name: "channel", label: "Channel", value: query.channel, anyLabel: "Any channel", options: CHANNELS.map((c) => [c, CHANNEL_OPTIONS[c]] as const) },
          { name: "state", label: "State", value: query.state, anyLabel: "Any", options: ROLLOUT_STATES.map((s) => [s, STATE_LABELS[s]] as const) },
        ]}
      />
      <RolloutTable
        rows={list.rows}
        caption="Rollout records"
        zone={await readerTimeZone()}
        sort={{ key: query.sort, dir: query.dir, href: links.sort }}
        empty={
          filtered
            ? {
                reason: "no-match",
                title: noMatchTitle("No rollout record", query.q, Boolean(query.product || query.channel || query.finding || query.state)),
                action: (
                  <Link href={links.clear} className="underline">
                    Show every record
                  </Link>
                ),
              }
            : {
                reason: "none",
                title: "No rollouts recorded yet",
                body: "Record one with the form, upload a JSON or CSV file, or send records from your deployment pipeline through the API.",
              }
        }
      />
      <Pager
        label="Pages of rollout records"
        page={list.page}
        pageCount={list.pageCount}
        href={links.page}
        total={list.total}
        from={list.from}
        to={list.to}
        noun={["record"]}
      />
    </>
  );
}
