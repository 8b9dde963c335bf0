// One process's line of /proc/PID/stat, read by the tracer stage and the session service.
import { readFileSync } from "node:fs";

export interface ProcStat {
  comm: string;
  /** R, S, D, Z (zombie), T, t, X… */
  state: string;
  ppid: number;
  pgrp: number;
  session: number;
  ttyNr: number;
  tpgid: number;
  flags: number;
}

/** Parses a /proc/PID/stat line (comm may hold spaces and parentheses: fields count from its last ")"). */
export function parseProcStat(line: string): ProcStat | undefined {
  const open = line.indexOf("(");
  const close = line.lastIndexOf(")");
  if (open < 0 || close < open) return undefined;
  const f = line
    .slice(close + 1)
    .trim()
    .split(/\s+/);
  const n = (i: number) => Number(f[i]);
  if (f.length < 7 || !Number.isInteger(n(1))) return undefined;
  return {
    comm: line.slice(open + 1, close),
    state: f[0] ?? "",
    ppid: n(1),
    pgrp: n(2),
    session: n(3),
    ttyNr: n(4),
    tpgid: n(5),
    flags: n(6),
  };
}

/** /proc/PID/stat of a process (or "self"), or undefined when it is gone. */
export function readProcStat(pid: number | "self"): ProcStat | undefined {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return undefined;
  }
}
