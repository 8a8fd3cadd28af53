import { parseEventBody } from "./event";
import { leafHash, verifyInclusion } from "./merkle";
import { NoteError, openNote, parseCheckpoint, parseVerifierKey } from "./note";

/**
 * A receipt proves that a signed submission or a published report was
 * recorded in the transparency log, and checks offline with this file alone
 * (no database, no network): `npm run verify-receipt -- receipt.json`.
 *
 * The algorithm (docs/transparency-log.md says the same in prose):
 *  1. The event body is JSON whose `seq` is `event.index`, whose action is the
 *     subject's (attestation.submitted / report.published), whose object or
 *     detail names the subject's id, and whose `detail.digest` equals
 *     `subject.digest`.
 *  2. leaf = SHA-256(0x00 ‖ UTF-8 bytes of the body).
 *  3. The checkpoint note carries a valid Ed25519 signature by the log key
 *     (compare the key with the one the portal publishes at /api/log/key, or
 *     pass the key you trust).
 *  4. The checkpoint's tree size is greater than `event.index`, and the
 *     inclusion proof (RFC 9162 §2.1.3.2) leads from the leaf to its root hash.
 */
export const RECEIPT_FORMAT = "ringfence-log-receipt/v1";

export type Receipt = {
  receipt: typeof RECEIPT_FORMAT;
  subject: { kind: "submission" | "report"; id: string; digest: string };
  event: { index: number; body: string };
  /** Hex SHA-256 node hashes, leaf to root. */
  inclusionProof: string[];
  /** The C2SP checkpoint as a signed note. */
  checkpoint: string;
  /** The log's verifier key: "<name>+<key id>+<key>". */
  logKey: string;
  howToVerify: string;
};

export type ReceiptCheck = { step: string; ok: boolean; detail: string };

const ACTION = { submission: "attestation.submitted", report: "report.published" } as const;

export function verifyReceipt(input: unknown, trustedKey?: string): { ok: boolean; checks: ReceiptCheck[] } {
  const checks: ReceiptCheck[] = [];
  const done = (step: string, ok: boolean, detail: string) => {
    checks.push({ step, ok, detail });
    return ok;
  };
  const finish = () => ({ ok: checks.length === 4 && checks.every((c) => c.ok), checks });
  const r = input as Partial<Receipt> | null;
  if (
    !r ||
    typeof r !== "object" ||
    r.receipt !== RECEIPT_FORMAT ||
    !r.subject ||
    !r.event ||
    !Array.isArray(r.inclusionProof) ||
    typeof r.checkpoint !== "string"
  ) {
    done("format", false, `not a ${RECEIPT_FORMAT} receipt`);
    return finish();
  }
  const { subject, event } = r;
  // 1. The event says what the receipt claims.
  const body = typeof event.body === "string" ? parseEventBody(event.body) : null;
  const kind = subject.kind === "submission" || subject.kind === "report" ? subject.kind : null;
  const names = body && kind ? (kind === "submission" ? body.object.id === subject.id : body.detail.reportId === subject.id) : false;
  if (
    !done(
      "event",
      Boolean(
        body &&
        kind &&
        body.seq === event.index &&
        body.action === ACTION[kind] &&
        names &&
        body.detail.digest === subject.digest &&
        typeof subject.digest === "string",
      ),
      body
        ? `event ${body.seq}: ${body.action} of ${body.object.type} ${body.object.id ?? ""}, digest ${String(body.detail.digest)}`
        : "the event body is not a log event",
    )
  )
    return finish();
  // 2. Its leaf hash.
  const leaf = leafHash(event.body);
  done("leaf", true, `leaf hash ${leaf.toString("hex")}`);
  // 3. The checkpoint's signature.
  let size = 0;
  let root: Buffer;
  try {
    const key = parseVerifierKey(trustedKey ?? r.logKey ?? "");
    const cp = parseCheckpoint(openNote(r.checkpoint, key));
    size = cp.size;
    root = cp.root;
    done(
      "checkpoint",
      true,
      `signed by ${key.name} (${key.keyId.toString("hex")}): tree size ${cp.size}, root ${cp.root.toString("hex")}${trustedKey ? "" : " — key taken from the receipt; compare it with the one the portal publishes"}`,
    );
  } catch (err) {
    done("checkpoint", false, err instanceof NoteError ? err.message : String(err));
    return finish();
  }
  // 4. The inclusion proof.
  const proof = r.inclusionProof.map((h) => (typeof h === "string" && /^[0-9a-f]{64}$/.test(h) ? Buffer.from(h, "hex") : Buffer.alloc(0)));
  done("inclusion", verifyInclusion(event.index, size, leaf, proof, root), `event ${event.index} in a tree of ${size}: ${proof.length} proof hashes`);
  return finish();
}
