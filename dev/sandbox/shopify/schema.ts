import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";

export const ADMIN_API_VERSION = "2026-10";

// Kept beside this file with its source and licence (admin-2026-10.introspection.source.md).
const SCHEMA_PATH = fileURLToPath(new URL(`./admin-${ADMIN_API_VERSION}.introspection.json.gz`, import.meta.url));

let cached: GraphQLSchema | undefined;

/** The real Admin GraphQL schema (2026-10), built once per process (~1 s). */
export function adminSchema(): GraphQLSchema {
  if (!cached) {
    const json = JSON.parse(gunzipSync(readFileSync(SCHEMA_PATH)).toString("utf8")) as
      | { data: IntrospectionQuery }
      | IntrospectionQuery;
    cached = buildClientSchema("data" in json ? json.data : json, { assumeValid: true });
  }
  return cached;
}
