// The kernel path of one call: the facts the annotator knows about it (family, protocol, result,
// blocking mode, the socket's state before it, the selector argument, the direction of its bytes),
// the first path of its set they meet, that path without the steps this call skipped (a NULL
// argument), and the path's texts and layers, each made once and shared.
import { type CallFacts, layersOfPath, stepTexts } from "../catalogue/kernel-paths.js";
import type { Path, PathSet } from "../catalogue/schema.js";
import type { Explain, SyscallEvent } from "../core/events.js";
import { nonblocking } from "../core/outcome.js";
import { familyOf, nameOf, parseSocketType, transportOf } from "../core/readers.js";
import { specOf } from "../core/syscalls.js";
export function resultOf(e: SyscallEvent): string {
  if (e.errno !== undefined) return e.errno;
  if (
    e.ret === 0 &&
    (e.dataDir ?? e.spec?.dir) === "in" &&
    e.spec?.bytes === "ret" &&
    e.socket?.transport !== "udp"
  )
    return "eof";
  return "ok";
}

export function factsOf(e: SyscallEvent, set: PathSet, result: string): CallFacts {
  // poll/select and epoll_ctl work on a socket without it being their fd: their facts come from it.
  const s = e.socket ?? e.waited;
  const facts: CallFacts = { result };
  const mode = nonblocking(e);
  if (mode !== undefined) facts.nonblocking = mode;
  if (s?.family !== undefined) facts.family = s.family;
  if (s !== undefined && (s.family !== undefined || s.transport !== "other")) facts.transport = s.transport;
  if (s === undefined && (e.name === "socket" || e.name === "socketpair")) {
    // A socket() that failed made no socket: what it asked for is in its arguments.
    const family = familyOf(e.args[0]);
    const transport = transportOf(family, parseSocketType(e.args[1]).type, nameOf(e.args[2]));
    if (family !== undefined) facts.family = family;
    if (family !== undefined || transport !== "other") facts.transport = transport;
  }
  if (e.stateBefore !== undefined) facts.state = e.stateBefore;
  if (e.lastReference !== undefined) facts.last = e.lastReference;
  if (set.selector !== undefined) {
    const arg = nameOf(e.args[set.selector]);
    if (arg !== undefined) facts.arg = arg;
  }
  const dir = e.dataDir ?? specOf(e.name)?.dir;
  if (dir !== undefined) facts.dir = dir;
  const remote = e.newSocket?.remote ?? s?.remote;
  if (s?.family === "AF_INET6" && remote !== undefined) facts.mapped = remote.text.startsWith("[::ffff:");
  return facts;
}

/** A path's copy without the steps this call skips (its argument for them is NULL), made once each. */
const FITTED = new WeakMap<Path, Map<string, Path>>();

export function fitSteps(path: Path, e: SyscallEvent): Path {
  if (!path.steps.some((s) => s.ifArg !== undefined)) return path;
  const skipped = path.steps.map((s) => s.ifArg !== undefined && e.args[s.ifArg]?.kind === "null");
  const key = skipped.map((x) => (x ? 1 : 0)).join("");
  if (!skipped.includes(true)) return path;
  let copies = FITTED.get(path);
  if (copies === undefined) {
    copies = new Map();
    FITTED.set(path, copies);
  }
  let copy = copies.get(key);
  if (copy === undefined) {
    copy = { ...path, steps: path.steps.filter((_, i) => !skipped[i]) };
    copies.set(key, copy);
  }
  return copy;
}

/** The kernel texts of a path, made once per path (read-only, shared by every explanation). */
const PATH_TEXTS = new WeakMap<Path, { kernel: readonly string[]; after: readonly string[] }>();

export function pathTexts(path: Path): { kernel: readonly string[]; after: readonly string[] } {
  let texts = PATH_TEXTS.get(path);
  if (texts === undefined) {
    const { kernel, after } = stepTexts(path);
    texts = { kernel: Object.freeze(kernel), after: Object.freeze(after) };
    PATH_TEXTS.set(path, texts);
  }
  return texts;
}

const LAYERS = new WeakMap<Path, Explain["layers"]>();

export function layersOf(path: Path): Explain["layers"] {
  let layers = LAYERS.get(path);
  if (layers === undefined) {
    layers = Object.freeze(layersOfPath(path));
    LAYERS.set(path, layers);
  }
  return layers;
}

const STEPS_READ_ARGUMENTS = new WeakMap<PathSet, boolean>();

/** Whether some path of the set drops a step for a NULL argument (accept's address). */
export function stepsReadArguments(set: PathSet): boolean {
  let reads = STEPS_READ_ARGUMENTS.get(set);
  if (reads === undefined) {
    reads = set.paths.some((p) => p.steps.some((s) => s.ifArg !== undefined));
    STEPS_READ_ARGUMENTS.set(set, reads);
  }
  return reads;
}
