// Next.js reports anonymous usage and prints a notice about it on a first run. Our tooling
// (`npm run dev`, the e2e server, the benchmarks) starts Next with this in its environment.
export const NEXT_TELEMETRY_OFF = { NEXT_TELEMETRY_DISABLED: "1" } as const;
