import type { OscalPart } from "./oscal-common";

/** Replaces `{{ insert: param, id }}` markers in prose with readable text. */
export type ParamResolver = (prose: string) => string;

type Param = { id?: unknown; label?: unknown; values?: unknown; select?: unknown };

const INSERT_RE = /\{\{\s*insert:\s*([A-Za-z-]+)\s*,\s*([^\s}]+)\s*\}\}/g;

/**
 * Collect every parameter defined anywhere in the catalog and build a resolver:
 * a parameter with values becomes its values; a selection becomes
 * "[Selection: a; b]"; otherwise "[Assignment: label]" (or "[id]").
 */
export function makeParamResolver(catalog: Record<string, unknown>): ParamResolver {
  const params = new Map<string, Param>();
  const visit = (node: unknown) => {
    if (typeof node !== "object" || node === null) return;
    const o = node as Record<string, unknown>;
    if (Array.isArray(o.params)) for (const p of o.params as Param[]) if (p && typeof p.id === "string") params.set(p.id, p);
    for (const key of ["groups", "controls"]) if (Array.isArray(o[key])) (o[key] as unknown[]).forEach(visit);
  };
  visit(catalog);

  const resolve = (prose: string, depth: number): string =>
    prose.replace(INSERT_RE, (_m, kind: string, id: string) => {
      const p = kind === "param" ? params.get(id) : undefined;
      if (!p || depth > 3) return `[${id}]`;
      const values = strings(p.values);
      if (values.length) return values.map((v) => resolve(v, depth + 1)).join(", ");
      if (p.select && typeof p.select === "object") {
        const sel = p.select as Record<string, unknown>;
        const choices = strings(sel.choice).map((c) => resolve(c, depth + 1));
        const many = sel["how-many"] === "one-or-more" ? " (one or more)" : "";
        return `[Selection${many}: ${choices.join("; ")}]`;
      }
      if (typeof p.label === "string" && p.label.trim()) return `[Assignment: ${resolve(p.label.trim(), depth + 1)}]`;
      return `[${id}]`;
    });
  return (prose) => resolve(prose, 0);
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/**
 * Flatten parts and their nested parts into plain text: each part is its
 * label (or title) followed by its prose, sub-parts on following lines,
 * top-level parts separated by a blank line. `skipTopTitle` drops the titles
 * of the top-level parts themselves (a statement's title is just "Statement").
 */
export function flattenParts(parts: ReadonlyArray<OscalPart>, resolve: ParamResolver, skipTopTitle = false, depth = 0): string {
  const blocks = parts.map((part) => {
    const label = part.props?.find((p) => p.name === "label" && !p.ns)?.value;
    const head = label ?? (skipTopTitle && depth === 0 ? undefined : part.title);
    const prose = resolve(part.prose ?? "").trim();
    const line = [head?.trim(), prose].filter(Boolean).join(" ");
    const children = flattenParts(part.parts ?? [], resolve, false, depth + 1);
    return [line, children].filter(Boolean).join("\n");
  });
  return blocks
    .filter(Boolean)
    .join(depth === 0 ? "\n\n" : "\n")
    .trim();
}
