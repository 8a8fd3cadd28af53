import { config } from "zod/v4/core";

// Runs in the browser before the application's own modules (Next's instrumentation-client). The
// pages' policy forbids eval (lib/http/front-door.ts), so zod's compiled object parser can never
// run here; without `jitless` zod finds that out by calling `Function("")` when a form's schema is
// built, which the browser records as a Content-Security-Policy violation (Lighthouse's "Issues"
// audit). Set before any schema exists, zod skips the probe and uses its interpreted parser, as it
// would have anyway.
config({ jitless: true });
