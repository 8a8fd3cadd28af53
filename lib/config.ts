import { z } from "zod";
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { parseRateLimits, type RateLimits } from "./http/rate-limit-policy";

/**
 * Every setting the portal reads, validated in one place. Read lazily (never at
 * import) so `next build` does not need a database or secrets.
 */
const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, "must be a postgres:// or postgresql:// connection URL")
    .optional(),
  RINGFENCE_DATA_DIR: z.string().min(1).default(".data"),
  PGLITE_DIR: z.string().min(1).optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -base64 32`)").optional(),
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(512 * 1024 * 1024),
  DATABASE_APP_ROLE: z
    .string()
    .regex(/^(none|[a-z_][a-z0-9_]{0,62})$/, 'must be a PostgreSQL role name (lower case) or "none"')
    .default("ringfence_app"),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, "must be an smtp:// or smtps:// URL, e.g. smtp://user:password@mail.example.org:587")
    .optional(),
  MAIL_FROM: z
    .string()
    .regex(/^([^<>\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, 'must be an address, e.g. "Ringfence <ringfence@example.org>"')
    .optional(),
  LOG_SIGNING_KEY: z
    .string()
    .regex(
      /^PRIVATE\+KEY\+[^+\s]+\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+$/,
      'must be a signing key as printed by `npm run log:keygen` ("PRIVATE+KEY+<name>+<id>+<key>")',
    )
    .optional(),
  LOG_SIGNING_KEY_FILE: z.string().min(1).optional(),
  LOG_ORIGIN: z
    .string()
    .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces, e.g. ringfence.example.org/log")
    .optional(),
  LOG_CHECKPOINT_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  PUBLIC_URL: z.string().refine(isOrigin, "must be the portal's address without a path, e.g. https://ringfence.example.org").default("http://localhost:3000"),
  /** Overrides of the rate limits (lib/http/rate-limit-policy.ts): name=max/seconds, comma-separated. */
  RATE_LIMITS: z.string().optional(),
  /** How long an API Idempotency-Key is remembered (hours); after that the same key starts a new request. */
  IDEMPOTENCY_KEY_HOURS: z.coerce.number().int().min(1).max(720).default(24),
  /** Evidence files in S3-compatible object storage: S3_BUCKET turns it on; the local folder otherwise. */
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be a bucket name: 3 to 63 lower-case letters, digits, dots and hyphens")
    .optional(),
  S3_ENDPOINT: z.string().refine(isHttpUrl, "must be the storage service's http:// or https:// address, e.g. https://s3.example.org").optional(),
  S3_REGION: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, "must be a region name such as eu-central-1")
    .default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: z.enum(["true", "false"], 'must be "true" or "false"').optional(),
  S3_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9!_.*'()/-]*$/, "must be a key prefix of letters, digits and !_.*'()/- (e.g. ringfence/)")
    .refine((p) => !p.split("/").includes(".."), 'must not contain ".." segments')
    .optional(),
});

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && !url.username && !url.password && !url.search && !url.hash;
  } catch {
    return false;
  }
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.pathname === "/" && !url.search && !url.hash && !url.username && !url.password;
  } catch {
    return false;
  }
}

export type AppConfig = {
  /** `appRole`: the role queries run as (null = the login role); omitted = ringfence_app. */
  database: { kind: "postgres"; url: string; poolMax: number; appRole?: string | null } | { kind: "pglite"; dir: string };
  dataDir: string;
  authSecret: string;
  uploadMaxBytes: number;
  /** Reverse proxies in front of the portal that append to X-Forwarded-For; 0 = clients connect directly. */
  trustedProxyHops: number;
  production: boolean;
  /** The transparency log: checkpoint origin line, signing key source, seconds between periodic checkpoints (0 = only on demand). */
  log: { origin: string; signingKey: string | null; signingKeyFile: string | null; checkpointSeconds: number };
  /** Email: sent over SMTP when `smtpUrl` is set; otherwise kept in the outbox, held, for administrators to read. */
  mail: { smtpUrl: string | null; from: string; publicUrl: string };
  rateLimits: RateLimits;
  /** Hours an API Idempotency-Key is remembered. */
  idempotencyKeyHours: number;
  /** Evidence files in S3-compatible object storage; null = the folder `<dataDir>/blobs`. `credentials` null = the SDK's default chain. */
  objectStorage: {
    bucket: string;
    endpoint: string | null;
    region: string;
    credentials: { accessKeyId: string; secretAccessKey: string } | null;
    forcePathStyle: boolean;
    prefix: string;
  } | null;
};

export class ConfigError extends Error {
  constructor(problems: string[]) {
    super(`Ringfence configuration is invalid:\n${problems.map((p) => `  - ${p}`).join("\n")}\nSee .env.example.`);
    this.name = "ConfigError";
  }
}

function blankToUndefined(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) out[k] = v === "" ? undefined : v;
  return out;
}

export function parseConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = envSchema.safeParse(blankToUndefined(env));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".") || "environment"}: ${i.message}`));
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.RINGFENCE_DATA_DIR);
  if (e.DATABASE_URL && !e.AUTH_SECRET) {
    throw new ConfigError(["AUTH_SECRET: required when DATABASE_URL is set (sessions must survive restarts and be shared by every instance)"]);
  }
  if (e.SMTP_URL && !e.MAIL_FROM) {
    throw new ConfigError(["MAIL_FROM: required when SMTP_URL is set (the sender address your mail server accepts)"]);
  }
  const objectStorage = parseObjectStorage(e);
  const rateLimits = parseRateLimits(e.RATE_LIMITS);
  if (!rateLimits.ok) throw new ConfigError(rateLimits.problems.map((p) => `RATE_LIMITS: ${p}`));
  const database: AppConfig["database"] = e.DATABASE_URL
    ? { kind: "postgres", url: e.DATABASE_URL, poolMax: e.DB_POOL_MAX, appRole: e.DATABASE_APP_ROLE === "none" ? null : e.DATABASE_APP_ROLE }
    : { kind: "pglite", dir: e.PGLITE_DIR === "memory://" ? "memory://" : path.resolve(e.PGLITE_DIR ?? path.join(dataDir, "pglite")) };
  return {
    database,
    dataDir,
    authSecret: e.AUTH_SECRET ?? embeddedSecret(dataDir),
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    trustedProxyHops: e.TRUSTED_PROXY_HOPS,
    production: e.NODE_ENV === "production",
    log: {
      origin: e.LOG_ORIGIN ?? `${new URL(e.PUBLIC_URL).host}/ringfence-log`,
      signingKey: e.LOG_SIGNING_KEY ?? null,
      signingKeyFile: e.LOG_SIGNING_KEY_FILE ? path.resolve(e.LOG_SIGNING_KEY_FILE) : null,
      checkpointSeconds: e.LOG_CHECKPOINT_SECONDS,
    },
    mail: {
      smtpUrl: e.SMTP_URL ?? null,
      from: e.MAIL_FROM ?? `Ringfence <ringfence@${new URL(e.PUBLIC_URL).hostname}>`,
      publicUrl: new URL(e.PUBLIC_URL).origin,
    },
    rateLimits: rateLimits.limits,
    idempotencyKeyHours: e.IDEMPOTENCY_KEY_HOURS,
    objectStorage,
  };
}

function parseObjectStorage(e: z.infer<typeof envSchema>): AppConfig["objectStorage"] {
  if (!e.S3_BUCKET) {
    const stray = (["S3_ENDPOINT", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY", "S3_FORCE_PATH_STYLE", "S3_PREFIX"] as const).filter((k) => e[k] !== undefined);
    if (stray.length > 0) {
      throw new ConfigError([`S3_BUCKET: required when ${stray.join(", ")} ${stray.length === 1 ? "is" : "are"} set (the bucket that holds evidence files)`]);
    }
    return null;
  }
  if (!e.S3_ACCESS_KEY_ID !== !e.S3_SECRET_ACCESS_KEY) {
    const missing = e.S3_ACCESS_KEY_ID ? "S3_SECRET_ACCESS_KEY" : "S3_ACCESS_KEY_ID";
    throw new ConfigError([
      `${missing}: required when ${missing === "S3_ACCESS_KEY_ID" ? "S3_SECRET_ACCESS_KEY" : "S3_ACCESS_KEY_ID"} is set (set both, or neither to use the AWS SDK's default credentials)`,
    ]);
  }
  return {
    bucket: e.S3_BUCKET,
    endpoint: e.S3_ENDPOINT ?? null,
    region: e.S3_REGION,
    credentials: e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY } : null,
    forcePathStyle: e.S3_FORCE_PATH_STYLE ? e.S3_FORCE_PATH_STYLE === "true" : e.S3_ENDPOINT !== undefined,
    prefix: e.S3_PREFIX ?? "",
  };
}

/** On the embedded default a secret is generated once and kept in the data folder. */
function embeddedSecret(dataDir: string): string {
  const file = path.join(dataDir, "auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const secret = crypto.randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, secret + "\n", { mode: 0o600, flag: "wx" });
      return secret;
    } catch {
      // Another process created it first: use theirs.
      return fs.readFileSync(file, "utf8").trim();
    }
  }
}

let cached: AppConfig | undefined;
export function getConfig(): AppConfig {
  cached ??= parseConfig();
  return cached;
}
