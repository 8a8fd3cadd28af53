import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import type { ActionResult } from "@/lib/result";

/** Puts the server's field errors beside the fields; the typed values stay as they are. */
export function applyFieldErrors<T extends FieldValues>(result: ActionResult<unknown>, setError: UseFormSetError<T>): void {
  if (result.ok || !result.fieldErrors) return;
  let first = true;
  for (const [name, messages] of Object.entries(result.fieldErrors)) {
    if (!messages?.length) continue;
    setError(name as Path<T>, { type: "server", message: messages[0] }, { shouldFocus: first });
    first = false;
  }
}
