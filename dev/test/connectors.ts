// A connector put in the registry in place of its provider's, for code that finds connectors
// there itself (the sync function through the job runner, a process of the crash drill): e.g.
// Shopify with its sync tuned to read in small pieces, or failing at a chosen point. Code that
// takes its connectors as an argument (the sync engine's batches) is handed them instead.
import type { Connector } from "@/server/connectors/_core/connector";
import { connectors } from "@/server/connectors/registry";

/** Replaces the registry's connector of `connector.provider`; returns the undo. */
export function replaceConnector(connector: Connector): () => void {
  const previous = connectors[connector.provider];
  Object.assign(connectors, { [connector.provider]: connector });
  return () => void Object.assign(connectors, { [connector.provider]: previous });
}
