// The view fixes as a user sees them, through the CLI run in process: `sockscope read` folds a bulk
// transfer (--no-fold shows every call), shows an event loop's epoll waits, and --errors-only leaves
// out what non-blocking I/O answers normally.
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { runCli } from "../helpers/cli.js";
import { LOGS } from "../helpers/logs.js";

async function read(...args: string[]) {
  const r = await runCli(["read", ...args]);
  return { exitCode: r.code, stdout: r.stdout };
}

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

  test("--no-fold shows all 300 writes and no fold line", async () => {
    const r = await read(
      "--no-summary",
      "--explain",
      "none",
      "--no-fold",
      join(LOGS, "bulk-transfer.o-yy-tt-T.strace"),
    );
    expect(r.exitCode).toBe(0);
    expect(r.stdout.match(/ write\(4</g)).toHaveLength(300);
    expect(r.stdout).not.toContain("more writes");
  });
});
