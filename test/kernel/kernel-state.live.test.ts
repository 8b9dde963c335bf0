// The kernel's view beside a live trace, end to end: the built CLI traces real programs in a
// network namespace of the test's own, where the test makes the network misbehave.
//
// Delay and loss: tc's netem where the kernel has it, else fixtures/kernel/state/tools/lossy-lo.py
// (an NFQUEUE rule that holds each outgoing TCP packet DELAY ms and drops some; this project's CI
// kernel has no netem: "Specified qdisc kind is unknown", and no modules to load). On loopback a
// packet passes the delay once each way, so the round trip is twice the delay. lo's MTU is 9000,
// so 1 MB is over a hundred segments, not sixteen, and a run without any loss is unlikely.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileFixture, createWorkDir } from "../helpers/live.js";
import { inFreshNetns, inOwnNetns, pickPort } from "../helpers/netns.js";
import { waitFor } from "../helpers/wait.js";

const BIN = join(import.meta.dirname, "..", "..", "bin", "sockscope.js");
const work = createWorkDir();
let bulk = "";
let flood = "";
let slow = "";

beforeAll(async () => {
  [bulk, flood, slow] = await Promise.all([
    compileFixture("bulk-transfer", work.dir),
    compileFixture("backlog-flood", work.dir),
    compileFixture("slow-reader", work.dir),
  ]);
});
afterAll(() => work.remove());

const LOSSY_TOOL = join(
  import.meta.dirname,
  "..",
  "..",
  "fixtures",
  "kernel",
  "state",
  "tools",
  "lossy-lo.py",
);
const DELAY_MS = 20;

/**
 * sockscope `args` in a fresh namespace; with `lossy`, behind 20 ms of delay each way and 10% loss
 * (netem, or lossy-lo.py started first and waited for, and stopped after).
 */
function sockscope(lossy: boolean, args: string[], env: Record<string, string> = {}) {
  const argv = [process.execPath, BIN, ...args];
  const script = lossy
    ? [
        "ip link set lo mtu 9000",
        `if tc qdisc add dev lo root netem delay ${DELAY_MS}ms loss 10% 2>/dev/null; then "$@"; exit $?; fi`,
        `python3 "${LOSSY_TOOL}" ${DELAY_MS} 0.1 > lossy.ready & helper=$!`,
        // Its rules are in place once it says so (or it failed: then the test fails on no loss).
        'while ! grep -q ready lossy.ready 2>/dev/null && kill -0 "$helper" 2>/dev/null; do sleep 0.01; done',
        '"$@"; status=$?; kill "$helper"; wait "$helper"; exit $status',
      ].join("\n")
    : 'exec "$@"';
  const [file, fileArgs] = inFreshNetns(["/bin/sh", "-c", script, "sh", ...argv]);
  return execa(file, fileArgs, {
    reject: false,
    stdin: "ignore",
    cwd: work.dir,
    timeout: 60_000,
    env: { ...env },
  });
}

interface Json {
  type: string;
  transport?: string;
  role?: string;
  code?: string;
  message?: string;
  kernel?: {
    rttMs?: number;
    retransmits?: number;
    scope?: string;
    listeners?: Array<{ local: string; peak: number; backlog: number }>;
    counters?: Array<{ name: string; delta: number }>;
    notes?: string[];
  };
  bytesOut?: number;
}
const eventsOf = (file: string): Json[] =>
  readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Json);

describe("kernel state", () => {
  it("a 1 MB transfer over a lossy, slow loopback: retransmits and rtt on the connection, in JSON and in words", async () => {
    const out = join(work.dir, "lossy.jsonl");
    const text = join(work.dir, "lossy.txt");
    const run = await sockscope(true, ["--json", "-o", out, "--", bulk, "256", String(pickPort())]);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe("");
    expect(run.exitCode).toBe(0);
    const events = eventsOf(out);
    const sender = events.find(
      (e) => e.type === "connection" && e.role === "client" && e.transport === "tcp",
    );
    expect(sender?.bytesOut).toBe(256 * 4096);
    expect(sender?.kernel?.retransmits).toBeGreaterThan(0);
    // Loopback's own round trip is tens of microseconds; here it is twice the delay, plus queueing.
    expect(sender?.kernel?.rttMs).toBeGreaterThanOrEqual(2 * DELAY_MS - 1);
    expect(sender?.kernel?.rttMs).toBeLessThan(6 * DELAY_MS);
    const summary = events.at(-1);
    expect(summary?.type).toBe("summary");
    expect(summary?.kernel?.scope).toBe("namespace");
    expect(summary?.kernel?.counters?.find((c) => c.name === "RetransSegs")?.delta).toBeGreaterThan(0);
    expect(events.some((e) => e.type === "diagnostic" && e.code === "tcp-retransmits")).toBe(true);

    // The recording re-renders with the recording's kernel facts, in every view.
    for (const [format, expected] of [
      ["text", /kernel: rtt [\d.]+ ms[^,]*, \d+ segments? retransmitted/],
      [
        "markdown",
        /\| rtt ms \| retransmits \|[\s\S]*### Kernel \(counters of the program's own network namespace\)/,
      ],
      ["mermaid", /retransmitted/],
    ] as const) {
      const back = await execa(process.execPath, [BIN, "read", "--format", format, "-o", "-", out], {
        reject: false,
      });
      expect(back.exitCode).toBe(0);
      expect(back.stdout, `read --format ${format}`).toMatch(expected);
    }

    const words = await sockscope(true, [
      "--format",
      "text",
      "-o",
      text,
      "--",
      bulk,
      "256",
      String(pickPort()),
    ]);
    expect(words.exitCode).toBe(0);
    const report = readFileSync(text, "utf8");
    expect(report).toMatch(/kernel: rtt [\d.]+ ms[^,]*, \d+ segments? retransmitted/);
    expect(report).toMatch(/tcp-retransmits.*The kernel retransmitted \d+ segments?/s);
    expect(report).toContain("-- kernel (counters of the program's own network namespace) --");
  });

  it("a listener slow to accept with a backlog of 1: its queue's peak and the dropped handshakes", async () => {
    const out = join(work.dir, "flood.jsonl");
    const port = pickPort();
    const run = await sockscope(false, ["--json", "-o", out, "--", flood, String(port), "8", "1500"]);
    expect(run.exitCode).toBe(0);
    const events = eventsOf(out);
    const kernel = events.at(-1)?.kernel;
    const listener = kernel?.listeners?.find((l) => l.local === `127.0.0.1:${port}`);
    expect(listener?.backlog).toBe(1);
    expect(listener?.peak).toBeGreaterThanOrEqual(2);
    expect(kernel?.counters?.find((c) => c.name === "ListenOverflows")?.delta).toBeGreaterThan(0);
    const d = events.find((e) => e.type === "diagnostic" && e.code === "listen-overflow");
    expect(d?.message).toContain(`listener on 127.0.0.1:${port} filled up`);
  });

  it("a receiver that does not read for a second: the sender waited on its window, and says so", async () => {
    const out = join(work.dir, "slow.jsonl");
    const run = await sockscope(false, [
      "--json",
      "-o",
      out,
      "--",
      slow,
      String(pickPort()),
      String(8 << 20),
      "1000",
    ]);
    expect(run.exitCode).toBe(0);
    const events = eventsOf(out);
    const sender = events.find((e) => e.type === "connection" && e.role === "client") as
      | (Json & { kernel?: { busyMs?: number; rwndLimitedMs?: number } })
      | undefined;
    // The receiver slept 1000 ms with its buffer full: most of the sender's busy time was that wait.
    expect(sender?.kernel?.rwndLimitedMs).toBeGreaterThanOrEqual(500);
    expect(sender?.kernel?.rwndLimitedMs).toBeLessThanOrEqual(sender?.kernel?.busyMs ?? 0);
    const d = events.find((e) => e.type === "diagnostic" && e.code === "receiver-stalled");
    expect(d?.message).toMatch(/spent \d+ ms of it waiting for the receiver's window/);
  });

  it("--no-kernel-state reads nothing of it, and --stable never does", async () => {
    for (const flag of ["--no-kernel-state", "--stable"]) {
      const out = join(work.dir, `off${flag}.jsonl`);
      const run = await sockscope(false, ["--json", flag, "-o", out, "--", bulk, "4", String(pickPort())]);
      expect(run.exitCode).toBe(0);
      const events = eventsOf(out);
      expect(events.some((e) => e.kernel !== undefined)).toBe(false);
    }
  });

  it("without ss: a note in the summary, and the trace as ever", async () => {
    const out = join(work.dir, "noss.jsonl");
    const run = await sockscope(false, ["--json", "-o", out, "--", bulk, "4", String(pickPort())], {
      SOCKSCOPE_SS: join(work.dir, "no-such-ss"),
    });
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    const events = eventsOf(out);
    expect(events.filter((e) => e.type === "connection").length).toBeGreaterThan(0);
    const notes = events.at(-1)?.kernel?.notes ?? [];
    expect(notes.join("\n")).toMatch(/ss/);
  });

  it("attach to a process in another network namespace: no kernel view, and the summary says why", async () => {
    const target = execa(...inFreshNetns(["sleep", "30"]), { reject: false });
    const pid = target.pid ?? 0;
    await waitFor(() => inOwnNetns(pid), "the target in its own namespace");
    const out = join(work.dir, "attach.jsonl");
    // sockscope in the test's own namespace, the target in another one.
    const run = execa(process.execPath, [BIN, "attach", "--json", "-o", out, String(pid)], { reject: false });
    await waitFor(() => {
      try {
        return /TracerPid:\s+[1-9]/.test(readFileSync(`/proc/${pid}/status`, "utf8"));
      } catch {
        return false;
      }
    }, "strace attached to the target");
    target.kill("SIGTERM");
    await Promise.all([run, target]);
    const summary = eventsOf(out).at(-1);
    expect(summary?.type).toBe("summary");
    expect(summary?.kernel?.notes?.join("\n")).toContain("another network namespace");
    expect(summary?.kernel?.counters).toEqual([]);
  });
});
