import { measureLoad } from "./bench/load";
const targets = process.argv.slice(2);
(async () => {
  for (let round = 0; round < 2; round++)
    for (const clients of [1, 10])
      for (const t of targets) {
        const f = await measureLoad({ url: t }, clients, 4);
        console.log(`r${round} c${clients} ${t.padEnd(40)} median ${f.median} p97.5 ${f.p97_5} rps ${f.rps} unexpected ${f.unexpected}`);
      }
})();
