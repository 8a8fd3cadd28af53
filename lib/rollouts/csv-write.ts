import { ROLLOUT_CSV_HEADER, type RolloutCsvColumn } from "./csv-columns";
import { writeCsv } from "./csv-reader";
import { isLegacyGate, type RolloutRecordInput } from "./record-schema";

type Row = Partial<Record<RolloutCsvColumn, string | number | boolean | null | undefined>>;

const line = (r: Row): string[] => ROLLOUT_CSV_HEADER.map((c) => (r[c] === null || r[c] === undefined ? "" : String(r[c])));

function gateCells(g: RolloutRecordInput["rings"][number]["gate"]): Row {
  if (!g) return {};
  if (isLegacyGate(g)) return { gateSignal: g.signal, gateThreshold: g.threshold, gateObserved: g.observed, gatePassed: g.passed };
  return {
    gateMetric: g.metric,
    gateCustomMetric: g.customMetric,
    gateComparator: g.comparator,
    gateThreshold: g.threshold,
    gateObserved: g.observed,
    gateUnit: g.unit,
    gateBaseline: g.baseline,
    gateEvaluatedAt: g.evaluatedAt,
    gatePassed: g.passed,
  };
}

/** Write a record (input or parsed form) in the rollout CSV layout; parseRolloutCsv reads it back. */
export function rolloutRecordToCsv(record: RolloutRecordInput): string {
  const rows: Row[] = [
    {
      type: "release",
      releaseId: record.releaseId,
      version: record.version,
      channel: record.channel,
      kernelMode: record.kernelMode,
      releasedAt: record.releasedAt,
      fleetSize: record.fleetSize,
      ringOptIn: record.customerControl.ringOptIn,
      nMinusOnePinning: record.customerControl.nMinusOnePinning,
      delayHours: record.customerControl.delayHours,
      notes: record.notes,
    },
    ...record.rings.map((r) => ({
      type: "ring",
      name: r.name,
      sharePct: r.sharePct,
      devices: r.devices,
      startedAt: r.startedAt,
      promotedAt: r.promotedAt,
      ...gateCells(r.gate),
    })),
    ...record.events.map((e) => ({ type: "event", eventKind: e.kind, at: e.at, reason: e.reason })),
    ...record.tests.map((t) => ({ type: "test", testKind: t.kind, passed: t.passed, evidenceUrl: t.evidenceUrl })),
  ];
  return writeCsv([[...ROLLOUT_CSV_HEADER], ...rows.map(line)]);
}

const EXAMPLE: RolloutRecordInput = {
  releaseId: "example-content-2025-05-12",
  version: "1.431.7.0",
  channel: "content",
  kernelMode: false,
  releasedAt: "2025-05-12T08:00:00Z",
  fleetSize: 400000,
  rings: [
    {
      name: "Canary",
      sharePct: 0.5,
      devices: 2000,
      startedAt: "2025-05-12T08:00:00Z",
      promotedAt: "2025-05-12T09:30:00Z",
      gate: {
        metric: "crash_rate",
        comparator: "<",
        threshold: 0.1,
        observed: 0.02,
        unit: "%",
        baseline: 0.02,
        evaluatedAt: "2025-05-12T09:20:00Z",
        passed: true,
      },
    },
    {
      name: "Early",
      sharePct: 5,
      devices: 20000,
      startedAt: "2025-05-12T09:30:00Z",
      promotedAt: "2025-05-12T11:30:00Z",
      gate: {
        metric: "custom",
        customMetric: "false positives reported",
        comparator: "<",
        threshold: 5,
        observed: 1,
        unit: "per million devices",
        baseline: 2,
        evaluatedAt: "2025-05-12T11:15+01:00",
        passed: true,
      },
    },
    { name: "Broad", sharePct: 100, devices: 400000, startedAt: "2025-05-12T11:30:00Z", promotedAt: null, gate: null },
  ],
  events: [
    { kind: "pause", at: "2025-05-12T10:05:00Z", reason: "Support ticket spike in Early, checked, unrelated" },
    { kind: "resume", at: "2025-05-12T10:20:00Z", reason: 'Tickets traced to an "unrelated" network outage' },
  ],
  customerControl: { ringOptIn: true, nMinusOnePinning: true, delayHours: 24 },
  tests: (["developer", "content_interface", "validator", "stability", "rollback"] as const).map((kind) => ({
    kind,
    passed: true,
    evidenceUrl: `https://evidence.example/example-content-2025-05-12/${kind}`,
  })),
  notes: "Example: replace every row with your own release.\nQuoted cells may hold commas and line breaks.",
};

/** A filled example file in the fixed layout, for download as a starting point. */
export function rolloutCsvTemplate(): string {
  return rolloutRecordToCsv(EXAMPLE);
}
