import { STATIC_SECURITY_HEADERS } from "./security-headers";

/**
 * What the portal answers while its database is unreachable: 503 with
 * Retry-After, a readable page for people, problem+json for the API and plain
 * text for server actions (Next's client shows a text/plain error's message).
 * Self-contained: it is sent before Next runs, so it loads nothing.
 */
export const RETRY_AFTER_SECONDS = 5;
const REFRESH_SECONDS = 10;

export type UnavailableKind = "page" | "api" | "action";

const DETAIL = "The portal cannot reach its database right now. Nothing you saved before this was lost. Try again in a moment.";

const PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${REFRESH_SECONDS}">
<title>Temporarily unavailable · Ringfence</title>
<style>
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#111827;background:#f8fafc;line-height:1.5}
main{max-width:36rem;margin:0 auto;padding:4rem 1rem}
h1{font-size:1.5rem;margin:0 0 .5rem}
p{margin:0 0 1rem;color:#374151}
</style>
</head>
<body>
<main id="main">
<h1>Ringfence is temporarily unavailable</h1>
<p>The portal cannot reach its database right now. Nothing you saved before this was lost.</p>
<p>This page tries again every ${REFRESH_SECONDS} seconds, or reload it yourself in a moment.</p>
</main>
</body>
</html>
`;

// No script may run; the inline style block is the page's only resource.
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

export function unavailableAnswer(kind: UnavailableKind): { status: 503; headers: Record<string, string>; body: string } {
  const headers: Record<string, string> = Object.fromEntries(STATIC_SECURITY_HEADERS.map((h) => [h.key, h.value]));
  headers["Retry-After"] = String(RETRY_AFTER_SECONDS);
  headers["Cache-Control"] = "no-store";
  if (kind === "page")
    return { status: 503, headers: { ...headers, "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": PAGE_CSP }, body: PAGE };
  if (kind === "action") return { status: 503, headers: { ...headers, "Content-Type": "text/plain", "Content-Security-Policy": API_CSP }, body: DETAIL };
  const problem = { type: "about:blank", title: "Service Unavailable", status: 503, detail: DETAIL };
  return {
    status: 503,
    headers: { ...headers, "Content-Type": "application/problem+json", "Content-Security-Policy": API_CSP },
    body: JSON.stringify(problem),
  };
}
