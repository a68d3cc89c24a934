import { readdirSync, readFileSync } from "node:fs";

// CPU time spent by a set of processes, read from /proc (Linux). On a machine shared with other
// work, requests/s and latency move with the neighbours' load; CPU milliseconds per request
// do not, so the bench reports both.

type ProcStat = { pid: number; ppid: number; pgrp: number; cpuMs: number };

// USER_HZ: 100 on every mainstream Linux build.
const TICKS_PER_SECOND = 100;

function readStat(pid: string): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may contain spaces and parentheses; fields restart after the last ")".
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    // fields[0] is field 3 (state): ppid is field 4, pgrp 5, utime 14, stime 15.
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { pid: Number(pid), ppid: Number(fields[1]), pgrp: Number(fields[2]), cpuMs: (ticks * 1000) / TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

function allProcesses(): ProcStat[] {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return [];
  }
  return entries.filter((name) => /^\d+$/.test(name)).flatMap((pid) => readStat(pid) ?? []);
}

export const cpuSupported = (() => allProcesses().length > 0)();

/** CPU ms used so far by a process group (a detached child and whatever it forked). */
export function processGroupCpuMs(pgrp: number): number {
  return allProcesses()
    .filter((p) => p.pgrp === pgrp)
    .reduce((sum, p) => sum + p.cpuMs, 0);
}

/** CPU ms used so far by a process and its direct children (PostgreSQL's postmaster and backends). */
export function processTreeCpuMs(pid: number): number {
  return allProcesses()
    .filter((p) => p.pid === pid || p.ppid === pid)
    .reduce((sum, p) => sum + p.cpuMs, 0);
}
