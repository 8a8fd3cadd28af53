import {
  COLUMNS_BY_TYPE,
  FIELD_TO_COLUMN,
  GATE_COLUMNS,
  OPTIONAL_COLUMNS,
  ROLLOUT_CSV_HEADER,
  ROW_TYPES,
  type RolloutCsvColumn,
  type RowType,
} from "./csv-columns";
import { readCsv } from "./csv-reader";
import { describeIssue } from "./issue-names";
import { rolloutRecordSchema, type RolloutRecord } from "./record-schema";

export { ROLLOUT_CSV_HEADER, type RolloutCsvColumn } from "./csv-columns";
export { rolloutCsvTemplate, rolloutRecordToCsv } from "./csv-write";

export interface RolloutCsvError {
  /** 1-based CSV record number; the header is row 1. */
  row?: number;
  column?: string;
  /** Record path of a schema issue, e.g. rings[2].promotedAt. */
  path?: string;
  message: string;
}

export type RolloutCsvResult = { ok: true; record: RolloutRecord } | { ok: false; errors: RolloutCsvError[] };

type Cells = (col: RolloutCsvColumn) => string;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const TRUE = new Set(["true", "yes", "1"]);
const FALSE = new Set(["false", "no", "0"]);

/** Converts cells to typed values, collecting an error per bad cell. */
function converter(row: number, cells: Cells, errors: RolloutCsvError[]) {
  const fail = (column: RolloutCsvColumn, message: string) => errors.push({ row, column, message });
  const str = (c: RolloutCsvColumn) => cells(c).trim() || undefined;
  const num = (c: RolloutCsvColumn) => {
    const v = cells(c).trim();
    if (v === "") return undefined;
    if (NUMBER.test(v)) return Number(v);
    fail(c, `"${v}" is not a number (write, for example, 0.5, without a % sign).`);
    return undefined;
  };
  const bool = (c: RolloutCsvColumn) => {
    const v = cells(c).trim().toLowerCase();
    if (v === "") return undefined;
    if (TRUE.has(v)) return true;
    if (FALSE.has(v)) return false;
    fail(c, `"${cells(c).trim()}" is not true or false.`);
    return undefined;
  };
  const measure = (c: RolloutCsvColumn) => {
    const v = cells(c).trim();
    return v === "" ? undefined : NUMBER.test(v) ? Number(v) : v;
  };
  return { str, num, bool, measure };
}

interface Assembly {
  record: Record<string, unknown> & { rings: unknown[]; events: unknown[]; tests: unknown[] };
  releaseRow: number | null;
  ringRows: number[];
  eventRows: number[];
  testRows: number[];
}

function addRow(type: RowType, row: number, cells: Cells, a: Assembly, errors: RolloutCsvError[]): void {
  const { str, num, bool, measure } = converter(row, cells, errors);
  if (type === "release") {
    if (a.releaseRow !== null) {
      errors.push({ row, column: "type", message: `Only one release row is allowed (the first is row ${a.releaseRow}).` });
      return;
    }
    a.releaseRow = row;
    Object.assign(a.record, {
      releaseId: str("releaseId"),
      version: str("version"),
      channel: str("channel"),
      kernelMode: bool("kernelMode"),
      releasedAt: str("releasedAt"),
      fleetSize: num("fleetSize") ?? null,
      notes: str("notes"),
      customerControl: { ringOptIn: bool("ringOptIn"), nMinusOnePinning: bool("nMinusOnePinning"), delayHours: num("delayHours") ?? null },
    });
  } else if (type === "ring") {
    const hasGate = GATE_COLUMNS.some((c) => cells(c).trim() !== "");
    const legacy = cells("gateMetric").trim() === "" && cells("gateSignal").trim() !== "";
    a.ringRows.push(row);
    a.record.rings.push({
      name: str("name"),
      sharePct: num("sharePct"),
      devices: num("devices") ?? null,
      startedAt: str("startedAt"),
      promotedAt: str("promotedAt") ?? null,
      gate: !hasGate
        ? null
        : legacy
          ? { signal: str("gateSignal"), threshold: measure("gateThreshold"), observed: measure("gateObserved") ?? null, passed: bool("gatePassed") }
          : {
              metric: str("gateMetric"),
              customMetric: str("gateCustomMetric") ?? null,
              comparator: str("gateComparator"),
              threshold: num("gateThreshold"),
              observed: num("gateObserved") ?? null,
              unit: str("gateUnit"),
              baseline: num("gateBaseline") ?? null,
              evaluatedAt: str("gateEvaluatedAt"),
              passed: bool("gatePassed") ?? null,
            },
    });
  } else if (type === "event") {
    a.eventRows.push(row);
    a.record.events.push({ kind: str("eventKind"), at: str("at"), reason: str("reason") });
  } else {
    a.testRows.push(row);
    a.record.tests.push({ kind: str("testKind"), passed: bool("passed"), evidenceUrl: str("evidenceUrl") });
  }
}

/** Where a schema issue lives in the CSV: the row that holds the item and the column of its field. */
function locate(path: ReadonlyArray<PropertyKey>, a: Assembly): { row?: number; column?: string } {
  const [head, index, ...rest] = path;
  const lists = { rings: ["ring", a.ringRows], events: ["event", a.eventRows], tests: ["test", a.testRows] } as const;
  if (head === "rings" || head === "events" || head === "tests") {
    const [kind, rows] = lists[head];
    if (typeof index !== "number") return {};
    const field = rest[rest.length - 1] ?? (head === "rings" ? "name" : "kind");
    return { row: rows[index], column: FIELD_TO_COLUMN[kind][String(field)] };
  }
  const field = head === "customerControl" ? index : head;
  return { row: a.releaseRow ?? undefined, column: field === undefined ? undefined : FIELD_TO_COLUMN.release[String(field)] };
}

function checkHeader(header: string[], errors: RolloutCsvError[]): Map<RolloutCsvColumn, number> {
  const names = header.map((h) => h.trim());
  const index = new Map<RolloutCsvColumn, number>();
  const known = new Set<string>(ROLLOUT_CSV_HEADER);
  names.forEach((name, i) => {
    if (!known.has(name)) errors.push({ row: 1, column: name, message: `There is no column "${name}".` });
    else if (index.has(name as RolloutCsvColumn)) errors.push({ row: 1, column: name, message: `The column "${name}" appears twice.` });
    else index.set(name as RolloutCsvColumn, i);
  });
  for (const col of ROLLOUT_CSV_HEADER)
    if (!index.has(col) && !OPTIONAL_COLUMNS.has(col)) errors.push({ row: 1, column: col, message: `The column "${col}" is missing.` });
  return index;
}

/** Parse a rollout CSV into a validated record. Any error, anywhere, rejects the whole file. */
export function parseRolloutCsv(text: string): RolloutCsvResult {
  const read = readCsv(text);
  const errors: RolloutCsvError[] = read.errors.map((e) => ({ row: e.row, message: e.message }));
  if (errors.length > 0) return { ok: false, errors };
  const [header, ...body] = read.rows;
  if (!header) return { ok: false, errors: [{ message: "The file is empty: start with the header row." }] };
  const index = checkHeader(header, errors);
  if (errors.length > 0) return { ok: false, errors };

  const a: Assembly = { record: { rings: [], events: [], tests: [] }, releaseRow: null, ringRows: [], eventRows: [], testRows: [] };
  body.forEach((raw, i) => {
    const row = i + 2;
    if (raw.every((c) => c.trim() === "")) return;
    if (raw.length !== header.length) {
      errors.push({ row, message: `This row has ${raw.length} cells; the header has ${header.length}.` });
      return;
    }
    const cells: Cells = (col) => {
      const at = index.get(col);
      return at === undefined ? "" : (raw[at] ?? "");
    };
    const type = cells("type").trim().toLowerCase();
    if (!(ROW_TYPES as readonly string[]).includes(type)) {
      errors.push({ row, column: "type", message: `The type must be one of ${ROW_TYPES.join(", ")}.` });
      return;
    }
    const used = new Set<string>(["type", ...COLUMNS_BY_TYPE[type as RowType]]);
    for (const col of ROLLOUT_CSV_HEADER)
      if (!used.has(col) && cells(col).trim() !== "")
        errors.push({ row, column: col, message: `The column ${col} is not used on a ${type} row; leave it empty.` });
    addRow(type as RowType, row, cells, a, errors);
  });
  if (a.releaseRow === null) errors.push({ message: "Add one row of type release." });
  if (a.releaseRow === null || errors.some((e) => e.column === "type" || (e.row !== undefined && !e.column))) return { ok: false, errors };

  const parsed = rolloutRecordSchema.safeParse(a.record);
  if (parsed.success && errors.length === 0) return { ok: true, record: parsed.data };
  const taken = new Set(errors.map((e) => `${e.row}:${e.column}`));
  for (const issue of parsed.error?.issues ?? []) {
    const where = locate(issue.path, a);
    // A cell that failed conversion is already reported; its "required" echo would only repeat it.
    if (where.row !== undefined && taken.has(`${where.row}:${where.column}`)) continue;
    errors.push({ ...where, ...describeIssue(a.record, issue) });
  }
  return { ok: false, errors: errors.sort(byPosition) };
}

/** File order: by row, then by column; errors without a row last. */
function byPosition(a: RolloutCsvError, b: RolloutCsvError): number {
  const col = (e: RolloutCsvError) => (e.column ? ROLLOUT_CSV_HEADER.indexOf(e.column as RolloutCsvColumn) : -1);
  return (a.row ?? Infinity) - (b.row ?? Infinity) || col(a) - col(b);
}
