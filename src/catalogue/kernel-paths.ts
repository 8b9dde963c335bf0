// A syscall's kernel paths, and the one that tells the story of a given call: the first, in the
// order the path set lists them, whose `when` the call's facts all meet. A fact the trace does not
// give meets no condition on it, so such a call lands on a less specific path, at worst the last
// one, which tells only what every socket's call does.
import type { SocketState, Transport } from "../core/vocabulary.js";
import { LAYER_NAMES, LAYERS, layerOfFile } from "./layers.js";
import { PATH_SETS } from "./paths/index.js";
import type { Path, PathSet, PathWhen, Step } from "./schema.js";

/** What the annotator knows about a call, for picking its path. */
export interface CallFacts {
  family?: string;
  transport?: Transport;
  /** "ok", "eof", or the errno name. */
  result: string;
  nonblocking?: boolean;
  /** The socket's state before the call. */
  state?: SocketState;
  /** The symbolic value of the path set's selector argument. */
  arg?: string;
  /** close: whether the fd was the socket's last reference. */
  last?: boolean;
  /** The peer address is IPv4-mapped IPv6. */
  mapped?: boolean;
  /** Which way the call's bytes go through the socket. */
  dir?: "in" | "out";
}

const BY_NAME = new Map<string, PathSet>();
for (const set of PATH_SETS) {
  BY_NAME.set(set.syscall, set as PathSet);
  for (const name of set.alsoFor ?? []) BY_NAME.set(name, set as PathSet);
}

export function pathSet(syscall: string): PathSet | undefined {
  return BY_NAME.get(syscall);
}

export function pathSets(): readonly PathSet[] {
  return PATH_SETS as readonly PathSet[];
}

function meets<T>(wanted: readonly T[] | undefined, fact: T | undefined): boolean {
  return wanted === undefined || (fact !== undefined && wanted.includes(fact));
}

export function pathMatches(when: PathWhen, facts: CallFacts): boolean {
  if (!meets(when.family, facts.family)) return false;
  if (!meets(when.transport, facts.transport)) return false;
  if (when.result !== undefined) {
    const failed = facts.result !== "ok" && facts.result !== "eof";
    if (!when.result.includes(facts.result) && !(failed && when.result.includes("error"))) return false;
  }
  if (when.nonblocking !== undefined && facts.nonblocking !== when.nonblocking) return false;
  if (!meets(when.state, facts.state)) return false;
  if (!meets(when.arg, facts.arg)) return false;
  if (when.last !== undefined && facts.last !== when.last) return false;
  if (when.mapped !== undefined && (facts.mapped ?? false) !== when.mapped) return false;
  if (!meets(when.dir, facts.dir)) return false;
  return true;
}

/** The path of this call: the first that matches (the last path matches every call). */
export function selectPath(set: PathSet, facts: CallFacts): Path {
  for (const path of set.paths) if (pathMatches(path.when, facts)) return path;
  return set.paths[set.paths.length - 1] as Path;
}

/** Whether a step runs in the call itself (not later, nor at the other end). */
export function inCall(step: Step): boolean {
  return step.at === undefined || step.at === "call";
}

export interface PathLayer {
  layer: string;
  /** The functions of this layer the call itself runs. */
  functions: string[];
  reached: boolean;
}

/**
 * The layered picture of a path, derived from its steps: a layer is reached when the call itself
 * runs a function in it or in a deeper one, so no layer lists a function and says "not reached".
 */
export function layersOfPath(path: Path): PathLayer[] {
  const own = path.steps.filter(inCall);
  const deepest = own.reduce((d, s) => Math.max(d, LAYERS.indexOf(layerOfFile(s.file))), 0);
  return LAYERS.map((layer, i) => ({
    layer: LAYER_NAMES[layer],
    functions: own.filter((s) => layerOfFile(s.file) === layer).map((s) => s.fn),
    reached: i <= deepest,
  }));
}

const WHERE_TEXT: Record<Exclude<Step["at"], "call" | undefined>, string> = {
  softirq: "later, in softirq",
  arrival:
    "when the answer is processed: in softirq, or inside this call (from the socket's backlog) if it arrived while the call held the socket lock",
  timer: "later, when a timer fires",
  peer: "at the other end",
};

/** "fn (file)", with the kernel it is limited to and the case it runs in: "fn (file; 6.12 only), only if …". */
export function stepText(s: Step): string {
  const kernels = s.kernels === undefined ? "" : `; ${s.kernels} only`;
  return `${s.fn} (${s.file}${kernels})${s.only === undefined ? "" : `, only if ${s.only}`}`;
}

/** The steps the call runs, and "…: where" for the others. */
export function stepTexts(path: Path): { kernel: string[]; after: string[] } {
  const kernel: string[] = [];
  const after: string[] = [];
  for (const s of path.steps) {
    if (inCall(s)) kernel.push(stepText(s));
    else after.push(`${stepText(s)}: ${WHERE_TEXT[s.at as keyof typeof WHERE_TEXT]}`);
  }
  return { kernel, after };
}
