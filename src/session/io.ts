// The CLI's input and output: text chunks from a file or stdin, and a sink that respects
// backpressure and ends quietly when the reader goes away (`sockscope read log | head -1`).
import { createReadStream, fstat, type Stats, writeSync } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import { open, stat } from "node:fs/promises";
import type { Readable, Writable } from "node:stream";
import { inputError, SockscopeError } from "../errors.js";
import { drained, guardStream } from "./stdio.js";

/** Opens `path` (or stdin for "-") for reading, failing early with a one-line error. */
export async function openInput(path: string, stdin: Readable): Promise<Readable> {
  if (path === "-") {
    // Node reads a directory on fd 0 as an empty file: say what it is instead.
    const fd = (stdin as { fd?: unknown }).fd;
    if (typeof fd === "number" && (await fstatQuietly(fd))?.isDirectory())
      throw new SockscopeError(
        "INPUT_IS_DIRECTORY",
        "cannot read stdin: it is a directory, not a strace log",
      );
    return stdin;
  }
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
  } catch (cause) {
    throw inputError(path, cause);
  }
  // 64 KiB reads: each chunk's text stays small enough to die young once processed.
  const stream = createReadStream(path, { highWaterMark: 64 * 1024 });
  // Surface open errors (EACCES) as ours when the stream is first read.
  return await new Promise<Readable>((resolve, reject) => {
    stream.once("open", () => resolve(stream));
    stream.once("error", (cause) => reject(inputError(path, cause)));
  });
}

async function fstatQuietly(fd: number) {
  return await new Promise<Stats | undefined>((resolve) =>
    fstat(fd, (err, info) => resolve(err ? undefined : info)),
  );
}

export interface Sink {
  /** Text, or bytes the caller will not touch again. */
  write(data: string | Uint8Array): Promise<void>;
  close(): Promise<void>;
  /** True once the reader went away (EPIPE): stop producing output. */
  readonly closed: boolean;
}

/**
 * A sink on stdout or stderr. A write error there stops the report quietly: the reader went away
 * (EPIPE), or the output is lost, which main() reports in one line once the command ends (stdio.ts).
 */
export function createSink(stream: Writable): Sink {
  const guard = guardStream(stream);
  return {
    get closed() {
      return guard.broken;
    },
    async write(data) {
      if (guard.broken || data.length === 0) return;
      if (!stream.write(data)) await drained(stream);
    },
    async close() {
      await guard.settle();
    },
  };
}

/** A sink for `-o FILE`: "-" is stdout, no option is `fallback` (stdout for read, stderr when tracing). */
export async function openOutput(
  path: string | undefined,
  fallback: Writable,
  stdout: Writable,
): Promise<Sink> {
  if (path === undefined) return createSink(fallback);
  if (path === "-") return createSink(stdout);
  let handle: FileHandle;
  try {
    handle = await open(path, "w", 0o666);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    throw new SockscopeError("OUTPUT_UNWRITABLE", `cannot write '${path}': ${message}`, { cause });
  }
  return createFileSink(handle);
}

function unwritable(cause: unknown): SockscopeError {
  const message = cause instanceof Error ? cause.message : String(cause);
  return new SockscopeError("OUTPUT_UNWRITABLE", `cannot write the report: ${message}`, { cause });
}

/**
 * A sink for `-o FILE` that writes each batch at once, as Node writes stdout to a file. A write
 * stream would turn every batch into a buffer that lives until the file has it; over a long
 * report those buffers add up to tens of megabytes before a full collection frees them.
 */
export function createFileSink(handle: FileHandle): Sink {
  let closed = false;
  let done = false;
  const writeAll = async (data: string | Uint8Array) => {
    const buffer = typeof data === "string" ? Buffer.from(data) : data;
    let offset = 0;
    for (;;) {
      try {
        offset += writeSync(handle.fd, buffer, offset);
        if (offset >= buffer.length) return;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === "EPIPE") {
          closed = true;
          return;
        }
        // A FIFO or device opened non-blocking elsewhere: wait until it takes more.
        if (code === "EAGAIN") await new Promise((resolve) => setTimeout(resolve, 1));
        else throw unwritable(err);
      }
    }
  };
  return {
    get closed() {
      return closed;
    },
    async write(data) {
      if (closed || done || data.length === 0) return;
      await writeAll(data);
    },
    async close() {
      if (done) return;
      done = true;
      try {
        await handle.close();
      } catch (err) {
        throw unwritable(err);
      }
    },
  };
}
