import type fc from "fast-check";
import type { z } from "zod";
import { fail, literal, object, text, type Shape } from "@/test/helpers/shape";

/** What a schema documents (its shape) and, when the shape's own generator is too loose, better valid examples. */
export type SchemaSpec = {
  schema: z.ZodType;
  shape: Shape;
  /** Valid examples to mutate; defaults to the shape's generator. */
  valid?: fc.Arbitrary<unknown>;
  /** Query-string filters fall back to defaults instead of refusing. */
  neverRefuses?: boolean;
};

/** Keyed by "<module path>#<export name>"; the coverage test compares the keys with the modules' real exports. */
export type SpecTable = Record<string, SchemaSpec>;

/** Single-line and multi-line text as `safeText`/`safeMultiline` document it. */
export const line = (min: number, max: number) => text(min, max);
export const lines = (min: number, max: number) => text(min, max, { multiline: true });

/** The statement a form must confirm: only `true` itself. */
export const confirmed = () => literal(true);

/** An object whose `a` field must not be before its `b` field (both optional dates, compared as text: YYYY-MM-DD sorts by time). */
export const notBefore = (later: string, earlier: string) => (out: Record<string, unknown>, _in: unknown, path: string) => {
  const [a, b] = [out[later], out[earlier]];
  if (typeof a === "string" && typeof b === "string" && a < b) fail(`${path}.${later}`, `before ${earlier} (${b})`, a);
};

export { object };
