// Explanations fitted to a call's arguments and to what the model knows of its socket: option
// texts from the value set, sendmmsg with vlen 0, bind's port, what an EAGAIN was, the somaxconn
// clamp quoted only as the traced machine's, and why a call fell to the generic path.
import { describe, expect, test } from "vitest";
import type { CallFacts } from "../../src/catalogue/kernel-paths.js";
import type { PathSet } from "../../src/catalogue/schema.js";
import type { SyscallEvent } from "../../src/core/events.js";
import { genericPathNote } from "../../src/explain/arguments.js";
import { storedBuffer } from "../../src/explain/computed.js";
import { eventsFromText } from "../../src/pipeline.js";

const TCP6 = "3<TCPv6:[[::1]:4000->[::1]:80]>";
const ADDR6 = (port: number, ip = "::") =>
  `{sa_family=AF_INET6, sin6_port=htons(${port}), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "${ip}", &sin6_addr), sin6_scope_id=0}`;

function run(lines: string[], envIsTraced = false): SyscallEvent[] {
  const text = lines.map((l, i) => `100 1700000000.${String(i + 1).padStart(6, "0")} ${l}`).join("\n");
  return eventsFromText(`${text}\n`, {
    explain: {
      depth: "brief",
      os: "linux",
      env: { somaxconn: 4096, rmemMax: 212992, wmemMax: 212992, pingGroupRange: "1\t0" },
      envIsTraced,
    },
  }).filter((e): e is SyscallEvent => e.type === "syscall");
}

const notes = (e: SyscallEvent | undefined) => e?.explain?.notes.join("\n") ?? "";

describe("setsockopt: the option's effect with this value", () => {
  const calls = run([
    "socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP) = 3<TCPv6:[100]>",
    "setsockopt(3<TCPv6:[100]>, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=0}, 8) = 0",
    "setsockopt(3<TCPv6:[100]>, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=5}, 8) = 0",
    "setsockopt(3<TCPv6:[100]>, SOL_SOCKET, SO_LINGER, {l_onoff=0, l_linger=0}, 8) = 0",
    "setsockopt(3<TCPv6:[100]>, SOL_SOCKET, SO_RCVTIMEO_OLD, {tv_sec=0, tv_usec=0}, 16) = 0",
    'setsockopt(3<TCPv6:[100]>, SOL_SOCKET, SO_SNDTIMEO_OLD, "\\0\\0\\0\\0\\0\\0\\0\\0\\240\\206\\1\\0\\0\\0\\0\\0", 16) = 0',
    "setsockopt(3<TCPv6:[100]>, SOL_SOCKET, SO_KEEPALIVE, [0], 4) = 0",
    "setsockopt(3<TCPv6:[100]>, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0",
  ]);
  const [, reset, wait, off, noTimeout, rawTimeout, keepaliveOff, reuse] = calls;

  test("SO_LINGER {1, 0}: close() will send RST; {1, 5}: close() waits; {0, 0}: the default", () => {
    expect(reset?.explain?.summary).toMatch(
      /^SO_LINGER \{l_onoff=1, l_linger=0\} on fd 3: close\(\) will abort .*RST/,
    );
    expect(wait?.explain?.summary).toMatch(/close\(\) will wait up to 5 s/);
    expect(off?.explain?.summary).toMatch(/linger off \(the default\)/);
    expect(reset?.explain?.summary).not.toMatch(/changed a field/);
    // The option's own case notes, filled with the value.
    expect(notes(reset)).toContain("SO_LINGER {l_onoff=1, l_linger=0} on fd 3:");
  });

  test("timeouts: {0, 0} is none; the raw bytes strace printed for a split call are read too", () => {
    expect(noTimeout?.explain?.summary).toMatch(/\{0, 0\} means no timeout/);
    expect(rawTimeout?.explain?.summary).toMatch(
      /^SO_SNDTIMEO \{tv_sec=0, tv_usec=100000\} on fd 3: a blocking send .* longer than 100 ms now fails with EAGAIN/,
    );
  });

  test("on/off options: 0 turns them off, 1 on, with the option's own case notes", () => {
    expect(keepaliveOff?.explain?.summary).toBe("SO_KEEPALIVE turned off on fd 3.");
    expect(reuse?.explain?.summary).toMatch(/^SO_REUSEADDR 1 on fd 3: turned on: lets bind\(\)/);
    expect(notes(reuse)).toContain("SO_REUSEADDR=1 on fd 3: nothing happens now");
  });
});

describe("buffers and backlogs: numbers the kernel uses, and whose sysctls", () => {
  test("storedBuffer follows sk_setsockopt: cap, INT_MAX/2, doubling, floor; FORCE ignores the cap", () => {
    expect(storedBuffer("SO_SNDBUF", 324, 212992)).toBe(4608);
    expect(storedBuffer("SO_RCVBUF", 100, 212992)).toBe(2304);
    expect(storedBuffer("SO_RCVBUF", 65536, 212992)).toBe(131072);
    expect(storedBuffer("SO_RCVBUF", 1 << 20, 212992)).toBe(425984);
    expect(storedBuffer("SO_SNDBUF", -1, 212992)).toBe(425984);
    expect(storedBuffer("SO_RCVBUFFORCE", -5, undefined)).toBe(2304);
    expect(storedBuffer("SO_SNDBUF", 1 << 20, undefined)).toBeUndefined();
  });

  const lines = [
    "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3<TCP:[100]>",
    "setsockopt(3<TCP:[100]>, SOL_SOCKET, SO_RCVBUF, [1048576], 4) = 0",
    "listen(3<TCP:[100]>, -1) = 0",
  ];

  test("live (or values the log records): the cap and somaxconn are quoted as the traced machine's", () => {
    const [, set, listen] = run(lines, true);
    expect(notes(set)).toContain(
      "SO_RCVBUF 1048576 → the kernel stores 425984 (capped at net.core.rmem_max = 212992, then doubled)",
    );
    expect(notes(listen)).toMatch(
      /backlog asked \(-1\) is above net\.core\.somaxconn \(4096 on the traced machine; a negative/,
    );
  });

  test("reading a log: the reading machine's sysctls are not presented as the traced machine's", () => {
    const [, set, listen] = run(lines);
    expect(notes(set)).toMatch(/stores 2097152 \(doubled\) if net\.core\.rmem_max \(unknown in this log\)/);
    expect(notes(set)).not.toContain("212992");
    expect(notes(listen)).toMatch(/somaxconn, which is unknown in this log/);
    expect(listen?.explain?.summary).not.toContain("4096");
  });
});

describe("arguments that change the story", () => {
  test("sendmmsg with vlen 0 sends and binds nothing", () => {
    const [, mmsg] = run([
      "socket(AF_INET6, SOCK_DGRAM, IPPROTO_IP) = 4<UDPv6:[101]>",
      "sendmmsg(4<UDPv6:[101]>, NULL, 0, 0) = 0",
    ]);
    expect(mmsg?.steps).toBeUndefined();
    expect(mmsg?.explain?.summary).toMatch(/vlen 0 .*nothing was sent and an unbound socket stays unbound/);
  });

  test("an AF_INET6 socket's implicit bind is to [::], not 0.0.0.0", () => {
    const [, send] = run([
      "socket(AF_INET6, SOCK_DGRAM, IPPROTO_IP) = 4<UDPv6:[101]>",
      `sendto(4<UDPv6:[101]>, "x", 1, 0, ${ADDR6(53, "::1")}, 28) = 1`,
    ]);
    expect(send?.steps?.[0]?.text).toMatch(/bound it to \[::\] and an ephemeral port/);
  });

  test("'the kernel picked a free port' only when the port asked was 0", () => {
    const [, fixed, , zero] = run([
      "socket(AF_INET6, SOCK_DGRAM, IPPROTO_IP) = 4<UDPv6:[101]>",
      `bind(4<UDPv6:[101]>, ${ADDR6(5353)}, 28) = 0`,
      "socket(AF_INET6, SOCK_DGRAM, IPPROTO_IP) = 5<UDPv6:[102]>",
      `bind(5<UDPv6:[102]>, ${ADDR6(0)}, 28) = 0`,
    ]);
    expect(`${fixed?.explain?.summary}\n${notes(fixed)}`).not.toMatch(/picked a free port|Port 0/);
    expect(notes(zero)).toMatch(/^Port 0 was asked for, so the kernel picked a free port/m);
  });

  test("a read of 0 after this end's SHUT_WR: half-closed, and no 'can still write'", () => {
    const calls = run([
      "socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP) = 3<TCPv6:[100]>",
      `connect(3<TCPv6:[100]>, ${ADDR6(80, "::1")}, 28) = 0`,
      `shutdown(${TCP6}, SHUT_WR) = 0`,
      `read(${TCP6}, "", 10) = 0`,
    ]);
    const read = calls.find((e) => e.name === "read");
    expect(read?.stateBefore).toBe("half-closed-write");
    expect(read?.explain?.summary).not.toMatch(/can still write/);
  });
});

describe("EAGAIN: a timeout only on a blocking call with one set", () => {
  const eagain = (fd: string, flags = "0") =>
    `recvfrom(${fd}, 0x7ff0, 10, ${flags}, NULL, NULL) = -1 EAGAIN (Resource temporarily unavailable)`;

  test("a socket from before the log: blocking mode unknown, and no timeout claimed", () => {
    const [read] = run([eagain("7<TCP:[1.2.3.4:5->1.2.3.4:6]>")]);
    expect(read?.socket?.blockingUnknown).toBe(true);
    expect(notes(read)).toMatch(/^Blocking mode unknown: fd 7 was first seen already open/m);
    expect(read?.explain?.summary).not.toMatch(/SO_RCVTIMEO/);
    const [full] = eventsFromText(`100 1700000000.000001 ${eagain("7<TCP:[1.2.3.4:5->1.2.3.4:6]>")}\n`, {
      explain: { depth: "full", os: "linux", env: {} },
    }).filter((e): e is SyscallEvent => e.type === "syscall");
    expect(full?.explain?.blocking).toMatch(/^Blocking mode unknown .*If blocking: .*\. If non-blocking: /);
  });

  test("MSG_DONTWAIT, O_NONBLOCK (ioctl FIONBIO), blocking without a timeout, blocking with one", () => {
    const fd = "3<TCP:[127.0.0.1:4000->127.0.0.1:80]>";
    const calls = run([
      "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3<TCP:[100]>",
      `connect(3<TCP:[100]>, {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("127.0.0.1")}, 16) = 0`,
      eagain(fd, "MSG_DONTWAIT"),
      eagain(fd),
      "setsockopt(3<TCP:[127.0.0.1:4000->127.0.0.1:80]>, SOL_SOCKET, SO_RCVTIMEO_OLD, {tv_sec=1, tv_usec=0}, 16) = 0",
      eagain(fd),
      `ioctl(${fd}, FIONBIO, [1]) = 0`,
      eagain(fd),
    ]);
    const [dontwait, noTimeout, timeout, nonblocking] = calls.filter((e) => e.errno === "EAGAIN");
    expect(notes(dontwait)).toMatch(/^Would block: this call passed MSG_DONTWAIT/m);
    expect(notes(noTimeout)).toMatch(/no SO_RCVTIMEO set on it, so this EAGAIN is not a timeout/);
    expect(notes(timeout)).toMatch(
      /^Timed out: fd 3 is blocking and has SO_RCVTIMEO \{tv_sec=1, tv_usec=0\}/m,
    );
    expect(notes(nonblocking)).toMatch(/^Would block: fd 3 is non-blocking/m);
  });
});

describe("the generic path", () => {
  const set = {
    syscall: "read",
    paths: [
      { id: "tcp", title: "TCP", when: { transport: ["tcp"] }, steps: [], structures: [], wire: "" },
      { id: "any", title: "any socket", when: {}, steps: [], structures: [], wire: "" },
    ],
  } as unknown as PathSet;
  const [read] = run(['read(7<socket:[123]>, "", 10) = 0']);

  test("says why: the family is unknown, the socket being older than the log", () => {
    const facts: CallFacts = { result: "eof" };
    const note =
      read === undefined ? undefined : genericPathNote(read, set, set.paths[1] as PathSet["paths"][0], facts);
    expect(note).toMatch(/^Generic path: family unknown: the socket was created before this log starts/);
  });

  test("says nothing when a specific path was taken, or when the set has only the generic one", () => {
    const facts: CallFacts = { result: "ok", family: "AF_INET", transport: "tcp" };
    if (read === undefined) throw new Error("no read");
    expect(genericPathNote(read, set, set.paths[0] as PathSet["paths"][0], facts)).toBeUndefined();
    const single = { ...set, paths: [set.paths[1]] } as PathSet;
    expect(genericPathNote(read, single, single.paths[0] as PathSet["paths"][0], facts)).toBeUndefined();
  });
});

describe("the steps this call ran: a NULL argument, another kernel, a case the trace cannot show", () => {
  const full = (lines: string[]) =>
    eventsFromText(
      `${lines.map((l, i) => `100 1700000000.${String(i + 1).padStart(6, "0")} ${l}`).join("\n")}\n`,
      {
        explain: { depth: "full", os: "linux", env: {} },
      },
    ).filter((e): e is SyscallEvent => e.type === "syscall");
  const LISTENER = "3<TCP:[127.0.0.1:8080]>";
  const calls = full([
    "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3<TCP:[100]>",
    'bind(3<TCP:[100]>, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("127.0.0.1")}, 16) = 0',
    `listen(${LISTENER}, 16) = 0`,
    `accept4(${LISTENER}, NULL, NULL, SOCK_CLOEXEC) = 4<TCP:[127.0.0.1:8080->127.0.0.1:50000]>`,
    `accept4(${LISTENER}, {sa_family=AF_INET, sin_port=htons(50001), sin_addr=inet_addr("127.0.0.1")}, [16], SOCK_CLOEXEC) = 5<TCP:[127.0.0.1:8080->127.0.0.1:50001]>`,
    "socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK, IPPROTO_TCP) = 6<TCP:[101]>",
    'connect(6<TCP:[101]>, {sa_family=AF_INET, sin_port=htons(8081), sin_addr=inet_addr("127.0.0.1")}, 16) = -1 EINPROGRESS (Operation now in progress)',
  ]);
  const [withoutAddress, withAddress] = calls.filter((e) => e.name === "accept4");

  test("accept without an address buffer never fills one: no getname, no copy to user space", () => {
    expect(withoutAddress?.explain?.kernel.join(" ")).not.toMatch(/inet_getname|move_addr_to_user/);
    expect(withAddress?.explain?.kernel.join(" ")).toMatch(
      /inet_getname \(net\/ipv4\/af_inet\.c\).*move_addr_to_user/,
    );
    // The layers follow the steps the call ran.
    expect(withoutAddress?.explain?.layers?.flatMap((l) => l.functions)).not.toContain("inet_getname");
  });

  test("a step one kernel lacks, or one that runs only in some case, says so", () => {
    // The answer to a non-blocking connect's SYN is not known when the call returns.
    const connect = calls.find((e) => e.name === "connect");
    expect(connect?.explain?.after?.join("\n")).toMatch(
      /^tcp_finish_connect \(net\/ipv4\/tcp_input\.c\), only if /m,
    );
    const texts = calls.flatMap((e) => [...(e.explain?.kernel ?? []), ...(e.explain?.after ?? [])]);
    expect(texts.filter((t) => t.includes(", only if ")).length).toBeGreaterThan(0);
    for (const t of texts.filter((x) => x.includes(" only")))
      expect(t).toMatch(/^\w+ \([\w/.-]+(; 6\.1 only|; 6\.12 only)?\)(, only if .+)?(: .+)?$/);
  });
});
