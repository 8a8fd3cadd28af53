// The little of oidc-provider's API the e2e identity provider uses (the package ships no types).
declare module "oidc-provider" {
  import type { Server } from "node:http";
  type Grant = { addOIDCScope(scope: string): void; save(): Promise<string> };
  type Ctx = {
    oidc: {
      result?: { consent?: { grantId?: string } };
      session: { accountId?: string; grantIdFor(clientId: string): string | undefined };
      client: { clientId: string };
      provider: Provider;
    };
  };
  export type Configuration = {
    clients?: { client_id: string; client_secret: string; redirect_uris: string[]; grant_types?: string[]; response_types?: string[] }[];
    claims?: Record<string, string[]>;
    conformIdTokenClaims?: boolean;
    findAccount?: (ctx: unknown, id: string) => Promise<{ accountId: string; claims: () => Promise<Record<string, unknown>> } | undefined>;
    loadExistingGrant?: (ctx: Ctx) => Promise<unknown>;
    features?: Record<string, { enabled: boolean }>;
    cookies?: { keys: string[] };
  };
  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    Grant: { new (init: { clientId: string; accountId?: string }): Grant; find(id: string): Promise<Grant | undefined> };
    listen(port: number, host: string, callback: () => void): Server;
    on(event: string, listener: (ctx: unknown, err: Error & { error_description?: string; error_detail?: string }) => void): this;
  }
}
