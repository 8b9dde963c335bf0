// The kernel's view beside a live trace, end to end: the built CLI traces real programs in a
// network namespace of the test's own, where the test makes the network misbehave.
//
// Loss: packets dropped at random on the way in (nft, `numgen random`), so the sender's kernel must
// send them again: the only way the kernel counts retransmissions (a queue that drops on the way
// out is "local congestion", re-sent without counting). Delay: tc's netem is not in every kernel
// (not in this project's CI kernel: "Specified qdisc kind is unknown", and no modules to load), so
// the delay is queueing behind a token bucket (tbf) of `latency` at most. lo gets a 1500-byte MTU
// and no GSO, so 1 MB is a thousand segments, not sixteen.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileFixture, createWorkDir } from "../helpers/live.js";
import { inFreshNetns, pickPort } from "../helpers/netns.js";

const BIN = join(import.meta.dirname, "..", "..", "bin", "sockscope.js");
const work = createWorkDir();
let bulk = "";
let flood = "";

beforeAll(async () => {
  [bulk, flood] = await Promise.all([
    compileFixture("bulk-transfer", work.dir),
    compileFixture("backlog-flood", work.dir),
  ]);
});
afterAll(() => work.remove());

const LOSSY = [
  "ip link set lo mtu 1500",
  "ip link set dev lo gso_max_size 1500",
  "ip link set dev lo gro_max_size 1500",
  'nft add table inet sockscope && nft add chain inet sockscope in "{ type filter hook input priority 0; }" && nft add rule inet sockscope in meta l4proto tcp numgen random mod 20 0 drop',
  "tc qdisc add dev lo root tbf rate 16mbit burst 32kb latency 40ms",
].join(" && ");

/** sockscope `args` in a fresh namespace, after `setup` (shell) ran there. */
function sockscope(setup: string | undefined, args: string[], env: Record<string, string> = {}) {
  const argv = [process.execPath, BIN, ...args];
  const [file, fileArgs] = inFreshNetns(
    setup === undefined ? argv : ["/bin/sh", "-c", `${setup} && exec "$@"`, "sh", ...argv],
  );
  return execa(file, fileArgs, { reject: false, stdin: "ignore", cwd: work.dir, timeout: 60_000, env });
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
    const run = await sockscope(LOSSY, ["--json", "-o", out, "--", bulk, "256", String(pickPort())]);
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    const events = eventsOf(out);
    const sender = events.find(
      (e) => e.type === "connection" && e.role === "client" && e.transport === "tcp",
    );
    expect(sender?.bytesOut).toBe(256 * 4096);
    expect(sender?.kernel?.retransmits).toBeGreaterThan(0);
    // Loopback's own round trip is tens of microseconds; behind the bucket it is milliseconds.
    expect(sender?.kernel?.rttMs).toBeGreaterThan(2);
    expect(sender?.kernel?.rttMs).toBeLessThan(200);
    const summary = events.at(-1);
    expect(summary?.type).toBe("summary");
    expect(summary?.kernel?.scope).toBe("namespace");
    expect(summary?.kernel?.counters?.find((c) => c.name === "RetransSegs")?.delta).toBeGreaterThan(0);
    expect(events.some((e) => e.type === "diagnostic" && e.code === "tcp-retransmits")).toBe(true);

    const words = await sockscope(LOSSY, [
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
    const run = await sockscope(undefined, ["--json", "-o", out, "--", flood, String(port), "8", "1500"]);
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

  it("--no-kernel-state reads nothing of it, and --stable never does", async () => {
    for (const flag of ["--no-kernel-state", "--stable"]) {
      const out = join(work.dir, `off${flag}.jsonl`);
      const run = await sockscope(undefined, [
        "--json",
        flag,
        "-o",
        out,
        "--",
        bulk,
        "4",
        String(pickPort()),
      ]);
      expect(run.exitCode).toBe(0);
      const events = eventsOf(out);
      expect(events.some((e) => e.kernel !== undefined)).toBe(false);
    }
  });

  it("without ss on PATH: a note in the summary, and the trace as ever", async () => {
    const out = join(work.dir, "noss.jsonl");
    const strace = (await execa("sh", ["-c", "command -v strace"])).stdout.trim();
    const run = await sockscope(undefined, ["--json", "-o", out, "--", bulk, "4", String(pickPort())], {
      PATH: "/nonexistent",
      SOCKSCOPE_STRACE: strace,
    });
    expect(run.exitCode).toBe(0);
    const events = eventsOf(out);
    expect(events.filter((e) => e.type === "connection").length).toBeGreaterThan(0);
    const notes = events.at(-1)?.kernel?.notes ?? [];
    expect(notes.join("\n")).toMatch(/ss/);
  });
});
