/** The port an environment variable names, or `fallback` when it is unset; anything else is an error that says so. */
export function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`${name}=${raw} is not a port number.`);
  return port;
}
