import { z } from "zod";
import { rolloutRecordSchema } from "@/lib/rollouts/record-schema";
import { DEFAULT_TOKEN_LIFETIME_DAYS, TOKEN_LIFETIME_DAYS, TOKEN_SCOPE_VALUES } from "@/lib/rollouts/scopes";
import { safeText, wellFormed } from "./common";

const productId = z.string({ error: "Choose a product." }).uuid("Choose a product.");

/** The rollout form: the product and the record, validated by the same schema as uploads and the API. */
export const rolloutFormSchema = z.object({ productId, record: rolloutRecordSchema });
export type RolloutFormInput = z.input<typeof rolloutFormSchema>;
export type RolloutFormOutput = z.output<typeof rolloutFormSchema>;

export const rolloutUploadSchema = z.object({
  productId,
  format: z.enum(["auto", "json", "csv"]),
  text: wellFormed(1024 * 1024, "The file may be at most 1 MiB.").refine((s) => s.trim() !== "", "Choose a file or paste its contents."),
});
export type RolloutUploadInput = z.input<typeof rolloutUploadSchema>;

export const apiTokenSchema = z.object({
  name: safeText(80).min(2, "Name the token (at least 2 characters), e.g. after the pipeline that uses it."),
  scopes: z.array(z.enum(TOKEN_SCOPE_VALUES)).min(1, "Choose at least one scope."),
  /** Days until the token is refused; a select in the form, so it arrives as text. */
  lifetimeDays: z.coerce
    .number()
    .pipe(z.literal(TOKEN_LIFETIME_DAYS, { error: "Choose how long the token stays valid: 30, 90 or 365 days." }))
    .default(DEFAULT_TOKEN_LIFETIME_DAYS),
});
export type ApiTokenInput = z.input<typeof apiTokenSchema>;

export const idSchema = z.object({ id: z.string().uuid() });
