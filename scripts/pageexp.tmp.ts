// experiment: signed-in pages vs /up on a bench database
import { prepareAccounts, BENCH_PASSWORD } from "./bench/accounts";
import { signIn, startPortal } from "./faults/portal";
import { measureLoad } from "./bench/load";
const db = process.argv[2]!; const port = Number(process.argv[3]); const paths = process.argv.slice(4);
(async () => {
  const url = `postgres://postgres@127.0.0.1:5432/${db}`;
  const accounts = await prepareAccounts(url);
  const portal = await startPortal({ port, dataDir: `/work/main/.data-bench/${db.replace("rf_bench_", "").replace(/^v/, "v")}`, databaseUrl: url, authSecret: "x".repeat(40) });
  try {
    const officer = accounts.find((a) => a.role === "vendor_officer")!;
    const cookie = await signIn(portal.origin, officer.email, BENCH_PASSWORD);
    console.log(`pid ${portal.pid}`);
    if (process.env.HOLD) { console.log(cookie); await new Promise((r) => setTimeout(r, Number(process.env.HOLD) * 1000)); }
    for (let round = 0; round < 2; round++)
      for (const clients of [1, 10])
        for (const p of paths) {
          const f = await measureLoad({ url: `${portal.origin}${p}`, headers: { cookie } }, clients, 4);
          console.log(`r${round} c${clients} ${p.padEnd(30)} median ${f.median} p97.5 ${f.p97_5} rps ${f.rps} unexpected ${f.unexpected}`);
        }
  } finally { await portal.kill("SIGTERM"); }
})();
