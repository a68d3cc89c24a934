import pino, { type DestinationStream, type Logger, type LoggerOptions } from "pino";
import { appVersion, env } from "@/server/env";

export type { Logger };

// Secrets that may ride along in logged objects (request headers, connector credentials).
const REDACT_PATHS = [
  "password",
  "token",
  "accessToken",
  "refreshToken",
  "apiKey",
  "secret",
  "*.password",
  "*.token",
  "*.accessToken",
  "*.refreshToken",
  "*.apiKey",
  "*.secret",
  "headers.authorization",
  "headers.cookie",
  "*.headers.authorization",
  "*.headers.cookie",
];

export function createLogger(
  options: { level?: LoggerOptions["level"]; destination?: DestinationStream } = {},
): Logger {
  return pino(
    {
      level: options.level ?? env.LOG_LEVEL,
      base: { service: "meridian", version: appVersion() },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    },
    options.destination,
  );
}

// One JSON logger per process. Per-request logs come from `logger.child({ requestId })`.
export const logger = createLogger();
