// Names from a program's own lookups, on hand-written strace lines: DNS answers (A, AAAA, a CNAME
// chain, compression pointers, a cut message), /etc/hosts, and --allow by name.
import { describe, expect, test } from "vitest";
import type { ConnectionEvent, SummaryEvent, SyscallEvent } from "../../src/core/events.js";
import { parseDns } from "../../src/names/dns.js";
import { eventsFromText } from "../../src/pipeline.js";
import { matchesHost, parseHostRule } from "../../src/policy/cidr.js";
import { runCli } from "../helpers/cli.js";

const label = (name: string) =>
  Buffer.concat([
    ...name.split(".").map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l)])),
    Buffer.from([0]),
  ]);

/** A DNS response for `question` with `records` (each: type, rdata), names compressed to the question. */
function response(question: string, records: Array<[type: number, data: Buffer, owner?: Buffer]>): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(0x1234, 0);
  header.writeUInt16BE(0x8180, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(records.length, 6);
  const q = Buffer.concat([label(question), Buffer.from([0, 1, 0, 1])]);
  const rrs = records.map(([type, data, owner]) => {
    const fixed = Buffer.alloc(10);
    fixed.writeUInt16BE(type, 0);
    fixed.writeUInt16BE(1, 2);
    fixed.writeUInt32BE(60, 4);
    fixed.writeUInt16BE(data.length, 8);
    return Buffer.concat([owner ?? Buffer.from([0xc0, 12]), fixed, data]);
  });
  return Buffer.concat([header, q, ...rrs]);
}

/** Bytes as strace prints them in a string (octal escapes for everything not printable). */
const strace = (b: Buffer) =>
  [...b]
    .map((x) =>
      x >= 0x20 && x < 0x7f && x !== 0x22 && x !== 0x5c
        ? String.fromCharCode(x)
        : `\\${x.toString(8).padStart(3, "0")}`,
    )
    .join("");

const A = (ip: string) => Buffer.from(ip.split(".").map(Number));

function trace(answer: Buffer, connectTo = "93.184.216.34", cut = false): string {
  const shown = cut ? answer.subarray(0, 40) : answer;
  return [
    "100 socket(AF_INET, SOCK_DGRAM|SOCK_CLOEXEC|SOCK_NONBLOCK, IPPROTO_IP) = 3<UDP:[10]>",
    '100 connect(3<UDP:[10]>, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("127.0.0.53")}, 16) = 0',
    `100 recvfrom(3<UDP:[127.0.0.1:40000->127.0.0.53:53]>, "${strace(shown)}"${cut ? "..." : ""}, 2048, 0, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("127.0.0.53")}, [28 => 16]) = ${answer.length}`,
    "100 close(3<UDP:[127.0.0.1:40000->127.0.0.53:53]>) = 0",
    "100 socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 4<TCP:[11]>",
    `100 connect(4<TCP:[11]>, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("${connectTo}")}, 16) = 0`,
    `100 close(4<TCP:[10.0.0.2:41000->${connectTo}:443]>) = 0`,
    "100 +++ exited with 0 +++",
    "",
  ].join("\n");
}

describe("DNS messages", () => {
  test("A and AAAA answers, names through compression pointers", () => {
    const v6 = Buffer.alloc(16);
    v6.writeUInt16BE(0x2001, 0);
    v6.writeUInt16BE(0xdb8, 2);
    v6.writeUInt16BE(1, 14);
    const m = parseDns(
      response("Example.COM", [
        [1, A("93.184.216.34")],
        [28, v6],
      ]),
    );
    expect(m?.question).toBe("example.com");
    expect(m?.answers).toEqual([
      { name: "example.com", type: "A", data: "93.184.216.34" },
      { name: "example.com", type: "AAAA", data: "2001:db8::1" },
    ]);
  });

  test("a cut message keeps what came before the cut", () => {
    const full = response("a.test", [
      [1, A("10.0.0.1")],
      [1, A("10.0.0.2")],
    ]);
    const m = parseDns(full.subarray(0, full.length - 2));
    expect(m?.cut).toBe(true);
    expect(m?.answers.map((a) => a.data)).toEqual(["10.0.0.1"]);
  });

  test("not DNS: too short, or not a one-question query", () => {
    expect(parseDns(Buffer.from("hello"))).toBeUndefined();
    expect(parseDns(Buffer.alloc(12))).toBeUndefined();
  });
});

describe("names on connections", () => {
  test("a connection to an answered address carries the name asked for", () => {
    const events = eventsFromText(trace(response("example.com", [[1, A("93.184.216.34")]])));
    const connect = events.find(
      (e): e is SyscallEvent => e.type === "syscall" && e.name === "connect" && e.fd === 4,
    );
    expect(connect?.host).toBe("example.com");
    const conn = events.find((e): e is ConnectionEvent => e.type === "connection" && e.transport === "tcp");
    expect(conn?.remoteHost).toBe("example.com");
    const summary = events.find((e): e is SummaryEvent => e.type === "summary");
    expect(summary?.connections.find((c) => c.transport === "tcp")?.remoteHost).toBe("example.com");
  });

  test("a CNAME chain names the address by the name the program asked for", () => {
    const target = label("edge.cdn.test");
    const answer = response("www.example.com", [
      [5, target],
      [1, A("93.184.216.34"), Buffer.concat([Buffer.from([0xc0, 12 + 17 + 4 + 12])])],
    ]);
    const conn = eventsFromText(trace(answer)).find(
      (e): e is ConnectionEvent => e.type === "connection" && e.transport === "tcp",
    );
    expect(conn?.remoteHost).toBe("www.example.com");
  });

  test("an answer cut before its address: no name, and the summary says why", () => {
    const events = eventsFromText(trace(response("example.com", [[1, A("93.184.216.34")]]), undefined, true));
    const conn = events.find((e): e is ConnectionEvent => e.type === "connection" && e.transport === "tcp");
    expect(conn?.remoteHost).toBeUndefined();
    const summary = events.find((e): e is SummaryEvent => e.type === "summary");
    expect(summary?.hints.join(" ")).toMatch(/1 DNS answer\(s\) were cut/);
  });

  test("/etc/hosts as the program read it (not its loopback names)", () => {
    const text = [
      '100 openat(AT_FDCWD, "/etc/hosts", O_RDONLY|O_CLOEXEC) = 3</etc/hosts>',
      '100 read(3</etc/hosts>, "127.0.0.1 localhost\\n10.1.2.3 db.internal db\\n", 4096) = 44',
      "100 close(3</etc/hosts>) = 0",
      "100 socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 4<TCP:[11]>",
      '100 connect(4<TCP:[11]>, {sa_family=AF_INET, sin_port=htons(5432), sin_addr=inet_addr("10.1.2.3")}, 16) = 0',
      "100 +++ exited with 0 +++",
      "",
    ].join("\n");
    const connect = eventsFromText(text).find(
      (e): e is SyscallEvent => e.type === "syscall" && e.name === "connect",
    );
    expect(connect?.host).toBe("db.internal");
  });
});

describe("--allow by name", () => {
  test("rules: a name, a port, a wildcard for the names under it", () => {
    const exact = parseHostRule("github.com:443");
    expect(exact).toEqual({ host: "github.com", port: 443, text: "github.com:443" });
    expect(matchesHost(exact as never, "GitHub.com", 443)).toBe(true);
    expect(matchesHost(exact as never, "github.com", 80)).toBe(false);
    const wild = parseHostRule("*.npmjs.org");
    expect(matchesHost(wild as never, "registry.npmjs.org", 443)).toBe(true);
    expect(matchesHost(wild as never, "npmjs.org", 443)).toBe(false);
    expect(parseHostRule("10.0.0.1")).toBeUndefined();
    expect(parseHostRule("bad name")).toBeUndefined();
  });

  test("--fail-on external: a resolved name is reported by name, and allowed by it", async () => {
    const log = trace(response("example.com", [[1, A("93.184.216.34")]]));
    const failed = await runCli(["read", "-", "--fail-on", "external", "--format", "text"], { stdin: log });
    expect(failed.code).toBe(3);
    expect(failed.stdout).toMatch(
      /connect\(fd 4\) to example\.com:443 \(93\.184\.216\.34\), outside loopback/,
    );
    const allowed = await runCli(["read", "-", "--fail-on", "external", "--allow", "example.com:443"], {
      stdin: log,
    });
    expect(allowed.code).toBe(0);
    const wrongPort = await runCli(["read", "-", "--fail-on", "external", "--allow", "example.com:80"], {
      stdin: log,
    });
    expect(wrongPort.code).toBe(3);
    const bad = await runCli(["read", "-", "--allow", "not a name"], { stdin: log });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/is not an address, CIDR range or host name/);
  });
});
