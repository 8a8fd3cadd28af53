import "server-only";
import { getActor, type Actor } from "@/lib/auth/session";
import { can, type Permission } from "@/lib/auth/permissions";
import { problem } from "@/lib/http/problem";

export { problem };

/**
 * Route handlers are public endpoints: each checks the session and permission
 * itself. Anonymous callers get 401; a role without the permission gets 404,
 * as if the endpoint did not exist.
 */
export async function requireApiActor(permission: Permission): Promise<Actor | Response> {
  const actor = await getActor();
  if (!actor) return problem(401, "Sign in required", "Your session has ended. Sign in again to continue.");
  if (!can(actor.role, permission)) return problem(404, "Not found", "There is nothing here.");
  return actor;
}
