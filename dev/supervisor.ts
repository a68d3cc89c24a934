// Keeps the processes of `npm run dev` together: started in order, stopped in reverse order on
// Ctrl-C/SIGTERM, and when any of them exits on its own the rest are stopped too, so nothing
// (PostgreSQL above all) outlives the command.
import { spawn, type ChildProcess } from "node:child_process";
import { isAlive, parentPid } from "./process-info";

export type ProcessSpec = {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
};

type Stoppable = { name: string; stop(): Promise<void> };

const STOP_GRACE_MS = 10_000;
const LAUNCHER_DEPTH = 3;

// `npm run dev` is npm → sh → tsx → us. A SIGTERM sent to npm alone stops npm and sh without
// passing it on, so we also treat the disappearance of any of those launchers as a stop request.
// (Linux /proc only; elsewhere signals are the only trigger.)
function launcherPids(): number[] {
  const pids: number[] = [];
  let pid = process.ppid;
  while (pids.length < LAUNCHER_DEPTH && pid > 1) {
    pids.push(pid);
    const parent = parentPid(pid);
    if (parent === undefined) break;
    pid = parent;
  }
  return pids;
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

// Each child leads its own process group (detached), so stopping it also stops whatever it
// spawned (next dev runs worker processes), and a terminal Ctrl-C reaches only us: we decide the order.
function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
}

export class Supervisor {
  private readonly running: Stoppable[] = [];
  private stopping: Promise<never> | undefined;

  constructor() {
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
      process.on(signal, () => {
        if (this.stopping) console.log("Still stopping…");
        void this.shutdown(0);
      });
    }
    const launchers = launcherPids();
    setInterval(() => {
      if (launchers.some((pid) => !isAlive(pid))) void this.shutdown(0);
    }, 1000).unref();
  }

  /** Something started elsewhere (e.g. the embedded PostgreSQL) that must be stopped with the rest. */
  adopt(name: string, stop: () => Promise<void>) {
    this.running.push({ name, stop });
  }

  spawn(spec: ProcessSpec): ChildProcess {
    const child = spawn(spec.command, spec.args, { env: { ...process.env, ...spec.env }, stdio: "inherit", detached: true });
    child.once("error", (error) => {
      console.error(`\nCould not start ${spec.name}: ${error.message}`);
      void this.shutdown(1);
    });
    child.once("exit", (code, signal) => {
      if (this.stopping) return;
      console.error(`\n${spec.name} exited (${signal ?? `code ${code}`}); stopping the rest.`);
      void this.shutdown(code || 1);
    });
    this.running.push({
      name: spec.name,
      async stop() {
        signalGroup(child, "SIGTERM");
        const timer = setTimeout(() => signalGroup(child, "SIGKILL"), STOP_GRACE_MS);
        await waitForExit(child);
        clearTimeout(timer);
        signalGroup(child, "SIGKILL");
      },
    });
    return child;
  }

  /** Stops everything in reverse start order, then exits with `code`. */
  shutdown(code: number): Promise<never> {
    this.stopping ??= (async () => {
      for (const item of [...this.running].reverse()) {
        try {
          await item.stop();
        } catch (error) {
          console.error(`Could not stop ${item.name}:`, error instanceof Error ? error.message : error);
        }
      }
      process.exit(code);
    })();
    return this.stopping;
  }
}
