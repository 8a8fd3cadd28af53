// The ground each fault runs on: one throwaway PostgreSQL cluster, a demo database seeded
// once as a template, and per fault a copy of it with a data folder of its own (the demo's
// stored files copied along) and a port for the portal.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres, { type Sql } from "postgres";
import { createCluster, freePort, type Cluster } from "./cluster";

export const DEMO_PASSWORD = "Ringfence-demo-2026!";

export type Ground = {
  cluster: Cluster;
  authSecret: string;
  /** A fresh copy of the seeded demo database, its data folder and a free portal port. */
  fresh: (name: string) => Promise<{ databaseUrl: string; dataDir: string; port: number }>;
  /** postgres.js on a database of the cluster, for checks; closed by `close`. */
  connect: (databaseUrl: string) => Sql;
  close: () => void;
};

export type FaultResult = { name: string; pass: boolean; figures: string[]; problems: string[]; seconds: number };

export async function prepareGround(log: (s: string) => void): Promise<Ground> {
  const started = performance.now();
  const cluster = await createCluster();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "rf-faults-data-"));
  const authSecret = crypto.randomBytes(32).toString("base64url");
  const clients: Sql[] = [];
  try {
    cluster.psql("create database faults_template");
    const templateData = path.join(root, "template");
    const seed = spawnSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/db-seed.ts"], {
      env: { ...process.env, DATABASE_URL: cluster.url("faults_template"), RINGFENCE_DATA_DIR: templateData, AUTH_SECRET: authSecret, NODE_ENV: "production" },
      encoding: "utf8",
    });
    if (seed.status !== 0) throw new Error(`seeding failed: ${seed.stderr || seed.stdout}`);
    log(`PostgreSQL cluster on 127.0.0.1:${cluster.port} (${cluster.dir}); demo database seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (err) {
    cluster.destroy();
    throw err;
  }
  const usedPorts = new Set<number>();
  return {
    cluster,
    authSecret,
    fresh: async (name) => {
      cluster.psql(`create database ${name} template faults_template`);
      const dataDir = path.join(root, name);
      fs.cpSync(path.join(root, "template"), dataDir, { recursive: true });
      let port = await freePort(Number(process.env.FAULTS_PORT ?? 3550), Number(process.env.FAULTS_PORT ?? 3550) + 49);
      while (usedPorts.has(port)) port = await freePort(port + 1, port + 49);
      usedPorts.add(port);
      return { databaseUrl: cluster.url(name), dataDir, port };
    },
    connect: (databaseUrl) => {
      const sql = postgres(databaseUrl, { max: 2, onnotice: () => {}, transform: postgres.camel });
      clients.push(sql);
      return sql;
    },
    close: () => {
      for (const c of clients) void c.end({ timeout: 1 }).catch(() => {});
      cluster.destroy();
      if (!process.env.FAULTS_KEEP) fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
