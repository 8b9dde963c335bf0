// Reads the live trace out of strace's FIFO on a worker thread.
//
// strace writes one line per write(2), and the FIFO holds 64 KiB: when it is full, strace waits,
// and so does the traced program. Read on the main thread, the FIFO is only drained between two
// batches of parsing and rendering, so a busy trace fills it; a reader blocked in read(2) on an
// empty FIFO, on the other hand, is woken for every line, which costs strace as much again. (On the
// benchmark's 20 000-round-trip ping-pong, pinned: strace with sockscope's flags took 1.95 s into
// /dev/null and 2.5 s into a FIFO read either way; all of sockscope takes 2.1 s with this reader.)
// The worker does nothing but read: after a short read it pauses for PACE_MS while strace fills the
// FIFO without waking anyone, a busy trace is read back to back, and the bytes go to the main
// thread (transferred, not copied) up to READ_AHEAD bytes ahead of it.
import { close, closeSync, constants, open, openSync, writeSync } from "node:fs";
import { Worker } from "node:worker_threads";

/** Bytes read and handed over but not yet taken by the consumer, at most (then the worker waits). */
const READ_AHEAD = 16 * 1024 * 1024;
const READ_SIZE = 256 * 1024;
/** A read shorter than this means the writer is not busy: pause before the next one. */
const SMALL_READ = 16 * 1024;
const PACE_MS = 1;

// Shared state, as Int32Array slots.
const OUTSTANDING = 0; // bytes handed over, not yet consumed
const STOP = 1; // the consumer went away
const SLEEP = 2; // a slot that never changes, to sleep on
const FD = 3; // the FIFO's fd + 1, once the main thread has it open (0 until then)

// The worker is a script of its own (CommonJS, as an eval worker runs), so that it needs no file
// next to the bundle. It only reads, and posts Uint8Array chunks, then {end} or {error}. The main
// thread opens the FIFO (fds belong to the process; opening it there starts at once, and strace
// failing before it opens its end can unblock it) and closes it when the worker is gone.
const WORKER_SOURCE = `
const { workerData, parentPort } = require("node:worker_threads");
const { readSync } = require("node:fs");
const { state, limit, readSize, smallRead, paceMs } = workerData;
const slots = new Int32Array(state);
try {
  while (Atomics.load(slots, ${FD}) === 0) Atomics.wait(slots, ${FD}, 0);
  const fd = Atomics.load(slots, ${FD}) - 1;
  const buffer = Buffer.allocUnsafe(readSize);
  for (;;) {
    for (let held = Atomics.load(slots, ${OUTSTANDING}); held >= limit; held = Atomics.load(slots, ${OUTSTANDING})) {
      if (Atomics.load(slots, ${STOP}) !== 0) break;
      Atomics.wait(slots, ${OUTSTANDING}, held, 100);
    }
    if (Atomics.load(slots, ${STOP}) !== 0) break;
    const n = readSync(fd, buffer, 0, buffer.length, null);
    if (n === 0) break;
    const chunk = new Uint8Array(n);
    chunk.set(buffer.subarray(0, n));
    Atomics.add(slots, ${OUTSTANDING}, n);
    parentPort.postMessage(chunk, [chunk.buffer]);
    if (n < smallRead) Atomics.wait(slots, ${SLEEP}, 0, paceMs);
  }
  parentPort.postMessage({ end: true });
} catch (err) {
  parentPort.postMessage({ error: err && err.message ? err.message : String(err) });
}
`;

type Message = Uint8Array | { end: true } | { error: string };

export interface FifoReader {
  /** Opens the FIFO (in the thread pool: it waits for the writer) and reads it from then on. */
  open(path: string): void;
  /** The trace as UTF-8 text chunks; a character split across two reads stays whole. */
  chunks: AsyncGenerator<string>;
  /** Whether the FIFO is open (strace opened its end). */
  readonly opened: boolean;
  /** Settles when the open has completed or failed (it waits for a writer until then). */
  readonly opening: Promise<void>;
  /**
   * Stops reading while strace still writes (another reader has the FIFO): the worker is woken
   * from its blocked read with newlines written into the FIFO (whoever reads them discards them),
   * because a thread blocked in read(2) would keep the process from exiting. Settles once the
   * worker is gone (at most after `ms`).
   */
  release(path: string, ms: number): Promise<void>;
}

/**
 * Starts the worker thread that will read the trace. Start it after strace is spawned, not before:
 * while a thread starts, the runtime briefly holds files open that are not close-on-exec (seen:
 * /proc/PID/maps), and a process forked at that moment inherits them, so the traced program would
 * find an fd it never opened. (Spawning returns once the child has exec'd.)
 */
export function createFifoReader(): FifoReader {
  const state = new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT);
  const slots = new Int32Array(state);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      state,
      limit: READ_AHEAD,
      readSize: READ_SIZE,
      smallRead: SMALL_READ,
      paceMs: PACE_MS,
    },
    stdout: false,
    stderr: false,
  });
  // A worker blocked in read(2) must not keep sockscope alive once it is done with the trace.
  worker.unref();

  const queue: Uint8Array[] = [];
  let head = 0;
  let ended = false;
  let failure: Error | undefined;
  let opened = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };

  // Opening a FIFO for reading waits (in the thread pool) until strace opens it for writing.
  let fd: number | undefined;
  let settleOpening: () => void = () => undefined;
  const opening = new Promise<void>((resolve) => (settleOpening = resolve));
  const openFifo = (path: string) =>
    open(path, "r", (err, opensAs) => {
      settleOpening();
      if (err) {
        failure = new Error(`reading the trace: ${err.message}`);
        ended = true;
        worker.terminate().catch(() => undefined);
        notify();
        return;
      }
      fd = opensAs;
      opened = true;
      Atomics.store(slots, FD, opensAs + 1);
      Atomics.notify(slots, FD);
    });

  worker.on("message", (m: Message) => {
    if (m instanceof Uint8Array) queue.push(m);
    else if ("end" in m) ended = true;
    else failure = new Error(`reading the trace: ${m.error}`);
    notify();
  });
  worker.on("error", (err) => {
    failure = err;
    notify();
  });
  let exited = false;
  worker.on("exit", () => {
    exited = true;
    ended = true;
    if (fd !== undefined) close(fd, () => undefined);
    fd = undefined;
    notify();
  });

  async function* chunks(): AsyncGenerator<string> {
    const decoder = new TextDecoder("utf-8", { fatal: false });
    try {
      for (;;) {
        if (head < queue.length) {
          const bytes = queue[head] as Uint8Array;
          queue[head++] = EMPTY;
          if (head > 1024 && head * 2 > queue.length) {
            queue.splice(0, head);
            head = 0;
          }
          const text = decoder.decode(bytes, { stream: true });
          if (Atomics.sub(slots, OUTSTANDING, bytes.length) >= READ_AHEAD) Atomics.notify(slots, OUTSTANDING);
          if (text.length > 0) yield text;
          continue;
        }
        if (failure !== undefined) throw failure;
        if (ended) break;
        await new Promise<void>((resolve) => (wake = resolve));
      }
      const rest = decoder.decode();
      if (rest.length > 0) yield rest;
    } finally {
      // Done, or the consumer went away: the worker stops at its next read (or at end of file).
      Atomics.store(slots, STOP, 1);
      Atomics.notify(slots, OUTSTANDING);
    }
  }

  async function release(path: string, ms: number): Promise<void> {
    Atomics.store(slots, STOP, 1);
    Atomics.notify(slots, OUTSTANDING);
    const until = Date.now() + ms;
    while (!exited && Date.now() < until) {
      try {
        const w = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
        try {
          writeSync(w, "\n");
        } finally {
          closeSync(w);
        }
      } catch {
        // No reader left, or the FIFO is full: the worker is not blocked in a read then.
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  return {
    open: openFifo,
    release,
    opening,
    chunks: chunks(),
    get opened() {
      return opened;
    },
  };
}

const EMPTY = new Uint8Array(0);
