// Joins strace's split calls: `read(3,  <unfinished ...>` and later `<... read resumed>"x", 10) = 1`
// from the same pid become one syscall event with start and end times. A call that never returns
// (the process died, strace detached, the trace ended) is still emitted, with `ret: null` and the
// reason in `incomplete`. Also turns the -r relative clock into a running time, and assigns `seq`.

import type { StreamEvent, SyscallEvent } from "../events/schema.js";
import { FORK_SYSCALLS } from "../events/syscalls.js";
import { SCHEMA_VERSION } from "../events/version.js";
import { parseArgText } from "../parse/args.js";
import type { Return, TraceLine, Value } from "../parse/schema.js";
import { createPidResolver } from "./pids.js";
import { addTouched } from "./touch.js";

/** A call strace split, waiting for its second half. */
interface Pending {
  pid: number;
  lineNo: number;
  name: string;
  argsText: string;
  at?: number;
}

export interface Stitcher {
  push(line: TraceLine): StreamEvent[];
  /** Emits the calls still waiting for their second half, as never returned. */
  flush(): StreamEvent[];
}

export interface StitcherOptions {
  /** At most this many calls waiting for `resumed` at once (one per live thread); oldest emitted first. */
  maxPending?: number;
}

const HALF_DAY = 43_200;

export function createStitcher(options: StitcherOptions = {}): Stitcher {
  const maxPending = options.maxPending ?? 65_536;
  const pending = new Map<number, Pending>();
  let seq = 0;
  const pids = createPidResolver();
  let clock: number | undefined;
  let lastAbs: number | undefined;
  let dayOffset = 0;

  /** The line's time in seconds: absolute as printed (wrapping past midnight), or the -r running sum. */
  const timeOf = (line: { time?: number; rel?: number }): number | undefined => {
    if (line.time !== undefined) {
      if (lastAbs !== undefined && line.time < 100_000 && lastAbs - line.time > HALF_DAY) dayOffset += 86_400;
      lastAbs = line.time;
      clock = line.time + dayOffset;
      return clock;
    }
    if (line.rel !== undefined) {
      clock = (clock ?? 0) + line.rel;
      return clock;
    }
    return undefined;
  };

  const makeCall = (
    pid: number,
    lineNo: number,
    name: string,
    args: Value[],
    ret: Return | null,
    at: number | undefined,
  ): SyscallEvent => {
    const event: SyscallEvent = {
      v: SCHEMA_VERSION,
      type: "syscall",
      seq: ++seq,
      lineNo,
      pid,
      name,
      args,
      ret: ret?.value ?? null,
    };
    if (at !== undefined) event.time = at;
    if (ret) {
      if (ret.text !== String(ret.value)) event.retText = ret.text;
      if (ret.errno !== undefined) event.errno = ret.errno;
      if (ret.errnoText !== undefined) event.errnoText = ret.errnoText;
      if (ret.detail !== undefined) event.detail = ret.detail;
      if (ret.injected) event.injected = true;
    }
    addTouched(event, args, ret);
    return event;
  };

  const noteBirth = (event: SyscallEvent) => {
    if (
      FORK_SYSCALLS.has(event.name) &&
      event.ret !== null &&
      event.ret > 0 &&
      Number.isSafeInteger(event.ret)
    ) {
      pids.born(event.ret);
    }
  };

  /** The arguments of a stitched call: a trailing comma (the split fell after it) is dropped. */
  const argsOf = (text: string): Value[] => {
    let end = text.length;
    while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--;
    if (end === 0) return [];
    const args = text.charCodeAt(end - 1) === 44 /* , */ ? text.slice(0, end - 1) : text;
    return parseArgText(args) ?? [{ kind: "raw", text }];
  };

  const abandon = (p: Pending, why: NonNullable<SyscallEvent["incomplete"]>): SyscallEvent => {
    pending.delete(p.pid);
    const event = makeCall(p.pid, p.lineNo, p.name, argsOf(p.argsText), null, p.at);
    event.incomplete = why;
    return event;
  };

  const resume = (
    line: Extract<TraceLine, { kind: "resumed" }>,
    pid: number,
    at: number | undefined,
    out: StreamEvent[],
  ) => {
    let p = pending.get(pid);
    if (p && p.name !== line.name) {
      out.push(abandon(p, "lost"));
      p = undefined;
    }
    let event: SyscallEvent;
    if (p) {
      pending.delete(pid);
      const args = argsOf(p.argsText + line.argsText);
      event = makeCall(pid, p.lineNo, line.name, args, line.ret, p.at);
      if (at !== undefined) event.end = at;
    } else {
      event = makeCall(pid, line.lineNo, line.name, argsOf(line.argsText), line.ret, at);
      event.partial = true;
    }
    if (line.duration !== undefined) event.duration = line.duration;
    if (line.ret === null) event.incomplete = "exit";
    noteBirth(event);
    out.push(event);
  };

  const push = (line: TraceLine): StreamEvent[] => {
    if (line.kind === "unparsed") {
      return [
        {
          v: SCHEMA_VERSION,
          type: "unparsed",
          seq: ++seq,
          lineNo: line.lineNo,
          raw: line.raw,
          reason: line.reason,
        },
      ];
    }
    const at = timeOf(line);
    if (line.kind === "note") {
      if (line.note === "attached" && line.subject !== undefined) pids.attached(line.subject, line.pid);
      const out: StreamEvent[] = [];
      // `strace: Process N detached` while N was inside a call: that call never returns in this trace.
      const cut =
        line.note === "detached" && line.subject !== undefined ? pending.get(line.subject) : undefined;
      if (cut) out.push(abandon(cut, "detached"));
      const note: StreamEvent = {
        v: SCHEMA_VERSION,
        type: "note",
        seq: ++seq,
        lineNo: line.lineNo,
        note: line.note,
        text: line.text,
      };
      if (line.pid !== null) note.pid = line.pid;
      if (line.subject !== undefined) note.subject = line.subject;
      if (at !== undefined) note.time = at;
      out.push(note);
      return out;
    }
    const out: StreamEvent[] = [];
    const pid = pids.resolve(line.pid);
    if (pids.learned !== undefined) {
      // Lines so far without a pid were this process's: say so, and move its call in flight.
      const early = pending.get(0);
      if (early) {
        pending.delete(0);
        pending.set(pid, { ...early, pid });
      }
      out.push({
        v: SCHEMA_VERSION,
        type: "note",
        seq: ++seq,
        lineNo: line.lineNo,
        note: "stitch",
        subject: pid,
        text: `events with pid 0 so far belong to pid ${pid} (strace printed no pid for them)`,
      });
    }
    switch (line.kind) {
      case "syscall": {
        const stale = pending.get(pid);
        if (stale) out.push(abandon(stale, "lost"));
        const event = makeCall(pid, line.lineNo, line.name, line.args, line.ret, at);
        if (line.duration !== undefined) event.duration = line.duration;
        noteBirth(event);
        out.push(event);
        return out;
      }
      case "unfinished": {
        const stale = pending.get(pid);
        if (stale) out.push(abandon(stale, "lost"));
        if (pending.size >= maxPending) {
          const oldest = pending.values().next().value;
          if (oldest) out.push(abandon(oldest, "lost"));
        }
        const p: Pending = { pid, lineNo: line.lineNo, name: line.name, argsText: line.argsText };
        if (at !== undefined) p.at = at;
        pending.set(pid, p);
        return out;
      }
      case "resumed":
        resume(line, pid, at, out);
        return out;
      case "detached": {
        const stale = pending.get(pid);
        if (stale) out.push(abandon(stale, "lost"));
        const event = makeCall(pid, line.lineNo, line.name, argsOf(line.argsText), null, at);
        event.incomplete = "detached";
        out.push(event);
        return out;
      }
      case "signal": {
        const event: StreamEvent = {
          v: SCHEMA_VERSION,
          type: "signal",
          seq: ++seq,
          lineNo: line.lineNo,
          pid,
          signal: line.signal,
        };
        if (at !== undefined) event.time = at;
        if (line.info) event.info = line.info;
        if (line.stopped) event.stopped = true;
        out.push(event);
        return out;
      }
      case "exit": {
        const stale = pending.get(pid);
        if (stale) out.push(abandon(stale, "exit"));
        if (line.supersededBy === undefined) pids.exited(pid);
        else pids.exited(line.supersededBy);
        // A thread's execve replaced the thread group leader: the call resumes under the leader's pid.
        const execing = line.supersededBy === undefined ? undefined : pending.get(line.supersededBy);
        if (execing) {
          pending.delete(execing.pid);
          pending.set(pid, { ...execing, pid });
        }
        const event: StreamEvent = { v: SCHEMA_VERSION, type: "exit", seq: ++seq, lineNo: line.lineNo, pid };
        if (at !== undefined) event.time = at;
        if (line.code !== undefined) event.code = line.code;
        if (line.signal !== undefined) event.signal = line.signal;
        if (line.coreDumped) event.coreDumped = true;
        if (line.supersededBy !== undefined) event.supersededBy = line.supersededBy;
        out.push(event);
        return out;
      }
      default:
        return assertNever(line);
    }
  };

  return {
    push,
    flush() {
      const rest = [...pending.values()].sort((a, b) => a.lineNo - b.lineNo);
      return rest.map((p) => abandon(p, "end-of-trace"));
    },
  };
}

/** What `\s` matches (and `trim()` removes): JavaScript's white space and line terminators. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function assertNever(x: never): never {
  throw new Error(`unexpected trace line kind: ${JSON.stringify(x)}`);
}
