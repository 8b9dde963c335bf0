// Fits the catalogue to an actual call: takes the one kernel path that is the story of this call
// (call-path.ts: its family, protocol, outcome, blocking mode and the socket's state before it), the cases
// that match it; fills their {placeholders} from the call and the socket model; adds what the
// errno means and what to try, the option's own text for setsockopt, and the numbers the kernel
// really uses (somaxconn, the doubled SO_RCVBUF: computed.ts), texts fitted to the arguments
// (arguments.ts). Pure: the machine's sysctls come in as `env`, and count as the traced machine's
// only when `envIsTraced` says so.
import { pathSet, selectPath } from "../catalogue/kernel-paths.js";
import { osNote } from "../catalogue/os/notes.js";
import { lookup } from "../catalogue/registry.js";
import type { Case, ErrnoEntry, OptionEntry, Os, PathSet, SyscallEntry } from "../catalogue/schema.js";
import { MSG_PEEK } from "../core/constants.js";
import type { Explain, SocketView, SyscallEvent } from "../core/events.js";
import { nonblocking } from "../core/outcome.js";
import { addressOf, hasFlag, optionName, optionText } from "../core/readers.js";
import { NETWORK_CALLS, specOf, WAIT_CALLS } from "../core/syscalls.js";
import type { Value } from "../core/values.js";
import { genericPathNote, mmsgSummary, optionSummary } from "./arguments.js";
import { factsOf, fitSteps, layersOf, pathTexts, resultOf, stepsReadArguments } from "./call-path.js";
import { computedNotes, type MachineFacts } from "./computed.js";

export type Depth = "none" | "brief" | "full";

export interface ExplainOptions {
  depth: Depth;
  os: Os;
  /** Values read from this machine's /proc/sys at run time (absent when unknown). */
  env: MachineFacts;
  /**
   * Whether `env` holds the traced machine's values: a live trace (run, attach), or values the log
   * itself records. Otherwise (reading a log) they are the reading machine's, and explanations say
   * the traced machine's value is unknown in this log instead of quoting them.
   */
  envIsTraced?: boolean;
}

/** Whether a call is explained at all: the socket API always; other calls when they work on a socket. */
function explained(e: SyscallEvent): boolean {
  if (NETWORK_CALLS.has(e.name)) return true;
  // Readiness waits: poll and select when a socket is among their fds; epoll always (the fds it
  // waits on are not in its arguments).
  if (WAIT_CALLS.has(e.name)) return e.spec?.fd !== undefined || e.waitsOnSocket === true;
  return e.socket !== undefined || e.newSocket !== undefined || e.waited !== undefined;
}

function matches(c: Case, e: SyscallEvent, result: string): boolean {
  const w = c.when;
  const transport = e.socket?.transport;
  if (w.transport && (transport === undefined || !(w.transport as string[]).includes(transport)))
    return false;
  if (w.family && (e.socket?.family === undefined || !w.family.includes(e.socket.family))) return false;
  if (w.nonblocking !== undefined && nonblocking(e) !== w.nonblocking) return false;
  if (w.state && (e.stateBefore === undefined || !w.state.includes(e.stateBefore))) return false;
  if (w.last !== undefined && e.lastReference !== w.last) return false;
  if (w.dir) {
    const dir = e.dataDir ?? e.spec?.dir;
    if (dir === undefined || !w.dir.includes(dir)) return false;
  }
  if (w.port0 !== undefined) {
    const at = specOf(e.name)?.addr;
    const port = at === undefined ? undefined : addressOf(e.args[at])?.port;
    if (port === undefined || (port === 0) !== w.port0) return false;
  }
  if (w.result) {
    const failed = e.errno !== undefined;
    const ok = w.result.some((r) => r === result || (r === "error" && failed));
    if (!ok) return false;
  }
  return true;
}

function num(v: Value | undefined): number | undefined {
  return v?.kind === "num" ? v.value : undefined;
}

/** The values placeholders may use, from the call, its socket and the machine. */
function placeholders(e: SyscallEvent, env: MachineFacts, traced: boolean): Record<string, string> {
  const p: Record<string, string> = {};
  if (e.fd !== undefined) p.fd = String(e.fd);
  const s = e.socket;
  // "(unnamed)" is strace's word for no name: a sentence built on it would say nothing true.
  if (s?.local && s.local.text !== "(unnamed)") p.local = s.local.text;
  if (s?.remote) p.remote = s.remote.text;
  if (e.newSocket?.remote) p.peer = e.newSocket.remote.text;
  if (s?.transport) p.transport = s.transport;
  if (s?.family) p.family = s.family;
  if (s?.state) p.state = s.state;
  if (e.errno) p.errno = e.errno;
  if (e.ret !== null && e.ret >= 0) p.bytes = String(e.ret);
  if (e.name === "listen") {
    const backlog = num(e.args[1]);
    if (backlog !== undefined) p.backlog = String(backlog);
  }
  // The reading machine's somaxconn is not the traced machine's: then the text that names it is left out.
  if (traced && env.somaxconn !== undefined) p.somaxconn = String(env.somaxconn);
  if (e.name === "setsockopt" || e.name === "getsockopt") {
    const option = optionName(e.args[1], e.args[2]);
    if (option) p.option = option;
    p.value = optionText(e.args[3]);
  }
  return p;
}

/** The facts a path is chosen by. */
/** A template split once into text and placeholder names: [text, key, text, key, …, text]. */
const TEMPLATES = new Map<string, string[]>();

function compile(text: string): string[] {
  let parts = TEMPLATES.get(text);
  if (parts === undefined) {
    parts = text.split(/\{(\w+)\}/);
    TEMPLATES.set(text, parts);
  }
  return parts;
}

/** Fills {placeholders}; null when one of them has no value for this call. */
function fill(text: string, values: Record<string, string>): string | null {
  const parts = compile(text);
  let out = parts[0] as string;
  for (let i = 1; i < parts.length; i += 2) {
    const v = values[parts[i] as string];
    if (v === undefined || v === "") return null;
    out += v + (parts[i + 1] as string);
  }
  return out;
}

function errnoNote(entry: ErrnoEntry): string {
  const fix = entry.fixes[0];
  return `${entry.name} (${entry.text}): ${entry.meaning}${fix ? ` Try: ${fix}` : ""}`;
}

/** The explanation of one call, built from its catalogue entry and the path of this call. */
function build(e: SyscallEvent, entry: SyscallEntry, set: PathSet, options: ExplainOptions): Explain {
  const result = resultOf(e);
  const facts = factsOf(e, set, result);
  const chosen = selectPath(set, facts);
  const path = fitSteps(chosen, e);
  const traced = options.envIsTraced === true;
  const values = placeholders(e, options.env, traced);
  const picked = entry.cases.filter((c) => matches(c, e, result));
  const firstFilled = (key: "summary") => {
    for (const c of picked) {
      const text = c[key];
      const filled = text === undefined ? null : fill(text, values);
      if (filled !== null) return filled;
    }
    return null;
  };
  const notes: string[] = [];
  for (const c of picked) {
    const note = c.note === undefined ? null : fill(c.note, values);
    if (note !== null) notes.push(note);
  }
  let summary = mmsgSummary(e) ?? firstFilled("summary") ?? entry.summary;
  if (e.name === "setsockopt" || e.name === "getsockopt") {
    const found = values.option ? lookup(values.option, "option") : undefined;
    const option = found?.kind === "option" ? found : undefined;
    const fitted =
      e.name === "setsockopt" && result === "ok" && values.option !== undefined
        ? optionSummary(e, values.option, option)
        : undefined;
    if (fitted !== undefined) summary = fitted;
    else if (option !== undefined) notes.push(`${option.name}: ${option.summary}`);
    if (option !== undefined && e.name === "setsockopt")
      notes.push(...optionNotes(option, e, result, values));
  }
  notes.push(...computedNotes(e, options.env, traced));
  const generic = genericPathNote(e, set, chosen, facts);
  if (generic !== undefined) notes.push(generic);
  if (e.errno !== undefined) {
    const errno = lookup(e.errno, "errno") as ErrnoEntry | undefined;
    if (errno) notes.push(errnoNote(errno));
  }
  const { kernel, after } = pathTexts(path);
  const explain: Explain = {
    summary,
    path: path.title,
    kernel: kernel as string[],
    wire: path.wire,
    notes,
  };
  if (after.length > 0) explain.after = after as string[];
  if (options.depth === "full") {
    explain.structures = path.structures;
    const mode = nonblocking(e);
    explain.blocking =
      path.blocking !== undefined && mode !== undefined
        ? path.blocking
        : mode === true
          ? entry.nonblocking
          : mode === undefined
            ? `Blocking mode unknown (the socket is from before this log starts). If blocking: ${(path.blocking ?? entry.blocking).replace(/\.$/, "")}. If non-blocking: ${entry.nonblocking}`
            : (path.blocking ?? entry.blocking);
    explain.layers = layersOf(path);
  }
  if (options.os !== "linux") explain.os = { name: options.os, text: osNote(options.os, entry.name) };
  return Object.freeze(explain);
}

/** The option entry's own cases that fit this setsockopt, their notes filled with its value. */
function optionNotes(
  option: OptionEntry,
  e: SyscallEvent,
  result: string,
  values: Record<string, string>,
): string[] {
  const out: string[] = [];
  for (const c of option.cases) {
    if (c.note === undefined || !matches(c, e, result)) continue;
    const note = fill(c.note, values);
    if (note !== null) out.push(note);
  }
  return out;
}

/**
 * Calls whose explanation reads their arguments (the backlog, the option and its value, the port
 * bind asked for, vlen, the address family and protocol of a refused socket(), the flags of a
 * receive for MSG_PEEK).
 */
const READS_ARGUMENTS = new Set([
  "listen",
  "setsockopt",
  "getsockopt",
  "bind",
  "socket",
  "sendmmsg",
  "recvmmsg",
]);

function readsArguments(e: SyscallEvent): boolean {
  if (READS_ARGUMENTS.has(e.name)) return true;
  // A receive's flags (the model has decoded them already, for MSG_PEEK and MSG_DONTWAIT).
  const at = e.spec?.dir === "in" ? e.spec.flags : undefined;
  return at !== undefined && e.ret !== null && e.ret > 0 && hasFlag(e.args[at], "MSG_PEEK", MSG_PEEK);
}
/** Explanations kept per socket view (and for calls on no socket): a trace repeats the same few. */
const MAX_CACHED = 256;

/**
 * The annotator for one pipeline: the explanation of each call, fitted to it. An explanation
 * depends only on the call's name, fd, result, its socket's view and the options, so calls that
 * agree on those share one (frozen) explanation object.
 */
export function createAnnotator(options: ExplainOptions): (e: SyscallEvent) => Explain | undefined {
  if (options.depth === "none") return () => undefined;
  const entries = new Map<string, { entry: SyscallEntry; set: PathSet } | null>();
  const bySocket = new WeakMap<SocketView, Recent>();
  const loose: Recent = { hits: [], rest: new Map() };
  return (e) => {
    if (!explained(e)) return undefined;
    let known = entries.get(e.name);
    if (known === undefined) {
      const entry = lookup(e.name, "syscall") as SyscallEntry | undefined;
      const set = pathSet(e.name);
      known = entry !== undefined && set !== undefined ? { entry, set } : null;
      entries.set(e.name, known);
    }
    if (known === null) return undefined;
    const { entry, set } = known;
    // Never cached: an injected result and the kernel's own may agree on every cache key.
    if (e.injected === true || e.delayed === true) return tampered(e, entry, set, options);
    if (readsArguments(e) || set.selector !== undefined || stepsReadArguments(set))
      return build(e, entry, set, options);
    let cache = loose;
    const view = e.socket ?? e.waited;
    if (view !== undefined) {
      const own = bySocket.get(view);
      if (own === undefined) {
        cache = { hits: [], rest: new Map() };
        bySocket.set(view, cache);
      } else cache = own;
    }
    // The last few explanations of this socket first: a loop alternates between two or three calls.
    for (const hit of cache.hits) if (sameCall(hit.e, e)) return hit.explain;
    const key = `${e.name}|${e.fd}|${e.errno}|${e.ret}|${e.newSocket?.remote?.text}|${e.dontwait === true}|${e.stateBefore}|${e.lastReference}`;
    let explain = cache.rest.get(key);
    if (explain === undefined) {
      explain = build(e, entry, set, options);
      if (cache.rest.size >= MAX_CACHED) cache.rest.clear();
      cache.rest.set(key, explain);
    }
    cache.hits.unshift({ e: callKey(e), explain });
    if (cache.hits.length > 4) cache.hits.pop();
    return explain;
  };
}

/** What an explanation depends on besides the socket view (see createAnnotator). */
interface CallKey {
  name: string;
  fd: number | undefined;
  errno: string | undefined;
  ret: number | null;
  peer: string | undefined;
  dontwait: boolean;
  before: string | undefined;
  last: boolean | undefined;
}

interface Recent {
  hits: Array<{ e: CallKey; explain: Explain }>;
  rest: Map<string, Explain>;
}

function callKey(e: SyscallEvent): CallKey {
  return {
    name: e.name,
    fd: e.fd,
    errno: e.errno,
    ret: e.ret,
    peer: e.newSocket?.remote?.text,
    dontwait: e.dontwait === true,
    before: e.stateBefore,
    last: e.lastReference,
  };
}

function sameCall(k: CallKey, e: SyscallEvent): boolean {
  return (
    k.name === e.name &&
    k.ret === e.ret &&
    k.fd === e.fd &&
    k.errno === e.errno &&
    k.dontwait === (e.dontwait === true) &&
    k.peer === e.newSocket?.remote?.text &&
    k.before === e.stateBefore &&
    k.last === e.lastReference
  );
}

/**
 * The result strace's fault injection left, without strace: what the kernel would most likely have
 * answered in this context. A non-blocking connect answers EINPROGRESS, a data call moves the bytes
 * it asked for, anything else succeeds. Only for telling the normal path, never shown as a fact.
 */
function untampered(e: SyscallEvent): SyscallEvent {
  // A spread copies own fields only: the decoded arguments are a getter of the stitched call.
  const { errno: _errno, errnoText: _text, injected: _injected, detail: _detail, ...fields } = e;
  const rest = { ...fields, args: e.args, spec: e.spec };
  if (e.name === "connect" && nonblocking(e) === true && e.socket?.transport === "tcp")
    return { ...rest, ret: -1, errno: "EINPROGRESS", errnoText: "Operation now in progress" };
  const count = e.spec?.count === undefined ? undefined : num(e.args[e.spec.count]);
  return { ...rest, ret: count !== undefined && count > 0 ? count : 0 };
}

/**
 * A call strace tampered with at sockscope's request (--inject). An injected result: strace set
 * the syscall number to -1 on entry (strace/strace src/syscall.c, tamper_with_syscall_entering:
 * arch_set_scno(tcp, -1)), so the kernel ran no part of this call's path and answered ENOSYS, which
 * strace replaced on exit with the result asked for (tamper_with_syscall_exiting, set_error). A
 * delayed call: strace held the thread at its entry (delay_tcb), then let it run; the result and
 * its path are the kernel's own.
 */
function tampered(e: SyscallEvent, entry: SyscallEntry, set: PathSet, options: ExplainOptions): Explain {
  if (e.injected !== true) {
    const real = build(e, entry, set, options);
    return Object.freeze({
      ...real,
      summary: `strace held this call at its entry for the delay sockscope asked for (--inject NAME=delay:TIME) before letting it run; its time includes that wait, and the rest is the kernel's own: ${real.summary}`,
    });
  }
  const result = e.errno !== undefined ? `-1 ${e.errno}` : e.ret !== null ? String(e.ret) : "its result";
  const normal = build(untampered(e), entry, set, { ...options, depth: "brief", os: "linux" });
  // What the program is told the errno means, as for a real one (the brief views show this note).
  const meaning =
    e.errno === undefined
      ? []
      : build(e, entry, set, { ...options, depth: "brief", os: "linux" }).notes.filter((n) =>
          n.startsWith(`${e.errno} `),
        );
  const explain: Explain = {
    summary:
      `Injected by strace at sockscope's request (--inject): strace turned this ${e.name}() into an invalid ` +
      `syscall at its entry, so the kernel never ran its path (it only answered ENOSYS), and strace replaced ` +
      `that with ${result}. Without the injection the kernel would most likely have gone on like this` +
      `${normal.path !== undefined ? ` (${normal.path})` : ""}: ${normal.summary}`,
    path: "injected by strace: the kernel did not run this call",
    kernel: [],
    wire: "nothing: the call never reached the socket layer",
    notes: [
      ...meaning,
      "What the program did with this result: see the injected-fault diagnostic that follows.",
    ],
  };
  if (options.depth === "full") {
    explain.structures = [];
    explain.blocking = "It did not block: the kernel returned at once from the invalid syscall.";
    explain.layers = [];
  }
  if (options.os !== "linux") explain.os = { name: options.os, text: osNote(options.os, entry.name) };
  return Object.freeze(explain);
}

/** The explanation of one call (a fresh annotator each time: for one-off use). */
export function annotate(e: SyscallEvent, options: ExplainOptions): Explain | undefined {
  return createAnnotator(options)(e);
}
