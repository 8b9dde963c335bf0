// --format pcap on recorded traces, in process: the file's structure (read back block by block), the
// conversations it rebuilds (handshakes, the bytes of each direction in order, FIN and RST as the
// model knows the close, UDP datagrams, unix sockets on their own interface), checksums, payload
// rules (cut, zero-filled, masked) and --stable. tshark reads the same files in pcap.live.test.ts.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { TCP_FIN, TCP_RST, TCP_SYN } from "../../src/render/pcap/packets.js";
import { runCli } from "../helpers/cli.js";
import { createWorkDir } from "../helpers/live.js";
import { LOGS } from "../helpers/logs.js";
import { type ReadFile, readPcapng, tcpBytes } from "../helpers/pcapng.js";

const work = createWorkDir();
afterAll(() => work.remove());

let n = 0;
async function pcapOf(
  input: string | { text: string },
  extra: string[] = [],
): Promise<{ file: ReadFile; bytes: Buffer }> {
  const out = join(work.dir, `out-${n++}.pcapng`);
  let path: string;
  if (typeof input === "string") path = join(LOGS, input);
  else {
    path = join(work.dir, `in-${n}.strace`);
    writeFileSync(path, input.text);
  }
  const r = await runCli(["read", path, "--format", "pcap", "-o", out, ...extra]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const bytes = readFileSync(out);
  return { file: readPcapng(bytes), bytes };
}

describe("the file", () => {
  test("a section header that says the packets are rebuilt, and two raw-IP interfaces", async () => {
    const { file } = await pcapOf("tcp-echo.o-yy-tt-T.strace");
    expect(file.sectionComments.join("\n")).toMatch(/not a capture/);
    expect(file.interfaces.map((i) => [i.linktype, i.name])).toEqual([
      [101, "inet"],
      [101, "unix"],
    ]);
  });

  test("every recorded log gives a file that reads back, with right checksums", async () => {
    const logs = readdirSync(LOGS).filter((f) => f.endsWith(".strace"));
    expect(logs.length).toBeGreaterThan(50);
    for (const log of logs) {
      const { file } = await pcapOf(log);
      let last = 0;
      for (const p of file.packets) {
        expect(p.micros, `${log}: time order`).toBeGreaterThanOrEqual(last);
        last = p.micros;
        expect(p.data.length).toBeLessThanOrEqual(p.length);
        if (p.checksumOk !== undefined) expect(p.checksumOk, `${log}: checksum`).toBe(true);
      }
    }
  });

  test("a trace with no network gives the header alone", async () => {
    const { file } = await pcapOf({
      text: '100 openat(AT_FDCWD, "/etc/hosts", O_RDONLY) = 3\n100 +++ exited with 0 +++\n',
    });
    expect(file.interfaces).toHaveLength(2);
    expect(file.packets).toEqual([]);
  });
});

describe("TCP", () => {
  test("tcp-echo: a handshake, each direction's bytes in order, a FIN from each end", async () => {
    const { file } = await pcapOf("tcp-echo.o-yy-tt-T.strace");
    const syn = file.packets.filter((p) => p.tcp && p.tcp.flags === TCP_SYN);
    expect(syn).toHaveLength(1);
    const client = syn[0]?.tcp?.srcPort as number;
    const server = syn[0]?.tcp?.dstPort as number;
    const up = tcpBytes(file.packets, client, server).toString("latin1");
    const down = tcpBytes(file.packets, server, client).toString("latin1");
    expect(up.length).toBeGreaterThan(0);
    // An echo server: what came back is what went.
    expect(down).toBe(up);
    const fins = file.packets.filter((p) => p.tcp && p.tcp.flags & TCP_FIN);
    expect(new Set(fins.map((p) => p.tcp?.srcPort))).toEqual(new Set([client, server]));
  });

  test("the sequence numbers run on: each segment starts where the last one from its end ended", async () => {
    const { file } = await pcapOf("curl-http.o-yy-tt-T.strace");
    const next = new Map<string, number>();
    for (const p of file.packets) {
      if (!p.tcp) continue;
      const k = `${p.ip.src}:${p.tcp.srcPort}`;
      const expected = next.get(k);
      if (expected !== undefined) expect(p.tcp.seq).toBe(expected);
      const real = p.length - (p.data.length - p.tcp.payload.length);
      next.set(k, (p.tcp.seq + real + (p.tcp.flags & (TCP_SYN | TCP_FIN) ? 1 : 0)) >>> 0);
    }
  });

  test("curl: the request as curl wrote it, and the HTTP response head", async () => {
    const { file } = await pcapOf("curl-http.o-yy-tt-T.strace");
    const request = file.packets.find((p) => p.tcp?.payload.toString("latin1").startsWith("GET "));
    expect(request?.tcp?.payload.toString("latin1")).toMatch(
      /^GET \/ HTTP\/1\.1\r\nHost: 127\.0\.0\.1:\d+\r\n/,
    );
    expect(request?.comments.join(" ")).toMatch(/^pid \d+ sendto\(\d+\), event #\d+/);
    expect(file.packets.some((p) => p.tcp?.payload.toString("latin1").startsWith("HTTP/1.0 200"))).toBe(true);
  });

  test("reset: SO_LINGER 0 closes with a RST; a refused connect is a SYN answered by a RST", async () => {
    const { file } = await pcapOf("reset.o-yy-tt-T.strace");
    const rsts = file.packets.filter((p) => p.tcp && p.tcp.flags & TCP_RST);
    expect(rsts).toHaveLength(2);
    expect(rsts[0]?.comments.join(" ")).toMatch(/SO_LINGER 0: RST/);
    const refusedSyn = file.packets[file.packets.indexOf(rsts[1] as never) - 1];
    expect(refusedSyn?.tcp?.flags).toBe(TCP_SYN);
    expect(refusedSyn?.comments.join(" ")).toMatch(/refused/);
  });

  test("a payload cut by the trace: the real length stays, the captured part is shorter, and says so", async () => {
    const { file } = await pcapOf("curl-http.o-s16.strace");
    const request = file.packets.find((p) => p.tcp?.payload.toString("latin1").startsWith("GET "));
    expect(request?.tcp?.payload.length).toBe(16);
    expect(request?.length).toBeGreaterThan(request?.data.length ?? 0);
    expect(request?.comments.join(" ")).toMatch(/16 captured/);
  });

  test("a trace without -yy: the port the accept saw, else a made-up one that says so", async () => {
    // Both ends traced: the accept's address gives the client's port.
    const both = await pcapOf("tcp-echo.o-y-ttt.strace");
    const syn = both.file.packets.find((p) => p.tcp?.flags === TCP_SYN);
    expect(syn?.tcp?.srcPort).toBe(54394);
    // Only the client traced: its port is not in the trace.
    const text = [
      "100 socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3",
      '100 connect(3, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("127.0.0.1")}, 16) = 0',
      '100 write(3, "ping", 4) = 4',
      "100 close(3) = 0",
      "100 +++ exited with 0 +++",
      "",
    ].join("\n");
    const { file } = await pcapOf({ text });
    const made = file.packets.find((p) => p.tcp?.flags === TCP_SYN);
    expect(made?.tcp?.srcPort).toBeGreaterThanOrEqual(40_000);
    expect(made?.tcp?.dstPort).toBe(8080);
    expect(made?.comments.join(" ")).toMatch(/the local port is not in the trace \(made up\)/);
    expect(tcpBytes(file.packets, made?.tcp?.srcPort ?? 0, 8080).toString()).toBe("ping");
  });
});

describe("UDP and unix", () => {
  test("dns-local: each datagram once, from the client's port to the server's and back", async () => {
    const { file } = await pcapOf("dns-local.o-yy-tt-T.strace");
    const udp = file.packets.filter((p) => p.udp);
    expect(udp).toHaveLength(4);
    const server = udp[0]?.udp?.dstPort;
    expect(udp.map((p) => (p.udp?.dstPort === server ? "query" : "answer"))).toEqual([
      "query",
      "answer",
      "query",
      "answer",
    ]);
    expect(udp.every((p) => p.ip.src === "127.0.0.1" && p.ip.dst === "127.0.0.1")).toBe(true);
    // The DNS header's id as the program wrote it.
    expect(udp[0]?.udp?.payload.subarray(0, 2).toString("hex")).toBe("5c01");
  });

  test("unix sockets go on the unix interface, as TCP between addresses made of their inodes", async () => {
    const { file } = await pcapOf("unix.o-yy-tt-T.strace");
    const unix = file.packets.filter((p) => p.iface === 1);
    expect(unix.length).toBeGreaterThan(0);
    expect(unix.every((p) => p.ip.version === 6 && p.ip.src.startsWith("fd73:6f63:6b00:"))).toBe(true);
    expect(file.packets.filter((p) => p.iface === 0)).toEqual([]);
  });
});

describe("payload rules", () => {
  test("--no-payload: lengths are true, every payload byte is zero, and the file says so", async () => {
    const { file } = await pcapOf("curl-http.o-yy-tt-T.strace", ["--no-payload"]);
    const data = file.packets.filter((p) => (p.tcp?.payload.length ?? 0) > 0);
    expect(data.length).toBeGreaterThan(0);
    for (const p of data) expect(p.tcp?.payload.every((b) => b === 0)).toBe(true);
    expect(file.sectionComments.join(" ")).toMatch(/--no-payload/);
    expect(data[0]?.comments.join(" ")).toMatch(/zero-filled/);
  });

  test("a credential in a buffer is masked in the packet", async () => {
    const text = [
      "100 socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3<TCP:[10]>",
      '100 connect(3<TCP:[10]>, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("127.0.0.1")}, 16) = 0',
      '100 write(3<TCP:[127.0.0.1:40000->127.0.0.1:8080]>, "GET / HTTP/1.1\\r\\nAuthorization: Bearer S3cr3t-token\\r\\n\\r\\n", 53) = 53',
      "100 close(3<TCP:[127.0.0.1:40000->127.0.0.1:8080]>) = 0",
      "100 +++ exited with 0 +++",
      "",
    ].join("\n");
    const { file, bytes } = await pcapOf({ text }, ["--payload", "4096"]);
    expect(bytes.includes("S3cr3t")).toBe(false);
    const request = file.packets.find((p) => p.tcp?.payload.toString("latin1").startsWith("GET "));
    expect(request?.tcp?.payload.toString("latin1")).toContain("Authorization: ***\r\n");
    expect(request?.comments.join(" ")).toMatch(/credentials masked/);
  });

  test("--no-redact: the credential stays, and the file says so", async () => {
    const text = [
      "100 socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3",
      '100 connect(3, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("127.0.0.1")}, 16) = 0',
      '100 write(3, "GET / HTTP/1.1\\r\\nAuthorization: Bearer S3cr3t-token\\r\\n\\r\\n", 53) = 53',
      "100 +++ exited with 0 +++",
      "",
    ].join("\n");
    const { file, bytes } = await pcapOf({ text }, ["--no-redact"]);
    expect(bytes.includes("Bearer S3cr3t-token")).toBe(true);
    expect(file.sectionComments.join(" ")).toMatch(/NOT masked \(--no-redact\)/);
    const r = await runCli(["read", "-", "--no-redact", "--payload", "4096"], { stdin: text });
    expect(r.stdout).toContain("S3cr3t-token");
  });

  test("--stable: the same bytes every time, and the event number as the clock", async () => {
    const a = await pcapOf("forking-server.o-yy-tt-T.strace", ["--stable"]);
    const b = await pcapOf("forking-server.o-yy-tt-T.strace", ["--stable"]);
    expect(a.bytes.equals(b.bytes)).toBe(true);
    expect(a.file.packets.every((p) => p.micros < 1e9)).toBe(true);
  });
});

describe("the CLI", () => {
  test("pcap is not written to a terminal", async () => {
    const r = await runCli(["read", join(LOGS, "tcp-echo.o-yy-tt-T.strace"), "--format", "pcap"], {
      tty: true,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/binary.*-o FILE/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  test("written to a pipe, the file is the same as with -o", async () => {
    const path = join(LOGS, "tcp-echo.o-yy-tt-T.strace");
    const out = join(work.dir, "piped.pcapng");
    await runCli(["read", path, "--format", "pcap", "--stable", "-o", out]);
    const r = await runCli(["read", path, "--format", "pcap", "--stable"]);
    expect(r.code).toBe(0);
    expect(Buffer.from(r.stdout, "latin1").length).toBeGreaterThan(0);
    expect(readPcapng(readFileSync(out)).packets.length).toBeGreaterThan(0);
  });
});
