// An open-loop load: request i leaves at start + i / rate whatever the earlier ones are doing, the
// way independent senders (Shopify delivering webhooks) behave, and its latency counts from that
// planned moment, so a stalled server or client cannot hide its delay (coordinated omission).
// autocannon's `overallRate` is not this: each connection sends back to back until it has made
// its share of the second, then waits for the next second, so the load arrives as one burst per
// second and the latencies measure the burst.
import { Agent, request } from "node:http";

export type OpenLoopResult = { latencies: number[]; statuses: Record<number, number>; errors: number; seconds: number };

type Delivery = { headers: Record<string, string>; body: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function send(agent: Agent, url: URL, delivery: Delivery): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: "POST", agent, headers: { ...delivery.headers, "content-length": Buffer.byteLength(delivery.body) } },
      (res) => {
        res.resume();
        res.once("end", () => resolve(res.statusCode ?? 0));
        res.once("error", reject);
      },
    );
    req.once("error", reject);
    req.setTimeout(10_000, () => req.destroy(new Error("timed out after 10 s")));
    req.end(delivery.body);
  });
}

/** `rate × seconds` POSTs to `url`, each built by `next()` at its planned moment. */
export async function openLoopLoad(options: { url: string; rate: number; seconds: number; next: () => Delivery }): Promise<OpenLoopResult> {
  const url = new URL(options.url);
  // Enough sockets that a slow answer never holds back the next request.
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const count = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  try {
    for (let i = 0; i < count; i++) {
      const planned = start + i * interval;
      const wait = planned - performance.now();
      if (wait > 1) await sleep(wait);
      inFlight.push(
        send(agent, url, options.next()).then(
          (status) => {
            statuses[status] = (statuses[status] ?? 0) + 1;
            latencies.push(performance.now() - planned);
          },
          () => void errors++,
        ),
      );
    }
    await Promise.all(inFlight);
  } finally {
    agent.destroy();
  }
  latencies.sort((a, b) => a - b);
  return { latencies, statuses, errors, seconds: (performance.now() - start) / 1000 };
}
