import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { SandboxShop, ShopState } from "./shop";

/** Changes within this long are written together (a webhook storm, a burst of controls). */
const WRITE_DELAY_MS = 100;

/**
 * Keeps what a restart of `npm run dev` must not lose in a JSON file: installations, tokens,
 * webhook subscriptions, pending webhook retries and the data changes (whole records over the
 * data generated from the seed, so start-up reads only what changed). Written a moment after
 * something changed, atomically (temp file + rename): a crash loses at most that moment.
 */
export class StateFile {
  private written = "";
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly path: string,
    private readonly shops: () => Iterable<SandboxShop>,
  ) {}

  load(): void {
    let saved: Record<string, ShopState>;
    try {
      saved = JSON.parse(readFileSync(this.path, "utf8")) as Record<string, ShopState>;
    } catch {
      return;
    }
    for (const shop of this.shops()) {
      const state = saved[shop.domain];
      if (state) shop.importState(state);
    }
    this.written = this.version();
  }

  /** Writes soon, unless nothing changed by then. */
  schedule(): void {
    this.timer ??= setTimeout(() => this.flush(), WRITE_DELAY_MS);
  }

  /** Writes now when something changed. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const version = this.version();
    if (version === this.written) return;
    const state: Record<string, ShopState> = {};
    for (const shop of this.shops()) state[shop.domain] = shop.exportState();
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileSync(`${this.path}.tmp`, JSON.stringify(state));
    renameSync(`${this.path}.tmp`, this.path);
    this.written = version;
  }

  private version(): string {
    return [...this.shops()].map((shop) => `${shop.domain}:${shop.stateVersion()}`).join("\n");
  }
}
