// Auth.js endpoints (session, CSRF, sign-in callback, sign-out). Auth.js checks its own CSRF tokens.
import { handlers } from "@/lib/auth/auth";

export const { GET, POST } = handlers;
