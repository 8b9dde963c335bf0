// Joins strace's split calls: `read(3,  <unfinished ...>` and later `<... read resumed>"x", 10) = 1`
// from the same pid become one call with start and end times. A call that never returns (the
// process died, strace detached, the trace ended) is still emitted, with `ret: null` and the reason
// in `incomplete`. Turns the -r relative clock into a running time. And puts the lines of a new
// process after the fork that made it (births.ts), so that what follows never depends on how
// strace happened to interleave a parent and its child.

import { assertNever } from "../core/assert-never.js";
import type { ExitEvent, Incomplete, NoteEvent, SignalEvent, Stitched } from "../core/events.js";
import type { ResumedLine, TraceLine } from "../core/lines.js";
import { FORK_CALLS } from "../core/syscalls.js";
import type { Return } from "../core/values.js";
import { withoutArgNames } from "../grammar/args.js";
import { createBirths } from "./births.js";
import { Call } from "./call.js";
import { createPidResolver } from "./pids.js";

/** A call strace split, waiting for its second half. */
interface Pending {
  pid: number;
  lineNo: number;
  name: string;
  argsText: string;
  at?: number;
}

export interface Stitcher {
  push(line: TraceLine, out: Stitched[]): void;
  /** Emits what is held back, then the calls still waiting for their second half, as never returned. */
  flush(out: Stitched[]): void;
}

export interface StitcherOptions {
  /** At most this many calls waiting for `resumed` at once (one per live thread); oldest emitted first. */
  maxPending?: number;
  /** At most this many events held back waiting for their process's birth (see births.ts). */
  maxHeld?: number;
}

const HALF_DAY = 43_200;

export function createStitcher(options: StitcherOptions = {}): Stitcher {
  const maxPending = options.maxPending ?? 65_536;
  const pending = new Map<number, Pending>();
  const pids = createPidResolver();
  const births = createBirths(options.maxHeld ?? 16_384);
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
    argsText: string,
    ret: Return | null,
    at: number | undefined,
  ): Call => {
    // strace -N's `name=` before each argument is cut here, after the halves of a split call are
    // joined, so that everything downstream reads the same text as without -N.
    const call = new Call(pid, lineNo, name, withoutArgNames(name, argsText), ret);
    if (at !== undefined) call.time = at;
    return call;
  };

  /** A fork-like call returned a pid: a process is born. */
  const emitCall = (call: Call, out: Stitched[]) => {
    births.emit(call, out);
    if (FORK_CALLS.has(call.name) && call.ret !== null && call.ret > 0 && Number.isSafeInteger(call.ret)) {
      pids.born(call.ret);
      births.born(call.ret, out);
    }
  };

  const abandon = (p: Pending, why: Incomplete, out: Stitched[]) => {
    pending.delete(p.pid);
    const call = makeCall(p.pid, p.lineNo, p.name, p.argsText, null, p.at);
    call.incomplete = why;
    births.emit(call, out);
    if (FORK_CALLS.has(p.name)) {
      births.forkEnded();
      births.settle(out);
    }
  };

  const resume = (line: ResumedLine, pid: number, at: number | undefined, out: Stitched[]) => {
    let p = pending.get(pid);
    if (p && p.name !== line.name) {
      abandon(p, "lost", out);
      p = undefined;
    }
    let call: Call;
    const fork = p !== undefined && FORK_CALLS.has(p.name);
    if (p) {
      pending.delete(pid);
      if (fork) births.forkEnded();
      call = makeCall(pid, p.lineNo, line.name, p.argsText + line.argsText, line.ret, p.at);
      if (at !== undefined) call.end = at;
    } else {
      call = makeCall(pid, line.lineNo, line.name, line.argsText, line.ret, at);
      call.partial = true;
    }
    if (line.duration !== undefined) call.duration = line.duration;
    if (line.ret === null) call.incomplete = "exit";
    emitCall(call, out);
    if (fork) births.settle(out);
  };

  const wait = (pid: number, lineNo: number, name: string, argsText: string, at: number | undefined) => {
    const p: Pending = { pid, lineNo, name, argsText };
    if (at !== undefined) p.at = at;
    pending.set(pid, p);
    if (FORK_CALLS.has(name)) births.forkStarted();
  };

  const push = (line: TraceLine, out: Stitched[]): void => {
    if (line.kind === "unparsed") {
      out.push({ type: "unparsed", seq: 0, lineNo: line.lineNo, raw: line.raw, reason: line.reason });
      return;
    }
    const at = timeOf(line);
    if (line.kind === "note") {
      if (line.note === "attached" && line.subject !== undefined) {
        pids.attached(line.subject, line.pid);
        births.known(line.subject, out);
      }
      // `strace: Process N detached` while N was inside a call: that call never returns in this trace.
      const cut =
        line.note === "detached" && line.subject !== undefined ? pending.get(line.subject) : undefined;
      if (cut) abandon(cut, "detached", out);
      const note: NoteEvent = {
        type: "note",
        seq: 0,
        lineNo: line.lineNo,
        note: line.note,
        text: line.text,
        ...(line.pid !== null ? { pid: line.pid } : {}),
        ...(line.subject !== undefined ? { subject: line.subject } : {}),
        ...(at !== undefined ? { time: at } : {}),
      };
      births.emit(note, out);
      return;
    }
    const pid = pids.resolve(line.pid);
    if (pids.learned !== undefined) {
      // Lines so far without a pid were this process's: say so, and move its call in flight.
      const early = pending.get(0);
      if (early) {
        pending.delete(0);
        pending.set(pid, { ...early, pid });
      }
      births.alias(0, pid, out);
      out.push({
        type: "note",
        seq: 0,
        lineNo: line.lineNo,
        note: "stitch",
        subject: pid,
        text: `events with pid 0 so far belong to pid ${pid} (strace printed no pid for them)`,
      });
    }
    births.saw(pid);
    switch (line.kind) {
      case "syscall": {
        const stale = pending.get(pid);
        if (stale) abandon(stale, "lost", out);
        const call = makeCall(pid, line.lineNo, line.name, line.argsText, line.ret, at);
        if (line.duration !== undefined) call.duration = line.duration;
        emitCall(call, out);
        return;
      }
      case "unfinished": {
        const stale = pending.get(pid);
        if (stale) abandon(stale, "lost", out);
        if (pending.size >= maxPending) {
          const oldest = pending.values().next().value;
          if (oldest) abandon(oldest, "lost", out);
        }
        wait(pid, line.lineNo, line.name, line.argsText, at);
        return;
      }
      case "resumed":
        resume(line, pid, at, out);
        return;
      case "detached": {
        const stale = pending.get(pid);
        if (stale) abandon(stale, "lost", out);
        const call = makeCall(pid, line.lineNo, line.name, line.argsText, null, at);
        call.incomplete = "detached";
        births.emit(call, out);
        return;
      }
      case "signal": {
        const event: SignalEvent = {
          type: "signal",
          seq: 0,
          lineNo: line.lineNo,
          pid,
          signal: line.signal,
          ...(at !== undefined ? { time: at } : {}),
          ...(line.info ? { info: line.info } : {}),
          ...(line.stopped ? { stopped: true } : {}),
        };
        births.emit(event, out);
        return;
      }
      case "exit": {
        const stale = pending.get(pid);
        if (stale) abandon(stale, "exit", out);
        if (line.supersededBy === undefined) pids.exited(pid);
        else pids.exited(line.supersededBy);
        // A thread's execve replaced the thread group leader: the call resumes under the leader's pid.
        const execing = line.supersededBy === undefined ? undefined : pending.get(line.supersededBy);
        if (execing) {
          pending.delete(execing.pid);
          pending.set(pid, { ...execing, pid });
        }
        const event: ExitEvent = {
          type: "exit",
          seq: 0,
          lineNo: line.lineNo,
          pid,
          ...(at !== undefined ? { time: at } : {}),
          ...(line.code !== undefined ? { code: line.code } : {}),
          ...(line.signal !== undefined ? { signal: line.signal } : {}),
          ...(line.coreDumped ? { coreDumped: true } : {}),
          ...(line.supersededBy !== undefined ? { supersededBy: line.supersededBy } : {}),
        };
        births.emit(event, out);
        if (line.supersededBy === undefined) births.exited(pid);
        return;
      }
      default:
        assertNever(line, "trace line");
    }
  };

  return {
    push,
    flush(out) {
      births.releaseAll(out);
      const rest = [...pending.values()].sort((a, b) => a.lineNo - b.lineNo);
      for (const p of rest) abandon(p, "end-of-trace", out);
      births.releaseAll(out);
    },
  };
}
