import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerError } from "smtp-server";

export type Received = { from: string; to: string[]; messageId: string; subject: string; autoSubmitted: string; body: string };

/** Quoted-printable soft breaks and escapes, as nodemailer writes long text lines. */
function decodeQuotedPrintable(s: string): string {
  return s.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function parse(raw: string, from: string, to: string[]): Received {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, "im").exec(head)?.[1]?.trim() ?? "";
  const body = raw.slice(split + 4);
  return {
    from,
    to,
    messageId: header("Message-ID"),
    subject: header("Subject"),
    autoSubmitted: header("Auto-Submitted"),
    body: /quoted-printable/i.test(header("Content-Transfer-Encoding")) ? decodeQuotedPrintable(body) : body,
  };
}

/**
 * A real SMTP server on a random local port for tests: it records every
 * message it accepts. `rejectRecipient` refuses RCPT TO while it returns
 * true; `auth` requires that user name and password.
 */
export async function startSmtpServer(options: { rejectRecipient?: () => boolean; auth?: { user: string; pass: string } } = {}) {
  const received: Received[] = [];
  const server = new SMTPServer({
    logger: false,
    // Plain text only on a loopback test server: no certificate to trust.
    disabledCommands: options.auth ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    allowInsecureAuth: true,
    authOptional: !options.auth,
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) return callback(null, { user: auth.username });
      callback(Object.assign(new Error("Authentication credentials invalid"), { responseCode: 535 }) as SMTPServerError);
    },
    onRcptTo(_address, _session, callback) {
      if (options.rejectRecipient?.()) return callback(Object.assign(new Error("Mailbox unavailable, try later"), { responseCode: 450 }) as SMTPServerError);
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        received.push(
          parse(
            Buffer.concat(chunks).toString("utf8"),
            from,
            session.envelope.rcptTo.map((r) => r.address),
          ),
        );
        callback();
      });
    },
  });
  const net = await new Promise<ReturnType<SMTPServer["listen"]>>((resolve) => {
    const s = server.listen(0, "127.0.0.1", () => resolve(s));
  });
  const port = (net.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
