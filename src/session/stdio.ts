// The one place where a failed write to stdout or stderr becomes sockscope's answer. Without it a
// closed pipe (`sockscope schema | true`) or a full disk (`> /dev/full`) is an 'error' event nobody
// listens to: a Node stack trace and exit 1, or, when a sink swallowed it, a report lost with exit 0.
//
// The rule (README, exit status): a reader that went away (EPIPE) is not an error: sockscope stops
// writing there and exits with the status it would have had, as `read log | head` always did; any
// other write error (ENOSPC, EIO…) is one line on stderr and exit 2.
import type { Writable } from "node:stream";
import { EXIT } from "../errors.js";

export type StreamName = "stdout" | "stderr";

export interface StreamGuard {
  /** The reader went away (EPIPE): write nothing more there, quietly. */
  readonly gone: boolean;
  /** A write failed for another reason: the output is lost. */
  readonly failure: NodeJS.ErrnoException | undefined;
  /** Either of the two: nothing written there arrives any more. */
  readonly broken: boolean;
  /** Resolves once what was written has been taken or has failed. */
  settle(): Promise<void>;
}

const guards = new WeakMap<Writable, StreamGuard>();

/** A write error Node gives once a stream is torn down: a consequence, not a cause. */
const AFTERMATH = new Set(["ERR_STREAM_DESTROYED", "ERR_STREAM_WRITE_AFTER_END"]);

/** Watches `stream` for write errors from now on (one watcher per stream, however often asked). */
/** Resolves when a stream that asked to wait can take more: drained, closed or failed. */
export function drained(stream: Writable): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      stream.off("drain", done);
      stream.off("close", done);
      stream.off("error", done);
      resolve();
    };
    stream.on("drain", done);
    stream.on("close", done);
    stream.on("error", done);
  });
}

export function guardStream(stream: Writable): StreamGuard {
  const known = guards.get(stream);
  if (known !== undefined) return known;
  let gone = false;
  let failure: NodeJS.ErrnoException | undefined;
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") gone = true;
    else if (!AFTERMATH.has(err.code ?? "") && failure === undefined) failure = err;
    else if (failure === undefined) gone = true;
  });
  const guard: StreamGuard = {
    get gone() {
      return gone;
    },
    get failure() {
      return failure;
    },
    get broken() {
      return gone || failure !== undefined;
    },
    async settle() {
      if (!gone && failure === undefined && !stream.destroyed && stream.writableNeedDrain) {
        await drained(stream);
      }
      // A write that failed at once reports it on a later tick.
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
  };
  guards.set(stream, guard);
  return guard;
}

/** "no space left on device (ENOSPC)" from Node's "ENOSPC: no space left on device, write". */
export function writeErrorText(err: NodeJS.ErrnoException): string {
  const text = err.message.replace(/^[A-Z_]+: /, "").replace(/, (write|writev|open|close)\b.*$/, "");
  return err.code !== undefined ? `${text} (${err.code})` : text;
}

/**
 * The end of every command: waits for stdout and stderr to take what they were given, and turns a
 * failure there into one line and exit 2. `status` is what the command itself decided.
 */
export async function finishOutput(
  status: number,
  streams: { stdout: Writable; stderr: Writable },
): Promise<number> {
  const out = guardStream(streams.stdout);
  const err = guardStream(streams.stderr);
  await Promise.all([out.settle(), err.settle()]);
  if (out.failure !== undefined) {
    if (!err.broken)
      streams.stderr.write(`sockscope: cannot write to stdout: ${writeErrorText(out.failure)}\n`);
    await err.settle();
    return EXIT.usage;
  }
  if (err.failure !== undefined) return EXIT.usage;
  return status;
}
