// A local address nothing listens on any more: connections to it are refused, as to a service that
// is down. For tests of what a client does when the other side is unreachable.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
