import type { NextConfig } from "next";
import { API_CSP, pageCsp, STATIC_SECURITY_HEADERS } from "./lib/http/security-headers";

// Page paths: everything but route handlers and build assets.
const PAGES = "/((?!api/|_next/).*)";
const csp = (value: string) => [{ key: "Content-Security-Policy", value }];
const closeAfterAnswer = [{ key: "Connection", value: "close" }];

// Several instances built separately (one build per machine or image) must agree on two things,
// both fixed at build time: the build id (the name of the static assets each page asks for) and
// the key that encrypts the arguments server actions carry between page and server.
// Instances started from one build folder agree already. See README, "Several instances".
const buildId = process.env.RINGFENCE_BUILD_ID?.trim() || null;
if (buildId !== null && !/^[A-Za-z0-9._-]{1,64}$/.test(buildId)) {
  throw new Error("RINGFENCE_BUILD_ID: use 1 to 64 letters, digits, '.', '_' or '-' (e.g. the release's git commit)");
}
const actionsKey = process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY;
if (actionsKey !== undefined && ![16, 24, 32].includes(Buffer.from(actionsKey, "base64").length)) {
  throw new Error("NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: must be a base64 AES key of 16, 24 or 32 bytes (e.g. `openssl rand -base64 32`)");
}

const nextConfig: NextConfig = {
  generateBuildId: async () => buildId,
  // A separate build folder lets several checkouts' test runs share one machine.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  poweredByHeader: false,
  reactStrictMode: true,
  // Native and WASM packages stay out of the bundle and load from node_modules.
  // pdfkit reads its font metrics from its own folder at run time, so it must not be bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "postgres", "pdfkit"],
  typescript: { ignoreBuildErrors: false },
  experimental: {
    serverActions: { bodySizeLimit: "2mb" },
  },
  // Headers set here win over a route handler's own (Next appends only absent headers), so
  // the evidence downloads (the vendor's and the panel's), which set their own sandboxing policy, are left out of the API policy.
  async headers() {
    return [
      { source: "/:path*", headers: STATIC_SECURITY_HEADERS },
      { source: "/api/((?!evidence/[^/]+/download$)(?!review/[^/]+/evidence/[^/]+$).*)", headers: csp(API_CSP) },
      // A policy without a nonce, under which no inline script runs. The front door
      // (lib/http/front-door.ts) replaces it on every HTML answer with one carrying the
      // request's nonce, which Next puts on its scripts; without the front door, pages fail closed.
      { source: PAGES, headers: csp(pageCsp("", false)) },
      // A body of 1 MB or more, or of unknown length: close the connection after answering, so an
      // early refusal does not leave Node reading (draining) the rest to keep the connection alive.
      { source: "/:path*", has: [{ type: "header", key: "content-length", value: "\\d{7,}" }], headers: closeAfterAnswer },
      { source: "/:path*", has: [{ type: "header", key: "transfer-encoding" }], headers: closeAfterAnswer },
    ];
  },
};

export default nextConfig;
