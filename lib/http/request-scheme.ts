import "server-only";
import { getConfig } from "@/lib/config";
import { stampsInstalled } from "./peer-address";
import { isHttps, SCHEME_HEADER } from "./scheme";

/**
 * Whether this request came over HTTPS (scheme.ts), from the front door's
 * stamp. Without the stamp (another server), only the configured address counts.
 */
export function requestIsHttps(headers: Pick<Headers, "get">): boolean {
  if (stampsInstalled()) return headers.get(SCHEME_HEADER) === "https";
  return isHttps({
    socketEncrypted: false,
    forwardedProto: null,
    trustedProxyHops: 0,
    configuredUrls: [getConfig().mail.publicUrl, process.env.AUTH_URL ?? process.env.NEXTAUTH_URL],
  });
}
