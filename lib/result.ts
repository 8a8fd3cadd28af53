/** What every server action returns. Expected failures are values, not exceptions. */
export type FieldErrors = Record<string, string[] | undefined>;

export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | {
      ok: false;
      code: "invalid" | "unauthenticated" | "forbidden" | "not_found" | "conflict" | "throttled" | "step_up" | "error";
      formError?: string;
      fieldErrors?: FieldErrors;
      /** Where the person can go about it, e.g. the attestation a new one would duplicate. */ link?: { href: string; text: string };
    };

export type Failure = Extract<ActionResult<never>, { ok: false }>;

export function ok<T>(data: T): { ok: true; data: T } {
  return { ok: true, data };
}

export function fail(code: Failure["code"], formError?: string, fieldErrors?: FieldErrors): Failure {
  return { ok: false, code, formError, fieldErrors };
}

export function fieldError(field: string, message: string): Failure {
  return { ok: false, code: "invalid", fieldErrors: { [field]: [message] } };
}
