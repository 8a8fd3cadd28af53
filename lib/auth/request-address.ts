import "server-only";
import { getConfig } from "@/lib/config";
import { peerAddressFrom } from "@/lib/http/peer-address";
import { clientAddress } from "./client-address";

/** The client address of a request, as configured by TRUSTED_PROXY_HOPS. */
export function clientAddressFrom(headers: Headers): string | null {
  return clientAddress(headers.get("x-forwarded-for"), peerAddressFrom(headers), getConfig().trustedProxyHops);
}
