// The CLI's input and output: text chunks from a file or stdin, and a sink that respects
// backpressure and ends quietly when the reader goes away (`sockscope read log | head -1`).
import { createReadStream, createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { Readable, Writable } from "node:stream";
import { inputError, SockscopeError } from "../errors.js";

/** Opens `path` (or stdin for "-") for reading, failing early with a one-line error. */
export async function openInput(path: string, stdin: Readable): Promise<Readable> {
  if (path === "-") return stdin;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
  } catch (cause) {
    throw inputError(path, cause);
  }
  const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
  // Surface open errors (EACCES) as ours when the stream is first read.
  return await new Promise<Readable>((resolve, reject) => {
    stream.once("open", () => resolve(stream));
    stream.once("error", (cause) => reject(inputError(path, cause)));
  });
}

export interface Sink {
  write(text: string): Promise<void>;
  close(): Promise<void>;
  /** True once the reader went away (EPIPE): stop producing output. */
  readonly closed: boolean;
}

export function createSink(stream: Writable, ownsStream: boolean): Sink {
  let closed = false;
  let failure: Error | undefined;
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE" || err.code === "ERR_STREAM_DESTROYED") closed = true;
    else failure = err;
  });
  return {
    get closed() {
      return closed;
    },
    async write(text) {
      if (failure)
        throw new SockscopeError("OUTPUT_UNWRITABLE", `cannot write the report: ${failure.message}`, {
          cause: failure,
        });
      if (closed || text.length === 0) return;
      if (!stream.write(text)) {
        await new Promise<void>((resolve) => {
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
    },
    async close() {
      if (!ownsStream || closed) return;
      await new Promise<void>((resolve) => stream.end(resolve));
      if (failure)
        throw new SockscopeError("OUTPUT_UNWRITABLE", `cannot write the report: ${failure.message}`, {
          cause: failure,
        });
    },
  };
}

/** A sink for `-o FILE`: "-" is stdout, no option is `fallback` (stdout for read, stderr when tracing). */
export async function openOutput(
  path: string | undefined,
  fallback: Writable,
  stdout: Writable,
): Promise<Sink> {
  if (path === undefined) return createSink(fallback, false);
  if (path === "-") return createSink(stdout, false);
  const stream = createWriteStream(path);
  await new Promise<void>((resolve, reject) => {
    stream.once("open", () => resolve());
    stream.once("error", (cause) =>
      reject(new SockscopeError("OUTPUT_UNWRITABLE", `cannot write '${path}': ${cause.message}`, { cause })),
    );
  });
  return createSink(stream, true);
}
