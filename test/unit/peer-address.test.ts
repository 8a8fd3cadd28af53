import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { installPeerAddressStamp, PEER_ADDRESS_HEADER, peerAddressFrom } from "@/lib/http/peer-address";

// The same mechanism the server installs at start-up (instrumentation.ts), on a plain Node server.
let server: http.Server;
let port = 0;

beforeAll(async () => {
  await installPeerAddressStamp();
  server = http.createServer((req, res) => {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    res.end(JSON.stringify({ peer: peerAddressFrom(headers), xff: req.headers["x-forwarded-for"] ?? null }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const get = (headers: Record<string, string>) =>
  new Promise<{ peer: string | null; xff: string | null }>((resolve, reject) => {
    http
      // A route handler's path: a page's would be sent to sign-in by the front door, installed with the stamp.
      .get({ host: "127.0.0.1", port, path: "/api/peer", headers, localAddress: "127.0.0.3" }, (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve(JSON.parse(body)));
      })
      .on("error", reject);
  });

describe("peer address stamp", () => {
  it("reports the socket's address, not what the client claims", async () => {
    expect(await get({})).toEqual({ peer: "127.0.0.3", xff: null });
    expect(await get({ "x-forwarded-for": "127.0.0.1", [PEER_ADDRESS_HEADER]: "10.9.9.9" })).toEqual({ peer: "127.0.0.3", xff: "127.0.0.1" });
  });
});
