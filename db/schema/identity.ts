import { sql } from "drizzle-orm";
import { bigint, boolean, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid, index } from "drizzle-orm/pg-core";

export const orgKind = pgEnum("org_kind", ["vendor", "platform", "government", "operator"]);
export const role = pgEnum("role", ["vendor_officer", "vendor_contributor", "platform_reviewer", "gov_auditor", "gov_observer", "admin"]);

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

export const organisations = pgTable(
  "organisations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    kind: orgKind("kind").notNull(),
    /** False for an organisation whose people sign in only through its own identity provider (single sign-on). */
    passwordSignIn: boolean("password_sign_in").notNull().default(true),
    ...timestamps,
  },
  (t) => [uniqueIndex("organisations_slug_key").on(t.slug), uniqueIndex("organisations_name_key").on(sql`lower(${t.name})`)],
);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    /** Null until the person sets a password through their one-time link. */
    passwordHash: text("password_hash"),
    active: boolean("active").notNull().default(true),
    /** Bumped on deactivation, role change, password change and "sign out everywhere": older sessions stop working. */
    sessionVersion: integer("session_version").notNull().default(1),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [uniqueIndex("users_email_key").on(sql`lower(${t.email})`)],
);

/** One membership per person for now; the table leaves room for several later. */
export const memberships = pgTable(
  "memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    role: role("role").notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex("memberships_user_key").on(t.userId), index("memberships_org_idx").on(t.organisationId)],
);

/** One-time links to set a password (invitations and resets). Only a hash of the token is kept. */
export const passwordTokens = pgTable(
  "password_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    purpose: text("purpose", { enum: ["invite", "reset"] }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("password_tokens_hash_key").on(t.tokenHash), index("password_tokens_user_idx").on(t.userId)],
);

/** Failed sign-in counters, per account and per client address, shared by every instance. */
export const authThrottle = pgTable("auth_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull(),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
});

/**
 * One row per signed-in browser session. The session cookie carries this id;
 * every request checks that the row exists, is not revoked and has not
 * expired, so signing out ends the session on the server, not only in the browser.
 */
export const userSessions = pgTable(
  "user_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /** Kept short: enough for a person to recognise their own devices later. */
    userAgent: text("user_agent"),
    clientAddress: text("client_address"),
    /** How the first factor was given: a password or an organisation's identity provider. */
    method: text("method", { enum: ["password", "sso"] })
      .notNull()
      .default("password"),
    /** The identity provider of an "sso" session. */
    providerId: uuid("provider_id").references(() => ssoProviders.id, { onDelete: "set null" }),
    /**
     * Decided when the session opens (the role's policy, or the person has a factor): the session
     * can do nothing until a second factor is given (or, with none enrolled, until one is enrolled).
     */
    needsFactor: boolean("needs_factor").notNull().default(false),
    /** When this session last gave a second factor (null: not yet). Sign-in gating and step-up read it. */
    factorAt: timestamp("factor_at", { withTimezone: true }),
  },
  (t) => [index("user_sessions_user_idx").on(t.userId)],
);

/**
 * Whether a role must use a second factor. One row per role, seeded by the migration
 * (required for administrators, reviewers, auditors and vendor officers).
 */
export const mfaPolicy = pgTable("mfa_policy", {
  role: role("role").primaryKey(),
  required: boolean("required").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
});

/**
 * A person's second factors: one TOTP authenticator and any number of WebAuthn
 * credentials (passkeys, security keys). A factor counts once `confirmedAt` is set
 * (the TOTP enrolment's first code, or a verified WebAuthn registration).
 */
export const authFactors = pgTable(
  "auth_factors",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["totp", "webauthn"] }).notNull(),
    label: text("label").notNull(),
    /** TOTP: the shared secret, sealed with the portal's secrets key (lib/crypto/seal.ts). */
    totpSecret: text("totp_secret"),
    /** TOTP: the last time step accepted, so no code is accepted twice. */
    totpLastStep: bigint("totp_last_step", { mode: "number" }),
    /** WebAuthn: the credential id (base64url), its COSE public key (base64url), signature counter and transports. */
    credentialId: text("credential_id"),
    publicKey: text("public_key"),
    signCount: bigint("sign_count", { mode: "number" }),
    transports: jsonb("transports").$type<string[]>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [
    index("auth_factors_user_idx").on(t.userId),
    uniqueIndex("auth_factors_credential_key").on(t.credentialId),
    uniqueIndex("auth_factors_one_totp_key")
      .on(t.userId)
      .where(sql`${t.kind} = 'totp'`),
  ],
);

/** One-time recovery codes: only a hash is kept, and each is usable once. */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("recovery_codes_user_hash_key").on(t.userId, t.codeHash)],
);

/** Pending WebAuthn challenges (registration or authentication), each usable once, for a few minutes. */
export const webauthnChallenges = pgTable(
  "webauthn_challenges",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => userSessions.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: ["register", "authenticate"] }).notNull(),
    challenge: text("challenge").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("webauthn_challenges_session_idx").on(t.sessionId)],
);

/**
 * An organisation's OpenID Connect identity provider (single sign-on). The client
 * secret is sealed with the portal's secrets key. People are matched by verified
 * e-mail in an allowed domain; `createUsers` lets a first sign-in create the person
 * with the role that `roleClaim`/`roleMap` give, else `defaultRole`.
 */
export const ssoProviders = pgTable(
  "sso_providers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    /** Shown on the sign-in button: "Sign in with {name}". */
    name: text("name").notNull(),
    issuer: text("issuer").notNull(),
    clientId: text("client_id").notNull(),
    clientSecret: text("client_secret").notNull(),
    allowedDomains: jsonb("allowed_domains").$type<string[]>().notNull(),
    defaultRole: role("default_role").notNull(),
    roleClaim: text("role_claim"),
    roleMap: jsonb("role_map").$type<Record<string, string>>().notNull().default({}),
    createUsers: boolean("create_users").notNull().default(false),
    enabled: boolean("enabled").notNull().default(true),
    ...timestamps,
  },
  (t) => [uniqueIndex("sso_providers_organisation_key").on(t.organisationId)],
);

export type Organisation = typeof organisations.$inferSelect;
export type NewOrganisation = typeof organisations.$inferInsert;
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Membership = typeof memberships.$inferSelect;
export type OrgKind = (typeof orgKind.enumValues)[number];
export type Role = (typeof role.enumValues)[number];
