/** Where to go after sign-in: only a same-site path, never an absolute or protocol-relative URL (open redirect). */
export function safeNext(next: string | undefined | null): string {
  return next && /^\/(?![/\\])/.test(next) ? next : "/";
}
