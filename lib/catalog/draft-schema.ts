import { z } from "zod";
import { REQUIRED_MESSAGE, controlSchema, domainSchema, draftRubricSchema, frameworkDocumentSchema, formatIssuePath, refineUniqueIds } from "./schema";

/**
 * A framework while it is still a draft: identical to `frameworkDocumentSchema`
 * except that rubric descriptors may be empty strings (an imported OSCAL
 * catalog has no rubric yet; publishing stays refused until it is written).
 */
export const draftControlSchema = controlSchema.extend({ rubric: draftRubricSchema });
export const draftDomainSchema = domainSchema.extend({ controls: z.array(draftControlSchema) });

export const draftFrameworkDocumentSchema = z
  .object({
    ...frameworkDocumentSchema.shape,
    domains: z.array(draftDomainSchema).min(1, "A framework has at least one domain."),
  })
  .superRefine(refineUniqueIds);
export type DraftFrameworkDocument = z.infer<typeof draftFrameworkDocumentSchema>;

/** A located problem, as shown to the person importing a file. */
export interface ImportError {
  path: string;
  message: string;
}

/** A missing value (or null where none is allowed): importers read "This field is required." rather than zod's wording. */
function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type" && /received (undefined|null)$/.test(issue.message)) return REQUIRED_MESSAGE;
  return issue.message;
}

/**
 * Turn zod issues into located errors. `mapPath` may rewrite the path
 * (the OSCAL importer points back into the catalog instead of the framework).
 */
export function issuesToErrors(
  issues: ReadonlyArray<z.core.$ZodIssue>,
  mapPath: (path: ReadonlyArray<PropertyKey>) => string = formatIssuePath,
): ImportError[] {
  return issues.map((issue) => ({ path: mapPath(issue.path), message: issueMessage(issue) }));
}

/** `errors` formatted one per line: `domains[2].controls[5].rubric[3]: required`. */
export function formatErrors(errors: ReadonlyArray<ImportError>): string {
  return errors.map((e) => `${e.path}: ${e.message}`).join("\n");
}
