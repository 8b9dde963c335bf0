// The /proc/net readers on files recorded in a namespace during a listen-backlog flood
// (fixtures/kernel/state/README.md says how).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import {
  counterDeltas,
  parseProcNetCounters,
  parseProcNetListeners,
  procNetAddress,
  REPORTED_COUNTERS,
} from "../../src/kernel/proc-net.js";

const DIR = join(import.meta.dirname, "..", "..", "fixtures", "kernel", "state");
const read = (name: string) => readFileSync(join(DIR, name), "utf8");
const counters = (when: string) =>
  new Map([
    ...parseProcNetCounters(read(`snmp-${when}.txt`)),
    ...parseProcNetCounters(read(`netstat-${when}.txt`)),
  ]);

test("snmp and netstat: every group's names paired with its values", () => {
  const before = counters("before");
  expect(before.get("Tcp.MaxConn")).toBe(-1);
  expect(before.get("Tcp.RtoMin")).toBe(200);
  expect(before.get("Udp.RcvbufErrors")).toBe(0);
  expect(before.get("TcpExt.ListenOverflows")).toBe(0);
  expect(before.get("IpExt.InOctets")).toBe(0);
  // Every name of every group line is there.
  const text = read("netstat-before.txt");
  const names = text.split("\n")[0]?.split(/\s+/).slice(1) ?? [];
  for (const name of names) expect(before.has(`TcpExt.${name}`)).toBe(true);
});

test("a backlog flood: overflows, drops and SYN retransmissions, only non-zero deltas", () => {
  const deltas = counterDeltas(counters("before"), counters("after"));
  const by = new Map(deltas.map((d) => [`${d.group}.${d.name}`, d.delta]));
  expect(by.get("TcpExt.ListenOverflows")).toBeGreaterThan(0);
  expect(by.get("TcpExt.ListenDrops")).toBeGreaterThanOrEqual(by.get("TcpExt.ListenOverflows") ?? 0);
  expect(by.get("TcpExt.TCPSynRetrans")).toBeGreaterThan(0);
  expect(by.get("Tcp.RetransSegs")).toBeGreaterThan(0);
  for (const d of deltas) expect(d.delta).not.toBe(0);
  for (const d of deltas) expect(REPORTED_COUNTERS).toContain(`${d.group}.${d.name}`);
  // Only the names asked for, in their order.
  expect(
    counterDeltas(counters("before"), counters("after"), ["TcpExt.ListenDrops", "Tcp.RetransSegs"]),
  ).toEqual([
    { group: "TcpExt", name: "ListenDrops", delta: by.get("TcpExt.ListenDrops") },
    { group: "Tcp", name: "RetransSegs", delta: by.get("Tcp.RetransSegs") },
  ]);
});

test("counters that are missing on one side or garbage lines give nothing", () => {
  expect(parseProcNetCounters("Tcp: a b\nTcp: 1\nTcp: 1 2\nUdp: x\nIp: 3\n\u0000")).toEqual(new Map());
  expect(parseProcNetCounters("Tcp: a b\nTcp: 1 2\n")).toEqual(
    new Map([
      ["Tcp.a", 1],
      ["Tcp.b", 2],
    ]),
  );
  expect(counterDeltas(new Map(), new Map([["Tcp.RetransSegs", 3]]))).toEqual([]);
});

test("/proc/net/tcp and tcp6: the listeners with full accept queues (backlog 1 holds 2)", () => {
  const v4 = parseProcNetListeners(read("proc-net-tcp-flood.txt"));
  const v6 = parseProcNetListeners(read("proc-net-tcp6-flood.txt"));
  expect(v4).toHaveLength(1);
  expect(v4[0]?.local).toMatch(/^127\.0\.0\.1:\d+$/);
  expect(v4[0]?.queued).toBe(2);
  expect(v6).toHaveLength(1);
  expect(v6[0]?.local).toMatch(/^\[::1\]:\d+$/);
  expect(v6[0]?.queued).toBe(2);
  // The same listeners as ss -ltn printed at the same moment.
  const ss = read("ss-listeners-flood.txt");
  for (const l of [...v4, ...v6]) expect(ss).toContain(l.local);
});

test("addresses: the kernel's words in the machine's byte order", () => {
  expect(procNetAddress("0100007F:1F90")).toBe("127.0.0.1:8080");
  expect(procNetAddress("7F000001:1F90", false)).toBe("127.0.0.1:8080");
  expect(procNetAddress("00000000:0050")).toBe("0.0.0.0:80");
  expect(procNetAddress("00000000000000000000000001000000:0016")).toBe("[::1]:22");
  expect(procNetAddress("0000000000000000FFFF00000100007F:0016")).toBe("[::ffff:127.0.0.1]:22");
  expect(procNetAddress("00000000000000000000000000000000:0016")).toBe("[::]:22");
  expect(procNetAddress("nonsense")).toBeUndefined();
  expect(parseProcNetListeners("garbage\n  0: zz 0A\n")).toEqual([]);
});
