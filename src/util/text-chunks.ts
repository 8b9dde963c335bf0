// Decodes a byte stream into UTF-8 text chunks; a character split across two chunks stays whole.
// A FIFO (the live trace strace writes) is read in batches instead of a line at a time.
import { fstatSync, ReadStream, read } from "node:fs";
import type { Readable } from "node:stream";

/** The next chunk of the stream, decoded (null at the end). */
async function nextText(
  chunks: AsyncIterator<unknown>,
  decoder: InstanceType<typeof TextDecoder>,
): Promise<string | null> {
  const next = await chunks.next();
  if (next.done) return null;
  return decoder.decode(next.value as Uint8Array, { stream: true });
}

/** UTF-8 text chunks of a readable, decoded across chunk boundaries. */
export async function* textChunks(stream: Readable): AsyncGenerator<string> {
  const fifo = unreadFifo(stream);
  if (fifo !== undefined) {
    yield* fifoChunks(fifo);
    return;
  }
  const decoder = new TextDecoder("utf-8", { fatal: false });
  // The bytes are decoded in a helper so that no buffer is still referenced while the text is
  // being processed: a buffer that outlives a young-generation collection is only freed by a full
  // one, and the process's memory grows by every such buffer until then.
  const chunks = stream[Symbol.asyncIterator]();
  try {
    for (let text = await nextText(chunks, decoder); text !== null; text = await nextText(chunks, decoder)) {
      if (text.length > 0) yield text;
    }
  } finally {
    // Stopped early (the reader went away): let the stream clean up as `for await` would.
    await chunks.return?.();
  }
  const rest = decoder.decode();
  if (rest.length > 0) yield rest;
}

/** The fd of a file stream on a FIFO that nothing has read from yet. */
function unreadFifo(stream: Readable): number | undefined {
  if (!(stream instanceof ReadStream)) return undefined;
  const fd: unknown = (stream as { fd?: unknown }).fd;
  if (typeof fd !== "number") return undefined;
  if (stream.readableFlowing !== null || stream.readableLength > 0 || stream.bytesRead > 0) return undefined;
  try {
    return fstatSync(fd).isFIFO() ? fd : undefined;
  } catch {
    return undefined;
  }
}

// After a read that returned less than this, wait PACE_MS before the next one.
const SMALL_READ = 16 * 1024;
const PACE_MS = 2;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Reads `fd` into `buffer`; resolves to the bytes read (0 at end of file). */
function readInto(fd: number, buffer: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    read(fd, buffer, 0, buffer.length, null, (err, n) => (err ? reject(err) : resolve(n)));
  });
}

/**
 * Text chunks of a FIFO's fd, read directly rather than through its stream. strace writes its trace
 * a line at a time; a stream reads each line as it comes, so every line wakes the process and
 * allocates a buffer, and that costs a traced program more than the parsing does. Here a short read
 * is followed by a pause of PACE_MS, in which strace fills the pipe (64 KiB) without waiting, and
 * the next read takes all of it at once. A busy trace fills reads and is read without pauses.
 * The stream's owner still closes the fd.
 */
async function* fifoChunks(fd: number): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: false });
  const buffer = Buffer.allocUnsafe(256 * 1024);
  for (;;) {
    let n: number;
    try {
      n = await readInto(fd, buffer);
    } catch (err) {
      // Opened non-blocking elsewhere: nothing to read yet.
      if ((err as NodeJS.ErrnoException).code !== "EAGAIN") throw err;
      await pause(PACE_MS);
      continue;
    }
    if (n === 0) break;
    // The decoder copies the bytes into the string, so the buffer is free for the next read.
    const text = decoder.decode(buffer.subarray(0, n), { stream: true });
    if (text.length > 0) yield text;
    if (n < SMALL_READ) await pause(PACE_MS);
  }
  const rest = decoder.decode();
  if (rest.length > 0) yield rest;
}
