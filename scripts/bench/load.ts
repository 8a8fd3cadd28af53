// One route under load with autocannon: a fixed number of clients in a closed loop for a fixed
// time, after a short warm-up that is not counted. Every answer must be the one expected (a 200
// page, a 201 from the API): a redirect to sign-in is fast and would flatter the figures.
import autocannon from "autocannon";

export type LoadFigures = {
  clients: number;
  seconds: number;
  requests: number;
  /** Requests per second over the measured time. */
  rps: number;
  /** Latency in ms: median and 97.5th percentile. */
  median: number;
  p97_5: number;
  /** Answers with another status than expected, and network errors or time-outs. */
  unexpected: number;
  errors: number;
};

export type LoadTarget = {
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  /** A new body for each request (e.g. a record with a release id of its own), or none. */
  body?: () => string;
  expect?: number;
};

function run(target: LoadTarget, clients: number, seconds: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: target.url,
        connections: clients,
        duration: seconds,
        timeout: 30,
        headers: target.headers,
        method: target.method ?? "GET",
        // autocannon counts 2xx against 3xx-5xx; the exact status is checked through statusCodeStats.
        requests: target.body ? [{ method: target.method ?? "POST", setupRequest: (req) => ({ ...req, body: target.body!() }) }] : undefined,
        // Keep-alive, as a browser would.
        pipelining: 1,
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

export async function measureLoad(target: LoadTarget, clients: number, seconds: number, warmupSeconds = 1): Promise<LoadFigures> {
  if (warmupSeconds > 0) await run(target, clients, warmupSeconds);
  const r = await run(target, clients, seconds);
  const expect = target.expect ?? 200;
  const stats: Record<string, { count?: number }> = r.statusCodeStats ?? {};
  const expected = stats[String(expect)]?.count ?? 0;
  const answered = Object.values(stats).reduce((sum, s) => sum + (s.count ?? 0), 0);
  return {
    clients,
    seconds,
    requests: answered,
    rps: Math.round((answered / seconds) * 10) / 10,
    median: r.latency.p50,
    p97_5: r.latency.p97_5,
    unexpected: answered - expected,
    errors: r.errors + r.timeouts,
  };
}
