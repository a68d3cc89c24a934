import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { SandboxShop, ShopState } from "./shop";

/**
 * Keeps installations, tokens and webhook subscriptions in a JSON file, so restarting `npm run
 * dev` does not invalidate the tokens the app stored (the shop data itself is regenerated from the
 * seed). Written only when something changed, atomically (temp file + rename).
 */
export class StateFile {
  private last = "";

  constructor(private readonly path: string) {}

  load(shops: Iterable<SandboxShop>): void {
    let saved: Record<string, ShopState>;
    try {
      saved = JSON.parse(readFileSync(this.path, "utf8")) as Record<string, ShopState>;
    } catch {
      return;
    }
    for (const shop of shops) {
      const state = saved[shop.domain];
      if (state) shop.importState(state);
    }
    this.last = JSON.stringify(saved);
  }

  save(shops: Iterable<SandboxShop>): void {
    const state: Record<string, ShopState> = {};
    for (const shop of shops) state[shop.domain] = shop.exportState();
    const text = JSON.stringify(state);
    if (text === this.last) return;
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileSync(`${this.path}.tmp`, text);
    renameSync(`${this.path}.tmp`, this.path);
    this.last = text;
  }
}
