import { promises as fsp } from "node:fs";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import { createBlobStore } from "@/lib/evidence/store";
import { S3BlobStore, s3ClientConfig } from "@/lib/storage/s3-blob-store";
import { blobStoreContract, chunks, fromChunks, readAll } from "@/test/helpers/blob-store-contract";

// s3rver: a real S3-protocol server (HTTP, SigV4, multipart uploads, ranged GET) in this process.
// It ships no type declarations, so it is loaded through require with the little it needs typed here.
interface S3rverServer {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverCtor = new (opts: { address: string; port: number; directory: string; silent: boolean; configureBuckets: { name: string }[] }) => S3rverServer;
const S3rver = createRequire(import.meta.url)("s3rver") as S3rverCtor;

const BUCKET = "ringfence-evidence";
let server: S3rverServer | undefined;
let serverDir: string;
let endpoint: string;
let client: S3Client;
let stagingRoot: string;
/** Names of the commands the shared client sent, in order. */
const commands: string[] = [];

// The database driver does not matter here: run once, in the PGlite project.
describe.skipIf(process.env.TEST_DB_DRIVER === "postgres")("S3 object storage (s3rver)", () => {
  beforeAll(async () => {
    serverDir = await fsp.mkdtemp(path.join(os.tmpdir(), "ringfence-s3rver-"));
    stagingRoot = await fsp.mkdtemp(path.join(os.tmpdir(), "ringfence-s3-staging-"));
    server = new S3rver({ address: "127.0.0.1", port: 0, directory: serverDir, silent: true, configureBuckets: [{ name: BUCKET }] });
    const { port } = await server.run();
    endpoint = `http://127.0.0.1:${port}`;
    client = new S3Client(s3ClientConfig(s3Settings("")));
    client.middlewareStack.add(
      (next, context) => (args) => {
        commands.push(context.commandName ?? "");
        return next(args);
      },
      { step: "initialize", name: "recordCommands" },
    );
  });

  afterAll(async () => {
    client?.destroy();
    await server?.close();
    await fsp.rm(serverDir, { recursive: true, force: true });
    await fsp.rm(stagingRoot, { recursive: true, force: true });
  });

  function s3Settings(prefix: string) {
    const config = parseConfig({
      RINGFENCE_DATA_DIR: stagingRoot,
      AUTH_SECRET: "x".repeat(40),
      S3_BUCKET: BUCKET,
      S3_ENDPOINT: endpoint,
      S3_ACCESS_KEY_ID: "S3RVER",
      S3_SECRET_ACCESS_KEY: "S3RVER",
      S3_PREFIX: prefix,
    });
    return config.objectStorage!;
  }

  async function keys(prefix: string): Promise<string[]> {
    const out: string[] = [];
    let token: string | undefined;
    do {
      const r = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix, ContinuationToken: token }));
      for (const o of r.Contents ?? []) if (o.Key) out.push(o.Key);
      token = r.IsTruncated ? r.NextContinuationToken : undefined;
    } while (token);
    return out;
  }

  async function files(dir: string): Promise<string[]> {
    const entries = await fsp.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
    return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  }

  blobStoreContract("S3BlobStore", async () => {
    // A fresh key prefix and staging folder per test: the server and bucket are shared.
    const prefix = `t-${randomBytes(6).toString("hex")}/`;
    const stagingDir = path.join(stagingRoot, prefix);
    const store = new S3BlobStore({ client, bucket: BUCKET, prefix, stagingDir });
    return {
      store,
      listObjects: async () => (await keys(prefix)).filter((k) => k.startsWith(`${prefix}blobs/`)),
      listTemp: async () => [...(await keys(prefix)).filter((k) => !k.startsWith(`${prefix}blobs/`)), ...(await files(stagingDir))],
      plantTemp: async (name, ageMs) => {
        const dir = path.join(stagingDir, "tmp");
        await fsp.mkdir(dir, { recursive: true });
        const p = path.join(dir, `${name}.part`);
        await fsp.writeFile(p, name);
        const when = new Date(Date.now() - ageMs);
        await fsp.utimes(p, when, when);
      },
      close: () => fsp.rm(stagingDir, { recursive: true, force: true }),
    };
  });

  it("the app's store factory picks S3 when S3_BUCKET is set, with the prefix and a staging folder in the data folder", async () => {
    const store = createBlobStore({ dataDir: stagingRoot, objectStorage: s3Settings("factory") });
    expect(store).toBeInstanceOf(S3BlobStore);
    const data = chunks(4, 1000);
    const staged = await store.beginUpload(fromChunks(data), { maxBytes: 10_000 });
    expect(staged.localPath.startsWith(path.join(stagingRoot, "s3-staging", "tmp") + path.sep)).toBe(true);
    const { key } = await staged.commit();
    expect(key).toBe(`factory/blobs/${staged.sha256}`);
    expect(await keys("factory/")).toEqual([key]);
    expect((await readAll(await store.openRead(staged.sha256))).equals(Buffer.concat(data))).toBe(true);
  });

  it("sends a file above the part size as a multipart upload and shows it only once completed", async () => {
    const stagingDir = path.join(stagingRoot, "multipart");
    const store = new S3BlobStore({ client, bucket: BUCKET, prefix: "multipart", stagingDir });
    const data = chunks(12, 1024 * 1024);
    const staged = await store.beginUpload(fromChunks(data), { maxBytes: 20 * 1024 * 1024 });
    expect(await keys("multipart/")).toEqual([]);
    commands.length = 0;
    await staged.commit();
    expect(commands.filter((c) => c === "UploadPartCommand")).toHaveLength(3);
    expect(commands).toContain("CompleteMultipartUploadCommand");
    expect(commands).not.toContain("PutObjectCommand");
    expect(await keys("multipart/")).toEqual([`multipart/blobs/${staged.sha256}`]);
    expect((await store.stat(staged.sha256))?.size).toBe(12 * 1024 * 1024);
    // The same content again: found by HeadObject, nothing is uploaded.
    commands.length = 0;
    expect((await store.putStream(fromChunks(data), { maxBytes: 20 * 1024 * 1024 })).alreadyExisted).toBe(true);
    expect(commands).toEqual(["HeadObjectCommand"]);
  });

  it("a commit to a bucket that does not exist fails and keeps the staged file for a retry or discard", async () => {
    const stagingDir = path.join(stagingRoot, "missing-bucket");
    const store = new S3BlobStore({ client, bucket: "no-such-bucket", stagingDir });
    const staged = await store.beginUpload(fromChunks(chunks(1, 100)), { maxBytes: 1000 });
    await expect(staged.commit()).rejects.toThrow();
    expect(await files(stagingDir)).toEqual([staged.localPath]);
    await staged.discard();
    expect(await files(stagingDir)).toEqual([]);
  });
});
