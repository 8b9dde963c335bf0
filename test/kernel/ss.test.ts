// The ss reader on ss's own output, recorded here (fixtures/kernel/state/README.md says how).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { createSsParser, normalizeSsAddress, parseSs, type SsSocket, ssRate } from "../../src/kernel/ss.js";

const DIR = join(import.meta.dirname, "..", "..", "fixtures", "kernel", "state");
const read = (name: string) => readFileSync(join(DIR, name), "utf8");

function inChunks(text: string, sizes: number[]): SsSocket[] {
  const parser = createSsParser("destroyed");
  const out: SsSocket[] = [];
  let at = 0;
  for (let i = 0; at < text.length; i++) {
    const size = sizes[i % sizes.length] ?? 1;
    out.push(...parser.push(text.slice(at, at + size)));
    at += size;
  }
  return [...out, ...parser.end()];
}

describe("ss -E (destroyed sockets) over a delayed, lossy loopback", () => {
  const text = read("ss-destroyed-lossy.txt");
  const recs = parseSs(text, "destroyed");

  test("one record per socket line, every one CLOSE and destroyed", () => {
    const lines = text.split("\n").filter((l) => l !== "" && !l.startsWith("\t"));
    expect(recs).toHaveLength(lines.length);
    for (const r of recs) expect(r.info).toMatchObject({ state: "CLOSE", source: "destroyed" });
  });

  test("the 1 MiB sender: retransmits, rtt near 2 × 20 ms, bytes, window-limited time", () => {
    const sender = recs.find((r) => (r.info.bytesAcked ?? 0) > 1_000_000);
    expect(sender).toBeDefined();
    const info = sender?.info;
    expect(sender?.local).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(info?.retransmits).toBeGreaterThan(0);
    expect(info?.bytesRetrans).toBeGreaterThan(0);
    expect(info?.rttMs).toBeGreaterThanOrEqual(40);
    expect(info?.rttMs).toBeLessThan(100);
    expect(info?.minRttMs).toBeGreaterThanOrEqual(40);
    expect(info?.bytesSent).toBeGreaterThan(1 << 20);
    expect(info?.bytesAcked).toBe((1 << 20) + 2); // the data, the SYN and the FIN
    expect(info?.deliveryRate).toBeGreaterThan(0);
    expect(info?.busyMs).toBeGreaterThan(0);
    expect(info?.rwndLimitedMs).toBeGreaterThan(0);
    expect(info?.sndWnd).toBeGreaterThan(0);
    expect(info?.recvQ).toBe(0);
    expect(info?.sendQ).toBe(0);
  });

  test("the receiver is the sender's 4-tuple reversed, and received the MiB", () => {
    const sender = recs.find((r) => (r.info.bytesAcked ?? 0) > 1_000_000);
    const receiver = recs.find((r) => r.local === sender?.remote && r.remote === sender?.local);
    expect(receiver?.info.bytesReceived).toBe((1 << 20) + 1);
    expect(receiver?.info.retransmits).toBe(0);
  });

  test("the destroyed listener has a wildcard peer, port 0", () => {
    expect(recs[0]?.remote).toBe("0.0.0.0:0");
  });

  test("split anywhere, the chunks give the same records", () => {
    for (let cut = 0; cut <= text.length; cut++) {
      expect(inChunks(text, [cut || 1, text.length])).toEqual(recs.map((r) => ({ ...r })));
    }
    expect(inChunks(text, [1])).toEqual(recs);
    expect(inChunks(text, [7, 3, 61, 1, 200])).toEqual(recs);
  });

  test("a record is out as soon as its tcp_info line is complete", () => {
    const parser = createSsParser("destroyed");
    const [first = "", second = ""] = text.split("\n");
    expect(parser.push(`${first}\n`)).toEqual([]);
    expect(parser.push(`${second}`)).toEqual([]);
    expect(parser.push("\n")).toHaveLength(1);
  });

  test("garbage lines give nothing and do not disturb the records around them", () => {
    const garbage = [
      "",
      "Failed to find cgroup2 mount",
      "State Recv-Q Send-Q Local Address:Port Peer Address:Port Process",
      "ESTAB x y 1.2.3.4:5 6.7.8.9:10",
      "ESTAB 0 0 1.2.3.4 6.7.8.9:10",
      "ESTAB 0 0 300.2.3.4:5 6.7.8.9:10",
      "ESTAB 0 0 [::1:5 [::1]:10",
      "ESTAB 0 0 [1:2:3:4:5:6:7:8:9]:5 [::1]:10",
      "BOGUS 0 0 1.2.3.4:5 6.7.8.9:10",
      "\u0000\u00ff\ufffd",
    ];
    expect(parseSs(garbage.join("\n"), "destroyed")).toEqual([]);
    const blocks = text.split(/\n(?!\t)/);
    const mixed = blocks.map((b, i) => `${garbage[i % garbage.length]}\n${b}`).join("\n");
    expect(parseSs(mixed, "destroyed")).toEqual(recs);
  });
});

describe("ss snapshot (state all) with IPv6, IPv4-mapped and a dual-stack listener", () => {
  const recs = parseSs(read("ss-snapshot.txt"), "snapshot");

  test("addresses in Address.text form", () => {
    const pairs = recs.map((r) => `${r.info.state} ${r.local} ${r.remote}`);
    expect(pairs.some((p) => /^LISTEN \[::\]:\d+ \[::\]:0$/.test(p))).toBe(true);
    expect(pairs.some((p) => /^ESTAB \[::ffff:127\.0\.0\.1\]:\d+ \[::ffff:127\.0\.0\.1\]:\d+$/.test(p))).toBe(
      true,
    );
    expect(pairs.some((p) => /^ESTAB \[::1\]:\d+ \[::1\]:\d+$/.test(p))).toBe(true);
    expect(pairs.some((p) => /^TIME-WAIT 127\.0\.0\.1:\d+ 127\.0\.0\.1:\d+$/.test(p))).toBe(true);
    for (const r of recs) expect(r.info.source).toBe("snapshot");
  });

  test("Recv-Q and Send-Q: unread bytes, a listener's backlog", () => {
    const unread = recs.find((r) => r.local.startsWith("[::ffff:"));
    expect(unread?.info.recvQ).toBe(100_000);
    expect(unread?.info.bytesReceived).toBe(100_000);
    expect(recs.find((r) => r.info.state === "LISTEN")?.info.sendQ).toBe(8);
  });

  test("a TIME-WAIT socket's blank continuation line gives no tcp_info", () => {
    const tw = recs.find((r) => r.info.state === "TIME-WAIT");
    expect(tw?.info).toEqual({ state: "TIME-WAIT", source: "snapshot", recvQ: 0, sendQ: 0 });
  });

  test("bbr:(…) and skmem:(…) do not leak into the fields", () => {
    const est = recs.find((r) => r.info.bytesSent !== undefined);
    expect(est?.info.rttMs).toBeGreaterThan(0);
    expect(est?.info.minRttMs).toBeGreaterThan(0);
  });
});

test("ss -ltn: a listener's Recv-Q is its accept queue, Send-Q its backlog", () => {
  const recs = parseSs(read("ss-listeners-flood.txt"), "snapshot");
  expect(recs.map((r) => [r.local.replace(/\d+$/, "P"), r.info.recvQ, r.info.sendQ])).toEqual([
    ["127.0.0.1:P", 2, 1],
    ["[::1]:P", 2, 1],
  ]);
});

test("addresses as ss prints them become Address.text", () => {
  expect(normalizeSsAddress("127.0.0.1:8080")).toBe("127.0.0.1:8080");
  expect(normalizeSsAddress("[::1]:8080")).toBe("[::1]:8080");
  expect(normalizeSsAddress("[::ffff:127.0.0.1]:8080")).toBe("[::ffff:127.0.0.1]:8080");
  expect(normalizeSsAddress("[::FFFF:7f00:1]:8080")).toBe("[::ffff:127.0.0.1]:8080");
  expect(normalizeSsAddress("[fe80::1]%eth0:22")).toBe("[fe80::1]:22");
  expect(normalizeSsAddress("10.0.0.1%eth0:22")).toBe("10.0.0.1:22");
  expect(normalizeSsAddress("[2001:db8:0:0:0:0:0:1]:1")).toBe("[2001:db8::1]:1");
  expect(normalizeSsAddress("*:80")).toBe("[::]:80");
  expect(normalizeSsAddress("*:*")).toBe("[::]:0");
  expect(normalizeSsAddress("0.0.0.0:*")).toBe("0.0.0.0:0");
  expect(normalizeSsAddress("127.0.0.1:99999")).toBeUndefined();
  expect(normalizeSsAddress("localhost:80")).toBeUndefined();
  expect(normalizeSsAddress(":80")).toBeUndefined();
});

test("rates as sprint_bw prints them, in bits per second", () => {
  expect(ssRate("6419112bps")).toBe(6_419_112);
  expect(ssRate("123Mbps")).toBe(123_000_000);
  expect(ssRate("45.6kbps")).toBe(45_600);
  expect(ssRate("45.6Kbps")).toBe(45_600);
  expect(ssRate("1.5Gbps")).toBe(1_500_000_000);
  expect(ssRate("789bps")).toBe(789);
  expect(ssRate("fast")).toBeUndefined();
});
