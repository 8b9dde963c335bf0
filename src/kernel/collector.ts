// The kernel-state side channel's reading edge: runs iproute2's `ss -E` for the TCP sockets the
// kernel destroys while the program runs, samples the watched listeners' accept queues from
// /proc/net/tcp{,6}, reads /proc/net/{snmp,netstat} before and after, and queries the sockets still
// alive at the end with one `ss` snapshot. Everything it cannot do becomes a one-line note; it never
// throws, and never leaves a child process behind.
//
// Everything is read in the collector's own network namespace, which must be the traced program's.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import {
  accessSync,
  closeSync,
  constants,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  readSync,
} from "node:fs";
import { endianness } from "node:os";
import { delimiter, join } from "node:path";
import type { CounterDelta, KernelSummary, ListenerQueue, TcpKernelInfo } from "../core/kernel.js";
import {
  counterDeltas,
  type ProcListener,
  parseProcNetCounters,
  parseProcNetListeners,
  REPORTED_COUNTERS,
} from "./proc-net.js";
import { createSsParser, parseSs, type SsSocket } from "./ss.js";

export interface KernelCollectorOptions {
  /** The ss binary (default: `ss` on PATH, or /usr/sbin, /sbin). */
  ss?: string;
  /** Where /proc is (default /proc). */
  proc?: string;
  /** How often watched listeners' accept queues are read, in ms (default 50). */
  sampleMs?: number;
}

export interface KernelSocketRecord {
  local: string;
  remote: string;
  info: TcpKernelInfo;
}

export interface KernelCollector {
  /** Resolves once `ss -E` is subscribed (or given up on, with a note): start the program after it. */
  readonly ready: Promise<void>;
  /** Every destroyed TCP socket (and snapshot results), as it comes. Set before `ready` resolves. */
  onSocket(listener: (rec: KernelSocketRecord) => void): void;
  /** Sample this listener's accept queue (by its local Address.text) from now on. */
  watchListener(local: string): void;
  /** Query the sockets still alive for these 4-tuples (one `ss` snapshot), stop `ss -E` and the
   * sampler, read the counters again. Resolves within ~1.5 s whatever happens. */
  finish(
    pending: ReadonlyArray<{ local: string; remote: string }>,
  ): Promise<{ sockets: KernelSocketRecord[]; summary: KernelSummary }>;
  /** Stop everything without results; idempotent; never leaves a child process behind. */
  close(): void;
}

const SS_ARGS = ["-t", "-i", "-e", "-m", "-n", "-H"];
/** How long `ss -E` gets to subscribe before the program starts anyway. */
const READY_MS = 2000;
const READY_POLL_MS = 5;
/** How long finish() waits in all, and for each of its steps. */
const FINISH_MS = 1500;
const SNAPSHOT_MS = 600;
const DRAIN_MS = 250;
/**
 * How long finish() waits for the destroy event of a socket the snapshot found already in TIME-WAIT.
 * The full socket is gone by then, but the kernel frees it (and only then sends the event: net/core/
 * sock.c __sk_destruct → sock_diag_broadcast_destroy) when the last buffer that points to it is
 * freed, which for a packet still queued on the way out (a qdisc, an NFQUEUE) can be tens of ms later.
 */
const LINGER_MS = 400;

/**
 * Waits for `p`, `ms` at most. The timer keeps the process alive while it waits (nothing else may)
 * and is cleared as soon as `p` settles: a wait that is over must not hold sockscope's exit back.
 */
async function within(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]).catch(
    () => undefined,
  );
  clearTimeout(timer);
}

function findOnPath(name: string): string | undefined {
  const dirs = name.includes("/")
    ? [""]
    : [...(process.env.PATH ?? "").split(delimiter), "/usr/sbin", "/sbin", "/usr/bin", "/bin"];
  for (const dir of dirs) {
    if (dir === "" && !name.includes("/")) continue;
    const path = dir === "" ? name : join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** The inodes of the sockets process `pid` holds open (its /proc/PID/fd links `socket:[N]`). */
function socketInodes(proc: string, pid: number): Set<string> {
  const out = new Set<string>();
  let fds: string[];
  try {
    fds = readdirSync(`${proc}/${pid}/fd`);
  } catch {
    return out;
  }
  for (const fd of fds) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`${proc}/${pid}/fd/${fd}`));
      if (m?.[1]) out.add(m[1]);
    } catch {
      // Closed meanwhile.
    }
  }
  return out;
}

/**
 * Whether process `pid` has a NETLINK_SOCK_DIAG socket bound to multicast groups: `ss -E` opens one
 * with the SKNLGRP_INET{,6}_{TCP,UDP}_DESTROY groups (iproute2 misc/ss.c handle_follow_request →
 * rtnl_open_byproto(&rth, groups, NETLINK_SOCK_DIAG), whose bind() subscribes), and only then can
 * it see a socket's destruction. /proc/PID/net/netlink (the kernel's net/netlink/af_netlink.c
 * netlink_seq_show) lists every netlink socket of the namespace: `sk Eth Pid Groups … Inode`, Eth
 * being the protocol (4 is NETLINK_SOCK_DIAG) and Groups the first 32 group bits in hex. The socket
 * is matched to the child by inode (its fds), or by Pid, the port id, which the kernel makes the
 * process id for a process's first netlink socket.
 */
function subscribed(proc: string, pid: number): boolean {
  const table = readText(`${proc}/${pid}/net/netlink`);
  if (table === undefined) return false;
  let inodes: Set<string> | undefined;
  for (const line of table.split("\n")) {
    const w = line.trim().split(/\s+/);
    if (w.length < 10 || w[1] !== "4" || /^0+$/.test(w[3] ?? "0")) continue;
    if (w[2] === String(pid)) return true;
    inodes ??= socketInodes(proc, pid);
    if (inodes.has(w[9] ?? "")) return true;
  }
  return false;
}

/** The inode of the first network namespace, init_net (the kernel's include/linux/proc_ns.h
 * PROC_NET_INIT_INO = 0xEFFFFFF9), as /proc/PID/ns/net shows it: `net:[4026531833]`. */
const INIT_NET = "net:[4026531833]";

/**
 * `namespace` when the collector (and so the traced program) runs in another network namespace than
 * process 1, else `system`. Reading /proc/1/ns/net needs ptrace access to process 1, which root
 * without CAP_SYS_PTRACE lacks (as in this project's sandbox); then the namespace is compared with
 * init_net's fixed inode instead, and when even /proc/self/ns/net is unreadable the answer is
 * `system`, the cautious label.
 */
function counterScope(proc: string): KernelSummary["scope"] {
  let self: string;
  try {
    self = readlinkSync(`${proc}/self/ns/net`);
  } catch {
    return "system";
  }
  let init = INIT_NET;
  try {
    init = readlinkSync(`${proc}/1/ns/net`);
  } catch {
    // Not ours to read: init_net's inode stands in for it.
  }
  return self !== init ? "namespace" : "system";
}

function readCounters(proc: string, notes: string[]): Map<string, number> | undefined {
  const snmp = readText(`${proc}/net/snmp`);
  const netstat = readText(`${proc}/net/netstat`);
  if (snmp === undefined && netstat === undefined) {
    notes.push(`cannot read ${proc}/net/snmp or ${proc}/net/netstat: no kernel counters`);
    return undefined;
  }
  return new Map([...parseProcNetCounters(snmp ?? ""), ...parseProcNetCounters(netstat ?? "")]);
}

/** Wildcard forms a watched listener may also appear as in /proc/net/tcp{,6}. */
function sameListener(watched: string, row: string): boolean {
  if (watched === row) return true;
  const port = (text: string) => text.slice(text.lastIndexOf(":") + 1);
  const wildcard = (text: string) => text.startsWith("0.0.0.0:") || text.startsWith("[::]:");
  return wildcard(watched) && wildcard(row) && port(watched) === port(row);
}

/** Which of /proc/net/tcp and tcp6 can hold these listeners (a wildcard may be either family's). */
function tablesFor(locals: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const local of locals) {
    out.add(local.startsWith("[") ? "tcp6" : "tcp");
    if (local.startsWith("0.0.0.0:") || local.startsWith("[::]:")) {
      out.add("tcp");
      out.add("tcp6");
    }
  }
  return out;
}

/**
 * The listener rows of /proc/net/tcp or tcp6, read only as far as needed. The kernel walks the
 * listening hash before the established one (net/ipv4/tcp_ipv4.c tcp_get_idx: listening_get_first,
 * then established_get_first), and a seq_file read makes only the rows the read asks room for
 * (fs/seq_file.c seq_read_iter), so small reads that stop at the first row that is not a listener,
 * or once every wanted listener was seen, spare the walk of the rest: a full read of both tables
 * cost ~2.7 ms of CPU here (262144 established-hash buckets), 20 times a second.
 */
function readListenerRows(path: string, wanted: readonly string[], littleEndian: boolean): ProcListener[] {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    return [];
  }
  const out: ProcListener[] = [];
  const buf = Buffer.alloc(1024);
  let text = "";
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      text += buf.toString("latin1", 0, n);
      const nl = text.lastIndexOf("\n");
      if (nl < 0) continue;
      const complete = text.slice(0, nl + 1);
      text = text.slice(nl + 1);
      let pastListeners = false;
      for (const line of complete.split("\n")) {
        const words = line.trim().split(/\s+/);
        if (!/^\d+:$/.test(words[0] ?? "")) continue;
        if (words[3] !== "0A") pastListeners = true;
      }
      out.push(...parseProcNetListeners(complete, littleEndian));
      if (pastListeners) break;
      if (wanted.every((w) => out.some((row) => row.local === w))) break;
    }
  } catch {
    // A read error: what was read stands.
  } finally {
    closeSync(fd);
  }
  return out;
}

function killQuietly(child: ChildProcess | undefined): void {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  try {
    child.kill("SIGKILL");
  } catch {
    // Already gone.
  }
}

export function startKernelCollector(options: KernelCollectorOptions = {}): KernelCollector {
  const proc = options.proc ?? "/proc";
  const sampleMs = options.sampleMs ?? 50;
  const littleEndian = endianness() === "LE";
  const notes: string[] = [];
  const listeners: Array<(rec: KernelSocketRecord) => void> = [];
  const watched = new Map<string, { peak: number; samples: number; backlog?: number }>();
  const children = new Set<ChildProcess>();
  let closed = false;
  /** Set once ss -E is being stopped on purpose (its exit is then no news). */
  let stopping = false;
  let sampler: NodeJS.Timeout | undefined;
  let follow: ChildProcess | undefined;
  let followEnded: Promise<void> = Promise.resolve();

  const scope = counterScope(proc);
  const before = readCounters(proc, notes);
  const ssPath = findOnPath(options.ss ?? "ss");
  if (ssPath === undefined)
    notes.push("ss (iproute2) not found: no per-connection tcp_info, no listener backlogs");

  /**
   * While finish() runs: the 4-tuples whose destroy event came since it started (`seen`), and those
   * it still waits for (`awaited`; `done` once there are none left).
   */
  let lingering: { seen: Set<string>; awaited: Set<string>; done: () => void } | undefined;
  const emit = (rec: KernelSocketRecord) => {
    if (lingering && rec.info.source === "destroyed") {
      const key = `${rec.local} ${rec.remote}`;
      lingering.seen.add(key);
      if (lingering.awaited.delete(key) && lingering.awaited.size === 0) lingering.done();
    }
    for (const l of listeners) {
      try {
        l(rec);
      } catch {
        // A listener's failure is not the collector's.
      }
    }
  };

  // A child must not outlive this process, even when nobody calls close().
  const onExit = () => {
    for (const c of children) killQuietly(c);
  };
  process.once("exit", onExit);

  const start = (): Promise<void> => {
    if (ssPath === undefined) return Promise.resolve();
    // ss 6.1 writes through stdio and does not flush after each -E event (misc/ss.c
    // generic_show_sock; later versions do), so into a pipe its events would come in 4 KiB blocks,
    // and the last ones would be lost when it is killed: stdbuf -oL makes its stdout line-buffered.
    const stdbuf = findOnPath("stdbuf");
    if (stdbuf === undefined)
      notes.push("stdbuf not found: ss -E events come in blocks and the last ones may be lost");
    const ssArgv = stdbuf ? [stdbuf, "-oL", ssPath, "-E", ...SS_ARGS] : [ssPath, "-E", ...SS_ARGS];
    // util-linux setpriv sets PR_SET_PDEATHSIG, kept across exec: if this process is killed
    // outright (SIGKILL, no exit handler), the kernel ends ss too.
    const setpriv = findOnPath("setpriv");
    const argv = setpriv ? [setpriv, "--pdeathsig", "TERM", "--", ...ssArgv] : ssArgv;
    let child: ChildProcess;
    try {
      child = spawn(argv[0] as string, argv.slice(1), { stdio: ["ignore", "pipe", "pipe"] });
    } catch (err) {
      notes.push(`cannot start ss -E: ${(err as Error).message}`);
      return Promise.resolve();
    }
    follow = child;
    children.add(child);
    // The child and its pipes never keep the event loop alive; close(), finish() or exit end it.
    child.unref();
    const parser = createSsParser("destroyed");
    let stderr = "";
    child.stdout?.setEncoding("utf8");
    child.stderr?.setEncoding("utf8");
    (child.stdout as unknown as { unref?: () => void } | null)?.unref?.();
    (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
    child.stdout?.on("data", (chunk: string) => {
      for (const rec of parser.push(chunk)) emit(rec);
    });
    child.stderr?.on("data", (chunk: string) => {
      if (stderr.length < 1000) stderr += chunk;
    });
    let exited = false;
    let spawnError: string | undefined;
    followEnded = new Promise<void>((resolve) => {
      child.stdout?.on("close", () => {
        for (const rec of parser.end()) emit(rec);
        resolve();
      });
      child.on("error", () => resolve());
    });
    child.on("error", (err) => {
      exited = true;
      spawnError = err.message;
    });
    child.on("exit", (code, signal) => {
      exited = true;
      children.delete(child);
      if (!stopping && signal === null) {
        const why = stderr.trim().split("\n")[0] || `exit status ${code}`;
        notes.push(`ss -E stopped early (${why}): sockets closed after that have no tcp_info`);
      }
    });
    return new Promise<void>((resolve) => {
      const until = Date.now() + READY_MS;
      const poll = () => {
        if (closed) return resolve();
        if (exited) {
          if (spawnError !== undefined) notes.push(`cannot start ss -E: ${spawnError}`);
          return resolve();
        }
        if (child.pid !== undefined && subscribed(proc, child.pid)) return resolve();
        if (Date.now() > until) {
          notes.push(
            "ss -E did not subscribe to socket destroy events within 2 s (kernel without sock_diag destroy events?): closed sockets may have no tcp_info",
          );
          return resolve();
        }
        setTimeout(poll, READY_POLL_MS);
      };
      poll();
    });
  };
  const ready = start();

  const sample = () => {
    if (watched.size === 0) return;
    const wanted = [...watched.keys()];
    const rows: ProcListener[] = [];
    for (const table of tablesFor(wanted))
      rows.push(...readListenerRows(`${proc}/net/${table}`, wanted, littleEndian));
    for (const [local, state] of watched) {
      let queued: number | undefined;
      for (const row of rows) if (sameListener(local, row.local)) queued = Math.max(queued ?? 0, row.queued);
      if (queued === undefined) continue;
      state.samples++;
      state.peak = Math.max(state.peak, queued);
    }
  };

  /** A listener's backlog: ss -ltn prints it as a listener's Send-Q (the kernel's
   * sk_max_ack_backlog, net/ipv4/tcp_diag.c tcp_diag_get_info → idiag_wqueue). */
  const backlogQueries = new Set<Promise<void>>();
  const queryBacklog = (local: string) => {
    if (ssPath === undefined) return;
    const query = new Promise<void>((resolve) => {
      try {
        const child = execFile(
          ssPath,
          ["-ltn", "-H"],
          { timeout: SNAPSHOT_MS, encoding: "utf8" },
          (err, stdout) => {
            children.delete(child);
            const state = watched.get(local);
            if (!err && state) {
              for (const rec of parseSs(stdout, "snapshot")) {
                if (sameListener(local, rec.local) && rec.info.sendQ !== undefined)
                  state.backlog = rec.info.sendQ;
              }
            }
            resolve();
          },
        );
        children.add(child);
        child.unref();
      } catch {
        resolve();
      }
    });
    backlogQueries.add(query);
    void query.then(() => backlogQueries.delete(query));
  };

  const stopSampler = () => {
    if (sampler) clearInterval(sampler);
    sampler = undefined;
  };

  const close = () => {
    if (closed) return;
    closed = true;
    stopping = true;
    stopSampler();
    for (const c of children) killQuietly(c);
    children.clear();
    process.removeListener("exit", onExit);
  };

  /** One `ss` snapshot of every TCP socket, or [] (with a note) when it cannot be had in time. */
  const snapshot = (): Promise<SsSocket[]> =>
    new Promise((resolve) => {
      if (ssPath === undefined) return resolve([]);
      const done = (err: Error | null, stdout: string) => {
        if (err)
          notes.push(`ss snapshot failed (${err.message.split("\n")[0]}): open connections have no tcp_info`);
        resolve(err ? [] : parseSs(stdout, "snapshot"));
      };
      try {
        const child = execFile(
          ssPath,
          [...SS_ARGS, "state", "all"],
          { timeout: SNAPSHOT_MS, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
          (err, stdout) => {
            children.delete(child);
            done(err, stdout);
          },
        );
        children.add(child);
      } catch (err) {
        done(err as Error, "");
      }
    });

  const finish = async (
    pending: ReadonlyArray<{ local: string; remote: string }>,
  ): Promise<{ sockets: KernelSocketRecord[]; summary: KernelSummary }> => {
    const listenersOut = (): ListenerQueue[] =>
      [...watched].map(([local, s]) => {
        if (s.backlog === undefined) notes.push(`backlog of listener ${local} unknown (not in ss -ltn)`);
        return { local, peak: s.peak, backlog: s.backlog ?? 0, samples: s.samples };
      });
    const sockets: KernelSocketRecord[] = [];
    const work = (async () => {
      await ready;
      sample();
      stopSampler();
      await Promise.all(backlogQueries);
      const wanted = new Set(pending.map((p) => `${p.local} ${p.remote}`));
      if (wanted.size > 0) {
        // Destroy events that come from here on, for what the snapshot finds already gone.
        let done = () => {};
        const allCame = new Promise<void>((resolve) => (done = resolve));
        const state = { seen: new Set<string>(), awaited: new Set<string>(), done };
        lingering = state;
        for (const rec of await snapshot()) {
          const key = `${rec.local} ${rec.remote}`;
          if (!wanted.has(key)) continue;
          sockets.push(rec);
          // TIME-WAIT has no tcp_info left to read, but the socket's destroy event carries the
          // final one: wait a little for those.
          if (rec.info.state === "TIME-WAIT" && !state.seen.has(key)) state.awaited.add(key);
        }
        if (state.awaited.size > 0 && follow?.exitCode === null && follow.signalCode === null)
          await within(allCame, LINGER_MS);
        lingering = undefined;
      }
      // Stop ss -E and read what it already wrote into the pipe.
      stopping = true;
      if (follow && follow.exitCode === null && follow.signalCode === null) {
        try {
          follow.kill("SIGTERM");
        } catch {
          // Gone.
        }
      }
      await within(followEnded, DRAIN_MS);
    })();
    await within(work, FINISH_MS);
    for (const rec of sockets) emit(rec);
    const after = readCounters(proc, []);
    const counters: CounterDelta[] = before && after ? counterDeltas(before, after, REPORTED_COUNTERS) : [];
    const listenersList = listenersOut();
    close();
    return { sockets, summary: { scope, counters, listeners: listenersList, notes: [...notes] } };
  };

  return {
    ready,
    onSocket(listener) {
      listeners.push(listener);
    },
    watchListener(local: string) {
      if (closed || watched.has(local)) return;
      watched.set(local, { peak: 0, samples: 0 });
      queryBacklog(local);
      sample();
      if (!sampler) {
        sampler = setInterval(sample, sampleMs);
        sampler.unref();
      }
    },
    finish,
    close,
  };
}
