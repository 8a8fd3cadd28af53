import "server-only";
import nodemailer from "nodemailer";
import { redactSecrets } from "./retry";

export type OutgoingMail = { id: string; to: string; subject: string; text: string };

/** Sends one email or throws; `describeError` turns a failure into text safe to store and log. */
export type Mailer = {
  send(mail: OutgoingMail): Promise<void>;
  describeError(err: unknown): string;
  close(): void;
};

export type SmtpSettings = { smtpUrl: string; from: string; publicUrl: string };

// Generous for one message, and well inside the worker's claim window (worker.ts).
const TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000, dnsTimeout: 30_000 };

/** The user name and password in an SMTP URL, in every form they could appear in an error. */
export function smtpSecrets(smtpUrl: string): string[] {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    return [smtpUrl];
  }
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  const user = decode(url.username);
  const password = decode(url.password);
  return [smtpUrl, url.username, url.password, user, password, `\u0000${user}\u0000${password}`];
}

/**
 * An SMTP mailer (nodemailer, one connection per message). Each message
 * carries a Message-ID derived from its outbox id, so a message sent twice
 * (see worker.ts) has the same Message-ID both times and receiving systems
 * can recognise the copy.
 */
export function createSmtpMailer(settings: SmtpSettings): Mailer {
  const transport = nodemailer.createTransport({ url: settings.smtpUrl, ...TIMEOUTS });
  const domain = new URL(settings.publicUrl).hostname;
  const secrets = smtpSecrets(settings.smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({
        from: settings.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: `<${mail.id}@${domain}>`,
        // RFC 3834: automatic messages, so out-of-office replies are not sent back.
        headers: { "Auto-Submitted": "auto-generated" },
      });
    },
    describeError(err) {
      const e = err as { message?: unknown; code?: unknown; responseCode?: unknown };
      const message = typeof e?.message === "string" ? e.message : String(err);
      const code = typeof e?.code === "string" ? `${e.code}: ` : "";
      return redactSecrets(`${code}${message}`, secrets);
    },
    close() {
      transport.close();
    },
  };
}
