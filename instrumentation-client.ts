// Runs in the browser before the application's own modules (Next's instrumentation-client). The
// pages' policy forbids eval (lib/http/front-door.ts), so zod's compiled object parser can never
// run here; without `jitless` zod finds that out by calling `Function("")` when a form's schema is
// built, which the browser records as a Content-Security-Policy violation (Lighthouse's "Issues"
// audit). Set before any schema exists, zod skips the probe and uses its interpreted parser, as it
// would have anyway. zod keeps its settings on `globalThis.__zod_globalConfig` (zod/v4/core's
// `config()` writes the same object) and adopts one that is already there; writing it directly keeps
// zod itself out of the pages that have no form (importing `config` put 7 KB gzip on every page).
const g = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
(g.__zod_globalConfig ??= {}).jitless = true;

export {};
