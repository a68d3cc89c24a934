import type { Supervisor } from "../supervisor";

/** What `npm run dev` gives a provider's sandbox to start with. */
export type LocalSandboxContext = { supervisor: Supervisor; appPort: number };

export type StartedLocalSandbox = {
  /** Settings the app gets for the provider (its API origin and app credentials). */
  env: Record<string, string>;
  /**
   * A seed script (path from the repo root) that connects the demo workspace to the sandbox once
   * the app is synced with the job runner; it runs with the app's settings.
   */
  demoSeed?: string;
};

/**
 * A provider's stand-in as `npm run dev` starts it (dev/sandbox/local-sandboxes.ts lists them).
 * `start` answers `{ env: {} }`, after saying so, when the app is configured for the real provider.
 */
export type LocalSandbox = {
  name: string;
  start(ctx: LocalSandboxContext): Promise<StartedLocalSandbox>;
};
