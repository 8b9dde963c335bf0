// --inject: "what if this call failed?" in sockscope's words, turned into strace's fault injection
// (`-e inject=SET:error=ERRNO:when=EXPR`, `:delay_enter=US`, `:signal=SIG`). Pure: parsing,
// validation and the strace flags; the CLI reports a thrown InjectError as a usage error (exit 2).
//
// strace's semantics (strace/strace doc/strace.1.in "Tampering", src/filter_qualify.c,
// src/syscall.c tamper_with_syscall_entering, as in 6.1):
// - error=ERRNO: strace replaces the syscall number with -1 on entry, so the kernel runs no syscall
//   at all (it answers ENOSYS), and strace then writes -ERRNO as the result. Marked `(INJECTED)`.
// - delay_enter=US: strace keeps the thread stopped at syscall entry for that long, then lets the
//   call run for real. Marked `(DELAYED)`; strace -T counts the delay in the call's time.
// - signal=SIG: delivered on entering the call; the call itself is not marked.
// - when=F, F+, F+S, F..L, F..L+S (F..L needs strace 5.7): counted per syscall and per tracee, and a
//   tracee is a thread (each thread and each process has its own counters, from 1). Only calls
//   strace traces are counted, and injection happens only in calls it traces.
// - One rule per syscall: a later -e inject= for the same syscall replaces the earlier one.
import { constants as osConstants } from "node:os";
import { SYSCALLS } from "../core/syscalls.js";
import { ERRNO_NAMES } from "../grammar/errno-names.js";

export class InjectError extends Error {}

/** What one --inject asks for. */
export interface InjectSpec {
  /** As the user typed it. */
  readonly text: string;
  /** The name typed (`send`). */
  readonly name: string;
  /** The syscalls it stands for on x86_64 and aarch64 (`sendto`). */
  readonly syscalls: readonly string[];
  readonly error?: string;
  /** delay_enter, in microseconds. */
  readonly delayUs?: number;
  readonly signal?: string;
  /** strace's when= expression; absent: every call. */
  readonly when?: string;
}

/**
 * The names people use → the syscalls that run for them on x86_64 and aarch64. glibc's send() is
 * sendto(fd, buf, len, flags, NULL, 0) and recv() is recvfrom(…, NULL, NULL) where the kernel has
 * sendto/recvfrom and no send/recv syscall, which is the case on both (glibc
 * sysdeps/unix/sysv/linux/send.c, recv.c). accept() is the accept syscall, but most runtimes (libuv,
 * Go, Rust's std) call accept4, so `accept` covers both. Any other name is the syscall itself.
 */
export const ALIASES: Readonly<Record<string, readonly string[]>> = {
  accept: ["accept", "accept4"],
  send: ["sendto"],
  recv: ["recvfrom"],
};

/**
 * The syscalls --inject takes: the socket API (strace's %network, but the send and recv entries,
 * which are no syscall on x86_64 or aarch64: see ALIASES), the calls that move data or wait that
 * sockscope traces, and close.
 */
export const INJECTABLE: ReadonlySet<string> = new Set(
  SYSCALLS.filter(
    (s) =>
      (s.classes.includes("network") && !(s.name in ALIASES && s.name !== "accept")) ||
      ((s.classes.includes("data") || s.classes.includes("wait")) && s.strace === "all") ||
      s.name === "close",
  ).map((s) => s.name),
);

const ERRNOS: ReadonlySet<string> = new Set([...Object.values(ERRNO_NAMES), "EWOULDBLOCK", "EDEADLOCK"]);

const UNIT_US: Readonly<Record<string, number>> = { us: 1, ms: 1000, s: 1_000_000 };
/** strace keeps a delay as a timespec; an hour is more than any lesson needs and keeps it sane. */
const MAX_DELAY_US = 3600 * 1_000_000;

const SYNTAX = "NAME=ERRNO|delay:TIME|signal:SIG[,…][@N|@N+|@N+STEP|@N..M]";

function fail(text: string, why: string): never {
  throw new InjectError(`--inject '${text}': ${why}`);
}

function parseWhen(text: string, when: string): string {
  const m = /^([0-9]+)(?:\.\.([0-9]+))?(\+([0-9]*))?$/.exec(when);
  if (!m) fail(text, `'@${when}' is not a call number (@3, @3+, @2+2, @2..5)`);
  const first = Number(m[1]);
  if (first < 1 || first > 65535) fail(text, "the call number must be from 1 to 65535");
  if (m[2] !== undefined) {
    const last = Number(m[2]);
    if (last < first || last > 65534) fail(text, `the range must end between ${first} and 65534`);
  }
  if (m[4] !== undefined && m[4] !== "") {
    const step = Number(m[4]);
    if (step < 1 || step > 65535) fail(text, "the step must be from 1 to 65535");
  }
  return when;
}

/** A delay: a number with a unit, us, ms or s (`2s`, `500ms`, `1.5s`). */
export function parseDelay(text: string, delay: string): number {
  const m = /^([0-9]+(?:\.[0-9]+)?)(us|ms|s)$/.exec(delay);
  if (!m) fail(text, `'${delay}' is not a delay (a number and us, ms or s: 500ms, 2s)`);
  const us = Math.round(Number(m[1]) * (UNIT_US[m[2] as string] ?? 1));
  if (us < 1 || us > MAX_DELAY_US) fail(text, "the delay must be from 1us to 3600s");
  return us;
}

function signalName(text: string, sig: string): string {
  const name = sig.toUpperCase().startsWith("SIG") ? sig.toUpperCase() : `SIG${sig.toUpperCase()}`;
  if (!(name in osConstants.signals)) fail(text, `unknown signal '${sig}'`);
  return name;
}

/** Parses one --inject SPEC; throws InjectError with a one-line message. */
export function parseInjectSpec(text: string): InjectSpec {
  const eq = text.indexOf("=");
  if (eq <= 0) fail(text, `expected ${SYNTAX}, e.g. connect=ECONNREFUSED, send=EPIPE@3, accept=delay:2s`);
  const name = text.slice(0, eq).trim();
  let rest = text.slice(eq + 1).trim();
  const syscalls = ALIASES[name] ?? (INJECTABLE.has(name) ? [name] : undefined);
  if (syscalls === undefined)
    fail(
      text,
      `cannot inject into '${name}' (one of: ${[...new Set([...Object.keys(ALIASES), ...INJECTABLE])].sort().join(", ")})`,
    );
  let when: string | undefined;
  const at = rest.lastIndexOf("@");
  if (at >= 0) {
    when = parseWhen(text, rest.slice(at + 1));
    rest = rest.slice(0, at);
  }
  let error: string | undefined;
  let delayUs: number | undefined;
  let signal: string | undefined;
  const actions = rest.split(",").map((a) => a.trim());
  if (actions.length === 0 || actions.some((a) => a === "")) fail(text, `expected ${SYNTAX}`);
  for (const action of actions) {
    if (action.startsWith("delay:")) {
      if (delayUs !== undefined) fail(text, "one delay per --inject");
      delayUs = parseDelay(text, action.slice("delay:".length));
    } else if (action.startsWith("signal:")) {
      if (signal !== undefined) fail(text, "one signal per --inject");
      signal = signalName(text, action.slice("signal:".length));
    } else if (/^E[A-Z0-9]+$/.test(action)) {
      if (error !== undefined) fail(text, "one errno per --inject");
      if (!ERRNOS.has(action)) fail(text, `unknown errno '${action}'`);
      error = action;
    } else fail(text, `'${action}' is not an errno (ECONNREFUSED), delay:TIME or signal:SIG`);
  }
  return {
    text,
    name,
    syscalls,
    ...(error !== undefined ? { error } : {}),
    ...(delayUs !== undefined ? { delayUs } : {}),
    ...(signal !== undefined ? { signal } : {}),
    ...(when !== undefined ? { when } : {}),
  };
}

/** Two specs on one syscall: strace would keep only the last, so it is refused. */
export function checkOverlap(specs: readonly InjectSpec[]): void {
  const seen = new Map<string, InjectSpec>();
  for (const spec of specs)
    for (const call of spec.syscalls) {
      const before = seen.get(call);
      if (before !== undefined)
        throw new InjectError(
          `--inject '${before.text}' and '${spec.text}' both inject into ${call}: strace keeps one rule per syscall; combine them (${spec.name}=ERRNO,delay:TIME,signal:SIG)`,
        );
      seen.set(call, spec);
    }
}

/** strace's flags for the specs: one `-e inject=` each. */
export function injectArgs(specs: readonly InjectSpec[]): string[] {
  return specs.flatMap((s) => {
    const parts = [s.syscalls.join(",")];
    if (s.error !== undefined) parts.push(`error=${s.error}`);
    if (s.delayUs !== undefined) parts.push(`delay_enter=${s.delayUs}`);
    if (s.signal !== undefined) parts.push(`signal=${s.signal}`);
    if (s.when !== undefined) parts.push(`when=${s.when}`);
    return ["-e", `inject=${parts.join(":")}`];
  });
}

/**
 * Why this strace cannot do what the specs ask, or undefined. error= and signal= came in 4.15,
 * delay_enter= in 4.22 (one minimum for all: 4.22), when=F..L in 5.7.
 */
export function injectUnsupported(
  version: { major: number; minor: number; text: string },
  specs: readonly InjectSpec[],
): string | undefined {
  if (specs.length === 0) return undefined;
  const atLeast = (major: number, minor: number) =>
    version.major > major || (version.major === major && version.minor >= minor);
  if (!atLeast(4, 22))
    return `this strace (${version.text}) cannot inject faults the way --inject needs: use strace 4.22 or newer`;
  const range = specs.find((s) => s.when?.includes(".."));
  if (range !== undefined && !atLeast(5, 7))
    return `--inject '${range.text}': this strace (${version.text}) has no call ranges (@N..M needs strace 5.7 or newer); use @N or @N+`;
  return undefined;
}

/** What the specs inject into, for the trace set (strace injects only into calls it traces). */
export function injectedSyscalls(specs: readonly InjectSpec[]): string[] {
  return [...new Set(specs.flatMap((s) => s.syscalls))];
}
