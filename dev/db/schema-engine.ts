// Prisma's schema engine compiled to WebAssembly, talking to PostgreSQL through @prisma/adapter-pg.
// Our machines cannot download the native engine the Prisma CLI wants, so migrations run through
// this instead. The folder format and the `_prisma_migrations` table are Prisma's own, so
// `prisma migrate deploy` works on the same folder wherever the CLI can run.
//
// We instantiate the .wasm bytes ourselves: the package's entry does `import * as wasm from "x.wasm"`,
// which Node 20 only supports behind --experimental-wasm-modules.
import { randomUUID } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { parseIntoClientConfig } from "pg-connection-string";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQueryable,
  type SqlResultSet,
} from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine, SchemaFilter, SchemasContainer } from "@prisma/schema-engine-wasm";

type WasmBindings = typeof import("@prisma/schema-engine-wasm") & { __wbg_set_wasm(exports: WebAssembly.Exports): void };

const repoRoot = resolve(__dirname, "..", "..");
export const SCHEMA_PATH = join(repoRoot, "prisma", "schema.prisma");
export const MIGRATIONS_DIR = join(repoRoot, "prisma", "migrations");
export const LOCKFILE_NAME = "migration_lock.toml";
export const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

let bindings: Promise<WasmBindings> | undefined;

// One wasm instance per process (the bindings module holds it in a module-level variable).
function loadBindings(): Promise<WasmBindings> {
  bindings ??= (async () => {
    installPanicRegistry();
    const glue = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as unknown as WasmBindings;
    const packageDir = dirname(createRequire(__filename).resolve("@prisma/schema-engine-wasm"));
    const bytes = await readFile(join(packageDir, "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": withUnrefTimers(glue) });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return bindings;
}

// The engine races its operations against timers it never clears (the bindings have no
// clearTimeout), which kept scripts alive ~10 s after their work was done. Unref'd timers still
// fire while the process runs; they just no longer keep it running.
function withUnrefTimers(glue: WasmBindings): WebAssembly.ModuleImports {
  const imports = { ...glue } as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of Object.keys(imports).filter((n) => n.startsWith("__wbg_setTimeout_"))) {
    const setTimer = imports[name]!;
    imports[name] = (...args) => {
      const timer = setTimer(...args) as NodeJS.Timeout;
      timer.unref();
      return timer;
    };
  }
  return imports;
}

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
const CHAR_MARK = "\u0000pg_char";

// The engine's catalogue queries read PostgreSQL's one-byte "char" columns (pg_constraint.contype
// and friends) and expect them typed as Character, but @prisma/adapter-pg 7.10 rejects that type
// outright. At the pg level we relabel such a column as text and tag its name; the adapter wrapper
// below turns tagged columns back into Character. Every pool we open (main and shadow) uses it.
class CatalogueFriendlyClient extends pg.Client {
  override query(...args: unknown[]): never {
    const last = args.at(-1);
    // pg.Pool calls query(config, callback); direct callers get a promise.
    if (typeof last === "function") {
      args[args.length - 1] = (error: Error | null, result: pg.QueryResult | undefined) => last(error, result && tagCharColumns(result));
    }
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    return (result instanceof Promise ? result.then(tagCharColumns) : result) as never;
  }
}

function tagCharColumns(result: pg.QueryResult): pg.QueryResult {
  for (const field of result.fields ?? []) {
    if (field.dataTypeID !== PG_CHAR_OID) continue;
    field.dataTypeID = PG_TEXT_OID;
    field.name += CHAR_MARK;
  }
  return result;
}

function untagCharColumns(result: SqlResultSet): SqlResultSet {
  result.columnNames.forEach((name, i) => {
    if (!name.endsWith(CHAR_MARK)) return;
    result.columnNames[i] = name.slice(0, -CHAR_MARK.length);
    result.columnTypes[i] = ColumnTypeEnum.Character;
  });
  return result;
}

function withCharColumns<T extends SqlQueryable>(queryable: T): T {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => untagCharColumns(await queryRaw(query));
  return queryable;
}

function withCharColumnsEverywhere(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => withCharColumns(await startTransaction(isolationLevel));
  return withCharColumns(adapter);
}

type PgAdapterInternals = { underlyingDriver(): pg.Pool; onError(error: unknown): never };

// @prisma/adapter-pg 7.10 runs a migration script by splitting it on every ";", which breaks
// dollar-quoted bodies (functions, triggers, DO blocks). Sent whole, as one simple-protocol
// query, PostgreSQL runs it as a single implicit transaction, as Prisma's native engine does.
async function runScriptWhole(adapter: SqlDriverAdapter, script: string): Promise<void> {
  const pgAdapter = adapter as unknown as PgAdapterInternals;
  try {
    await pgAdapter.underlyingDriver().query(script);
  } catch (error) {
    pgAdapter.onError(error);
  }
}

// @prisma/adapter-pg's own connectToShadowDb drops the shadow database while its pool still holds
// a connection, which fails ("being accessed by other users"); this one closes first and forces.
function adapterFactory(url: string): SqlMigrationAwareDriverAdapterFactory & { disposeAll(): Promise<void> } {
  // Parsed fields, not a connectionString: a connectionString would win over the `database`
  // override below and point the "shadow" at the real database.
  const config: pg.ClientConfig & { Client: typeof pg.Client } = { ...parseIntoClientConfig(url), Client: CatalogueFriendlyClient };
  const main = new PrismaPg(config);
  const admin = async (sql: string) => {
    const client = new pg.Client(config);
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  // Freeing the engine does not close the pools it opened through us; we do, so the database
  // can be dropped or used as a template right after.
  const open = new Set<SqlDriverAdapter>();
  const track = (adapter: SqlDriverAdapter) => {
    open.add(adapter);
    adapter.executeScript = (script) => runScriptWhole(adapter, script);
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      open.delete(adapter);
      await dispose();
    };
    return withCharColumnsEverywhere(adapter);
  };
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => track(await main.connect()),
    disposeAll: async () => {
      await Promise.all([...open].map((adapter) => adapter.dispose()));
    },
    async connectToShadowDb() {
      const name = `prisma_migrate_shadow_db_${randomUUID().replaceAll("-", "")}`;
      await admin(`CREATE DATABASE "${name}"`);
      const shadow = await new PrismaPg({ ...config, database: name }).connect();
      const closePool = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await closePool();
        await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      };
      return track(shadow);
    },
  };
}

// The engine hands a Rust panic's message to this global just before it aborts the process;
// without it the abort hides the message behind "Cannot read properties of undefined".
function installPanicRegistry() {
  (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
    set_message(message: string) {
      console.error(`[schema-engine] panic: ${message}`);
    },
  };
}

export type Engine = SchemaEngine & { close(): Promise<void> };

/**
 * A schema engine bound to the database at `url`. Commands that need a shadow database
 * (diffing from the migrations folder, creating a migration) create and drop a temporary one
 * on the same server, so the URL's role needs CREATEDB there.
 */
export async function openSchemaEngine(url: string, schema?: SchemasContainer): Promise<Engine> {
  const { SchemaEngine } = await loadBindings();
  const factory = adapterFactory(url);
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const datamodels = schema?.files.map((f) => [f.path, f.content] as [string, string]);
  const log = (message: string) => {
    if (process.env.DEBUG_SCHEMA_ENGINE) console.error("[schema-engine]", message);
  };
  const engine = await SchemaEngine.new({ datamodels }, log, adapter).catch((error: unknown) => {
    throw asError(error);
  });
  return Object.assign(engine, {
    async close() {
      engine.free();
      await factory.disposeAll();
    },
  });
}

/** Errors from the engine arrive as plain objects or strings; make them readable Errors. */
export function asError(error: unknown): Error {
  if (error instanceof Error) return error;
  if (typeof error === "string") return new Error(error);
  const message = (error as { message?: unknown })?.message;
  return new Error(typeof message === "string" ? message : JSON.stringify(error));
}

export async function readSchema(path = SCHEMA_PATH): Promise<SchemasContainer> {
  return { files: [{ path, content: await readFile(path, "utf8") }] };
}

/** The migrations folder in the shape the engine takes (same reading rules as the Prisma CLI). */
export async function readMigrations(baseDir = MIGRATIONS_DIR): Promise<MigrationList> {
  const lockContent = await readFile(join(baseDir, LOCKFILE_NAME), "utf8").catch(() => null);
  const entries = await readdir(baseDir, { withFileTypes: true }).catch(() => []);
  const migrationDirectories = await Promise.all(
    entries
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort((a, b) => a.localeCompare(b))
      .map(async (name) => ({
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: await readFile(join(baseDir, name, "migration.sql"), "utf8").then(
            (value) => ({ tag: "ok" as const, value }),
            (error: Error) => ({ tag: "error" as const, value: error.message }),
          ),
        },
      })),
  );
  return { baseDir, lockfile: { path: LOCKFILE_NAME, content: lockContent }, migrationDirectories, shadowDbInitScript: "" };
}

/** Lockfile text exactly as `prisma migrate dev` writes it. */
export function lockfileContent(provider: string): string {
  return `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`;
}

/** SQL that takes the migrations folder's end state to schema.prisma; empty when they agree. */
export async function diffMigrationsToSchema(engine: Engine, migrations: MigrationList, schema: SchemasContainer): Promise<string> {
  const from = migrations.migrationDirectories.length > 0 ? ({ tag: "migrations", ...migrations } as const) : ({ tag: "empty" } as const);
  const result = await engine
    .diff({ from, to: { tag: "schemaDatamodel", ...schema }, script: true, exitCode: null, filters: NO_FILTER })
    .catch((error: unknown) => {
      throw asError(error);
    });
  return normaliseEmptyScript(result.stdout ?? "");
}

// The engine renders "no difference" as a comment-only script.
function normaliseEmptyScript(script: string): string {
  const meaningful = script
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.trim().startsWith("--"))
    .join("\n");
  return meaningful.trim() === "" ? "" : script;
}
