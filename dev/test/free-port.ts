import { createServer } from "node:net";

/**
 * A TCP port free right now, for a server a test starts later. Tests whose modules read a URL from
 * the environment on first import call it in `vi.hoisted`, through a dynamic import, before those
 * imports run.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().on("error", reject);
    probe.listen(0, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
