/**
 * One resource type of a provider's account: generated records addressed by index (see random.ts),
 * plus the changes made to them (kept in memory and in the state file as whole records; everything
 * else is regenerated on demand from the seed).
 */
export interface BaseRecord {
  id: number;
  createdAt: number;
  updatedAt: number;
}

export interface CollectionSource<R extends BaseRecord, S extends BaseRecord> {
  count: number;
  firstId: number;
  generate(index: number): R;
  summarize(record: R): S;
}

/** What the mutations changed, for the state file: the records written, the generated ones deleted, the next new id. */
export interface CollectionChanges<R> {
  changed: R[];
  deleted: number[];
  nextId: number;
}

export class Collection<R extends BaseRecord, S extends BaseRecord> {
  private readonly overrides = new Map<number, R>();
  private readonly deleted = new Set<number>();
  private baseSummaries: S[] | undefined;
  private current: S[] | undefined;
  private readonly sorted = new Map<string, S[]>();
  private nextId: number;
  /** Bumped on every mutation; caches keyed on it. */
  version = 0;

  constructor(private readonly source: CollectionSource<R, S>) {
    this.nextId = source.firstId + source.count + 1_000;
  }

  private indexOf(id: number): number | null {
    const index = id - this.source.firstId;
    return Number.isInteger(index) && index >= 0 && index < this.source.count ? index : null;
  }

  get(id: number): R | undefined {
    if (this.deleted.has(id)) return undefined;
    const override = this.overrides.get(id);
    if (override) return override;
    const index = this.indexOf(id);
    return index === null ? undefined : this.source.generate(index);
  }

  has(id: number): boolean {
    return this.deleted.has(id) ? false : this.overrides.has(id) || this.indexOf(id) !== null;
  }

  /** Summaries of every live record, ordered by id. Cheap fields only: used to sort and filter. */
  summaries(): S[] {
    if (!this.current) {
      if (!this.baseSummaries) {
        const base: S[] = new Array(this.source.count);
        for (let i = 0; i < this.source.count; i++) base[i] = this.source.summarize(this.source.generate(i));
        this.baseSummaries = base;
      }
      if (this.overrides.size === 0 && this.deleted.size === 0) {
        this.current = this.baseSummaries;
      } else {
        const list: S[] = [];
        for (const s of this.baseSummaries) {
          if (this.deleted.has(s.id)) continue;
          const o = this.overrides.get(s.id);
          list.push(o ? this.source.summarize(o) : s);
        }
        const created = [...this.overrides.values()].filter((r) => this.indexOf(r.id) === null).sort((a, b) => a.id - b.id);
        for (const r of created) list.push(this.source.summarize(r));
        this.current = list;
      }
    }
    return this.current;
  }

  /** Summaries sorted by (key, id), cached until the next mutation. */
  sortedBy(name: string, key: (s: S) => number | string): S[] {
    let list = this.sorted.get(name);
    if (!list) {
      const base = this.summaries();
      list = name === "ID" ? base : [...base].sort((a, b) => compareKeys(key(a), a.id, key(b), b.id));
      this.sorted.set(name, list);
    }
    return list;
  }

  *records(): Generator<R> {
    for (const s of this.summaries()) {
      const r = this.get(s.id);
      if (r) yield r;
    }
  }

  count(): number {
    return this.summaries().length;
  }

  private touch(): void {
    this.version++;
    this.current = undefined;
    this.sorted.clear();
  }

  put(record: R): R {
    this.deleted.delete(record.id);
    this.overrides.set(record.id, record);
    this.touch();
    return record;
  }

  allocateId(): number {
    return this.nextId++;
  }

  remove(id: number): boolean {
    if (!this.has(id)) return false;
    this.overrides.delete(id);
    if (this.indexOf(id) !== null) this.deleted.add(id);
    this.touch();
    return true;
  }

  exportChanges(): CollectionChanges<R> {
    return { changed: [...this.overrides.values()], deleted: [...this.deleted], nextId: this.nextId };
  }

  /** Puts back what exportChanges() returned, over the same generated records. */
  importChanges(changes: CollectionChanges<R>): void {
    for (const record of changes.changed) this.overrides.set(record.id, record);
    for (const id of changes.deleted) this.deleted.add(id);
    this.nextId = Math.max(this.nextId, changes.nextId);
    this.touch();
  }
}

export function compareKeys(av: number | string, aid: number, bv: number | string, bid: number): number {
  if (av < bv) return -1;
  if (av > bv) return 1;
  return aid - bid;
}
