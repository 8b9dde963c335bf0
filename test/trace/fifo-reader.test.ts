// The live trace's reader: a real FIFO, a real writer process, the worker thread in between.
import { execFileSync, spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { createFifoReader, type FifoReader } from "../../src/trace/fifo-reader.js";

let dir = "";
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function makeFifo(): string {
  dir = mkdtempSync(join(tmpdir(), "sockscope-fifo-test-"));
  const path = join(dir, "trace.fifo");
  execFileSync("mkfifo", ["-m", "600", path]);
  return path;
}

async function readFifo(path: string): Promise<FifoReader> {
  const reader = createFifoReader();
  reader.open(path);
  return reader;
}

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let text = "";
  for await (const c of chunks) text += c;
  return text;
}

describe("readFifo", () => {
  test("gets every byte a writer process writes, in order, across many reads", async () => {
    const path = makeFifo();
    const reader = await readFifo(path);
    // 200k lines from another process, written a line at a time as strace writes them.
    const writer = spawn(
      process.execPath,
      [
        "-e",
        `const fs = require("fs"); const fd = fs.openSync(${JSON.stringify(path)}, "w");
         for (let i = 0; i < 200000; i++) fs.writeSync(fd, "line " + i + " é\\n");
         fs.closeSync(fd);`,
      ],
      { stdio: "inherit" },
    );
    const text = await collect(reader.chunks);
    await new Promise((resolve) => writer.on("exit", resolve));
    const lines = text.split("\n");
    expect(lines.pop()).toBe("");
    expect(lines).toHaveLength(200000);
    expect(lines[0]).toBe("line 0 é");
    expect(lines[199999]).toBe("line 199999 é");
    expect(reader.opened).toBe(true);
  });

  test("a character split between two reads stays whole", async () => {
    // The reader's UTF-8 decoding is not exported (src/trace/fifo-reader.ts), so the split is made
    // real: a writer process writes the first byte of "→" (3 bytes in UTF-8) alone, waits until
    // the FIFO is empty again (FIONREAD on its end: the reader has taken that byte, in a read of
    // its own), and only then writes the rest. No timing is assumed: exit 0 says it happened so.
    const path = makeFifo();
    const reader = await readFifo(path);
    const done = collect(reader.chunks);
    const writer = spawn(
      "python3",
      [
        "-c",
        `import fcntl, os, struct, sys, termios, time
fd = os.open(sys.argv[1], os.O_WRONLY)
data = "→ arrow\\n".encode()
os.write(fd, data[:1])
deadline = time.monotonic() + 10
while struct.unpack("i", fcntl.ioctl(fd, termios.FIONREAD, bytes(4)))[0] != 0:
    if time.monotonic() > deadline:
        sys.exit(3)
    time.sleep(0.001)
os.write(fd, data[1:])
os.close(fd)`,
        path,
      ],
      { stdio: "inherit" },
    );
    const exited = new Promise((resolve) => writer.on("exit", resolve));
    expect(await done).toBe("→ arrow\n");
    expect(await exited, "the writer saw its first byte read alone").toBe(0);
  });

  test("a writer that only opens and closes gives an empty trace", async () => {
    const path = makeFifo();
    const reader = await readFifo(path);
    closeSync(openSync(path, "w"));
    expect(await collect(reader.chunks)).toBe("");
  });

  test("a consumer that stops early is not kept waiting", async () => {
    const path = makeFifo();
    const reader = await readFifo(path);
    const fd = openSync(path, "w");
    writeSync(fd, "first\nsecond\n");
    for await (const chunk of reader.chunks) {
      expect(chunk).toContain("first");
      break;
    }
    closeSync(fd);
  });
});
