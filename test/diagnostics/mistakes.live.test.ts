// The diagnostics on real programs: fixtures/programs/mistakes.c makes one classic socket mistake
// per mode; each mode, traced with the real strace, must fire exactly its rule (code, severity, a
// message naming the fd and address of this run), and the well-behaved `good` mode nothing. Every
// run is in a network namespace of its own (recordLive), on a port the test picks for it.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { DiagnosticEvent } from "../../src/core/events.js";
import { DEFAULT_RULE_OPTIONS } from "../../src/diagnostics/rule.js";
import { DiagnosticEventSchema } from "../../src/events/schema.js";
import { eventsFromText } from "../../src/pipeline.js";
import { eventJson } from "../../src/render/jsonl.js";
import { compileFixture, createWorkDir, recordLive } from "../helpers/live.js";
import { pickPort } from "../helpers/netns.js";

const FLAGS = ["-f", "-yy", "-tt", "-T", "-s", "256"];
/** Raw numbers for every constant (SOCK_CLOEXEC, MSG_NOSIGNAL, SO_REUSEADDR…), -y decorations only. */
const RAW_FLAGS = ["-f", "-X", "raw", "-y", "-ttt"];
const OPTIONS = { ...DEFAULT_RULE_OPTIONS, somaxconn: 4096, somaxconnIsLive: true };

interface Row {
  mode: string;
  /** The one diagnostic the mode must produce (its message for the port the run used), or null for none at all. */
  expected: { code: string; severity: DiagnosticEvent["severity"]; message: (port: number) => RegExp } | null;
}

const fd = "fd \\d+";
const ephemeral = "127\\.0\\.0\\.1:\\d+";
const ROWS: Row[] = [
  {
    mode: "epipe",
    expected: {
      code: "epipe-sigpipe",
      severity: "error",
      message: (port) =>
        new RegExp(
          `^write\\(\\) on ${fd} \\(TCP ${ephemeral} → 127\\.0\\.0\\.1:${port}\\) failed with EPIPE after a read on it had returned 0.*killed process \\d+`,
        ),
    },
  },
  {
    mode: "close-wait",
    expected: {
      code: "close-wait-leak",
      severity: "warning",
      message: (port) =>
        new RegExp(
          `^read\\(\\) on ${fd} \\(TCP 127\\.0\\.0\\.1:${port} → ${ephemeral}\\) .*returned 0.*stayed open for 1\\.[2-9]\\d s more.*CLOSE_WAIT`,
        ),
    },
  },
  {
    mode: "backlog",
    expected: {
      code: "backlog-clamped",
      severity: "info",
      message: (port) =>
        new RegExp(
          `^listen\\(${fd} \\(TCP 127\\.0\\.0\\.1:${port}\\), 1048576\\).*somaxconn \\(4096 on this machine\\).*used 4096`,
        ),
    },
  },
  {
    mode: "partial-write",
    expected: {
      code: "partial-write",
      severity: "warning",
      message: (port) =>
        new RegExp(
          `^sendto\\(\\) on ${fd} \\(TCP ${ephemeral} → 127\\.0\\.0\\.1:${port}\\) was asked to send 4,194,304 bytes but sent only [\\d,]+; the remaining [\\d,]+ bytes were never sent: the socket was closed`,
        ),
    },
  },
  {
    mode: "exec-inherit",
    expected: {
      code: "fd-inherited-by-exec",
      severity: "warning",
      message: (port) =>
        new RegExp(
          `^execve\\("\\/bin\\/true"\\) in process \\d+ succeeded while fd 3 \\(TCP 127\\.0\\.0\\.1:${port}\\) was open without close-on-exec`,
        ),
    },
  },
  {
    mode: "eaddrinuse",
    expected: {
      code: "bind-eaddrinuse",
      severity: "warning",
      message: (port) =>
        new RegExp(
          `^bind\\(\\) of fd 4 \\(TCP\\) to 127\\.0\\.0\\.1:${port} failed with EADDRINUSE: fd 3 of process \\d+ is already listening on 127\\.0\\.0\\.1:${port} \\(SO_REUSEADDR set on fd 3; neither SO_REUSEADDR nor SO_REUSEPORT set on fd 4\\)`,
        ),
    },
  },
  {
    mode: "refused",
    expected: {
      code: "connect-refused",
      severity: "warning",
      message: (port) =>
        new RegExp(
          `^connect\\(\\) of fd 4 \\(TCP\\) to 127\\.0\\.0\\.1:${port} failed with ECONNREFUSED: nothing listens there`,
        ),
    },
  },
  {
    mode: "nonblock-unchecked",
    expected: {
      code: "nonblocking-connect-unchecked",
      severity: "warning",
      message: (port) =>
        new RegExp(
          `^The non-blocking connect of fd 4 \\(TCP\\) to 127\\.0\\.0\\.1:${port} returned EINPROGRESS, and sendto\\(\\) used the socket before`,
        ),
    },
  },
  {
    mode: "nagle",
    expected: {
      code: "nagle-small-writes",
      severity: "warning",
      message: (port) =>
        new RegExp(
          `^${fd} \\(TCP ${ephemeral} → 127\\.0\\.0\\.1:${port}\\) got 2 small writes in a row \\(write\\(\\) of 10 bytes, write\\(\\) of 10 bytes\\), then read\\(\\)`,
        ),
    },
  },
  {
    mode: "eagain-loop",
    expected: {
      code: "busy-eagain-loop",
      severity: "warning",
      message: (port) =>
        new RegExp(
          `^recvfrom\\(\\) on ${fd} \\(TCP ${ephemeral} → 127\\.0\\.0\\.1:${port}\\) failed with EAGAIN 50 times in a row`,
        ),
    },
  },
  { mode: "good", expected: null },
];

const work = createWorkDir();
let binary = "";

beforeAll(async () => {
  binary = await compileFixture("mistakes", work.dir);
});
afterAll(() => work.remove());

describe("mistakes.c under the real strace", () => {
  test.each(ROWS)("$mode", async ({ mode, expected }) => {
    const port = pickPort();
    const { log, exitCode } = await recordLive([binary, mode, String(port)], FLAGS, work.dir, false);
    expect(exitCode, "the program did not make its mistake as planned").toBe(0);
    const events = eventsFromText(log, { diagnostics: OPTIONS });
    const found = events.filter((e): e is DiagnosticEvent => e.type === "diagnostic");
    for (const d of found)
      expect(DiagnosticEventSchema.safeParse(JSON.parse(eventJson(d))).success).toBe(true);
    if (expected === null) {
      expect(found.map((d) => `${d.code}: ${d.message}`)).toEqual([]);
      return;
    }
    expect(found.map((d) => d.code)).toEqual([expected.code]);
    const [d] = found as [DiagnosticEvent];
    expect(d.severity).toBe(expected.severity);
    expect(d.message).toMatch(expected.message(port));
    expect(d.fix.length).toBeGreaterThan(20);
    // The events it points at are real events of the stream, in order, before the diagnostic.
    const seqs = new Set(events.map((e) => e.seq));
    for (const s of d.events) expect(seqs.has(s)).toBe(true);
    expect([...d.events].sort((a, b) => a - b)).toEqual(d.events);
    expect(Math.max(...d.events)).toBeLessThan(d.seq);
  });
});

describe("mistakes.c under strace -X raw -y -ttt (numbers instead of names, no socket addresses)", () => {
  test.each(ROWS)("$mode", async ({ mode, expected }) => {
    const { log, exitCode } = await recordLive(
      [binary, mode, String(pickPort())],
      RAW_FLAGS,
      work.dir,
      false,
    );
    expect(exitCode).toBe(0);
    const found = eventsFromText(log, { diagnostics: OPTIONS }).filter(
      (e): e is DiagnosticEvent => e.type === "diagnostic",
    );
    expect(found.map((d) => `${d.code}:${d.severity}`)).toEqual(
      expected ? [`${expected.code}:${expected.severity}`] : [],
    );
  });
});
