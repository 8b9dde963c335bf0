// The view fixes as a user sees them through the built CLI (`npm run build` first): `sockscope read`
// folds a bulk transfer, shows an event loop's epoll waits, and --errors-only leaves out what
// non-blocking I/O answers normally. (--no-fold is parsed by program.ts; see fold-option.test.ts.)
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, test } from "vitest";
import { LOGS } from "../helpers/logs.js";

const BIN = join(import.meta.dirname, "..", "..", "bin", "sockscope.js");
const read = (...args: string[]) => execa(process.execPath, [BIN, "read", ...args], { reject: false });

describe("sockscope read", () => {
  test("a bulk transfer: three writes, then one line for the rest", async () => {
    const r = await read("--no-summary", "--explain", "none", join(LOGS, "bulk-transfer.o-yy-tt-T.strace"));
    expect(r.exitCode).toBe(0);
    expect(r.stdout.match(/ write\(4</g)).toHaveLength(3);
    expect(r.stdout).toContain("… 297 more writes, 1,216,512 B (1.2 MiB), on conn#2 (fd 4)");
    expect(r.stdout).toMatch(/… \d+ more reads, [\d,]+ B \(1\.\d MiB\), on conn#3 \(fd 4\), and \d+ waits/);
  });

  test("an epoll wait on a socket is in the default view; --errors-only keeps only real failures", async () => {
    const log = join(LOGS, "families-nonblock.o-yy-tt-T.strace");
    const all = await read("--no-summary", "--explain", "none", log);
    expect(all.stdout).toMatch(
      /epoll_wait\(8<anon_inode:\[eventpoll\]>, \[\{events=EPOLLIN, data=\{u32=6, u64=6\}\}\]/,
    );
    const errors = await read("--no-summary", "--explain", "none", "--errors-only", log);
    expect(errors.stdout.match(/^.*= -1 E\w+/gm)?.map((l) => /= -1 (E\w+)/.exec(l)?.[1])).toEqual(["EAGAIN"]);
    expect(errors.stdout).toMatch(/SO_RCVTIMEO|recvfrom\(4</);
  });

  // src/cli/output.ts builds the renderer and does not pass `fold` yet (src/cli is being refactored
  // elsewhere): the option parses, but the built CLI folds either way until it does.
  test.todo("--no-fold shows all 300 writes, once cli/output.ts passes options.fold to the renderer");
});
