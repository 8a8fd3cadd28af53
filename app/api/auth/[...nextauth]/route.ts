// Auth.js endpoints (session, CSRF, sign-in callback, sign-out). Auth.js checks its own CSRF tokens;
// posts from other sites are refused before it runs, like every state-changing route.
import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { refuseCrossOrigin } from "@/lib/http/early";

export const { GET } = handlers;

export async function POST(request: NextRequest): Promise<Response> {
  return refuseCrossOrigin(request) ?? handlers.POST(request);
}
