import { z } from "zod";
import { safeMultiline } from "./common";
import { CLARIFICATION_BODY_MAX } from "./clarification-limits";

export { CLARIFICATION_BODY_MAX };

function body(empty: string) {
  return safeMultiline(CLARIFICATION_BODY_MAX, { type: empty }).min(1, empty);
}

const id = (message: string) => z.string({ error: message }).uuid(message);
const QUESTION = "This question does not exist.";

export const askClarificationSchema = z.object({
  attestationId: id("This attestation does not exist."),
  controlId: id("Choose a control of this submission."),
  body: body("Write the question for the vendor."),
});
export type AskClarificationInput = z.input<typeof askClarificationSchema>;

export const replyClarificationSchema = z.object({
  clarificationId: id(QUESTION),
  body: body("Write the follow-up for the vendor."),
});
export type ReplyClarificationInput = z.input<typeof replyClarificationSchema>;

export const answerClarificationSchema = z.object({
  clarificationId: id(QUESTION),
  body: body("Write your answer for the review panel."),
  /** One item of the vendor's own vault, or nothing ("" from the form). */
  evidenceId: z
    .union([z.string().uuid(), z.literal(""), z.null()], { error: "Choose an item from your evidence vault, or attach nothing." })
    .optional()
    .transform((v) => v || null),
});
export type AnswerClarificationInput = z.input<typeof answerClarificationSchema>;

export const resolveClarificationSchema = z.object({ clarificationId: id(QUESTION) });
export type ResolveClarificationInput = z.input<typeof resolveClarificationSchema>;
