import "server-only";
import type { ConnectorSync } from "@/server/connectors/_core/sync";
import { connectors } from "@/server/connectors/registry";

/** Connectors by provider, as the engine finds them: the registry's, or those a test or benchmark hands in. */
export type SyncConnectors = Readonly<Partial<Record<string, { sync: ConnectorSync }>>>;

export type SyncEngineOptions = {
  /** Default: the registry (server/connectors/registry.ts). */
  connectors?: SyncConnectors;
  /** Told of every chunk stored with records: its stream, its records and how long its transaction took (benchmarks, tests). */
  onStored?: (stream: string, records: number, ms: number) => void;
};

/** The connection went away (removed, its workspace deleted) or cannot sync: retrying cannot help. */
export class SyncUnavailableError extends Error {}

/** The sync part of the provider's connector (Connection.provider is text), or null when it has none. */
export function connectorSync(provider: string, options: SyncEngineOptions = {}): ConnectorSync | null {
  const registry: SyncConnectors = options.connectors ?? connectors;
  return Object.hasOwn(registry, provider) ? (registry[provider]?.sync ?? null) : null;
}
