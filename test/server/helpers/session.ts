// Signs in over HTTP through Auth.js's own credentials flow (CSRF token, then the credentials
// callback), so the session cookie carries exactly the claims the portal's sign-in produces
// and any server-side session row is created by the portal itself. The one place tests get a session.
import { DEMO_PASSWORD } from "@/db/seed/demo-identity";

/** Cookie header for a signed-in session of a demo account. */
export async function signIn(origin: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const csrf = await fetch(`${origin}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesFrom(csrf);
  const res = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${origin}/` }),
  });
  const session = res.headers.getSetCookie().find((c) => /^(__Secure-)?authjs\.session-token=/.test(c));
  if (!session) throw new Error(`sign-in as ${email} failed: ${res.status} ${res.headers.get("location")}`);
  return `${jar}; ${session.split(";")[0]}`;
}

function cookiesFrom(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}
