import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** Changes within this long are written together (a webhook storm, a burst of controls). */
const WRITE_DELAY_MS = 100;

/** What a sandbox keeps across restarts, and how to tell cheaply that it changed. */
export interface Persistent<T> {
  exportState(): T;
  importState(state: T): void;
  /** Changes whenever exportState() would; cheap, as it is checked after every request. */
  version(): string;
}

export interface StateFileOptions<T> {
  /** The shape's version: bump it when T changes incompatibly. */
  format: number;
  /**
   * Turns a file of another format into T, or gives up (undefined: the sandbox starts from its
   * generated data, with a warning). `format` is undefined for files written before formats.
   */
  upgrade?(saved: unknown, format: number | undefined): T | undefined;
  /** Named in warnings. */
  name: string;
}

/**
 * Keeps what a restart of `npm run dev` must not lose in a JSON file `{ format, state }`: written
 * a moment after something changed, atomically (temp file + rename), so a crash loses at most
 * that moment; and on stop (flush).
 */
export class StateFile<T> {
  private written = "";
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly path: string,
    private readonly source: Persistent<T>,
    private readonly options: StateFileOptions<T>,
  ) {}

  /** Loads the file when there is one. */
  load(): void {
    let saved: unknown;
    try {
      saved = JSON.parse(readFileSync(this.path, "utf8"));
    } catch {
      return;
    }
    const wrapped = typeof saved === "object" && saved !== null && "format" in saved && "state" in saved ? (saved as { format: number; state: unknown }) : undefined;
    const state = wrapped?.format === this.options.format ? (wrapped.state as T) : this.options.upgrade?.(wrapped ? wrapped.state : saved, wrapped?.format);
    if (state === undefined) {
      console.warn(`[${this.options.name}] ${this.path} was written in another format (${wrapped?.format ?? "none"}, now ${this.options.format}); starting from the generated data.`);
      return;
    }
    this.source.importState(state);
    this.written = this.source.version();
  }

  /** Writes soon, unless nothing changed by then. */
  schedule(): void {
    this.timer ??= setTimeout(() => this.flush(), WRITE_DELAY_MS);
  }

  /** Writes now when something changed. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const version = this.source.version();
    if (version === this.written) return;
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileSync(`${this.path}.tmp`, JSON.stringify({ format: this.options.format, state: this.source.exportState() }));
    renameSync(`${this.path}.tmp`, this.path);
    this.written = version;
  }
}
