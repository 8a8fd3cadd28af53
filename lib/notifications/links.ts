import { safeNext } from "@/lib/auth/safe-next";

/**
 * A notification's link must stay inside the portal: a path that starts with
 * one "/" (not "//", which browsers read as another site) and that the
 * sign-in redirect check would leave exactly as it is.
 */
export function isPortalPath(link: unknown): link is string {
  return typeof link === "string" && link.startsWith("/") && !link.startsWith("//") && safeNext(link) === link;
}

/** The address of a portal path for an email: the configured public base URL plus the path. */
export function absoluteLink(publicUrl: string, path: string): string {
  return `${publicUrl.replace(/\/+$/, "")}${path}`;
}
