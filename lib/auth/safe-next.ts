/**
 * A fixed, never-contacted origin that `next` targets are resolved against.
 * Deciding by origin rather than by looking at characters is what browsers do:
 * they drop tab/CR/LF and read "\" as "/", so "/\t/evil.example" leaves the site.
 */
export const PORTAL_ORIGIN = "https://portal.ringfence.invalid";

// C0 controls and DEL: browsers strip some of them from URLs, so refuse them all.
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Where to go after sign-in: the normalised path, query and fragment of a
 * same-origin target, or "/" for anything else (open redirect).
 */
export function safeNext(next: string | undefined | null): string {
  if (typeof next !== "string" || next === "" || next.length > 2000 || CONTROL.test(next)) return "/";
  const url = parse(next);
  if (!url || url.origin !== PORTAL_ORIGIN) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil.example" normalises to "//evil.example": check what we return, not only what came in.
  return path.startsWith("/") && parse(path)?.origin === PORTAL_ORIGIN ? path : "/";
}

function parse(target: string): URL | null {
  try {
    return new URL(target, PORTAL_ORIGIN);
  } catch {
    return null;
  }
}
