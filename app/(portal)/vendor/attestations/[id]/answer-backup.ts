import type { AnswerFields } from "@/lib/validations/vendor";

/**
 * A copy of unsaved answer values in this browser's localStorage, so edits made
 * inside the autosave delay survive a closed tab or a crash. Keyed by the
 * version the edit started from, so a restore goes through the same
 * optimistic-concurrency check as any other save.
 */
export type AnswerBackup = { version: number; fields: AnswerFields; at: string };

const PREFIX = "ringfence:answer-backup:";
const prefixFor = (attestationId: string, controlId: string) => `${PREFIX}${attestationId}:${controlId}:`;

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null; // Storage can be disabled by the browser; the backup is best effort.
  }
}

function keysFor(store: Storage, attestationId: string, controlId: string): string[] {
  const prefix = prefixFor(attestationId, controlId);
  const keys: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key?.startsWith(prefix)) keys.push(key);
  }
  return keys;
}

/** Keeps one backup per control: the latest values and the version they started from. */
export function writeBackup(attestationId: string, controlId: string, version: number, fields: AnswerFields): void {
  const store = storage();
  if (!store) return;
  const key = `${prefixFor(attestationId, controlId)}${version}`;
  try {
    for (const old of keysFor(store, attestationId, controlId)) if (old !== key) store.removeItem(old);
    store.setItem(key, JSON.stringify({ fields, at: new Date().toISOString() }));
  } catch {
    // Quota exceeded or storage blocked: autosave still works, only the local copy is missing.
  }
}

export function clearBackup(attestationId: string, controlId: string): void {
  const store = storage();
  if (!store) return;
  for (const key of keysFor(store, attestationId, controlId)) store.removeItem(key);
}

/**
 * The newest readable backup for one control; unreadable entries are dropped. The values are checked
 * with the server's answer schema, which (with zod) is loaded only when this browser holds a backup
 * for the control, so the editor's first load does not carry it. Entries written while the schema
 * was loading (the reader already typing in this tab) are this tab's own backup, not a leftover: they
 * are neither offered nor dropped.
 */
export async function readBackup(attestationId: string, controlId: string): Promise<AnswerBackup | null> {
  const store = storage();
  if (!store) return null;
  const found = keysFor(store, attestationId, controlId).map((key) => ({ key, raw: store.getItem(key) }));
  if (found.length === 0) return null;
  const { answerFieldsSchema } = await import("@/lib/validations/vendor");
  let best: AnswerBackup | null = null;
  for (const { key, raw } of found) {
    if (store.getItem(key) !== raw) continue;
    const version = Number(key.slice(prefixFor(attestationId, controlId).length));
    let parsed: { fields?: unknown; at?: unknown } | null = null;
    try {
      parsed = JSON.parse(raw ?? "null");
    } catch {
      parsed = null;
    }
    const fields = answerFieldsSchema.safeParse(parsed?.fields);
    const at = typeof parsed?.at === "string" && !Number.isNaN(Date.parse(parsed.at)) ? parsed.at : null;
    if (!Number.isInteger(version) || version < 0 || !fields.success || !at) {
      store.removeItem(key);
      continue;
    }
    if (!best || at > best.at) best = { version, fields: fields.data, at };
  }
  return best;
}

export const FIELD_LABELS: Record<keyof AnswerFields, string> = {
  status: "implementation status",
  narrative: "narrative",
  maturity: "maturity",
  justification: "justification",
  targetDate: "target date",
  plan: "plan",
};

/** Which fields differ between two sets of values (empty when they are the same). */
export function changedFields(a: AnswerFields, b: AnswerFields): (keyof AnswerFields)[] {
  return (Object.keys(FIELD_LABELS) as (keyof AnswerFields)[]).filter((k) => a[k] !== b[k]);
}
