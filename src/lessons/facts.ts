// Small helpers for lessons' facts: finding the calls a lesson is about in a trace's events, by
// their typed fields (name, result, errno, the model's socket), never by the text strace printed.
import type { SyscallEvent, TraceEvent } from "../core/events.js";
import { RECV_CALLS, SEND_CALLS } from "../core/syscalls.js";
import type { LessonFact } from "./lesson.js";

export type Call = SyscallEvent;

/** The syscalls of a trace that returned (not the halves of an unfinished one). */
export function calls(events: readonly TraceEvent[]): Call[] {
  return events.filter((e): e is Call => e.type === "syscall" && e.incomplete === undefined);
}

/** The first call matching, after `after` (a seq) when given. */
export function first(
  list: readonly Call[],
  match: (c: Call) => boolean,
  after?: Call | undefined,
): Call | undefined {
  return list.find((c) => (after === undefined || c.seq > after.seq) && match(c));
}

export const ACCEPTS = new Set(["accept", "accept4"]);
/** The calls that move bytes in, and out (the syscall table's data directions). */
export const READS: ReadonlySet<string> = RECV_CALLS;
export const WRITES: ReadonlySet<string> = SEND_CALLS;

export const named =
  (names: ReadonlySet<string> | string, transport?: string) =>
  (c: Call): boolean =>
    (typeof names === "string" ? c.name === names : names.has(c.name)) &&
    (transport === undefined || c.socket?.transport === transport || c.newSocket?.transport === transport);

/** A fact seen at `call`, or not seen (with what was looked for). */
export function fact(call: Call | undefined, seen: (c: Call) => string, missing: string): LessonFact {
  return call === undefined
    ? { text: missing, seen: false }
    : { text: seen(call), seen: true, seq: call.seq };
}

/** The port of a socket's local address (under --stable, an ephemeral port's stable name), when known. */
export const localPort = (c: Call | undefined): number | string | undefined => {
  const local = (c?.newSocket ?? c?.socket)?.local;
  return local?.port ?? local?.ephemeral;
};
export const remoteText = (c: Call | undefined): string | undefined =>
  (c?.newSocket ?? c?.socket)?.remote?.text;
