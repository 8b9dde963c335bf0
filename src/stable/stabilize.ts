// --stable: the same program run twice gives byte-identical output. Holds the whole event stream
// (so use it for tests, not for endless traces), then writes it in an order that does not depend
// on how the kernel interleaved processes: each process's events together, processes in the order
// they were created (the first traced process first, then its children in the order it forked
// them), then the connections by socket, the diagnostics, the summary. Pids become 1, 2, 3… in
// that order, socket ids likewise, ephemeral ports eph1, eph2…, and times and inodes go.

import { assertNever } from "../core/assert-never.js";
import type {
  ConnectionEvent,
  DiagnosticEvent,
  ExitEvent,
  Mutable,
  NoteEvent,
  ProcessView,
  SignalEvent,
  SocketView,
  SummaryEvent,
  SyscallEvent,
  TraceEvent,
} from "../core/events.js";
import { nameOf } from "../core/readers.js";
import { FORK_CALLS } from "../core/syscalls.js";
import type { Value } from "../core/values.js";
import { type Names, stableAddress, stableText, stableValue } from "./normalize.js";

type Event = TraceEvent;

/**
 * Numbers equal to a traced pid, inside a value (clone3's parent_tid=[N], kill's pid, F_SETOWN_EX's
 * `{type=F_OWNER_PID, pid=N}`); a negative one names that process's group (kill(-pgid), F_SETOWN).
 * -1 (every process) and 0 (the caller's own group) are never pids.
 */
function mapPids(v: Value, pids: Map<number, number>): Value {
  switch (v.kind) {
    case "num": {
      const mapped = mappedPid(v.value, pids);
      return mapped === undefined ? v : { kind: "num", value: mapped };
    }
    case "struct": {
      const fields: Record<string, Value> = {};
      for (const [k, f] of Object.entries(v.fields)) fields[k] = mapPids(f, pids);
      return { ...v, fields };
    }
    case "array":
      return { ...v, items: v.items.map((x) => mapPids(x, pids)) };
    case "changed":
      return { ...v, from: mapPids(v.from, pids), to: mapPids(v.to, pids) };
    default:
      return v;
  }
}

function mappedPid(n: number, pids: Map<number, number>): number | undefined {
  if (n > 0) return pids.get(n);
  if (n < -1) {
    const group = pids.get(-n);
    return group === undefined ? undefined : -group;
  }
  return undefined;
}

/** Which arguments of a call hold pids, and whether its return is one, as the syscall table says. */
function pidRoles(e: SyscallEvent): { args: (i: number) => boolean; ret: boolean } {
  if (FORK_CALLS.has(e.name)) return { args: () => true, ret: true };
  const spec = e.spec;
  const fixed = spec?.pids ?? [];
  const byCmd = spec?.pidByCommand;
  const cmd = byCmd === undefined ? undefined : nameOf(e.args[byCmd.cmd]);
  const argByCmd = byCmd !== undefined && cmd !== undefined && byCmd.arg.includes(cmd) ? byCmd.at : -1;
  return {
    args: (i) => i === argByCmd || fixed.includes(i),
    ret: spec?.retPid === true || (cmd !== undefined && byCmd?.ret?.includes(cmd) === true),
  };
}

export interface Stabilizer {
  push(event: Event): void;
  end(): Event[];
}

function bindPorts(events: Event[]): Set<number> {
  const ports = new Set<number>();
  for (const e of events) {
    if (e.type !== "syscall" || e.name !== "bind") continue;
    const arg = e.args[1];
    const port = arg?.kind === "struct" ? arg.addr?.port : undefined;
    if (port !== undefined && port !== 0) ports.add(port);
  }
  return ports;
}

/** Processes in creation order: depth first from the first process, children in fork order. */
function processOrder(events: Event[]): number[] {
  const firstSeen: number[] = [];
  const seen = new Set<number>();
  const children = new Map<number, number[]>();
  for (const e of events) {
    if (!("pid" in e) || e.pid === undefined || e.type === "connection" || e.type === "diagnostic") continue;
    if (!seen.has(e.pid)) {
      seen.add(e.pid);
      firstSeen.push(e.pid);
    }
    if (e.type === "syscall" && FORK_CALLS.has(e.name) && e.ret !== null && e.ret > 0) {
      const list = children.get(e.pid) ?? [];
      list.push(e.ret);
      children.set(e.pid, list);
    }
  }
  const order: number[] = [];
  const placed = new Set<number>();
  const visit = (pid: number) => {
    if (placed.has(pid)) return;
    placed.add(pid);
    order.push(pid);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  for (const pid of firstSeen) visit(pid);
  return order;
}

function createNames(fixedPorts: Set<number>): Names & { pids: Map<number, number> } {
  const pids = new Map<number, number>();
  const sockets = new Map<number, number>();
  const ports = new Map<number, string>();
  return {
    pids,
    pid: (pid) => {
      if (!pids.has(pid)) pids.set(pid, pids.size + 1);
      return pids.get(pid) ?? 0;
    },
    socket: (id) => {
      if (!sockets.has(id)) sockets.set(id, sockets.size + 1);
      return sockets.get(id) ?? 0;
    },
    port: (port) => {
      if (fixedPorts.has(port) || port < 32768 || port > 65535) return undefined;
      if (!ports.has(port)) ports.set(port, `eph${ports.size + 1}`);
      return ports.get(port);
    },
  };
}

/**
 * Socket numbers and ephemeral port names in an order that does not depend on scheduling: sockets
 * by the process that made them (in creation order) and the order that process made them in, and
 * each ephemeral port by the socket it belongs to. (Named in output order instead, two clients that
 * race to connect would swap names between runs: the server's accepts come first in the output.)
 */
function nameSockets(
  names: Names,
  connections: readonly ConnectionEvent[],
  order: readonly number[],
  byPid: ReadonlyMap<number, readonly Event[]>,
): void {
  const rank = new Map(order.map((pid, i) => [pid, i]));
  const firstUse = new Map<number, number>();
  for (const pid of order) {
    (byPid.get(pid) ?? []).forEach((e, i) => {
      if (e.type !== "syscall") return;
      for (const ref of [e.socket, e.newSocket])
        if (ref !== undefined && !firstUse.has(ref.id)) firstUse.set(ref.id, i);
    });
  }
  const sorted = [...connections].sort(
    (a, b) =>
      (rank.get(a.pid) ?? order.length) - (rank.get(b.pid) ?? order.length) ||
      (firstUse.get(a.id) ?? 0) - (firstUse.get(b.id) ?? 0) ||
      a.fd - b.fd,
  );
  for (const c of sorted) names.socket(c.id);
  for (const c of sorted) if (c.local?.port !== undefined) names.port(c.local.port);
}

function stableRef(r: SocketView, names: Names): SocketView {
  const { inode: _inode, peerInode: _peer, ...rest } = r;
  return {
    ...rest,
    id: names.socket(r.id),
    ...(r.peer !== undefined ? { peer: names.socket(r.peer) } : {}),
    ...(r.local ? { local: stableAddress(r.local, names) } : {}),
    ...(r.remote ? { remote: stableAddress(r.remote, names) } : {}),
  };
}

function stableProcess(p: ProcessView, names: Names): ProcessView {
  return {
    ...p,
    pid: names.pid(p.pid),
    tgid: names.pid(p.tgid),
    ...(p.parent !== undefined ? { parent: names.pid(p.parent) } : {}),
  };
}

/** Known pid numbers inside free text (notes, messages) become their stable numbers. */
function pidsInText(text: string, pids: Map<number, number>): string {
  return text.replace(/\b(\d{2,7})\b/g, (m, n: string) => {
    const mapped = pids.get(Number(n));
    return mapped === undefined ? m : String(mapped);
  });
}

/** A plain copy of a call with run-dependent parts renamed or left out (times, inodes, pointers). */
function stableSyscall(e: SyscallEvent, names: Names & { pids: Map<number, number> }): SyscallEvent {
  const roles = pidRoles(e);
  const args = e.args.map((a, i) => {
    const v = roles.args(i)
      ? mapPids(a, names.pids)
      : e.name === "waitid" && i === 2
        ? mapSiPid(a, names)
        : a;
    return stableValue(v, names);
  });
  let ret = e.ret;
  let retText = e.retText;
  if (roles.ret && ret !== null && e.errno === undefined) {
    const mapped = FORK_CALLS.has(e.name) && ret > 0 ? names.pid(ret) : mappedPid(ret, names.pids);
    if (mapped !== undefined) {
      if (retText === String(ret)) retText = String(mapped);
      ret = mapped;
    }
  }
  if (retText?.startsWith("0x") && (e.ret ?? 0) >= 0x10000) {
    ret = 0;
    retText = "0xPTR";
  }
  const x = e.explain;
  const out: SyscallEvent = {
    type: "syscall",
    seq: e.seq,
    lineNo: e.lineNo,
    pid: names.pid(e.pid),
    name: e.name,
    args,
    ret,
    ...(e.spec !== undefined ? { spec: e.spec } : {}),
    ...(retText !== undefined ? { retText } : {}),
    ...(e.errno !== undefined ? { errno: e.errno } : {}),
    ...(e.errnoText !== undefined ? { errnoText: e.errnoText } : {}),
    // select/pselect6 report the time left: a measurement, not behaviour.
    ...(e.detail !== undefined ? { detail: e.detail.replace(/left \{[^}]*\}/, "left {...}") } : {}),
    ...(e.incomplete !== undefined ? { incomplete: e.incomplete } : {}),
    ...(e.partial ? { partial: true } : {}),
    ...(e.injected ? { injected: true } : {}),
    ...(e.delayed ? { delayed: true } : {}),
    ...(e.fd !== undefined ? { fd: e.fd } : {}),
    ...(e.path !== undefined ? { path: stableText(e.path, names) } : {}),
    ...(e.newFd !== undefined ? { newFd: e.newFd } : {}),
    ...(e.socket ? { socket: stableRef(e.socket, names) } : {}),
    ...(e.newSocket ? { newSocket: stableRef(e.newSocket, names) } : {}),
    ...(e.steps ? { steps: e.steps.map((s) => ({ ...s, text: stableText(s.text, names) })) } : {}),
    ...(e.transfer ? { transfer: e.transfer } : {}),
    ...(e.process ? { process: stableProcess(e.process, names) } : {}),
    ...(e.waitsOnSocket ? { waitsOnSocket: true } : {}),
    ...(e.waited ? { waited: stableRef(e.waited, names) } : {}),
    ...(e.dataDir !== undefined ? { dataDir: e.dataDir } : {}),
    ...(e.dontwait ? { dontwait: true } : {}),
    // The views read these facts too (folding, the diagram's handshakes and closes).
    ...(e.stateBefore !== undefined ? { stateBefore: e.stateBefore } : {}),
    ...(e.lastReference !== undefined ? { lastReference: e.lastReference } : {}),
    ...(x
      ? {
          explain: {
            ...x,
            summary: stableText(x.summary, names),
            wire: stableText(x.wire, names),
            notes: x.notes.map((n) => stableText(n, names)),
          },
        }
      : {}),
  };
  return out;
}

function stableConnection(c: ConnectionEvent, names: Names): ConnectionEvent {
  const out: Mutable<ConnectionEvent> = { ...c, id: names.socket(c.id), pid: names.pid(c.pid) };
  // When it was last used, and which of several holders let go last, depend on scheduling.
  delete out.lastUsed;
  delete out.releasedBy;
  delete out.opened;
  delete out.closed;
  if (c.peer !== undefined) out.peer = names.socket(c.peer);
  if (c.local) out.local = stableAddress(c.local, names);
  if (c.remote) out.remote = stableAddress(c.remote, names);
  if (c.peers) out.peers = c.peers.map((p) => stableAddress(p, names));
  return out;
}

function stableSummary(
  s: SummaryEvent,
  names: Names & { pids: Map<number, number> },
  seqMap: Map<number, number>,
): SummaryEvent {
  const syscalls: SummaryEvent["syscalls"] = {};
  for (const [name, c] of Object.entries(s.syscalls)) syscalls[name] = { ...c, time: 0 };
  const connections = s.connections
    .map((row) => {
      const out = { ...row, id: names.socket(row.id), pid: names.pid(row.pid) };
      delete out.duration;
      if (row.peer !== undefined) out.peer = names.socket(row.peer);
      if (row.local !== undefined) out.local = stableText(row.local, names);
      if (row.remote !== undefined) out.remote = stableText(row.remote, names);
      return out;
    })
    .sort((a, b) => a.id - b.id);
  const violations = s.violations.map((v) => {
    const out = {
      ...v,
      seq: seqMap.get(v.seq) ?? 0,
      message: stableText(pidsInText(v.message, names.pids), names),
    };
    if (v.pid !== undefined) out.pid = names.pid(v.pid);
    if (v.address !== undefined) out.address = stableText(v.address, names);
    return out;
  });
  // Tests in name order (which marker came first depends on scheduling when tests run in parallel).
  const tests = s.tests
    ?.map((t) => ({ ...t, endpoints: t.endpoints.map((x) => stableText(x, names)).sort() }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // Line counts depend on how strace split calls between processes: not stable.
  return { ...s, lines: 0, syscalls, connections, violations, ...(tests !== undefined ? { tests } : {}) };
}

export function createStabilizer(): Stabilizer {
  const events: Event[] = [];
  return {
    push(event) {
      events.push(event);
    },
    end() {
      const names = createNames(bindPorts(events));
      const byPid = new Map<number, Event[]>();
      const loose: Event[] = [];
      const connections: ConnectionEvent[] = [];
      const diagnostics: DiagnosticEvent[] = [];
      let summary: SummaryEvent | undefined;
      // The machine note stays first: a reader of the JSON explains every call after it with its facts.
      const head: Event[] = [];
      for (const e of events) {
        if (e.type === "note" && e.note === "machine") head.push(e);
        else if (e.type === "connection") connections.push(e);
        else if (e.type === "diagnostic") diagnostics.push(e);
        else if (e.type === "summary") summary = e;
        else if ("pid" in e && e.pid !== undefined) {
          const list = byPid.get(e.pid) ?? [];
          list.push(e);
          byPid.set(e.pid, list);
        } else loose.push(e);
      }
      const ordered: Event[] = [...head];
      const order = processOrder(events);
      for (const pid of order) {
        names.pid(pid);
        ordered.push(...(byPid.get(pid) ?? []));
      }
      ordered.push(...loose);
      nameSockets(names, connections, order, byPid);
      const seqMap = new Map<number, number>();
      const out: Event[] = [];
      const emit = (e: Mutable<Event>, oldSeq: number) => {
        e.seq = out.length + 1;
        if ("lineNo" in e) e.lineNo = e.seq;
        seqMap.set(oldSeq, e.seq);
        out.push(e);
      };
      for (const e of ordered) {
        const old = e.seq;
        // Where a SIGCHLD lands in the parent's calls depends on scheduling: left out.
        if (e.type === "signal" && e.signal === "SIGCHLD") continue;
        switch (e.type) {
          case "syscall":
            emit(stableSyscall(e, names), old);
            break;
          case "signal": {
            const s: Mutable<SignalEvent> = { ...e, pid: names.pid(e.pid) };
            delete s.time;
            if (s.info) s.info = mapSiPid(s.info, names);
            if (s.process) s.process = stableProcess(s.process, names);
            emit(s, old);
            break;
          }
          case "exit": {
            const x: Mutable<ExitEvent> = { ...e, pid: names.pid(e.pid) };
            delete x.time;
            if (x.supersededBy !== undefined) x.supersededBy = names.pid(x.supersededBy);
            if (x.process) x.process = stableProcess(x.process, names);
            emit(x, old);
            break;
          }
          case "note": {
            const n: Mutable<NoteEvent> = { ...e };
            delete n.time;
            if (n.pid !== undefined) n.pid = names.pid(n.pid);
            if (n.subject !== undefined) n.subject = names.pid(n.subject);
            // The machine's sysctls are numbers, not pids or ports: kept as they are.
            if (n.note !== "machine") n.text = stableText(pidsInText(n.text, names.pids), names);
            emit(n, old);
            break;
          }
          case "unparsed":
            emit({ ...e, raw: stableText(e.raw, names) }, old);
            break;
          // Collected apart above.
          case "connection":
          case "diagnostic":
          case "summary":
            break;
          default:
            assertNever(e, "event");
        }
      }
      const stableConns = connections
        .map((c) => ({ c: stableConnection(c, names), old: c.seq }))
        .sort((a, b) => a.c.id - b.c.id);
      for (const { c, old } of stableConns) emit(c, old);
      const stableDiags = diagnostics
        .map((d) => ({
          d: {
            ...d,
            ...(d.pid !== undefined ? { pid: names.pid(d.pid) } : {}),
            ...(d.socket !== undefined ? { socket: names.socket(d.socket) } : {}),
            message: stableText(pidsInText(d.message, names.pids), names),
            fix: stableText(d.fix, names),
            events: d.events.map((s) => seqMap.get(s) ?? 0),
          } satisfies DiagnosticEvent,
          old: d.seq,
        }))
        .sort((a, b) => a.d.code.localeCompare(b.d.code) || (a.d.events[0] ?? 0) - (b.d.events[0] ?? 0));
      for (const { d, old } of stableDiags) emit(d, old);
      if (summary) emit(stableSummary(summary, names, seqMap), summary.seq);
      return out;
    },
  };
}

function mapSiPid(info: Value, names: Names): Value {
  if (info.kind !== "struct") return info;
  const pid = info.fields.si_pid;
  if (pid?.kind !== "num") return info;
  return { ...info, fields: { ...info.fields, si_pid: { kind: "num", value: names.pid(pid.value) } } };
}
