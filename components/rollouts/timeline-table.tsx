import type { RolloutAnalysis } from "@/lib/rollouts/analysis";
import type { RolloutRecord } from "@/lib/rollouts/record-schema";
import { duration, formatDateTime, formatNumber } from "@/lib/format";
import { ROLLOUT_EVENT_KIND_LABELS } from "@/lib/validations/rollouts";
import { GateCell } from "./gate-cell";
import { TablePager, pageOf } from "./table-pager";
import { ScrollRegion } from "@/components/ui/scroll-region";

const th = "px-3 py-2";
export const RINGS_PER_PAGE = 50;
export const EVENTS_PER_PAGE = 50;

/**
 * The timeline's data as tables: the chart's accessible alternative. Long
 * records are paged (`?rings=N`, `?events=N`) so the page stays small.
 */
export function TimelineTable({
  record,
  analysis,
  ringsPage = 1,
  eventsPage = 1,
  basePath,
  zone,
}: {
  record: RolloutRecord;
  analysis: RolloutAnalysis | null;
  ringsPage?: number;
  eventsPage?: number;
  basePath: string;
  zone: string;
}) {
  const rings = pageOf(record.rings.length, ringsPage, RINGS_PER_PAGE);
  const events = pageOf(record.events.length, eventsPage, EVENTS_PER_PAGE);
  const href = (param: "rings" | "events", page: number) => {
    const q = new URLSearchParams();
    const r = param === "rings" ? page : rings.page;
    const e = param === "events" ? page : events.page;
    if (r > 1) q.set("rings", String(r));
    if (e > 1) q.set("events", String(e));
    const qs = q.toString();
    return `${basePath}${qs ? `?${qs}` : ""}#${param}`;
  };
  return (
    <div className="space-y-4">
      <ScrollRegion id="rings" label="Rings in order" className="rounded-lg border border-gray-300 bg-white">
        <table className="w-full min-w-[60rem] text-left text-sm">
          <caption className="px-3 py-2 text-left font-semibold">
            Rings in order{rings.pageCount > 1 ? ` (${rings.from + 1}–${rings.to} of ${formatNumber(record.rings.length)})` : ""}
          </caption>
          <thead className="bg-gray-100">
            <tr>
              <th scope="col" className={th}>
                Ring
              </th>
              <th scope="col" className={th}>
                Fleet share (cumulative)
              </th>
              <th scope="col" className={th}>
                Devices
              </th>
              <th scope="col" className={th}>
                Started
              </th>
              <th scope="col" className={th}>
                Promoted
              </th>
              <th scope="col" className={th}>
                Bake time
              </th>
              <th scope="col" className={`${th} min-w-[18rem]`}>
                Health gate
              </th>
            </tr>
          </thead>
          <tbody>
            {record.rings.slice(rings.from, rings.to).map((r, k) => {
              const i = rings.from + k;
              return (
                <tr key={r.name} className="border-t border-gray-200">
                  <th scope="row" className={th}>
                    {r.name}
                  </th>
                  <td className={th}>{r.sharePct}%</td>
                  <td className={th}>{r.devices === null || r.devices === undefined ? "—" : formatNumber(r.devices)}</td>
                  <td className={`${th} whitespace-nowrap`}>{formatDateTime(r.startedAt, zone)}</td>
                  <td className={`${th} whitespace-nowrap`}>{formatDateTime(r.promotedAt, zone)}</td>
                  <td className={th}>{duration(analysis?.rings[i]?.bakeMinutes ?? null)}</td>
                  <td className={th}>
                    <GateCell gate={r.gate} zone={zone} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <TablePager label="Pages of rings" page={rings.page} pageCount={rings.pageCount} href={(p) => href("rings", p)} />
      </ScrollRegion>
      <ScrollRegion id="events" label="Events" className="rounded-lg border border-gray-300 bg-white">
        <table className="w-full min-w-[36rem] text-left text-sm">
          <caption className="px-3 py-2 text-left font-semibold">
            Events{events.pageCount > 1 ? ` (${events.from + 1}–${events.to} of ${formatNumber(record.events.length)})` : ""}
          </caption>
          <thead className="bg-gray-100">
            <tr>
              <th scope="col" className={th}>
                Event
              </th>
              <th scope="col" className={th}>
                Time
              </th>
              <th scope="col" className={`${th} min-w-[14rem]`}>
                Reason
              </th>
            </tr>
          </thead>
          <tbody>
            {record.events.length === 0 ? (
              <tr>
                <td colSpan={3} className={th}>
                  No pauses, halts or rollbacks were recorded.
                </td>
              </tr>
            ) : (
              record.events.slice(events.from, events.to).map((e, k) => (
                <tr key={events.from + k} className="border-t border-gray-200">
                  <th scope="row" className={th}>
                    {ROLLOUT_EVENT_KIND_LABELS[e.kind]}
                  </th>
                  <td className={`${th} whitespace-nowrap`}>{formatDateTime(e.at, zone)}</td>
                  <td className={th}>{e.reason}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
        <TablePager label="Pages of events" page={events.page} pageCount={events.pageCount} href={(p) => href("events", p)} />
      </ScrollRegion>
    </div>
  );
}
