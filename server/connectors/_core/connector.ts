import type { Provider } from "../../generated/prisma/enums";
import type {
  CustomerRecord,
  DeletionRecord,
  InventoryLevelRecord,
  LocationRecord,
  OrderRecord,
  ProductRecord,
} from "./records";

// The shape every connector exposes to the sync engine. A stream reads one page at a time from an
// opaque cursor and returns normalized records plus the next cursor; it never writes anything.

export type ProviderId = Provider;

/** Which normalized record type a stream produces (and server/ingest writes). */
export type RecordsByKind = {
  orders: OrderRecord;
  customers: CustomerRecord;
  products: ProductRecord;
  locations: LocationRecord;
  inventoryLevels: InventoryLevelRecord;
  deletions: DeletionRecord;
};
export type RecordKind = keyof RecordsByKind;

export type StreamPage<R> = {
  records: R[];
  /**
   * Where the next read starts; save it with the records. When `done`, it is where the *next
   * run* starts (null: from scratch).
   */
  nextCursor: string | null;
  /** No more pages in this run. */
  done: boolean;
};

export type StreamReader<Ctx, K extends RecordKind = RecordKind> = {
  name: string;
  kind: K;
  /** Scopes the stream cannot be read without: the sync skips it (with a warning) when missing. */
  requiredScopes: readonly string[];
  readPage(input: Ctx & { cursor: string | null }): Promise<StreamPage<RecordsByKind[K]>>;
};

/** What the registry needs to know of any connector, whatever its context type. */
export type ConnectorBase = {
  provider: ProviderId;
  streams: readonly { name: string; kind: RecordKind; requiredScopes: readonly string[] }[];
};
