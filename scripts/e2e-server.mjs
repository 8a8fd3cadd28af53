// Serves the built portal for the end-to-end tests on its own port and data folder.
// With DATABASE_URL it uses that PostgreSQL database (seeded first); without it, a
// fresh embedded PGlite folder that the server seeds on its first start.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";

const port = process.env.E2E_PORT ?? "3100";
const dataDir = path.resolve(process.env.E2E_DATA_DIR ?? `.data-e2e/run-${Date.now()}`);
fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true });

const env = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  RINGFENCE_DATA_DIR: dataDir,
  AUTH_SECRET: process.env.AUTH_SECRET ?? crypto.randomBytes(32).toString("base64url"),
  // The tests play the one trusted proxy: each sends X-Forwarded-For with its own
  // address (e2e/fixtures.ts), so one test's sign-in throttling never touches another's.
  TRUSTED_PROXY_HOPS: process.env.TRUSTED_PROXY_HOPS ?? "1",
};
delete env.PGLITE_DIR;

// A real SMTP server for the portal's email, writing each message it accepts to a
// file the tests read (e2e/fixtures.ts mailbox()): .data-e2e/mail-<port>/<n>.eml.
const mailDir = path.resolve(".data-e2e", `mail-${port}`);
fs.rmSync(mailDir, { recursive: true, force: true });
fs.mkdirSync(mailDir, { recursive: true });
const { SMTPServer } = await import("smtp-server");
let mailCount = 0;
const smtp = new SMTPServer({
  logger: false,
  disabledCommands: ["STARTTLS", "AUTH"],
  authOptional: true,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on("data", (c) => chunks.push(c));
    stream.on("end", () => {
      const to = session.envelope.rcptTo.map((r) => r.address).join(", ");
      fs.writeFileSync(path.join(mailDir, `${String(++mailCount).padStart(5, "0")}.eml`), `X-Envelope-To: ${to}\r\n${Buffer.concat(chunks).toString("utf8")}`);
      callback();
    });
  },
});
const smtpPort = await new Promise((resolve) => {
  const s = smtp.listen(Number(process.env.E2E_SMTP_PORT ?? 0), "127.0.0.1", () => resolve(s.address().port));
});
env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
env.MAIL_FROM = "Ringfence <ringfence@localhost>";
env.PUBLIC_URL = `http://127.0.0.1:${port}`;

if (!fs.existsSync(path.join(process.env.NEXT_DIST_DIR ?? ".next", "BUILD_ID"))) {
  const b = spawnSync("npx", ["next", "build"], { stdio: "inherit", env });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
if (env.DATABASE_URL) {
  const s = spawnSync("npm", ["run", "--silent", "db:seed"], { stdio: "inherit", env });
  if (s.status !== 0) process.exit(s.status ?? 1);
}
const server = spawn("npx", ["next", "start", "-p", port, "-H", "127.0.0.1"], { stdio: "inherit", env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => {
  smtp.close();
  if (!process.env.E2E_KEEP_DATA) fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
