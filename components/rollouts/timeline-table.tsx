import type { RolloutAnalysis } from "@/lib/rollouts/analysis";
import type { RolloutRecord } from "@/lib/rollouts/record-schema";
import { duration, utc } from "./format";
import { GateCell } from "./gate-cell";

const th = "px-3 py-2";
/** The timeline's data as tables: the chart's accessible alternative. */
export function TimelineTable({ record, analysis }: { record: RolloutRecord; analysis: RolloutAnalysis | null }) {
  return (
    <div className="space-y-4">
      <div className="overflow-x-auto rounded-lg border border-gray-300 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="px-3 py-2 text-left font-semibold">Rings in order</caption>
          <thead className="bg-gray-100">
            <tr>
              <th scope="col" className={th}>Ring</th>
              <th scope="col" className={th}>Fleet share (cumulative)</th>
              <th scope="col" className={th}>Devices</th>
              <th scope="col" className={th}>Started</th>
              <th scope="col" className={th}>Promoted</th>
              <th scope="col" className={th}>Bake time</th>
              <th scope="col" className={th}>Health gate</th>
            </tr>
          </thead>
          <tbody>
            {record.rings.map((r, i) => (
              <tr key={r.name} className="border-t border-gray-200">
                <th scope="row" className={th}>{r.name}</th>
                <td className={th}>{r.sharePct}%</td>
                <td className={th}>{r.devices?.toLocaleString("en") ?? "—"}</td>
                <td className={`${th} whitespace-nowrap`}>{utc(r.startedAt)}</td>
                <td className={`${th} whitespace-nowrap`}>{r.promotedAt ? utc(r.promotedAt) : "—"}</td>
                <td className={th}>{duration(analysis?.rings[i]?.bakeMinutes ?? null)}</td>
                <td className={th}><GateCell gate={r.gate} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="overflow-x-auto rounded-lg border border-gray-300 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="px-3 py-2 text-left font-semibold">Events</caption>
          <thead className="bg-gray-100">
            <tr>
              <th scope="col" className={th}>Event</th>
              <th scope="col" className={th}>Time</th>
              <th scope="col" className={th}>Reason</th>
            </tr>
          </thead>
          <tbody>
            {record.events.length === 0 ? (
              <tr><td colSpan={3} className={th}>No pauses, halts or rollbacks were recorded.</td></tr>
            ) : (
              record.events.map((e, i) => (
                <tr key={i} className="border-t border-gray-200">
                  <th scope="row" className={th}>{e.kind.replace("_", " ")}</th>
                  <td className={`${th} whitespace-nowrap`}>{utc(e.at)}</td>
                  <td className={th}>{e.reason}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
