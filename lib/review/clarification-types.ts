/**
 * What the clarification pages and components receive: plain values, safe to
 * pass to client components (dates as ISO strings). Filled by
 * lib/review/clarification-queries.ts.
 */
export const CLARIFICATION_STATUSES = ["open", "answered", "resolved"] as const;
export type ClarificationStatus = (typeof CLARIFICATION_STATUSES)[number];

/** Which side of the conversation a person is on: the review panel or the vendor. */
export type ClarificationSide = "panel" | "vendor";

/** Worded for the reader: "open" means the vendor has not answered yet. */
export const CLARIFICATION_STATUS_LABELS: Record<ClarificationStatus, string> = {
  open: "Waiting for the vendor",
  answered: "Answered, waiting for the panel",
  resolved: "Resolved",
};

export type ClarificationMessageView = {
  id: string;
  side: ClarificationSide;
  authorName: string;
  body: string;
  createdAt: string;
  /** Evidence the vendor attached to an answer, at the file version current when they answered. */
  evidence: { id: string; title: string; version: number } | null;
};

export type ClarificationThreadView = {
  id: string;
  attestationId: string;
  /** The catalog control's uuid. */
  controlId: string;
  /** The control's reference, e.g. "SDP-2.1". */
  controlRef: string;
  controlTitle: string;
  status: ClarificationStatus;
  createdAt: string;
  resolvedAt: string | null;
  resolvedByName: string | null;
  /** Oldest first; the first one is the question. */
  messages: ClarificationMessageView[];
};
