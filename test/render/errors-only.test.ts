// --errors-only leaves out what non-blocking I/O answers normally (a non-blocking connect's
// EINPROGRESS and EALREADY, EAGAIN on a non-blocking socket or with MSG_DONTWAIT) and keeps real
// failures, a blocking call's SO_RCVTIMEO EAGAIN included. Decided from the model's facts by
// isExpectedOutcome, which the selector uses.
import { describe, expect, test } from "vitest";
import type { SyscallEvent, TraceEvent } from "../../src/core/events.js";
import { isExpectedOutcome } from "../../src/core/outcome.js";
import { eventsFromText } from "../../src/pipeline.js";
import { isNetworkStory } from "../../src/render/filter.js";
import { createSelector } from "../../src/render/select.js";
import { recordedLogs } from "../helpers/logs.js";

const errorsOnly = createSelector({ pids: [], fds: [], syscalls: [], conns: [], errorsOnly: true });
/** The failed calls --errors-only shows in the default (network story) view. */
const shownFailures = (events: TraceEvent[]) =>
  events
    .filter((e): e is SyscallEvent => e.type === "syscall" && errorsOnly(e) && isNetworkStory(e))
    .map((e) => `${e.lineNo} ${e.name} ${e.errno}`);

describe("a recorded trace that switches blocking modes (families-nonblock)", () => {
  const log = recordedLogs().find((l) => l.name === "families-nonblock.o-yy-tt-T.strace");
  if (log === undefined) throw new Error("no families-nonblock log");
  const events = eventsFromText(log.text);

  test("only the blocking recvfrom that ran into SO_RCVTIMEO is left", () => {
    // Line 39: EAGAIN after FIONBIO [1]; 41: MSG_DONTWAIT; 45: accept on a non-blocking listener;
    // 50: a non-blocking connect's EINPROGRESS; 61: EAGAIN on a socket made non-blocking by F_SETFL.
    expect(shownFailures(events)).toEqual(["43 recvfrom EAGAIN"]);
  });
});

const head = [
  "700   10:00:00.000000 socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK, IPPROTO_IP) = 3<TCP:[1001]> <0.000020>",
  '700   10:00:00.000100 connect(3<TCP:[1001]>, {sa_family=AF_INET, sin_port=htons(9), sin_addr=inet_addr("127.0.0.1")}, 16) = -1 EINPROGRESS (Operation now in progress) <0.000050>',
  '700   10:00:00.000200 connect(3<TCP:[127.0.0.1:40000->127.0.0.1:9]>, {sa_family=AF_INET, sin_port=htons(9), sin_addr=inet_addr("127.0.0.1")}, 16) = -1 EALREADY (Operation already in progress) <0.000010>',
  '700   10:00:00.000300 connect(3<TCP:[127.0.0.1:40000->127.0.0.1:9]>, {sa_family=AF_INET, sin_port=htons(9), sin_addr=inet_addr("127.0.0.1")}, 16) = -1 ECONNREFUSED (Connection refused) <0.000010>',
  "700   10:00:00.000400 socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 4<TCP:[1002]> <0.000020>",
  '700   10:00:00.000500 bind(4<TCP:[1002]>, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("0.0.0.0")}, 16) = -1 EADDRINUSE (Address already in use) <0.000010>',
  '700   10:00:00.000600 connect(4<TCP:[1002]>, {sa_family=AF_INET, sin_port=htons(9), sin_addr=inet_addr("127.0.0.1")}, 16) = -1 EINPROGRESS (Operation now in progress) <1.000050>',
  '700   10:00:01.000700 sendto(5<TCP:[127.0.0.1:40002->127.0.0.1:80]>, "x", 1, 0, NULL, 0) = -1 EAGAIN (Resource temporarily unavailable) <0.000010>',
  '700   10:00:01.000800 write(6<UNIX-STREAM:[2001->2002]>, "x", 1) = -1 EPIPE (Broken pipe) <0.000010>',
  "700   10:00:01.000900 socket(AF_UNIX, SOCK_STREAM|SOCK_NONBLOCK, 0) = 7<UNIX-STREAM:[2003]> <0.000020>",
  '700   10:00:01.001000 connect(7<UNIX-STREAM:[2003]>, {sa_family=AF_UNIX, sun_path="/run/x.sock"}, 110) = -1 EAGAIN (Resource temporarily unavailable) <0.000010>',
  '700   10:00:01.001100 read(8</dev/null>, "", 1) = -1 EAGAIN (Resource temporarily unavailable) <0.000010>',
];

describe("strace lines, one case each", () => {
  const events = eventsFromText(`${head.join("\n")}\n`);

  test("normal outcomes of non-blocking I/O go; failures stay", () => {
    expect(shownFailures(events)).toEqual([
      "4 connect ECONNREFUSED",
      "6 bind EADDRINUSE",
      // The socket is known to block: EINPROGRESS means SO_SNDTIMEO ran out.
      "7 connect EINPROGRESS",
      // A socket from before the trace: its mode is unknown, so its EAGAIN may be a timeout.
      "8 sendto EAGAIN",
      "9 write EPIPE",
      // A full unix backlog: a failure whatever the mode.
      "11 connect EAGAIN",
    ]);
  });

  test("a call on a file is left to --all, and its EAGAIN is never taken for non-blocking I/O", () => {
    const read = events.find((e): e is SyscallEvent => e.type === "syscall" && e.name === "read");
    expect(read && errorsOnly(read)).toBe(true);
  });

  test("isExpectedOutcome is false for calls that succeeded", () => {
    const ok = events.filter((e): e is SyscallEvent => e.type === "syscall" && e.errno === undefined);
    expect(ok.length).toBeGreaterThan(0);
    expect(ok.some(isExpectedOutcome)).toBe(false);
  });

  test("connections that ended normally are not shown, refused ones are", () => {
    const conns = events.filter((e) => e.type === "connection" && errorsOnly(e));
    expect(conns.map((c) => (c.type === "connection" ? c.outcome : ""))).not.toContain("closed");
  });
});
