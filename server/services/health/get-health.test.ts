import net from "node:net";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { PrismaClient } from "@/server/generated/prisma/client";
import { getHealth } from "@/server/services/health/get-health";

function clientFor(port: number) {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: `postgresql://nobody:nothing@127.0.0.1:${port}/meridian` }),
  });
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// Accepts connections and never answers: a database that hangs rather than refuses.
async function silentServer() {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

describe("getHealth", () => {
  it("reports ok with the version when the database answers", async () => {
    const { report, error } = await getHealth(db, { version: "1.2.3" });
    expect(report).toEqual({ status: "ok", db: "ok", version: "1.2.3" });
    expect(error).toBeUndefined();
  });

  it("reports the database down when nothing listens on its port", async () => {
    const unreachable = clientFor(await closedPort());
    cleanups.push(() => unreachable.$disconnect());

    const { report, error } = await getHealth(unreachable, { version: "1.2.3" });

    expect(report).toEqual({ status: "error", db: "down", version: "1.2.3" });
    expect(error).toBeInstanceOf(Error);
  });

  it("gives up after the timeout when the database hangs", async () => {
    const hanging = await silentServer();
    const client = clientFor(hanging.port);
    cleanups.push(hanging.close);

    const started = Date.now();
    const { report, error } = await getHealth(client, { timeoutMs: 300, version: "1.2.3" });

    expect(Date.now() - started).toBeLessThan(2_000);
    expect(report).toEqual({ status: "error", db: "down", version: "1.2.3" });
    expect(String(error)).toContain("did not answer within 300 ms");
  });
});
