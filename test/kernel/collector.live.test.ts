// The kernel collector on real traffic: test/kernel/collector-run.mjs runs the built collector in a
// fresh network namespace (unshare --net, test/helpers/netns.ts: the namespace, its loopback
// settings, iptables rules and counters end with that process, failed or not) and prints what it
// saw as JSON. Delay and loss come from netem where the kernel has it, else from
// fixtures/kernel/state/tools/lossy-lo.py (python3 and iptables; this machine's kernel has no netem).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { expect, test } from "vitest";
import type { KernelSummary, TcpKernelInfo } from "../../src/core/kernel.js";
import { startKernelCollector } from "../../src/kernel/collector.js";
import { inFreshNetns } from "../helpers/netns.js";

const RUN = join(import.meta.dirname, "collector-run.mjs");

async function run(mode: string): Promise<Record<string, unknown>> {
  const result = await execa(...inFreshNetns([process.execPath, RUN, mode]), {
    reject: false,
    stdin: "ignore",
    timeout: 40_000,
  });
  if (result.exitCode !== 0) throw new Error(`collector-run.mjs ${mode} failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

test("a 1 MiB transfer over a delayed, lossy loopback: the sender's destroy event has retransmits and a ~40 ms rtt", async () => {
  const out = (await run("lossy")) as {
    local: string;
    remote: string;
    rec: { local: string; remote: string; info: TcpKernelInfo };
    summary: KernelSummary;
  };
  const info = out.rec.info;
  expect(info.source).toBe("destroyed");
  expect(info.state).toBe("CLOSE");
  expect(info.bytesAcked).toBe((1 << 20) + 2);
  expect(info.retransmits).toBeGreaterThan(0);
  // 20 ms on each way through lo's output: a round trip of 40 ms, a little more with the jitter of
  // the delaying program and delayed ACKs.
  expect(info.minRttMs).toBeGreaterThanOrEqual(39);
  expect(info.minRttMs).toBeLessThan(60);
  expect(info.rttMs).toBeGreaterThanOrEqual(39);
  expect(info.rttMs).toBeLessThan(150);
  expect(out.summary.scope).toBe("namespace");
  expect(out.summary.notes).toEqual([]);
  const retrans = out.summary.counters.find((c) => c.name === "RetransSegs");
  expect(retrans?.delta).toBeGreaterThan(0);
});

test("a listen backlog flood: the watched listener's queue peaked and SYNs overflowed", async () => {
  const out = (await run("flood")) as { listener: string; summary: KernelSummary };
  expect(out.summary.listeners).toHaveLength(1);
  const l = out.summary.listeners[0];
  expect(l?.local).toBe(out.listener);
  expect(l?.peak).toBeGreaterThanOrEqual(1);
  expect(l?.backlog).toBe(1);
  expect(l?.samples).toBeGreaterThanOrEqual(1);
  const overflows = out.summary.counters.find((c) => c.group === "TcpExt" && c.name === "ListenOverflows");
  expect(overflows?.delta).toBeGreaterThan(0);
  expect(out.summary.scope).toBe("namespace");
});

test("no ss, no /proc: notes, no throw, nothing left running", async () => {
  const kc = startKernelCollector({ ss: "/nonexistent/ss", proc: "/nonexistent" });
  await kc.ready;
  kc.watchListener("127.0.0.1:1");
  const { sockets, summary } = await kc.finish([{ local: "127.0.0.1:1", remote: "127.0.0.1:2" }]);
  expect(sockets).toEqual([]);
  expect(summary.notes.join("\n")).toMatch(/ss \(iproute2\) not found/);
  expect(summary.notes.join("\n")).toMatch(/cannot read \/nonexistent\/net\/snmp/);
  expect(summary.counters).toEqual([]);
  kc.close();
  kc.close();
});

test("ss that exits at once: a note, ready resolves, finish resolves", async () => {
  const kc = startKernelCollector({ ss: "/bin/false" });
  await kc.ready;
  const started = Date.now();
  const { summary } = await kc.finish([]);
  expect(Date.now() - started).toBeLessThan(2000);
  expect(summary.notes.join("\n")).toMatch(/ss -E stopped early/);
});

test("a connection still open at finish(): one snapshot gives its tcp_info, to finish and to onSocket", async () => {
  const out = (await run("open")) as {
    local: string;
    remote: string;
    sockets: Array<{ local: string; remote: string; info: TcpKernelInfo }>;
    seen: Array<{ local: string; remote: string; info: TcpKernelInfo }>;
  };
  expect(out.sockets).toHaveLength(1);
  const rec = out.sockets[0];
  expect(rec?.local).toBe(out.local);
  expect(rec?.remote).toBe(out.remote);
  expect(rec?.info.source).toBe("snapshot");
  expect(rec?.info.state).toBe("ESTAB");
  expect(rec?.info.bytesAcked).toBe(6); // "hello" and the SYN
  expect(out.seen).toEqual(out.sockets);
});

// A stand-in for ss, in python3: `-E` subscribes to the destroy events as ss does (so `ready` sees
// it), then reports the socket destroyed only once the snapshot has run and a little after, as the
// kernel does when a queued packet still holds the socket; the snapshot finds it in TIME-WAIT.
const LATE_SS = `#!/usr/bin/env python3
import os, socket, sys, time
trigger = os.path.join(os.path.dirname(os.path.abspath(__file__)), "snapshot-ran")
args = sys.argv[1:]
if "-E" in args:
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 4)  # NETLINK_SOCK_DIAG
    s.bind((0, 1))  # SKNLGRP_INET_TCP_DESTROY
    while not os.path.exists(trigger):
        time.sleep(0.005)
    time.sleep(0.1)
    print("UNCONN 0 0 127.0.0.1:41000 127.0.0.1:42000 ino:0 sk:1")
    print("\\t rto:204 rtt:41.8/2.1 mss:8948 cwnd:28 bytes_acked:1048578 retrans:0/15")
    sys.stdout.flush()
    time.sleep(60)
elif "state" in args:
    open(trigger, "w").close()
    print("TIME-WAIT 0 0 127.0.0.1:41000 127.0.0.1:42000 timer:(timewait,59sec,0) ino:0 sk:1")
`;

test("a socket the snapshot finds in TIME-WAIT: finish() waits for its destroy event, which has the tcp_info", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sockscope-late-ss-"));
  try {
    const ss = join(dir, "ss");
    writeFileSync(ss, LATE_SS, { mode: 0o755 });
    const kc = startKernelCollector({ ss });
    const seen: Array<{ local: string; remote: string; info: TcpKernelInfo }> = [];
    kc.onSocket((rec) => seen.push(rec));
    await kc.ready;
    const { sockets, summary } = await kc.finish([{ local: "127.0.0.1:41000", remote: "127.0.0.1:42000" }]);
    expect(summary.notes).toEqual([]);
    expect(sockets.map((s) => s.info.state)).toEqual(["TIME-WAIT"]);
    // The destroy event comes first, so the record the connection gets is the one with tcp_info.
    expect(seen.map((s) => s.info.source)).toEqual(["destroyed", "snapshot"]);
    expect(seen[0]?.info).toMatchObject({ state: "CLOSE", rttMs: 41.8, retransmits: 15 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
