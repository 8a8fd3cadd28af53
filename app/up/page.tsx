import type { Metadata } from "next";
import { connection } from "next/server";

export const metadata: Metadata = { title: "Serving" };

/**
 * Liveness: a page rendered per request that touches neither the database nor the session, so it
 * answers while PostgreSQL is down (readiness, with the database, is /api/health). It is also the
 * baseline of `npm run bench`: every other page's latency is reported as a multiple of this one's,
 * which costs what every page costs (the front door and its sign-in check, headers, the root
 * layout, React) and nothing more. So it sits outside the route groups: no section's layout.
 */
export default async function UpPage() {
  await connection();
  return (
    <main id="main" aria-labelledby="up-heading" className="mx-auto max-w-5xl space-y-2 px-4 py-6">
      <h1 id="up-heading" className="text-2xl font-bold">
        Ringfence is serving pages
      </h1>
      <p className="text-gray-700">
        This instance rendered this page at <time dateTime={new Date().toISOString()}>{new Date().toISOString()}</time> without reading the database. Whether
        the database answers is reported at <code>/api/health</code>.
      </p>
    </main>
  );
}
