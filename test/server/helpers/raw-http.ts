// A deliberately low-level HTTP/1.1 client on a plain socket: it can declare a length and
// send less, send chunked bodies, keep writing after the answer, and count what it wrote,
// which fetch and http.request hide.
import { createHash } from "node:crypto";
import net from "node:net";

export type RawPost = {
  port: number;
  path: string;
  headers?: Record<string, string>;
  /** The body, pulled chunk by chunk. */
  body: AsyncIterable<Uint8Array>;
  /** Content-Length to declare; omitted = chunked transfer encoding. */
  declaredLength?: number;
  /** Half-close after the body instead of waiting for the answer (a client that gives up). */
  endAfterBody?: boolean;
};

export type RawResult = {
  status: number | null;
  headers: Record<string, string>;
  body: string;
  /** Body bytes the kernel accepted before the answer's head arrived, and in total. */
  bytesAtResponse: number | null;
  bytesWritten: number;
  msToResponse: number | null;
  ms: number;
  /** True when the server answered or closed the connection before we finished writing the body. */
  cutOff: boolean;
};

export async function rawPost(o: RawPost): Promise<RawResult> {
  const started = performance.now();
  const socket = net.connect(o.port, "127.0.0.1");
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  const head = [`POST ${o.path} HTTP/1.1`, `Host: 127.0.0.1:${o.port}`, "Connection: close"];
  for (const [k, v] of Object.entries(o.headers ?? {})) head.push(`${k}: ${v}`);
  head.push(o.declaredLength === undefined ? "Transfer-Encoding: chunked" : `Content-Length: ${o.declaredLength}`);
  let received = Buffer.alloc(0);
  let headEnd = -1;
  let bytesWritten = 0;
  let bytesAtResponse: number | null = null;
  let msToResponse: number | null = null;
  let closed = false;
  let onHead: () => void = () => {};
  const headArrived = new Promise<void>((r) => (onHead = r));
  socket.on("data", (d: Buffer) => {
    received = Buffer.concat([received, d]);
    if (headEnd < 0 && (headEnd = received.indexOf("\r\n\r\n")) >= 0) {
      bytesAtResponse = bytesWritten;
      msToResponse = performance.now() - started;
      onHead();
    }
  });
  const finished = new Promise<void>((resolve) => {
    socket.on("error", () => {});
    socket.on("close", () => {
      closed = true;
      onHead();
      resolve();
    });
  });
  const write = (buf: Uint8Array | string) =>
    new Promise<boolean>((resolve) => {
      if (closed || socket.destroyed) return resolve(false);
      socket.write(buf, (err) => resolve(!err));
    });
  let cutOff = false;
  await write(head.join("\r\n") + "\r\n\r\n");
  outer: for await (const big of o.body) {
    for (let at = 0; at < big.byteLength; at += 64 * 1024) {
      const chunk = big.subarray(at, at + 64 * 1024);
      // Like curl: let pending reads run first (small writes), and stop sending once an answer arrived.
      await new Promise((r) => setImmediate(r));
      if (headEnd >= 0 || closed) {
        cutOff = true;
        break outer;
      }
      const ok =
        o.declaredLength === undefined
          ? await write(Buffer.concat([Buffer.from(`${chunk.byteLength.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]))
          : await write(chunk);
      if (!ok) {
        cutOff = true;
        break outer;
      }
      bytesWritten += chunk.byteLength;
    }
  }
  const answeredEarly = headEnd >= 0 && !closed;
  if (!closed && !answeredEarly) {
    if (o.declaredLength === undefined && !o.endAfterBody) await write("0\r\n\r\n");
    if (o.endAfterBody) socket.end();
  }
  // Wait for the whole answer and the server's close (the request said Connection: close).
  const timer = setTimeout(() => socket.destroy(), 60_000);
  await headArrived;
  if (answeredEarly) await new Promise((r) => setTimeout(r, 100)).then(() => socket.destroy());
  await finished;
  clearTimeout(timer);
  return { ...parseResponse(received, headEnd), bytesAtResponse, bytesWritten, msToResponse, ms: performance.now() - started, cutOff };
}

function parseResponse(raw: Buffer, headEnd: number): Pick<RawResult, "status" | "headers" | "body"> {
  if (headEnd < 0) return { status: null, headers: {}, body: "" };
  const lines = raw.subarray(0, headEnd).toString("latin1").split("\r\n");
  const status = Number(lines[0]?.split(" ")[1]);
  const headers: Record<string, string> = {};
  for (const l of lines.slice(1)) {
    const i = l.indexOf(":");
    headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
  }
  let body = raw.subarray(headEnd + 4);
  if (headers["transfer-encoding"] === "chunked") {
    const parts: Buffer[] = [];
    let at = 0;
    for (;;) {
      const eol = body.indexOf("\r\n", at);
      if (eol < 0) break;
      const n = parseInt(body.subarray(at, eol).toString(), 16);
      if (!n) break;
      parts.push(body.subarray(eol + 2, eol + 2 + n));
      at = eol + 2 + n + 2;
    }
    body = Buffer.concat(parts);
  }
  return { status, headers, body: body.toString("utf8") };
}

/**
 * A text "log" of exactly `bytes` bytes, generated in 1 MB chunks (never held whole),
 * different for every `seed`. `digest()` gives the SHA-256 of what was yielded.
 */
export function generatedLog(bytes: number, seed: string, chunkSize = 1024 * 1024) {
  const hash = createHash("sha256");
  const line = Buffer.from(`ringfence ${seed} evidence log line ........................................\n`);
  const block = Buffer.alloc(chunkSize);
  for (let i = 0; i < chunkSize; i += line.length) line.copy(block, i, 0, Math.min(line.length, chunkSize - i));
  return {
    digest: () => hash.digest("hex"),
    async *[Symbol.asyncIterator]() {
      for (let done = 0; done < bytes; done += chunkSize) {
        const chunk = block.subarray(0, Math.min(chunkSize, bytes - done));
        hash.update(chunk);
        yield chunk;
      }
    },
  };
}

/** A body that never stops: for refusals, which must not wait for it. */
export async function* endless(chunkSize = 64 * 1024): AsyncGenerator<Uint8Array> {
  const chunk = Buffer.alloc(chunkSize, "x");
  for (;;) yield chunk;
}

/** SHA-256 and size of a streamed response body. */
export async function digestOf(res: Response): Promise<{ sha256: string; size: number }> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    size += chunk.byteLength;
  }
  return { sha256: hash.digest("hex"), size };
}
