// Counts calls and errors per syscall and per errno, as strace -c / -C does, for the summary event.
// strace counts a call when it returns to user space: exit_group and calls cut off by death (`= ?`
// with no errno) are not counted; `= ? ERESTARTSYS` is (a failed call that the kernel restarts).
import type {
  ConnectionEvent,
  ConnectionRow,
  SummaryEvent,
  TestRow,
  TraceEvent,
  Violation,
} from "../core/events.js";
import { DATA_CALLS } from "../core/syscalls.js";

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

function connectionRow(c: ConnectionEvent): ConnectionRow {
  const row: ConnectionRow = {
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
  if (c.remoteHost !== undefined) row.remoteHost = c.remoteHost;
  return row;
}

export interface SummaryFacts {
  lines: number;
  truncated: boolean;
  /** Processes and threads the model saw. */
  processes: number;
  violations: Violation[];
  /** Per-test attribution: the test names markers gave, in the order first seen. */
  tests?: readonly string[];
}

const MAX_ENDPOINTS = 32;

export interface SummaryCounter {
  add(event: TraceEvent): void;
  result(seq: number, facts: SummaryFacts): SummaryEvent;
}

interface Count {
  calls: number;
  errors: number;
  time: number;
}

export function createSummaryCounter(): SummaryCounter {
  const syscalls = new Map<string, Count>();
  const connections: ConnectionRow[] = [];
  let connectionsOmitted = 0;
  const diagnostics = new Map<string, number>();
  const errnos = new Map<string, number>();
  let incomplete = 0;
  let unparsed = 0;
  let calls = 0;
  let fileIo = 0;
  const tests = new Map<string, TestRow>();
  const testRow = (name: string): TestRow => {
    let row = tests.get(name);
    if (row === undefined) {
      row = { name, connections: 0, endpoints: [], bytesIn: 0, bytesOut: 0, violations: 0 };
      tests.set(name, row);
    }
    return row;
  };

  return {
    add(event) {
      switch (event.type) {
        case "unparsed":
          unparsed++;
          return;
        case "diagnostic":
          diagnostics.set(event.code, (diagnostics.get(event.code) ?? 0) + 1);
          return;
        case "connection":
          if (event.test !== undefined) {
            const row = testRow(event.test);
            row.connections++;
            row.bytesIn += event.bytesIn;
            row.bytesOut += event.bytesOut;
            const remote =
              event.remote?.text ?? (event.peers?.length === 1 ? event.peers[0]?.text : undefined);
            if (
              remote !== undefined &&
              !row.endpoints.includes(remote) &&
              row.endpoints.length < MAX_ENDPOINTS
            )
              row.endpoints.push(remote);
          }
          if (connections.length < MAX_CONNECTIONS) connections.push(connectionRow(event));
          else connectionsOmitted++;
          return;
        case "syscall":
          break;
        default:
          return;
      }
      if (event.incomplete !== undefined) incomplete++;
      calls++;
      if (event.path !== undefined && DATA_CALLS.has(event.name)) fileIo++;
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
    result(seq, facts) {
      const sorted = <T>(m: Map<string, T>) =>
        Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      let testRows: TestRow[] | undefined;
      if (facts.tests !== undefined && facts.tests.length > 0) {
        for (const v of facts.violations) if (v.test !== undefined) testRow(v.test).violations++;
        // In the order the markers named them; a name only a recorded event carries comes after.
        testRows = [
          ...facts.tests.map(testRow),
          ...[...tests.values()].filter((r) => !facts.tests?.includes(r.name)),
        ];
      }
      return {
        type: "summary",
        seq,
        lines: facts.lines,
        syscalls: sorted(syscalls),
        connections,
        connectionsOmitted,
        errnos: sorted(errnos),
        incomplete,
        unparsed,
        processes: facts.processes,
        truncated: facts.truncated,
        hints: hintsFor(calls, fileIo),
        diagnostics: sorted(diagnostics),
        violations: facts.violations,
        ...(testRows !== undefined ? { tests: testRows } : {}),
      };
    },
  };
}
