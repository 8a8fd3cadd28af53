/**
 * The rollout CSV layout: one fixed header, one `type` column choosing which of the
 * other columns a row uses. Columns a row type does not use must be left empty.
 *
 *   type,releaseId,version,channel,kernelMode,releasedAt,fleetSize,ringOptIn,nMinusOnePinning,delayHours,notes,
 *   name,sharePct,devices,startedAt,promotedAt,gateMetric,gateCustomMetric,gateComparator,gateThreshold,gateObserved,
 *   gateUnit,gateBaseline,gateEvaluatedAt,gatePassed,gateSignal,eventKind,at,reason,testKind,passed,evidenceUrl
 *
 *   release (exactly one row): releaseId … notes
 *   ring    (in rollout order): name … gateSignal; sharePct is the CUMULATIVE share in percent. A gate is
 *           gateMetric (crash_rate, boot_failure_rate, sensor_offline_rate, cpu, memory, false_positive_rate,
 *           custom + gateCustomMetric), gateComparator (< <= > >=), numbers, gateUnit and gateEvaluatedAt;
 *           gatePassed is optional. A legacy free-text gate fills gateSignal (and no gateMetric).
 *   event:  eventKind (pause | halt | resume | rollback_started | rollback_completed), at, reason
 *   test:   testKind, passed, evidenceUrl
 *
 * Times need a UTC offset (2024-07-19T04:09:00Z); booleans are true/false (yes/no, 1/0 accepted).
 */

export const ROLLOUT_CSV_HEADER = [
  "type",
  "releaseId",
  "version",
  "channel",
  "kernelMode",
  "releasedAt",
  "fleetSize",
  "ringOptIn",
  "nMinusOnePinning",
  "delayHours",
  "notes",
  "name",
  "sharePct",
  "devices",
  "startedAt",
  "promotedAt",
  "gateMetric",
  "gateCustomMetric",
  "gateComparator",
  "gateThreshold",
  "gateObserved",
  "gateUnit",
  "gateBaseline",
  "gateEvaluatedAt",
  "gatePassed",
  "gateSignal",
  "eventKind",
  "at",
  "reason",
  "testKind",
  "passed",
  "evidenceUrl",
] as const;
export type RolloutCsvColumn = (typeof ROLLOUT_CSV_HEADER)[number];

/** Columns added with structured gates: files written before them (legacy gates only) may leave them out. */
export const OPTIONAL_COLUMNS: ReadonlySet<RolloutCsvColumn> = new Set([
  "gateMetric",
  "gateCustomMetric",
  "gateComparator",
  "gateUnit",
  "gateBaseline",
  "gateEvaluatedAt",
]);

export const GATE_COLUMNS = [
  "gateMetric",
  "gateCustomMetric",
  "gateComparator",
  "gateThreshold",
  "gateObserved",
  "gateUnit",
  "gateBaseline",
  "gateEvaluatedAt",
  "gatePassed",
  "gateSignal",
] as const;

export const ROW_TYPES = ["release", "ring", "event", "test"] as const;
export type RowType = (typeof ROW_TYPES)[number];

export const COLUMNS_BY_TYPE: Record<RowType, readonly RolloutCsvColumn[]> = {
  release: ["releaseId", "version", "channel", "kernelMode", "releasedAt", "fleetSize", "ringOptIn", "nMinusOnePinning", "delayHours", "notes"],
  ring: ["name", "sharePct", "devices", "startedAt", "promotedAt", ...GATE_COLUMNS],
  event: ["eventKind", "at", "reason"],
  test: ["testKind", "passed", "evidenceUrl"],
};

/** Record field (relative to its list item or the record) → CSV column, for mapping schema issues back. */
export const FIELD_TO_COLUMN: Record<"release" | "ring" | "event" | "test", Record<string, RolloutCsvColumn>> = {
  release: {
    releaseId: "releaseId",
    version: "version",
    channel: "channel",
    kernelMode: "kernelMode",
    releasedAt: "releasedAt",
    fleetSize: "fleetSize",
    notes: "notes",
    ringOptIn: "ringOptIn",
    nMinusOnePinning: "nMinusOnePinning",
    delayHours: "delayHours",
  },
  ring: {
    name: "name",
    sharePct: "sharePct",
    devices: "devices",
    startedAt: "startedAt",
    promotedAt: "promotedAt",
    gate: "gateMetric",
    metric: "gateMetric",
    customMetric: "gateCustomMetric",
    comparator: "gateComparator",
    threshold: "gateThreshold",
    observed: "gateObserved",
    unit: "gateUnit",
    baseline: "gateBaseline",
    evaluatedAt: "gateEvaluatedAt",
    passed: "gatePassed",
    signal: "gateSignal",
  },
  event: { kind: "eventKind", at: "at", reason: "reason" },
  test: { kind: "testKind", passed: "passed", evidenceUrl: "evidenceUrl" },
};
