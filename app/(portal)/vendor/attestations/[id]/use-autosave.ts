"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { SaveOutcome } from "@/lib/attestations/answers";
import type { SavedAnswer } from "@/lib/attestations/queries";
import type { AnswerFields } from "@/lib/validations/vendor";
import { saveAnswerAction } from "./actions";
import { changedFields, clearBackup, readBackup, writeBackup, type AnswerBackup } from "./answer-backup";

export type SaveState = "idle" | "dirty" | "saving" | "saved" | "error" | "conflict";
const DEBOUNCE_MS = 1500;

/**
 * Saves an answer 1.5 s after typing stops and on blur, sending the version it
 * started from. A stale save comes back with the other person's version; the
 * caller shows both and autosave pauses until the person chooses. Every change
 * is also copied to localStorage until the server has it (see answer-backup.ts).
 */
export function useAutosave(
  attestationId: string,
  controlId: string,
  initial: SavedAnswer | null,
  empty: AnswerFields,
  onSaved?: (saved: AnswerFields) => void,
) {
  const [fields, setFields] = useState<AnswerFields>(initial ? pick(initial) : empty);
  const [state, setState] = useState<SaveState>("idle");
  const [savedAt, setSavedAt] = useState<string | null>(initial?.updatedAt ?? null);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Extract<SaveOutcome, { outcome: "stale" }> | null>(null);
  const [backup, setBackup] = useState<AnswerBackup | null>(null);
  const fieldsRef = useRef(fields);
  const versionRef = useRef(initial?.version ?? 0);
  const inFlight = useRef(false);
  const queued = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const stateRef = useRef<SaveState>("idle");
  // The editor's control list and progress follow what the server has, so they hear of every save.
  const onSavedRef = useRef(onSaved);
  useEffect(() => {
    onSavedRef.current = onSaved;
  }, [onSaved]);
  const go = useCallback((next: SaveState) => {
    stateRef.current = next;
    setState(next);
  }, []);

  const save = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    if (stateRef.current === "conflict") return;
    if (inFlight.current) {
      queued.current = true;
      return;
    }
    inFlight.current = true;
    // Keeps saving while edits arrived during the previous round trip.
    for (;;) {
      queued.current = false;
      const sent = fieldsRef.current;
      go("saving");
      try {
        const r = await saveAnswerAction({ attestationId, controlId, version: versionRef.current, ...sent });
        if (!r.ok) {
          setError(r.formError ?? "Not saved: check the fields.");
          go("error");
        } else if (r.data.outcome === "saved") {
          versionRef.current = r.data.version;
          setSavedAt(r.data.savedAt);
          setError(null);
          onSavedRef.current?.(sent);
          // Edits typed during the round trip now start from the new version.
          if (fieldsRef.current === sent) clearBackup(attestationId, controlId);
          else writeBackup(attestationId, controlId, r.data.version, fieldsRef.current);
          go(fieldsRef.current === sent ? "saved" : "dirty");
        } else {
          setConflict({ ...r.data, yours: fieldsRef.current });
          go("conflict");
        }
      } catch {
        setError("Not saved: the connection failed. Your text is still here and will be saved on the next change.");
        go("error");
      }
      const now = stateRef.current as SaveState;
      if (now === "conflict" || now === "error" || (now !== "dirty" && !queued.current)) break;
    }
    inFlight.current = false;
  }, [attestationId, controlId, go]);

  const update = useCallback(
    (patch: Partial<AnswerFields>) => {
      const next = { ...fieldsRef.current, ...patch };
      fieldsRef.current = next;
      setFields(next);
      writeBackup(attestationId, controlId, versionRef.current, next);
      if (stateRef.current === "conflict") return;
      go("dirty");
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), DEBOUNCE_MS);
    },
    [attestationId, controlId, save, go],
  );

  const flush = useCallback(() => {
    if (stateRef.current === "dirty" || stateRef.current === "error") void save();
  }, [save]);

  /** Resolves a conflict: "mine" keeps these fields, "theirs" adopts the saved ones, "merge" joins the texts. */
  const resolve = useCallback(
    (choice: "mine" | "theirs" | "merge") => {
      if (!conflict) return;
      const theirs = pick(conflict.theirs);
      versionRef.current = conflict.theirs.version;
      setConflict(null);
      if (choice === "theirs") {
        clearBackup(attestationId, controlId);
        fieldsRef.current = theirs;
        setFields(theirs);
        setSavedAt(conflict.theirs.updatedAt);
        onSavedRef.current?.(theirs);
        go("saved");
        return;
      }
      const mine = fieldsRef.current;
      const joined = (a: string, b: string) => (a.trim() === b.trim() || !b.trim() ? a : !a.trim() ? b : `${a}\n\n${b}`);
      const next =
        choice === "merge"
          ? {
              ...mine,
              narrative: joined(mine.narrative, theirs.narrative),
              plan: joined(mine.plan, theirs.plan),
              justification: joined(mine.justification, theirs.justification),
            }
          : mine;
      fieldsRef.current = next;
      setFields(next);
      writeBackup(attestationId, controlId, versionRef.current, next);
      go("dirty");
      void save();
    },
    [attestationId, controlId, conflict, save, go],
  );

  // A backup left by a closed tab: offer it only if it differs from what the server has.
  useEffect(() => {
    let current = true;
    void readBackup(attestationId, controlId).then((found) => {
      if (!current || !found) return;
      if (changedFields(found.fields, fieldsRef.current).length === 0) clearBackup(attestationId, controlId);
      else setBackup(found);
    });
    return () => {
      current = false;
    };
  }, [attestationId, controlId]);

  /** Saves the backed-up values from the version they started from, so a newer server version still ends in the conflict view. */
  const restoreBackup = useCallback(() => {
    if (!backup) return;
    setBackup(null);
    versionRef.current = backup.version;
    fieldsRef.current = backup.fields;
    setFields(backup.fields);
    writeBackup(attestationId, controlId, backup.version, backup.fields);
    go("dirty");
    void save();
  }, [attestationId, controlId, backup, save, go]);

  const discardBackup = useCallback(() => {
    setBackup(null);
    clearBackup(attestationId, controlId);
  }, [attestationId, controlId]);

  // Best effort: a tab being hidden may be closed next, so send what is pending now.
  useEffect(() => {
    const onHidden = () => {
      if (document.visibilityState === "hidden") flush();
    };
    document.addEventListener("visibilitychange", onHidden);
    return () => document.removeEventListener("visibilitychange", onHidden);
  }, [flush]);

  const unsaved = state === "dirty" || state === "saving" || state === "error" || state === "conflict";
  useEffect(() => {
    if (!unsaved) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [unsaved]);

  return { fields, update, flush, state, savedAt, error, conflict, resolve, backup, restoreBackup, discardBackup };
}

function pick(a: SavedAnswer | AnswerFields): AnswerFields {
  return { status: a.status, narrative: a.narrative, maturity: a.maturity, justification: a.justification, targetDate: a.targetDate, plan: a.plan };
}
