import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config";
import { s3ClientConfig, S3BlobStore } from "./s3-blob-store";

const base = { AUTH_SECRET: "x".repeat(40), RINGFENCE_DATA_DIR: "/tmp/ringfence-config-test" };

function problems(env: Record<string, string>): string {
  try {
    parseConfig({ ...base, ...env });
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error("expected a ConfigError");
}

describe("object storage settings", () => {
  it("keep the local folder when S3_BUCKET is unset", () => {
    expect(parseConfig(base).objectStorage).toBeNull();
  });

  it("use AWS defaults with only a bucket: us-east-1, virtual-hosted style, the SDK's credential chain", () => {
    const o = parseConfig({ ...base, S3_BUCKET: "evidence.example-org" }).objectStorage;
    expect(o).toEqual({ bucket: "evidence.example-org", endpoint: null, region: "us-east-1", credentials: null, forcePathStyle: false, prefix: "" });
    const client = s3ClientConfig(o!);
    expect(client).toEqual({ region: "us-east-1", forcePathStyle: false });
  });

  it("use path-style addressing and required-only checksums with an endpoint, unless told otherwise", () => {
    const env = { ...base, S3_BUCKET: "evidence", S3_ENDPOINT: "https://s3.example.org", S3_ACCESS_KEY_ID: "id", S3_SECRET_ACCESS_KEY: "secret" };
    const o = parseConfig(env).objectStorage!;
    expect(o.forcePathStyle).toBe(true);
    expect(o.credentials).toEqual({ accessKeyId: "id", secretAccessKey: "secret" });
    expect(s3ClientConfig(o)).toMatchObject({
      endpoint: "https://s3.example.org",
      forcePathStyle: true,
      credentials: { accessKeyId: "id", secretAccessKey: "secret" },
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
    expect(parseConfig({ ...env, S3_FORCE_PATH_STYLE: "false", S3_REGION: "eu-central-1" }).objectStorage).toMatchObject({
      forcePathStyle: false,
      region: "eu-central-1",
    });
  });

  it("name the variable that is wrong", () => {
    expect(problems({ S3_BUCKET: "Evidence" })).toMatch(/S3_BUCKET: must be a bucket name/);
    expect(problems({ S3_BUCKET: "evidence", S3_ENDPOINT: "s3.example.org" })).toMatch(/S3_ENDPOINT: must be the storage service's/);
    expect(problems({ S3_BUCKET: "evidence", S3_FORCE_PATH_STYLE: "yes" })).toMatch(/S3_FORCE_PATH_STYLE: must be "true" or "false"/);
    expect(problems({ S3_BUCKET: "evidence", S3_REGION: "EU West" })).toMatch(/S3_REGION: must be a region name/);
    expect(problems({ S3_BUCKET: "evidence", S3_PREFIX: "a/../b" })).toMatch(/S3_PREFIX: must not contain/);
    expect(problems({ S3_BUCKET: "evidence", S3_ACCESS_KEY_ID: "id" })).toMatch(/S3_SECRET_ACCESS_KEY: required when S3_ACCESS_KEY_ID is set/);
    expect(problems({ S3_BUCKET: "evidence", S3_SECRET_ACCESS_KEY: "s" })).toMatch(/S3_ACCESS_KEY_ID: required when S3_SECRET_ACCESS_KEY is set/);
    expect(problems({ S3_ENDPOINT: "https://s3.example.org", S3_PREFIX: "x/" })).toMatch(/S3_BUCKET: required when S3_ENDPOINT, S3_PREFIX are set/);
  });

  it("keys blobs as <prefix>blobs/<sha256>, adding the prefix's slash, and refuses other ids", () => {
    const sha = "ab".repeat(32);
    const make = (prefix?: string) => new S3BlobStore({ client: { region: "us-east-1" }, bucket: "b", prefix, stagingDir: "/tmp/unused" });
    expect(make().objectKey(sha)).toBe(`blobs/${sha}`);
    expect(make("ringfence").objectKey(sha)).toBe(`ringfence/blobs/${sha}`);
    expect(make("/a/b/").objectKey(sha)).toBe(`a/b/blobs/${sha}`);
    expect(() => make().objectKey("../x")).toThrow(/SHA-256/);
  });
});
