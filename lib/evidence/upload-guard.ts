import "server-only";
import type { z } from "zod";
import { getDb } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/permissions";
import { closing, declaredLength, refuse, refuseCrossOrigin } from "@/lib/http/early";
import { describeLimit, takeRateLimits, tooManyRequests } from "@/lib/http/rate-limit";
import { requireApiActor } from "@/lib/server/route-auth";
import { mib, PROBLEM_TYPE as T } from "./stage";

export type UploadCheck<Q> = { ok: true; query: Q; body: ReadableStream<Uint8Array> } | { ok: false; response: Response };
export type UploadGuard<Q> = { ok: true; actor: Actor; query: Q; body: ReadableStream<Uint8Array> } | { ok: false; response: Response };

/**
 * What can be checked of an upload without its body: metadata in the query
 * string and the declared length. Pure, so handlers that already hold an actor
 * (and tests) run the same checks.
 */
export function checkUploadRequest<S extends z.ZodType>(request: Request, query: S, maxBytes: number): UploadCheck<z.output<S>> {
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join(".") || "request"}: ${i.message}`).join(" ");
    return { ok: false, response: refuse(400, "Invalid upload details", detail, `${T}invalid`) };
  }
  const declared = declaredLength(request);
  if (Number.isNaN(declared)) return { ok: false, response: refuse(400, "Invalid upload", "The Content-Length header is not a number.", `${T}invalid`) };
  if (declared !== null && declared > maxBytes) {
    return { ok: false, response: refuse(413, "File too large", `Files may be at most ${mib(maxBytes)}; this one is ${mib(declared)}.`, `${T}too-large`) };
  }
  if (!request.body || declared === 0) return { ok: false, response: refuse(400, "Empty upload", "The request carried no file.", `${T}invalid`) };
  return { ok: true, query: parsed.data, body: request.body };
}

/**
 * Every check an upload route makes before it reads a byte of the body, in
 * order: same origin, session, permission, query string, declared length, and
 * the upload rate limits of the person and of their organisation (an upload
 * refused by an earlier check does not count).
 * Refusals close the connection so the unread body is not drained.
 * Shared by every upload route (new items, new versions of an item).
 */
export async function guardUpload<S extends z.ZodType>(
  request: Request,
  opts: { permission: Permission; query: S; maxBytes: number },
): Promise<UploadGuard<z.output<S>>> {
  const foreign = refuseCrossOrigin(request);
  if (foreign) return { ok: false, response: foreign };
  const actor = await requireApiActor(opts.permission);
  if (actor instanceof Response) return { ok: false, response: closing(actor) };
  const check = checkUploadRequest(request, opts.query, opts.maxBytes);
  if (!check.ok) return check;
  const refused = await takeRateLimits(await getDb(), [
    { limit: "upload.user", subject: actor.userId },
    { limit: "upload.organisation", subject: actor.organisationId },
  ]);
  if (refused) {
    const whose = refused.limit === "upload.user" ? "each person" : "all of an organisation's people together";
    return {
      ok: false,
      response: closing(tooManyRequests(refused, `The portal accepts ${describeLimit(refused.rule, "uploads")} from ${whose}.`, `${T}rate-limited`)),
    };
  }
  return { ...check, actor };
}
