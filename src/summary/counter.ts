// Counts calls and errors per syscall and per errno, as strace -c / -C does, for the summary event.
// strace counts a call when it returns to user space: exit_group and calls cut off by death (`= ?`
// with no errno) are not counted; `= ? ERESTARTSYS` is (a failed call that the kernel restarts).
import type { ConnectionEvent, DiagnosticEvent, ModelEvent, SummaryEvent } from "../events/schema.js";
import { SCHEMA_VERSION } from "../events/version.js";

const FILE_IO = new Set(["read", "write", "readv", "writev", "pread64", "pwrite64", "sendfile"]);

function hintsFor(calls: number, fileIo: number): string[] {
  const hints: string[] = [];
  if (fileIo >= 1000 && fileIo * 2 >= calls) {
    hints.push(
      `${fileIo} of ${calls} traced calls were file I/O, not sockets: --net-only traces only the socket story and slows the program far less`,
    );
  }
  return hints;
}

const MAX_CONNECTIONS = 1000;

function connectionRow(c: ConnectionEvent): SummaryEvent["connections"][number] {
  const row: SummaryEvent["connections"][number] = {
    id: c.id,
    pid: c.pid,
    transport: c.transport,
    role: c.role,
    bytesIn: c.bytesIn,
    bytesOut: c.bytesOut,
    outcome: c.outcome,
  };
  if (c.local) row.local = c.local.text;
  if (c.remote) row.remote = c.remote.text;
  else if (c.peers?.length === 1 && c.peers[0]) row.remote = c.peers[0].text;
  if (c.opened !== undefined && c.closed !== undefined)
    row.duration = Math.round((c.closed - c.opened) * 1e6) / 1e6;
  if (c.peer !== undefined) row.peer = c.peer;
  return row;
}

export interface SummaryCounter {
  add(event: ModelEvent | DiagnosticEvent): void;
  result(
    seq: number,
    lines: number,
    truncated: boolean,
    violations?: SummaryEvent["violations"],
  ): SummaryEvent;
}

export function createSummaryCounter(): SummaryCounter {
  const syscalls = new Map<string, { calls: number; errors: number; time: number }>();
  const connections: SummaryEvent["connections"] = [];
  let connectionsOmitted = 0;
  const diagnostics = new Map<string, number>();
  const errnos = new Map<string, number>();
  const pids = new Set<number>();
  let incomplete = 0;
  let unparsed = 0;
  let calls = 0;
  let fileIo = 0;

  return {
    add(event) {
      if ("pid" in event && event.pid !== undefined) pids.add(event.pid);
      if (event.type === "unparsed") unparsed++;
      if (event.type === "diagnostic") {
        diagnostics.set(event.code, (diagnostics.get(event.code) ?? 0) + 1);
        return;
      }
      if (event.type === "connection") {
        if (connections.length < MAX_CONNECTIONS) connections.push(connectionRow(event));
        else connectionsOmitted++;
        return;
      }
      if (event.type !== "syscall") return;
      if (event.incomplete !== undefined) incomplete++;
      calls++;
      if (FILE_IO.has(event.name) && event.path !== undefined) fileIo++;
      const returned = event.ret !== null || event.errno !== undefined;
      if (!returned) return;
      let entry = syscalls.get(event.name);
      if (!entry) {
        entry = { calls: 0, errors: 0, time: 0 };
        syscalls.set(event.name, entry);
      }
      entry.calls++;
      if (event.duration !== undefined) entry.time = Math.round((entry.time + event.duration) * 1e6) / 1e6;
      if (event.errno !== undefined) {
        entry.errors++;
        errnos.set(event.errno, (errnos.get(event.errno) ?? 0) + 1);
      }
    },
    result(seq, lines, truncated, violations = []) {
      const sorted = <T>(m: Map<string, T>) =>
        Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      return {
        v: SCHEMA_VERSION,
        type: "summary",
        seq,
        lines,
        syscalls: sorted(syscalls),
        connections,
        connectionsOmitted,
        errnos: sorted(errnos),
        incomplete,
        unparsed,
        processes: pids.size,
        truncated,
        hints: hintsFor(calls, fileIo),
        diagnostics: sorted(diagnostics),
        violations,
      };
    },
  };
}
