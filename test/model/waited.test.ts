// A readiness wait has no socket of its own: its explanation takes the facts of the socket the
// result reports ready (poll's revents, select's "in [..]"), else the first socket among its fds.
import { describe, expect, test } from "vitest";
import type { SyscallEvent } from "../../src/core/events.js";
import { readyFds } from "../../src/core/readers.js";
import { eventsFromText } from "../../src/pipeline.js";

const run = (lines: string[]) =>
  eventsFromText(
    `${lines.map((l, i) => `100 1700000000.${String(i + 1).padStart(6, "0")} ${l}`).join("\n")}\n`,
    {
      explain: { depth: "full", os: "linux", env: {} },
    },
  ).filter((e): e is SyscallEvent => e.type === "syscall");

const SETUP = [
  "socketpair(AF_UNIX, SOCK_STREAM, 0, [3<UNIX-STREAM:[10]>, 4<UNIX-STREAM:[11]>]) = 0",
  "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 5<TCP:[20]>",
  'connect(5<TCP:[20]>, {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("127.0.0.1")}, 16) = 0',
];

describe("the socket a wait stands for", () => {
  test("strace's result text gives the ready fds", () => {
    expect(readyFds("([{fd=5, revents=POLLIN}, {fd=7, revents=POLLOUT}])")).toEqual([5, 7]);
    expect(readyFds("(in [5 6], out [7], left {tv_sec=0, tv_nsec=99998347})")).toEqual([5, 6, 7]);
    expect(readyFds(undefined)).toEqual([]);
  });

  test("poll: the ready socket, not the first one listed", () => {
    const calls = run([
      ...SETUP,
      "poll([{fd=3<UNIX-STREAM:[10->11]>, events=POLLIN}, {fd=5<TCP:[127.0.0.1:4000->127.0.0.1:80]>, events=POLLIN}], 2, 100) = 1 ([{fd=5, revents=POLLIN}])",
    ]);
    const poll = calls.find((e) => e.name === "poll");
    expect(poll?.waited?.transport).toBe("tcp");
    expect(poll?.explain?.path).toMatch(/TCP/);
  });

  test("pselect6 with nothing ready (a timeout): the first socket among the fds", () => {
    const calls = run([
      ...SETUP,
      "pselect6(6, [3<UNIX-STREAM:[10->11]> 5<TCP:[127.0.0.1:4000->127.0.0.1:80]>], NULL, NULL, {tv_sec=0, tv_nsec=1000}, NULL) = 0 (Timeout)",
    ]);
    expect(calls.find((e) => e.name === "pselect6")?.waited?.transport).toBe("unix-stream");
  });
});
