// parseLine over the line shapes strace really prints. Every `line` with a `from` is copied verbatim
// from that recorded log (checked below); the few shapes the recordings do not contain are built the
// way strace prints them and say why in `built`.
//
// parseLine only delimits a syscall's arguments (`argsText`); a row's `args` is what they decode to
// (decodeArgs, as the stitched call decodes them on first use), so each row still pins the values.
import { describe, expect, test } from "vitest";
import type { TraceLine } from "../../src/core/lines.js";
import type { Value } from "../../src/core/values.js";
import { parseLine } from "../../src/parse/parse-line.js";
import { decodeArgs } from "../../src/stitch/call.js";
import { logLines } from "../helpers/fixtures.js";
import { expectTraceLine } from "../helpers/trace-line.js";

interface Row {
  name: string;
  line: string;
  /** The log the line was copied from. */
  from?: string;
  /** Why the line is built rather than copied. */
  built?: string;
  /** The input ended after this line with no newline. */
  truncated?: boolean;
  /** The line's fields; `args` here is matched against the decoded `argsText`. */
  expected: Record<string, unknown>;
  /** Further assertions that a partial object cannot express. */
  check?: (line: TraceLine) => void;
}

const near = (n: number) => expect.closeTo(n, 6);
const ERR = "tcp-echo.err-yy-tt.strace";

/** Parses, checks the result is exactly a TraceLine (nothing unknown, nothing of the wrong kind), returns it. */
function parse(row: Pick<Row, "line" | "truncated">, lineNo = 7): TraceLine {
  return expectTraceLine(parseLine(row.line, lineNo, row.truncated === true));
}

/** The decoded arguments of a syscall line. */
function syscallArgs(line: TraceLine): Value[] {
  if (line.kind !== "syscall") throw new Error(`expected a syscall, got ${line.kind}`);
  return decodeArgs(line.argsText);
}

function field(v: Value | undefined, ...path: (string | number)[]): Value | undefined {
  let cur: Value | undefined = v;
  for (const key of path) {
    if (cur === undefined) return undefined;
    if (typeof key === "number") cur = cur.kind === "array" ? cur.items[key] : undefined;
    else cur = cur.kind === "struct" ? cur.fields[key] : undefined;
  }
  return cur;
}

const prefixRows: Row[] = [
  {
    name: "stderr prefix `[pid  8216] ` with -tt and -T",
    line: "[pid  8216] 01:18:25.382409 close(3<TCP:[127.0.0.1:47001]>) = 0 <0.000010>",
    from: ERR,
    expected: {
      kind: "syscall",
      pid: 8216,
      time: near(4705.382409),
      name: "close",
      ret: { value: 0 },
      duration: 0.00001,
    },
    check: (l) => expect(l).not.toHaveProperty("rel"),
  },
  {
    name: "-o prefix `8196  ` with no timestamp and padding before ` = `",
    line: "8196  exit_group(0)                     = ?",
    from: "tcp-echo.o-plain.strace",
    expected: {
      kind: "syscall",
      pid: 8196,
      name: "exit_group",
      argsText: "0",
      args: [{ kind: "num", value: 0 }],
      ret: { value: null, text: "?" },
    },
    check: (l) => {
      expect(l).not.toHaveProperty("time");
      expect(l).not.toHaveProperty("duration");
    },
  },
  {
    name: "no pid (the first process on stderr) with -tt",
    line: "01:18:25.379079 brk(NULL)               = 0x5621c7ecb000 <0.000009>",
    from: ERR,
    expected: {
      kind: "syscall",
      pid: null,
      time: near(4705.379079),
      name: "brk",
      argsText: "NULL",
      args: [{ kind: "null" }],
      ret: { value: 0x5621c7ecb000, text: "0x5621c7ecb000" },
      duration: 0.000009,
    },
  },
  {
    name: "no pid and no timestamp at all",
    line: "socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3",
    built: "strace without -f, -o or -t; the recordings always use one of them",
    expected: {
      kind: "syscall",
      pid: null,
      name: "socket",
      argsText: "AF_INET, SOCK_STREAM, IPPROTO_IP",
      args: [
        { kind: "sym", value: "AF_INET" },
        { kind: "sym", value: "SOCK_STREAM" },
        { kind: "sym", value: "IPPROTO_IP" },
      ],
      ret: { value: 3, text: "3" },
    },
    check: (l) => {
      expect(l).not.toHaveProperty("time");
      expect(l).not.toHaveProperty("rel");
    },
  },
  {
    name: "-t alone: whole seconds since midnight",
    line: "8115  01:18:25 listen(3<TCP:[127.0.0.1:47001]>, 4) = 0",
    built: "the o-t-r line below without its `(+ …)`, as -t without -r prints it",
    expected: { kind: "syscall", pid: 8115, time: 4705, name: "listen", ret: { value: 0 } },
    check: (l) => expect(l).not.toHaveProperty("rel"),
  },
  {
    name: "-ttt: epoch seconds with microseconds",
    line: "8095  1795655905.241479 listen(3<socket:[14386]>, 4) = 0",
    from: "tcp-echo.o-y-ttt.strace",
    expected: { kind: "syscall", pid: 8095, time: 1795655905.241479, name: "listen" },
    check: (l) => expect(l).not.toHaveProperty("rel"),
  },
  {
    name: "-r alone: a relative time, not an epoch",
    line: "8115       0.000289 listen(3<TCP:[127.0.0.1:47001]>, 4) = 0",
    built: "strace -r prints `%6ld.%06ld ` after the -o pid; no recording uses -r without -t",
    expected: { kind: "syscall", pid: 8115, rel: 0.000289, name: "listen", ret: { value: 0 } },
    check: (l) => expect(l).not.toHaveProperty("time"),
  },
  {
    name: "-r alone, no pid",
    line: "     0.000027 socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3",
    built: "strace -r without -f",
    expected: { kind: "syscall", pid: null, rel: 0.000027, name: "socket", ret: { value: 3 } },
  },
  {
    name: "-t -r: `01:18:25 (+     0.000289) `",
    line: "8115  01:18:25 (+     0.000289) listen(3<TCP:[127.0.0.1:47001]>, 4) = 0",
    from: "tcp-echo.o-t-r.strace",
    expected: { kind: "syscall", pid: 8115, time: 4705, rel: 0.000289, name: "listen", ret: { value: 0 } },
  },
  {
    name: "-t -r on an exit_group",
    line: "8116  01:18:25 (+     0.000012) exit_group(0) = ?",
    from: "tcp-echo.o-t-r.strace",
    expected: {
      kind: "syscall",
      pid: 8116,
      time: 4705,
      rel: 0.000012,
      name: "exit_group",
      ret: { value: null },
    },
  },
];

const decorationRows: Row[] = [
  {
    name: "TCP listener decoration and a connected one as the return",
    line: '8075  01:18:25.215193 <... accept resumed>{sa_family=AF_INET, sin_port=htons(54380), sin_addr=inet_addr("127.0.0.1")}, [16]) = 4<TCP:[127.0.0.1:47001->127.0.0.1:54380]> <0.001030>',
    from: "tcp-echo.o-yy-tt-T.strace",
    expected: {
      kind: "resumed",
      pid: 8075,
      name: "accept",
      argsText: '{sa_family=AF_INET, sin_port=htons(54380), sin_addr=inet_addr("127.0.0.1")}, [16]',
      duration: 0.00103,
      ret: {
        value: 4,
        text: "4",
        decoration: {
          text: "TCP:[127.0.0.1:47001->127.0.0.1:54380]",
          protocol: "TCP",
          family: "AF_INET",
          local: { family: "AF_INET", ip: "127.0.0.1", port: 47001, text: "127.0.0.1:47001" },
          remote: { family: "AF_INET", ip: "127.0.0.1", port: 54380, text: "127.0.0.1:54380" },
        },
      },
    },
  },
  {
    name: "TCPv6 with bracketed addresses nested in the bracketed decoration",
    line: '8583  01:18:26.101710 <... accept resumed>{sa_family=AF_INET6, sin6_port=htons(54824), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}, [28]) = 4<TCPv6:[[::1]:47006->[::1]:54824]> <0.001136>',
    from: "ipv6.o-yy-tt-T.strace",
    expected: {
      kind: "resumed",
      name: "accept",
      ret: {
        value: 4,
        decoration: {
          protocol: "TCPv6",
          family: "AF_INET6",
          local: { family: "AF_INET6", ip: "::1", port: 47006, text: "[::1]:47006" },
          remote: { family: "AF_INET6", ip: "::1", port: 54824, text: "[::1]:54824" },
        },
      },
    },
  },
  {
    name: "TCPv6 listener decoration on an argument",
    line: "8583  01:18:26.100079 listen(3<TCPv6:[[::1]:47006]>, 4) = 0 <0.000038>",
    from: "ipv6.o-yy-tt-T.strace",
    expected: {
      kind: "syscall",
      argsText: "3<TCPv6:[[::1]:47006]>, 4",
      args: [
        {
          kind: "fd",
          fd: 3,
          decoration: {
            text: "TCPv6:[[::1]:47006]",
            protocol: "TCPv6",
            local: { text: "[::1]:47006", port: 47006 },
          },
        },
        { kind: "num", value: 4 },
      ],
    },
    check: (l) => expect(syscallArgs(l)[0]).not.toHaveProperty("decoration.remote"),
  },
  {
    name: "TCP socket before bind: only the inode",
    line: '01:18:25.931009 connect(4<TCP:[15857]>, {sa_family=AF_INET, sin_port=htons(47004), sin_addr=inet_addr("127.0.0.1")}, 16) = -1 EINPROGRESS (Operation now in progress) <0.000074>',
    from: "nonblocking-connect.nof-yy.strace",
    expected: {
      kind: "syscall",
      pid: null,
      argsText:
        '4<TCP:[15857]>, {sa_family=AF_INET, sin_port=htons(47004), sin_addr=inet_addr("127.0.0.1")}, 16',
      args: [
        {
          kind: "fd",
          fd: 4,
          decoration: { text: "TCP:[15857]", protocol: "TCP", family: "AF_INET", inode: 15857 },
        },
        { kind: "struct", addr: { text: "127.0.0.1:47004" } },
        { kind: "num", value: 16 },
      ],
      ret: { value: -1, errno: "EINPROGRESS", errnoText: "Operation now in progress" },
    },
  },
  {
    name: "UDP autobound to 0.0.0.0",
    line: '18168 sendto(3<UDP:[0.0.0.0:51891]>, "\\\\\\2\\1\\0\\0\\1\\0\\0\\0\\0\\0\\0a\\0b\\t"..., 29, 0, {sa_family=AF_INET, sin_port=htons(48701), sin_addr=inet_addr("127.0.0.1")}, 16) = 29 <0.000076>',
    from: "dns-local.o-s16.strace",
    expected: {
      kind: "syscall",
      pid: 18168,
      argsText:
        '3<UDP:[0.0.0.0:51891]>, "\\\\\\2\\1\\0\\0\\1\\0\\0\\0\\0\\0\\0a\\0b\\t"..., 29, 0, {sa_family=AF_INET, sin_port=htons(48701), sin_addr=inet_addr("127.0.0.1")}, 16',
      args: [
        {
          kind: "fd",
          fd: 3,
          decoration: { protocol: "UDP", family: "AF_INET", local: { text: "0.0.0.0:51891", ip: "0.0.0.0" } },
        },
        { kind: "str", value: "\\\x02\x01\0\0\x01\0\0\0\0\0\0a\0b\t", bytes: 16, truncated: true },
        { kind: "num", value: 29 },
        { kind: "num", value: 0 },
        {
          kind: "struct",
          addr: { family: "AF_INET", ip: "127.0.0.1", port: 48701, text: "127.0.0.1:48701" },
        },
        { kind: "num", value: 16 },
      ],
      ret: { value: 29 },
    },
  },
  {
    name: "UNIX-STREAM with peer inode and path, on a poll fd inside a struct",
    line: '8391  01:18:25.720323 poll([{fd=6<UNIX-STREAM:[14712->14711,"/tmp/sockscope-unix.sock"]>, events=POLLIN}], 1, 2000 <unfinished ...>',
    from: "unix.o-yy-tt-T.strace",
    expected: {
      kind: "unfinished",
      pid: 8391,
      name: "poll",
      argsText: '[{fd=6<UNIX-STREAM:[14712->14711,"/tmp/sockscope-unix.sock"]>, events=POLLIN}], 1, 2000',
    },
  },
  {
    name: "UNIX-STREAM path decoration on a returned fd",
    line: '8391  01:18:25.720278 <... accept4 resumed>{sa_family=AF_UNIX}, [110 => 2], SOCK_CLOEXEC|SOCK_NONBLOCK) = 6<UNIX-STREAM:[14712->14711,"/tmp/sockscope-unix.sock"]> <0.000043>',
    from: "unix.o-yy-tt-T.strace",
    expected: {
      kind: "resumed",
      name: "accept4",
      argsText: "{sa_family=AF_UNIX}, [110 => 2], SOCK_CLOEXEC|SOCK_NONBLOCK",
      ret: {
        value: 6,
        decoration: {
          protocol: "UNIX-STREAM",
          family: "AF_UNIX",
          inode: 14712,
          peerInode: 14711,
          local: { family: "AF_UNIX", path: "/tmp/sockscope-unix.sock", text: "/tmp/sockscope-unix.sock" },
        },
      },
    },
  },
  {
    name: 'abstract UNIX name in the decoration: @"…"',
    line: '8392  01:18:25.719780 close(4<UNIX:[14701,@"sockscope-abstract"]>) = 0 <0.000036>',
    from: "unix.o-yy-tt-T.strace",
    expected: {
      kind: "syscall",
      argsText: '4<UNIX:[14701,@"sockscope-abstract"]>',
      args: [
        {
          kind: "fd",
          fd: 4,
          decoration: {
            text: 'UNIX:[14701,@"sockscope-abstract"]',
            protocol: "UNIX",
            family: "AF_UNIX",
            inode: 14701,
            local: { path: "sockscope-abstract", abstract: true, text: "@sockscope-abstract" },
          },
        },
      ],
    },
  },
  {
    name: "NETLINK:[ROUTE:pid] and the AF_NETLINK sockaddr",
    line: "17231 01:22:19.251933 getsockname(3<NETLINK:[ROUTE:17231]>, {sa_family=AF_NETLINK, nl_pid=17231, nl_groups=00000000}, [12]) = 0 <0.000041>",
    from: "netlink-ip-addr.o-yy-tt-T.strace",
    expected: {
      kind: "syscall",
      argsText: "3<NETLINK:[ROUTE:17231]>, {sa_family=AF_NETLINK, nl_pid=17231, nl_groups=00000000}, [12]",
      args: [
        {
          kind: "fd",
          fd: 3,
          decoration: {
            protocol: "NETLINK",
            family: "AF_NETLINK",
            local: {
              family: "AF_NETLINK",
              netlinkProtocol: "ROUTE",
              netlinkPid: 17231,
              text: "netlink:ROUTE:17231",
            },
          },
        },
        {
          kind: "struct",
          fields: { nl_pid: { kind: "num", value: 17231 }, nl_groups: { kind: "num", value: 0 } },
          addr: { family: "AF_NETLINK", netlinkPid: 17231, text: "netlink:17231" },
        },
        { kind: "array", items: [{ kind: "num", value: 12 }] },
      ],
    },
  },
  {
    name: "-y only: `socket:[inode]` on the result",
    line: "8095  1795655905.241155 socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3<socket:[14386]>",
    from: "tcp-echo.o-y-ttt.strace",
    expected: {
      kind: "syscall",
      ret: { value: 3, text: "3", decoration: { text: "socket:[14386]", protocol: "socket", inode: 14386 } },
    },
    check: (l) => expect(l).not.toHaveProperty("ret.decoration.family"),
  },
  {
    name: "a device: `/dev/null<char 1:3>` nested in the fd decoration",
    line: "8075  01:18:25.217025 ioctl(1</dev/null<char 1:3>>, TCGETS, 0x7ffe58abc680) = -1 ENOTTY (Inappropriate ioctl for device) <0.000035>",
    from: "tcp-echo.o-yy-tt-T.strace",
    expected: {
      kind: "syscall",
      name: "ioctl",
      argsText: "1</dev/null<char 1:3>>, TCGETS, 0x7ffe58abc680",
      args: [
        {
          kind: "fd",
          fd: 1,
          decoration: { text: "/dev/null<char 1:3>", path: "/dev/null", detail: "char 1:3" },
        },
        { kind: "sym", value: "TCGETS" },
        { kind: "num", value: 0x7ffe58abc680, text: "0x7ffe58abc680" },
      ],
      ret: { value: -1, errno: "ENOTTY", errnoText: "Inappropriate ioctl for device" },
    },
    check: (l) => expect(syscallArgs(l)[0]).not.toHaveProperty("decoration.protocol"),
  },
  {
    name: "AT_FDCWD</> with -yy",
    line: '8075  01:18:25.209523 openat(AT_FDCWD</>, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC) = 3</etc/ld.so.cache> <0.000047>',
    from: "tcp-echo.o-yy-tt-T.strace",
    expected: {
      kind: "syscall",
      argsText: 'AT_FDCWD</>, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC',
      args: [
        { kind: "fd", fd: -100, comment: "AT_FDCWD", decoration: { path: "/" } },
        { kind: "str", value: "/etc/ld.so.cache", bytes: 16 },
        { kind: "flags", value: ["O_RDONLY", "O_CLOEXEC"] },
      ],
      ret: { value: 3, decoration: { path: "/etc/ld.so.cache" } },
    },
  },
  {
    name: "an unlinked file: `22</path>(deleted)`",
    line: "10327 01:43:17.206174 close(22</tmp/sockscope-node-sendfile-gEr6vY/body.bin>(deleted)) = 0 <0.000285>",
    built:
      "node-http-sendfile.*.strace print this shape, but under a random temp dir that changes on every recording",
    expected: {
      kind: "syscall",
      name: "close",
      argsText: "22</tmp/sockscope-node-sendfile-gEr6vY/body.bin>(deleted)",
      args: [
        {
          kind: "fd",
          fd: 22,
          decoration: {
            text: "/tmp/sockscope-node-sendfile-gEr6vY/body.bin",
            path: "/tmp/sockscope-node-sendfile-gEr6vY/body.bin",
            deleted: true,
          },
        },
      ],
      ret: { value: 0 },
      duration: 0.000285,
    },
  },
  {
    name: "an unlinked file as the result: `= 4</path>(deleted)`",
    line: "10327 01:43:17.206174 dup(22</tmp/body.bin>(deleted)) = 23</tmp/body.bin>(deleted) <0.000010>",
    built: "dup of the same deleted file; no recording dups one",
    expected: {
      kind: "syscall",
      argsText: "22</tmp/body.bin>(deleted)",
      args: [{ kind: "fd", fd: 22, decoration: { path: "/tmp/body.bin", deleted: true } }],
      ret: { value: 23, decoration: { path: "/tmp/body.bin", deleted: true } },
      duration: 0.00001,
    },
  },
  {
    name: "socketpair's two decorated fds in an array",
    line: "8391  01:18:25.719313 socketpair(AF_UNIX, SOCK_STREAM, 0, [5<UNIX-STREAM:[14705->14706]>, 6<UNIX-STREAM:[14706->14705]>]) = 0 <0.000011>",
    from: "unix.o-yy-tt-T.strace",
    expected: {
      kind: "syscall",
      argsText: "AF_UNIX, SOCK_STREAM, 0, [5<UNIX-STREAM:[14705->14706]>, 6<UNIX-STREAM:[14706->14705]>]",
      args: [
        { kind: "sym", value: "AF_UNIX" },
        { kind: "sym", value: "SOCK_STREAM" },
        { kind: "num", value: 0 },
        {
          kind: "array",
          items: [
            { kind: "fd", fd: 5, decoration: { inode: 14705, peerInode: 14706 } },
            { kind: "fd", fd: 6, decoration: { inode: 14706, peerInode: 14705 } },
          ],
        },
      ],
    },
  },
];

const xRows: Row[] = [
  {
    name: "-X raw: numbers only",
    line: "8155  01:18:25.314351 socket(0x2, 0x1, 0) = 3<socket:[15474]>",
    from: "tcp-echo.o-xraw.strace",
    expected: {
      kind: "syscall",
      argsText: "0x2, 0x1, 0",
      args: [
        { kind: "num", value: 2, text: "0x2" },
        { kind: "num", value: 1, text: "0x1" },
        { kind: "num", value: 0 },
      ],
    },
  },
  {
    name: "-X raw: flags as numbers joined by |",
    line: "8155  01:18:25.314486 clone(child_stack=NULL, flags=0x1200000|17, child_tidptr=0x7fa14c40ea10) = 8156",
    from: "tcp-echo.o-xraw.strace",
    expected: {
      kind: "syscall",
      argsText: "child_stack=NULL, flags=0x1200000|17, child_tidptr=0x7fa14c40ea10",
      args: [
        { kind: "named", name: "child_stack", value: { kind: "null" } },
        { kind: "named", name: "flags", value: { kind: "flags", value: ["0x1200000", "17"] } },
        { kind: "named", name: "child_tidptr", value: { kind: "num", value: 0x7fa14c40ea10 } },
      ],
      ret: { value: 8156 },
    },
  },
  {
    name: "-X raw: a sockaddr_in as byte strings still gives its address",
    line: '8155  01:18:25.314419 bind(3<socket:[15474]>, {sa_family=0x2, sin_port="\\xb7\\x99", sin_addr="\\x7f\\x00\\x00\\x01"}, 16) = 0',
    from: "tcp-echo.o-xraw.strace",
    expected: {
      kind: "syscall",
      argsText:
        '3<socket:[15474]>, {sa_family=0x2, sin_port="\\xb7\\x99", sin_addr="\\x7f\\x00\\x00\\x01"}, 16',
      args: [
        { kind: "fd", fd: 3 },
        {
          kind: "struct",
          fields: {
            sin_port: { kind: "str", bytes: 2, raw: "\\xb7\\x99" },
            sin_addr: { kind: "str", bytes: 4 },
          },
          addr: { family: "AF_INET", ip: "127.0.0.1", port: 47001, text: "127.0.0.1:47001" },
        },
        { kind: "num", value: 16 },
      ],
    },
  },
  {
    name: "-X verbose: every number with its /* name */",
    line: "8135  1795655905.290398 socket(0x2 /* AF_INET */, 0x1 /* SOCK_STREAM */, 0 /* IPPROTO_IP */) = 3<TCP:[15454]> <0.000016>",
    from: "tcp-echo.o-xverbose-v.strace",
    expected: {
      kind: "syscall",
      argsText: "0x2 /* AF_INET */, 0x1 /* SOCK_STREAM */, 0 /* IPPROTO_IP */",
      args: [
        { kind: "num", value: 2, text: "0x2", comment: "AF_INET" },
        { kind: "num", value: 1, text: "0x1", comment: "SOCK_STREAM" },
        { kind: "num", value: 0, comment: "IPPROTO_IP" },
      ],
    },
  },
  {
    name: "-X verbose: `0x3 /* SOCK_RAW */|0x80000 /* SOCK_CLOEXEC */`",
    line: "17283 1795656139.346042 socket(0x10 /* AF_NETLINK */, 0x3 /* SOCK_RAW */|0x80000 /* SOCK_CLOEXEC */, 0 /* NETLINK_ROUTE */) = 3<NETLINK:[34833]> <0.000018>",
    from: "netlink-ip-addr.o-xverbose-v.strace",
    expected: {
      kind: "syscall",
      argsText: "0x10 /* AF_NETLINK */, 0x3 /* SOCK_RAW */|0x80000 /* SOCK_CLOEXEC */, 0 /* NETLINK_ROUTE */",
      args: [
        { kind: "num", value: 16, comment: "AF_NETLINK" },
        { kind: "flags", value: ["0x3", "0x80000"], comment: "SOCK_RAW|SOCK_CLOEXEC" },
        { kind: "num", value: 0, comment: "NETLINK_ROUTE" },
      ],
      ret: { value: 3, decoration: { protocol: "NETLINK", inode: 34833 } },
    },
  },
  {
    name: "-X verbose: a flag comment that is itself a set, then one more",
    line: "8135  1795655905.291354 clone(child_stack=NULL, flags=0x1200000 /* CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID */|17 /* SIGCHLD */, child_tidptr=0x7f8bf31b8a10) = 8136 <0.000161>",
    from: "tcp-echo.o-xverbose-v.strace",
    expected: {
      kind: "syscall",
      argsText:
        "child_stack=NULL, flags=0x1200000 /* CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID */|17 /* SIGCHLD */, child_tidptr=0x7f8bf31b8a10",
      args: [
        { kind: "named", name: "child_stack" },
        {
          kind: "named",
          name: "flags",
          value: {
            kind: "flags",
            value: ["0x1200000", "17"],
            comment: "CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD",
          },
        },
        { kind: "named", name: "child_tidptr" },
      ],
    },
  },
  {
    name: "-X verbose: sockaddr_in bytes with their decoded comments",
    line: '8135  1795655905.290899 bind(3<TCP:[15454]>, {sa_family=0x2 /* AF_INET */, sin_port="\\xb7\\x99" /* htons(47001) */, sin_addr="\\x7f\\x00\\x00\\x01" /* inet_addr("127.0.0.1") */}, 16) = 0 <0.000015>',
    from: "tcp-echo.o-xverbose-v.strace",
    expected: {
      kind: "syscall",
      argsText:
        '3<TCP:[15454]>, {sa_family=0x2 /* AF_INET */, sin_port="\\xb7\\x99" /* htons(47001) */, sin_addr="\\x7f\\x00\\x00\\x01" /* inet_addr("127.0.0.1") */}, 16',
      args: [
        { kind: "fd", fd: 3 },
        {
          kind: "struct",
          fields: {
            sa_family: { kind: "num", value: 2, comment: "AF_INET" },
            sin_port: { kind: "str", comment: "htons(47001)" },
            sin_addr: { kind: "str", comment: 'inet_addr("127.0.0.1")' },
          },
          addr: { family: "AF_INET", ip: "127.0.0.1", port: 47001, text: "127.0.0.1:47001" },
        },
        { kind: "num", value: 16 },
      ],
    },
  },
  {
    name: "-X verbose: `-100 /* AT_FDCWD */</>` is still the fd",
    line: '17046 1795656138.038961 openat(-100 /* AT_FDCWD */</>, "/etc/ld.so.cache", 0x80000 /* O_RDONLY|O_CLOEXEC */) = 3</etc/ld.so.cache> <0.000009>',
    from: "curl-http.o-xverbose-v.strace",
    expected: {
      kind: "syscall",
      argsText: '-100 /* AT_FDCWD */</>, "/etc/ld.so.cache", 0x80000 /* O_RDONLY|O_CLOEXEC */',
      args: [
        { kind: "fd", fd: -100, comment: "AT_FDCWD", decoration: { text: "/", path: "/" } },
        { kind: "str", value: "/etc/ld.so.cache" },
        { kind: "num", value: 0x80000, comment: "O_RDONLY|O_CLOEXEC" },
      ],
    },
  },
  {
    name: "-X verbose: an unknown constant `0x3e7 /* SOCK_??? */`",
    line: "8712  01:18:26.681743 socket(AF_INET, 0x3e7 /* SOCK_??? */, IPPROTO_IP) = -1 EINVAL (Invalid argument) <0.000070>",
    from: "errors.o-yy-tt-T.strace",
    expected: {
      kind: "syscall",
      argsText: "AF_INET, 0x3e7 /* SOCK_??? */, IPPROTO_IP",
      args: [
        { kind: "sym", value: "AF_INET" },
        { kind: "num", value: 999, text: "0x3e7", comment: "SOCK_???" },
        { kind: "sym", value: "IPPROTO_IP" },
      ],
      ret: { value: -1, errno: "EINVAL", errnoText: "Invalid argument" },
    },
  },
  {
    name: "-X verbose: sigaction structs, a signal set of numbers with comments",
    line: "8762  1795655906.771329 rt_sigaction(13 /* SIGPIPE */, {sa_handler=0x1 /* SIG_IGN */, sa_mask=[13 /* PIPE */], sa_flags=0x14000000 /* SA_RESTORER|SA_RESTART */, sa_restorer=0x7f64362e7050}, {sa_handler=0 /* SIG_DFL */, sa_mask=[], sa_flags=0}, 8) = 0 <0.000008>",
    from: "errors.o-xverbose-v.strace",
    expected: {
      kind: "syscall",
      argsText:
        "13 /* SIGPIPE */, {sa_handler=0x1 /* SIG_IGN */, sa_mask=[13 /* PIPE */], sa_flags=0x14000000 /* SA_RESTORER|SA_RESTART */, sa_restorer=0x7f64362e7050}, {sa_handler=0 /* SIG_DFL */, sa_mask=[], sa_flags=0}, 8",
      args: [
        { kind: "num", value: 13, comment: "SIGPIPE" },
        {
          kind: "struct",
          fields: {
            sa_handler: { kind: "num", value: 1, comment: "SIG_IGN" },
            sa_mask: { kind: "array", items: [{ kind: "num", value: 13, comment: "PIPE" }] },
            sa_flags: { kind: "num", value: 0x14000000, comment: "SA_RESTORER|SA_RESTART" },
            sa_restorer: { kind: "num", value: 0x7f64362e7050 },
          },
        },
        {
          kind: "struct",
          fields: {
            sa_handler: { kind: "num", value: 0, comment: "SIG_DFL" },
            sa_mask: { kind: "array", items: [] },
            sa_flags: { kind: "num", value: 0 },
          },
        },
        { kind: "num", value: 8 },
      ],
    },
  },
];

// \377 is no UTF-8: it stays the byte 0xff, as the lone surrogate U+DCFF (see grammar/strings.ts).
const DNS_PAYLOAD = '\\\x02\x01\0\0\x01\0\0\0\0\0\0a\0b\tc\nd"e\\f\x7f\uDCFF\x001\x017';

const stringRows: Row[] = [
  {
    name: 'every escape: \\\\ octal \\0 \\t \\n \\" \\177 \\377, `\\0001` and `\\0017`',
    line: '18182 1795656148.728505 sendto(3<UDP:[0.0.0.0:34780]>, "\\\\\\2\\1\\0\\0\\1\\0\\0\\0\\0\\0\\0a\\0b\\tc\\nd\\"e\\\\f\\177\\377\\0001\\0017", 29, 0, {sa_family=0x2 /* AF_INET */, sin_port="\\xbe\\x3d" /* htons(48701) */, sin_addr="\\x7f\\x00\\x00\\x01" /* inet_addr("127.0.0.1") */}, 16) = 29 <0.000087>',
    from: "dns-local.o-xverbose-v.strace",
    expected: {
      kind: "syscall",
      argsText:
        '3<UDP:[0.0.0.0:34780]>, "\\\\\\2\\1\\0\\0\\1\\0\\0\\0\\0\\0\\0a\\0b\\tc\\nd\\"e\\\\f\\177\\377\\0001\\0017", 29, 0, {sa_family=0x2 /* AF_INET */, sin_port="\\xbe\\x3d" /* htons(48701) */, sin_addr="\\x7f\\x00\\x00\\x01" /* inet_addr("127.0.0.1") */}, 16',
      args: [
        { kind: "fd", fd: 3 },
        {
          kind: "str",
          value: DNS_PAYLOAD,
          bytes: 29,
          // \377 alone is not UTF-8: the text strace printed is kept.
          raw: '\\\\\\2\\1\\0\\0\\1\\0\\0\\0\\0\\0\\0a\\0b\\tc\\nd\\"e\\\\f\\177\\377\\0001\\0017',
        },
        { kind: "num", value: 29 },
        { kind: "num", value: 0 },
        { kind: "struct", addr: { text: "127.0.0.1:48701", port: 48701 } },
        { kind: "num", value: 16 },
      ],
      ret: { value: 29 },
    },
    check: (l) => expect(syscallArgs(l)[1]).not.toHaveProperty("truncated"),
  },
  {
    name: "\\x escapes (-X verbose, getrandom) are bytes too",
    line: '8075  01:18:25.217183 getrandom("\\xaf\\x8b\\x19\\xd8\\x5d\\x13\\x09\\xbb", 8, GRND_NONBLOCK) = 8 <0.000042>',
    from: "tcp-echo.o-yy-tt-T.strace",
    expected: {
      kind: "syscall",
      argsText: '"\\xaf\\x8b\\x19\\xd8\\x5d\\x13\\x09\\xbb", 8, GRND_NONBLOCK',
      args: [
        { kind: "str", bytes: 8, raw: "\\xaf\\x8b\\x19\\xd8\\x5d\\x13\\x09\\xbb" },
        { kind: "num", value: 8 },
        { kind: "sym", value: "GRND_NONBLOCK" },
      ],
    },
  },
  {
    name: '-s 16 truncation `"…"...` with octal escapes',
    line: '8175  read(3</usr/lib/x86_64-linux-gnu/libc.so.6>, "\\177ELF\\2\\1\\1\\3\\0\\0\\0\\0\\0\\0\\0\\0"..., 832) = 832 <0.000007>',
    from: "tcp-echo.o-s16.strace",
    expected: {
      kind: "syscall",
      pid: 8175,
      argsText:
        '3</usr/lib/x86_64-linux-gnu/libc.so.6>, "\\177ELF\\2\\1\\1\\3\\0\\0\\0\\0\\0\\0\\0\\0"..., 832',
      args: [
        { kind: "fd", fd: 3, decoration: { path: "/usr/lib/x86_64-linux-gnu/libc.so.6" } },
        { kind: "str", value: `\x7fELF\x02\x01\x01\x03${"\0".repeat(8)}`, bytes: 16, truncated: true },
        { kind: "num", value: 832 },
      ],
      ret: { value: 832 },
    },
    // Valid UTF-8 (all bytes < 0x80): no raw text needed.
    check: (l) => expect(syscallArgs(l)[1]).not.toHaveProperty("raw"),
  },
  {
    name: "-s 16 truncation of plain text, and inside an execve argv array",
    line: '8175  execve("/tmp/sockscope-fixture-build/tcp-echo", ["/tmp/sockscope-f"...], 0x7ffd98b34600 /* 3 vars */) = 0 <0.000148>',
    from: "tcp-echo.o-s16.strace",
    expected: {
      kind: "syscall",
      argsText:
        '"/tmp/sockscope-fixture-build/tcp-echo", ["/tmp/sockscope-f"...], 0x7ffd98b34600 /* 3 vars */',
      args: [
        { kind: "str", value: "/tmp/sockscope-fixture-build/tcp-echo", bytes: 37 },
        { kind: "array", items: [{ kind: "str", value: "/tmp/sockscope-f", bytes: 16, truncated: true }] },
        { kind: "num", value: 0x7ffd98b34600, comment: "3 vars" },
      ],
    },
  },
  {
    name: "\\n at the end of a written string",
    line: '8075  01:18:25.217453 write(1</dev/null<char 1:3>>, "tcp-echo: 3 echoes\\n", 19) = 19 <0.000034>',
    from: "tcp-echo.o-yy-tt-T.strace",
    expected: {
      kind: "syscall",
      argsText: '1</dev/null<char 1:3>>, "tcp-echo: 3 echoes\\n", 19',
      args: [
        { kind: "fd", fd: 1 },
        { kind: "str", value: "tcp-echo: 3 echoes\n", bytes: 19 },
        { kind: "num", value: 19 },
      ],
    },
  },
];

const structRows: Row[] = [
  {
    name: "msghdr with an iovec and SCM_RIGHTS cmsg_data carrying decorated fds",
    line: '8391  01:18:25.721186 sendmsg(5<UNIX-STREAM:[14705->14706]>, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="fds", iov_len=3}], msg_iovlen=1, msg_control=[{cmsg_len=24, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[7<pipe:[14714]>, 9</dev/null<char 1:3>>]}], msg_controllen=24, msg_flags=0}, 0) = 3 <0.000040>',
    from: "unix.o-yy-tt-T.strace",
    expected: {
      kind: "syscall",
      name: "sendmsg",
      argsText:
        '5<UNIX-STREAM:[14705->14706]>, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="fds", iov_len=3}], msg_iovlen=1, msg_control=[{cmsg_len=24, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[7<pipe:[14714]>, 9</dev/null<char 1:3>>]}], msg_controllen=24, msg_flags=0}, 0',
      args: [
        { kind: "fd", fd: 5, decoration: { protocol: "UNIX-STREAM", inode: 14705, peerInode: 14706 } },
        {
          kind: "struct",
          fields: {
            msg_name: { kind: "null" },
            msg_namelen: { kind: "num", value: 0 },
            msg_iov: {
              kind: "array",
              items: [
                {
                  kind: "struct",
                  fields: {
                    iov_base: { kind: "str", value: "fds", bytes: 3 },
                    iov_len: { kind: "num", value: 3 },
                  },
                },
              ],
            },
            msg_iovlen: { kind: "num", value: 1 },
            msg_control: {
              kind: "array",
              items: [
                {
                  kind: "struct",
                  fields: {
                    cmsg_len: { kind: "num", value: 24 },
                    cmsg_level: { kind: "sym", value: "SOL_SOCKET" },
                    cmsg_type: { kind: "sym", value: "SCM_RIGHTS" },
                    cmsg_data: {
                      kind: "array",
                      items: [
                        { kind: "fd", fd: 7, decoration: { text: "pipe:[14714]", path: "pipe:[14714]" } },
                        { kind: "fd", fd: 9, decoration: { path: "/dev/null", detail: "char 1:3" } },
                      ],
                    },
                  },
                },
              ],
            },
            msg_controllen: { kind: "num", value: 24 },
            msg_flags: { kind: "num", value: 0 },
          },
        },
        { kind: "num", value: 0 },
      ],
      ret: { value: 3 },
    },
    check: (l) => {
      const control = field(syscallArgs(l)[1], "msg_control", 0);
      expect(control?.kind === "struct" && Object.keys(control.fields)).toEqual([
        "cmsg_len",
        "cmsg_level",
        "cmsg_type",
        "cmsg_data",
      ]);
    },
  },
  {
    name: "abbreviated struct stat: `...` marks more",
    line: '8075  01:18:25.216924 newfstatat(1</dev/null<char 1:3>>, "", {st_mode=S_IFCHR|0666, st_rdev=makedev(0x1, 0x3), ...}, AT_EMPTY_PATH) = 0 <0.000035>',
    from: "tcp-echo.o-yy-tt-T.strace",
    expected: {
      kind: "syscall",
      argsText:
        '1</dev/null<char 1:3>>, "", {st_mode=S_IFCHR|0666, st_rdev=makedev(0x1, 0x3), ...}, AT_EMPTY_PATH',
      args: [
        { kind: "fd", fd: 1 },
        { kind: "str", value: "", bytes: 0 },
        {
          kind: "struct",
          more: true,
          fields: {
            st_mode: { kind: "flags", value: ["S_IFCHR", "0666"] },
            st_rdev: {
              kind: "call",
              fn: "makedev",
              args: [
                { kind: "num", value: 1 },
                { kind: "num", value: 3 },
              ],
            },
          },
        },
        { kind: "sym", value: "AT_EMPTY_PATH" },
      ],
    },
  },
  {
    name: "a C expression kept raw: `rlim_cur=8192*1024`",
    line: "17093 01:22:18.268441 prlimit64(0, RLIMIT_STACK, NULL, {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}) = 0 <0.000008>",
    from: "curl-http-server.o-yy-tt-T.strace",
    expected: {
      kind: "syscall",
      argsText: "0, RLIMIT_STACK, NULL, {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}",
      args: [
        { kind: "num", value: 0 },
        { kind: "sym", value: "RLIMIT_STACK" },
        { kind: "null" },
        {
          kind: "struct",
          fields: {
            rlim_cur: { kind: "raw", text: "8192*1024" },
            rlim_max: { kind: "sym", value: "RLIM64_INFINITY" },
          },
        },
      ],
    },
  },
  {
    name: "wait status `[{WIFEXITED(s) && WEXITSTATUS(s) == 0}]`",
    line: "18168 wait4(18169, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 18169 <0.000063>",
    from: "dns-local.o-s16.strace",
    expected: {
      kind: "syscall",
      name: "wait4",
      argsText: "18169, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL",
      args: [
        { kind: "num", value: 18169 },
        {
          kind: "array",
          items: [
            {
              kind: "struct",
              fields: { "#0": { kind: "raw", text: "WIFEXITED(s) && WEXITSTATUS(s) == 0" } },
            },
          ],
        },
        { kind: "num", value: 0 },
        { kind: "null" },
      ],
      ret: { value: 18169 },
    },
  },
  {
    name: "signal sets: `[RTMIN RT_1]` is space-separated",
    line: "17093 01:22:18.500299 rt_sigprocmask(SIG_UNBLOCK, [RTMIN RT_1], NULL, 8) = 0 <0.000007>",
    from: "curl-http-server.o-yy-tt-T.strace",
    expected: {
      kind: "syscall",
      argsText: "SIG_UNBLOCK, [RTMIN RT_1], NULL, 8",
      args: [
        { kind: "sym", value: "SIG_UNBLOCK" },
        {
          kind: "array",
          items: [
            { kind: "sym", value: "RTMIN" },
            { kind: "sym", value: "RT_1" },
          ],
        },
        { kind: "null" },
        { kind: "num", value: 8 },
      ],
    },
    check: (l) => expect(syscallArgs(l)[1]).not.toHaveProperty("negated"),
  },
  {
    name: "signal sets: the complement `~[RT_1]`",
    line: "17103 01:22:18.509700 rt_sigprocmask(SIG_BLOCK, ~[RT_1], NULL, 8) = 0 <0.000008>",
    from: "curl-http-server.o-yy-tt-T.strace",
    expected: {
      kind: "syscall",
      argsText: "SIG_BLOCK, ~[RT_1], NULL, 8",
      args: [
        { kind: "sym", value: "SIG_BLOCK" },
        { kind: "array", negated: true, items: [{ kind: "sym", value: "RT_1" }] },
        { kind: "null" },
        { kind: "num", value: 8 },
      ],
    },
  },
  {
    name: "signal sets: everything `~[]`, and the empty old set `[]`",
    line: "17093 01:22:18.500395 rt_sigprocmask(SIG_BLOCK, ~[], [], 8) = 0 <0.000007>",
    from: "curl-http-server.o-yy-tt-T.strace",
    expected: {
      kind: "syscall",
      argsText: "SIG_BLOCK, ~[], [], 8",
      args: [
        { kind: "sym", value: "SIG_BLOCK" },
        { kind: "array", negated: true, items: [] },
        { kind: "array", items: [] },
        { kind: "num", value: 8 },
      ],
    },
  },
  {
    name: "value-result `[128 => 16]`",
    line: '17016 01:22:17.942791 getsockname(5<TCP:[127.0.0.1:47006->127.0.0.1:48101]>, {sa_family=AF_INET, sin_port=htons(47006), sin_addr=inet_addr("127.0.0.1")}, [128 => 16]) = 0 <0.000041>',
    from: "curl-http.o-yy-tt-T.strace",
    expected: {
      kind: "syscall",
      argsText:
        '5<TCP:[127.0.0.1:47006->127.0.0.1:48101]>, {sa_family=AF_INET, sin_port=htons(47006), sin_addr=inet_addr("127.0.0.1")}, [128 => 16]',
      args: [
        { kind: "fd", fd: 5 },
        { kind: "struct", addr: { text: "127.0.0.1:47006" } },
        {
          kind: "array",
          items: [{ kind: "changed", from: { kind: "num", value: 128 }, to: { kind: "num", value: 16 } }],
        },
      ],
    },
  },
  {
    name: "an errno name as a value: `[ECONNREFUSED]` from SO_ERROR",
    line: "8485  01:18:25.886301 getsockopt(6<TCP:[14833]>, SOL_SOCKET, SO_ERROR, [ECONNREFUSED], [4]) = 0 <0.000037>",
    from: "nonblocking-connect.o-yy-tt-T.strace",
    expected: {
      kind: "syscall",
      argsText: "6<TCP:[14833]>, SOL_SOCKET, SO_ERROR, [ECONNREFUSED], [4]",
      args: [
        { kind: "fd", fd: 6 },
        { kind: "sym", value: "SOL_SOCKET" },
        { kind: "sym", value: "SO_ERROR" },
        { kind: "array", items: [{ kind: "sym", value: "ECONNREFUSED" }] },
        { kind: "array", items: [{ kind: "num", value: 4 }] },
      ],
    },
  },
  {
    name: "restart_syscall's `<... resuming interrupted …>` is kept as raw text",
    line: "17594 01:22:20.954701 restart_syscall(<... resuming interrupted clock_nanosleep ...>) = 0 <0.299286>",
    from: "killed-handled.o-yy-tt-T.strace",
    expected: {
      kind: "syscall",
      name: "restart_syscall",
      argsText: "<... resuming interrupted clock_nanosleep ...>",
      args: [{ kind: "raw", text: "<... resuming interrupted clock_nanosleep ...>" }],
      ret: { value: 0 },
      duration: 0.299286,
    },
  },
];

const sockaddrRows: Row[] = [
  {
    name: "AF_INET sockaddr → 127.0.0.1:47001",
    line: '8195  bind(3, {sa_family=AF_INET, sin_port=htons(47001), sin_addr=inet_addr("127.0.0.1")}, 16) = 0',
    from: "tcp-echo.o-plain.strace",
    expected: {
      kind: "syscall",
      argsText: '3, {sa_family=AF_INET, sin_port=htons(47001), sin_addr=inet_addr("127.0.0.1")}, 16',
      args: [
        { kind: "num", value: 3 },
        {
          kind: "struct",
          fields: {
            sa_family: { kind: "sym", value: "AF_INET" },
            sin_port: { kind: "call", fn: "htons", args: [{ kind: "num", value: 47001 }] },
            sin_addr: { kind: "call", fn: "inet_addr", args: [{ kind: "str", value: "127.0.0.1" }] },
          },
          addr: { family: "AF_INET", ip: "127.0.0.1", port: 47001, text: "127.0.0.1:47001" },
        },
        { kind: "num", value: 16 },
      ],
    },
  },
  {
    name: "AF_INET6 sockaddr with inet_pton → [::1]:47006",
    line: '8583  01:18:26.099756 bind(3<TCPv6:[14951]>, {sa_family=AF_INET6, sin6_port=htons(47006), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}, 28) = 0 <0.000067>',
    from: "ipv6.o-yy-tt-T.strace",
    expected: {
      kind: "syscall",
      argsText:
        '3<TCPv6:[14951]>, {sa_family=AF_INET6, sin6_port=htons(47006), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}, 28',
      args: [
        { kind: "fd", fd: 3, decoration: { protocol: "TCPv6", family: "AF_INET6", inode: 14951 } },
        {
          kind: "struct",
          fields: {
            "#3": {
              kind: "call",
              fn: "inet_pton",
              args: [
                { kind: "sym", value: "AF_INET6" },
                { kind: "str", value: "::1" },
                { kind: "raw", text: "&sin6_addr" },
              ],
            },
          },
          addr: { family: "AF_INET6", ip: "::1", port: 47006, text: "[::1]:47006" },
        },
        { kind: "num", value: 28 },
      ],
    },
  },
  {
    name: "AF_UNIX path → /tmp/sockscope-unix.sock",
    line: '8391  01:18:25.718994 bind(3<UNIX-STREAM:[14697]>, {sa_family=AF_UNIX, sun_path="/tmp/sockscope-unix.sock"}, 110) = 0 <0.000139>',
    from: "unix.o-yy-tt-T.strace",
    expected: {
      kind: "syscall",
      argsText: '3<UNIX-STREAM:[14697]>, {sa_family=AF_UNIX, sun_path="/tmp/sockscope-unix.sock"}, 110',
      args: [
        { kind: "fd", fd: 3 },
        {
          kind: "struct",
          addr: { family: "AF_UNIX", path: "/tmp/sockscope-unix.sock", text: "/tmp/sockscope-unix.sock" },
        },
        { kind: "num", value: 110 },
      ],
    },
    check: (l) => expect(syscallArgs(l)[1]).not.toHaveProperty("addr.abstract"),
  },
  {
    name: "AF_UNIX abstract → @sockscope-abstract",
    line: '8391  01:18:25.719273 bind(4<UNIX:[14701]>, {sa_family=AF_UNIX, sun_path=@"sockscope-abstract"}, 21) = 0 <0.000008>',
    from: "unix.o-yy-tt-T.strace",
    expected: {
      kind: "syscall",
      argsText: '4<UNIX:[14701]>, {sa_family=AF_UNIX, sun_path=@"sockscope-abstract"}, 21',
      args: [
        { kind: "fd", fd: 4 },
        {
          kind: "struct",
          fields: { sun_path: { kind: "str", value: "sockscope-abstract", abstract: true } },
          addr: {
            family: "AF_UNIX",
            path: "sockscope-abstract",
            abstract: true,
            text: "@sockscope-abstract",
          },
        },
        { kind: "num", value: 21 },
      ],
    },
  },
  {
    name: "AF_UNIX with no name → (unnamed)",
    line: '8391  01:18:25.720278 accept4(3<UNIX-STREAM:[14697,"/tmp/sockscope-unix.sock"]>, {sa_family=AF_UNIX}, [110 => 2], SOCK_CLOEXEC|SOCK_NONBLOCK) = 6<UNIX-STREAM:[14712->14711,"/tmp/sockscope-unix.sock"]> <0.000043>',
    built:
      "unix.o-yy-tt-T.strace has this call split in two (accept4 … <unfinished ...> / <... accept4 resumed>); this is the same call printed whole",
    expected: {
      kind: "syscall",
      argsText:
        '3<UNIX-STREAM:[14697,"/tmp/sockscope-unix.sock"]>, {sa_family=AF_UNIX}, [110 => 2], SOCK_CLOEXEC|SOCK_NONBLOCK',
      args: [
        { kind: "fd", fd: 3, decoration: { local: { text: "/tmp/sockscope-unix.sock" } } },
        {
          kind: "struct",
          fields: { sa_family: { kind: "sym", value: "AF_UNIX" } },
          addr: { family: "AF_UNIX", text: "(unnamed)" },
        },
        {
          kind: "array",
          items: [{ kind: "changed", from: { kind: "num", value: 110 }, to: { kind: "num", value: 2 } }],
        },
        { kind: "flags", value: ["SOCK_CLOEXEC", "SOCK_NONBLOCK"] },
      ],
      ret: { value: 6, decoration: { inode: 14712, peerInode: 14711 } },
    },
  },
  {
    name: "-X raw AF_NETLINK: the family as a number",
    line: "17361 01:22:19.476010 getsockname(3<socket:[33983]>, {sa_family=0x10, nl_pid=17361, nl_groups=00000000}, [12]) = 0",
    from: "netlink-ip-addr-add.o-xraw.strace",
    expected: {
      kind: "syscall",
      argsText: "3<socket:[33983]>, {sa_family=0x10, nl_pid=17361, nl_groups=00000000}, [12]",
      args: [
        { kind: "fd", fd: 3 },
        { kind: "struct", addr: { family: "AF_NETLINK", netlinkPid: 17361, text: "netlink:17361" } },
        { kind: "array", items: [{ kind: "num", value: 12 }] },
      ],
    },
  },
];

const returnRows: Row[] = [
  {
    name: "= 3 (plain)",
    line: "8195  socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3",
    from: "tcp-echo.o-plain.strace",
    expected: { kind: "syscall", ret: { value: 3, text: "3" } },
    check: (l) => expect(l).not.toHaveProperty("ret.decoration"),
  },
  {
    name: "= 0x… (hex, padded)",
    line: "8075  01:18:25.208974 brk(NULL)         = 0x5605bdcc4000 <0.000041>",
    from: "tcp-echo.o-yy-tt-T.strace",
    expected: { kind: "syscall", ret: { value: 0x5605bdcc4000, text: "0x5605bdcc4000" }, duration: 0.000041 },
  },
  {
    name: "= -1 ECONNREFUSED (Connection refused)",
    line: '8485  01:18:25.887205 connect(6<TCP:[15832]>, {sa_family=AF_INET, sin_port=htons(47005), sin_addr=inet_addr("127.0.0.1")}, 16) = -1 ECONNREFUSED (Connection refused) <0.000061>',
    from: "nonblocking-connect.o-yy-tt-T.strace",
    expected: {
      kind: "syscall",
      name: "connect",
      ret: { value: -1, text: "-1", errno: "ECONNREFUSED", errnoText: "Connection refused" },
      duration: 0.000061,
    },
    check: (l) => expect(l).not.toHaveProperty("ret.detail"),
  },
  {
    name: "= -1 EAGAIN on a pointer argument",
    line: "8485  01:18:25.887948 recvfrom(5<TCP:[127.0.0.1:47004->127.0.0.1:33260]>, 0x7ffd3ce2c310, 64, 0, NULL, NULL) = -1 EAGAIN (Resource temporarily unavailable) <0.000035>",
    from: "nonblocking-connect.o-yy-tt-T.strace",
    expected: {
      kind: "syscall",
      argsText: "5<TCP:[127.0.0.1:47004->127.0.0.1:33260]>, 0x7ffd3ce2c310, 64, 0, NULL, NULL",
      args: [
        { kind: "fd", fd: 5 },
        { kind: "num", value: 0x7ffd3ce2c310 },
        { kind: "num", value: 64 },
        { kind: "num", value: 0 },
        { kind: "null" },
        { kind: "null" },
      ],
      ret: { value: -1, errno: "EAGAIN", errnoText: "Resource temporarily unavailable" },
    },
  },
  {
    name: "= ? ERESTARTSYS (To be restarted if SA_RESTART is set)",
    line: "17594 01:22:20.244969 accept(3<TCP:[127.0.0.1:48402]>, 0x7fff3e9b4880, [16]) = ? ERESTARTSYS (To be restarted if SA_RESTART is set) <0.306102>",
    from: "killed-handled.o-yy-tt-T.strace",
    expected: {
      kind: "syscall",
      ret: {
        value: null,
        text: "?",
        errno: "ERESTARTSYS",
        errnoText: "To be restarted if SA_RESTART is set",
      },
      duration: 0.306102,
    },
  },
  {
    name: "= ? on exit_group",
    line: "8176  exit_group(0)                     = ?",
    from: "tcp-echo.o-s16.strace",
    expected: { kind: "syscall", ret: { value: null, text: "?" } },
    check: (l) => expect(l).not.toHaveProperty("ret.errno"),
  },
  {
    name: "= 1 ([{fd=5, revents=POLLOUT}])",
    line: "17016 01:22:17.941791 poll([{fd=5<TCP:[127.0.0.1:47006->127.0.0.1:48101]>, events=POLLOUT}, {fd=3<UNIX-STREAM:[33534->33535]>, events=POLLIN}], 2, 195) = 1 ([{fd=5, revents=POLLOUT}]) <0.000109>",
    from: "curl-http.o-yy-tt-T.strace",
    expected: {
      kind: "syscall",
      argsText:
        "[{fd=5<TCP:[127.0.0.1:47006->127.0.0.1:48101]>, events=POLLOUT}, {fd=3<UNIX-STREAM:[33534->33535]>, events=POLLIN}], 2, 195",
      args: [
        {
          kind: "array",
          items: [
            {
              kind: "struct",
              fields: { fd: { kind: "fd", fd: 5 }, events: { kind: "sym", value: "POLLOUT" } },
            },
            {
              kind: "struct",
              fields: { fd: { kind: "fd", fd: 3 }, events: { kind: "sym", value: "POLLIN" } },
            },
          ],
        },
        { kind: "num", value: 2 },
        { kind: "num", value: 195 },
      ],
      ret: { value: 1, text: "1", detail: "[{fd=5, revents=POLLOUT}]" },
    },
    check: (l) => expect(l).not.toHaveProperty("ret.errno"),
  },
  {
    name: "= 0x2 (flags O_RDWR)",
    line: "17016 01:22:17.936282 fcntl(3<UNIX-STREAM:[33534->33535]>, F_GETFL) = 0x2 (flags O_RDWR) <0.000045>",
    from: "curl-http.o-yy-tt-T.strace",
    expected: { kind: "syscall", ret: { value: 2, text: "0x2", detail: "flags O_RDWR" } },
  },
  {
    name: "= 0 (Timeout)",
    line: "8485  01:18:25.892535 pselect6(6, [5<TCP:[127.0.0.1:47004->127.0.0.1:33260]>], NULL, NULL, {tv_sec=0, tv_nsec=10000000}, NULL) = 0 (Timeout) <0.010112>",
    from: "nonblocking-connect.o-yy-tt-T.strace",
    expected: {
      kind: "syscall",
      argsText:
        "6, [5<TCP:[127.0.0.1:47004->127.0.0.1:33260]>], NULL, NULL, {tv_sec=0, tv_nsec=10000000}, NULL",
      args: [
        { kind: "num", value: 6 },
        { kind: "array", items: [{ kind: "fd", fd: 5 }] },
        { kind: "null" },
        { kind: "null" },
        {
          kind: "struct",
          fields: { tv_sec: { kind: "num", value: 0 }, tv_nsec: { kind: "num", value: 10000000 } },
        },
        { kind: "null" },
      ],
      ret: { value: 0, detail: "Timeout" },
      duration: 0.010112,
    },
  },
  {
    name: "fault injection: an error with (INJECTED)",
    line: "8195  socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = -1 ENFILE (Too many open files in system) (INJECTED)",
    built: "strace -e inject=socket:error=ENFILE; no recording injects faults",
    expected: {
      kind: "syscall",
      ret: { value: -1, errno: "ENFILE", errnoText: "Too many open files in system", injected: true },
    },
    check: (l) => expect(l).not.toHaveProperty("ret.detail"),
  },
  {
    name: "fault injection: a return value with (INJECTED) and -T",
    line: "8195  socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 42 (INJECTED) <0.000008>",
    built: "strace -e inject=socket:retval=42 -T",
    expected: { kind: "syscall", ret: { value: 42, text: "42", injected: true }, duration: 0.000008 },
  },
  {
    name: "delay injection: (DELAYED) after the return, the result the kernel's own",
    line: "8195  accept4(3, NULL, NULL, 0) = 4 (DELAYED) <2.000110>",
    built: "strace -e inject=accept4:delay_enter=2000000 -T",
    expected: { kind: "syscall", ret: { value: 4, text: "4", delayed: true }, duration: 2.00011 },
    check: (l) => expect(l).not.toHaveProperty("ret.injected"),
  },
  {
    name: "fault and delay together: (INJECTED) (DELAYED)",
    line: '8195  connect(3, {sa_family=AF_INET, sin_port=htons(9), sin_addr=inet_addr("127.0.0.1")}, 16) = -1 ECONNREFUSED (Connection refused) (INJECTED) (DELAYED)',
    built: "strace -e inject=connect:error=ECONNREFUSED:delay_enter=1000",
    expected: {
      kind: "syscall",
      ret: {
        value: -1,
        errno: "ECONNREFUSED",
        errnoText: "Connection refused",
        injected: true,
        delayed: true,
      },
    },
  },
];

const splitRows: Row[] = [
  {
    name: "<unfinished ...> keeps the argument text, with the trailing `, ` strace prints",
    line: "8075  01:18:25.214152 accept(3<TCP:[127.0.0.1:47001]>,  <unfinished ...>",
    from: "tcp-echo.o-yy-tt-T.strace",
    expected: {
      kind: "unfinished",
      pid: 8075,
      time: near(4705.214152),
      name: "accept",
      argsText: "3<TCP:[127.0.0.1:47001]>, ",
    },
  },
  {
    name: "<unfinished ...> in the middle of an argument list (clone)",
    line: "8245  01:18:25.470083 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD <unfinished ...>",
    from: "forking-server.o-yy-tt-T.strace",
    expected: {
      kind: "unfinished",
      name: "clone",
      argsText: "child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD",
    },
  },
  {
    name: "<... clone resumed> starting with `, `",
    line: "8245  01:18:25.470300 <... clone resumed>, child_tidptr=0x7f0003bc4a10) = 8247 <0.000209>",
    from: "forking-server.o-yy-tt-T.strace",
    expected: {
      kind: "resumed",
      pid: 8245,
      name: "clone",
      argsText: ", child_tidptr=0x7f0003bc4a10",
      ret: { value: 8247 },
      duration: 0.000209,
    },
  },
  {
    name: "<... x resumed> with the rest of a msghdr and an fd-carrying cmsg",
    line: '8392  01:18:25.721309 <... recvmsg resumed>{msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="fds", iov_len=8}], msg_iovlen=1, msg_control=[{cmsg_len=24, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[3<pipe:[14714]>, 4</dev/null<char 1:3>>]}], msg_controllen=24, msg_flags=MSG_CMSG_CLOEXEC}, MSG_CMSG_CLOEXEC) = 3 <0.000268>',
    from: "unix.o-yy-tt-T.strace",
    expected: {
      kind: "resumed",
      name: "recvmsg",
      argsText:
        '{msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="fds", iov_len=8}], msg_iovlen=1, msg_control=[{cmsg_len=24, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[3<pipe:[14714]>, 4</dev/null<char 1:3>>]}], msg_controllen=24, msg_flags=MSG_CMSG_CLOEXEC}, MSG_CMSG_CLOEXEC',
      ret: { value: 3 },
    },
  },
  {
    name: "<... wait4 resumed> with = ? ERESTARTSYS",
    line: "8245  01:18:25.473846 <... wait4 resumed>0x7ffd3440f540, 0, NULL) = ? ERESTARTSYS (To be restarted if SA_RESTART is set) <0.000105>",
    from: "forking-server.o-yy-tt-T.strace",
    expected: {
      kind: "resumed",
      name: "wait4",
      argsText: "0x7ffd3440f540, 0, NULL",
      ret: { value: null, errno: "ERESTARTSYS", errnoText: "To be restarted if SA_RESTART is set" },
    },
  },
  {
    name: "<... futex resumed>) = ? (the thread group was killed)",
    line: "17624 01:22:21.584263 <... futex resumed>) = ?",
    from: "killed-sigkill-thread.o-yy-tt-T.strace",
    expected: { kind: "resumed", pid: 17624, name: "futex", argsText: "", ret: { value: null, text: "?" } },
  },
  {
    name: "<... x resumed> <unfinished ...>) = ?: never returned",
    line: "17629 01:22:21.584311 <... recvfrom resumed> <unfinished ...>) = ?",
    from: "killed-sigkill-thread.o-yy-tt-T.strace",
    expected: { kind: "resumed", pid: 17629, name: "recvfrom", argsText: "", ret: null },
  },
  {
    name: "<detached ...>",
    line: "18032 01:22:26.142605 clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=0, tv_nsec=50000000},  <detached ...>",
    from: "attach.o-yy-tt-T.strace",
    expected: {
      kind: "detached",
      pid: 18032,
      name: "clock_nanosleep",
      argsText: "CLOCK_REALTIME, 0, {tv_sec=0, tv_nsec=50000000}, ",
    },
  },
];

const eventRows: Row[] = [
  {
    name: "--- SIGCHLD {...} --- with its siginfo",
    line: "8075  01:18:25.216865 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=8076, si_uid=0, si_status=0, si_utime=0, si_stime=0} ---",
    from: "tcp-echo.o-yy-tt-T.strace",
    expected: {
      kind: "signal",
      pid: 8075,
      time: near(4705.216865),
      signal: "SIGCHLD",
      info: {
        kind: "struct",
        fields: {
          si_signo: { kind: "sym", value: "SIGCHLD" },
          si_code: { kind: "sym", value: "CLD_EXITED" },
          si_pid: { kind: "num", value: 8076 },
          si_uid: { kind: "num", value: 0 },
          si_status: { kind: "num", value: 0 },
          si_utime: { kind: "num", value: 0 },
          si_stime: { kind: "num", value: 0 },
        },
      },
    },
    check: (l) => expect(l).not.toHaveProperty("stopped"),
  },
  {
    name: "--- SIGCHLD --- under -X verbose",
    line: "8762  1795655906.774872 --- SIGCHLD {si_signo=17 /* SIGCHLD */, si_code=0x2 /* CLD_KILLED */, si_pid=8763, si_uid=0, si_status=13 /* SIGPIPE */, si_utime=0, si_stime=0} ---",
    from: "errors.o-xverbose-v.strace",
    expected: {
      kind: "signal",
      signal: "SIGCHLD",
      info: {
        kind: "struct",
        fields: {
          si_signo: { kind: "num", value: 17, comment: "SIGCHLD" },
          si_code: { kind: "num", value: 2, comment: "CLD_KILLED" },
          si_status: { kind: "num", value: 13, comment: "SIGPIPE" },
        },
      },
    },
  },
  {
    name: "--- SIGSEGV {..., si_addr=NULL} ---",
    line: "17650 01:22:21.607174 --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL} ---",
    from: "killed-segv.o-yy-tt-T.strace",
    expected: {
      kind: "signal",
      pid: 17650,
      signal: "SIGSEGV",
      info: {
        kind: "struct",
        fields: { si_code: { kind: "sym", value: "SEGV_MAPERR" }, si_addr: { kind: "null" } },
      },
    },
  },
  {
    name: "--- stopped by SIGSTOP ---",
    line: "[pid  8216] 01:18:25.382409 --- stopped by SIGSTOP ---",
    built: "printed when a traced process stops; no recording stops one",
    expected: { kind: "signal", pid: 8216, signal: "SIGSTOP", stopped: true },
    check: (l) => expect(l).not.toHaveProperty("info"),
  },
  {
    name: "+++ exited with 0 +++",
    line: "8712  01:18:26.688686 +++ exited with 0 +++",
    from: "errors.o-yy-tt-T.strace",
    expected: { kind: "exit", pid: 8712, time: near(4706.688686), code: 0 },
    check: (l) => expect(l).not.toHaveProperty("signal"),
  },
  {
    name: "+++ exited with 2 +++",
    line: "17257 01:22:19.307446 +++ exited with 2 +++",
    from: "netlink-ip-addr-add.o-yy-tt-T.strace",
    expected: { kind: "exit", pid: 17257, code: 2 },
  },
  {
    name: "+++ killed by SIGKILL +++",
    line: "17629 01:22:21.584475 +++ killed by SIGKILL +++",
    from: "killed-sigkill-thread.o-yy-tt-T.strace",
    expected: { kind: "exit", pid: 17629, signal: "SIGKILL" },
    check: (l) => {
      expect(l).not.toHaveProperty("code");
      expect(l).not.toHaveProperty("coreDumped");
    },
  },
  {
    name: "+++ killed by SIGSEGV (core dumped) +++",
    line: "17650 01:22:21.607835 +++ killed by SIGSEGV (core dumped) +++",
    from: "killed-segv.o-yy-tt-T.strace",
    expected: { kind: "exit", pid: 17650, signal: "SIGSEGV", coreDumped: true },
  },
  {
    name: "+++ superseded by execve in pid N +++",
    line: "[pid  8656] 01:18:26.388533 +++ superseded by execve in pid 8657 +++",
    built: "printed when a non-leader thread calls execve; no recording does",
    expected: { kind: "exit", pid: 8656, supersededBy: 8657 },
    check: (l) => expect(l).not.toHaveProperty("code"),
  },
  {
    name: "strace: Process N attached (as rejoin splits it off a line)",
    line: "strace: Process 8216 attached",
    built: "tcp-echo.err-yy-tt.strace has it spliced into the clone line; rejoin.ts cuts it out as this line",
    expected: {
      kind: "note",
      pid: null,
      note: "attached",
      subject: 8216,
      text: "strace: Process 8216 attached",
    },
  },
  {
    name: "strace: Process N attached with 2 threads (-p)",
    line: "strace: Process 18048 attached with 2 threads",
    from: "attach.err-yy-tt.strace",
    expected: {
      kind: "note",
      note: "attached",
      subject: 18048,
      text: "strace: Process 18048 attached with 2 threads",
    },
  },
  {
    name: "strace: Process N detached",
    line: "strace: Process 18049 detached",
    from: "attach.err-yy-tt.strace",
    expected: { kind: "note", note: "detached", subject: 18049 },
  },
  {
    name: "[ Process PID=N runs in 32 bit mode. ]",
    line: "[ Process PID=8216 runs in 32 bit mode. ]",
    built: "strace's personality switch note; all recordings are x86_64 only",
    expected: { kind: "note", note: "personality", subject: 8216 },
  },
];

const unparsedRows: Row[] = [
  {
    name: "the tail of a line strace's note split: `, child_tidptr=…) = N`",
    line: ", child_tidptr=0x7f5cbd742a10) = 8216 <0.000172>",
    from: ERR,
    expected: { kind: "unparsed", reason: "not a strace line" },
  },
  {
    name: "a line cut by a spliced note has no return",
    line: "01:18:25.382080 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLDstrace: Process 8216 attached",
    from: ERR,
    expected: { kind: "unparsed", reason: "syscall line without a return value" },
  },
  {
    name: "a lone ` <unfinished ...>` continuation",
    line: " <unfinished ...>",
    from: "forking-server.err-yy-tt.strace",
    expected: { kind: "unparsed", reason: "not a strace line" },
  },
  {
    name: "the program's own stderr: `) = 6 <…>` after its output",
    line: ") = 6 <0.000052>",
    from: "mixed-stderr.err-yy-tt.strace",
    expected: { kind: "unparsed", reason: "not a strace line" },
  },
  {
    name: "strace -C's table header",
    line: "% time     seconds  usecs/call     calls    errors syscall",
    built: "the first line of every *.strace.summary, if someone feeds it in",
    expected: { kind: "unparsed", reason: "not a strace line" },
  },
  {
    name: "an empty line",
    line: "",
    built: "blank line",
    expected: { kind: "unparsed", reason: "not a strace line" },
  },
  {
    name: "a malformed resumed marker",
    line: "8075  <... accept resum",
    built: "a resumed line cut short",
    expected: { kind: "unparsed", reason: "malformed resumed line" },
  },
  {
    name: "a resumed line with no return",
    line: "8075  01:18:25.215193 <... accept resumed>{sa_family=AF_INET, sin_port=htons(54380)",
    built: "tcp-echo.o-yy-tt-T.strace's accept resumed line cut in the middle",
    expected: { kind: "unparsed", reason: "resumed call without a return value" },
  },
  {
    name: "the last line of the input, cut with no newline",
    line: "8195  socket(AF_INET, SOCK_STR",
    built: "a log still being written",
    truncated: true,
    expected: { kind: "unparsed", reason: "line cut short (no newline at the end of the input)" },
  },
];

const groups = {
  prefixes: prefixRows,
  "fd decorations": decorationRows,
  "-X raw and -X verbose": xRows,
  strings: stringRows,
  "structs, arrays, sets and expressions": structRows,
  sockaddrs: sockaddrRows,
  "return values": returnRows,
  "unfinished, resumed, detached": splitRows,
  "signals, exits and notes": eventRows,
  "not strace": unparsedRows,
};

const allRows = Object.values(groups).flat();

for (const [group, rows] of Object.entries(groups)) {
  describe(`parseLine: ${group}`, () => {
    test.each(rows)("$name", (row) => {
      const result = parse(row);
      const { args, ...fields } = row.expected;
      expect(result).toMatchObject({ lineNo: 7, ...fields });
      expect(result).not.toHaveProperty("args");
      if (args !== undefined) expect(syscallArgs(result)).toMatchObject(args as object);
      if (result.kind === "unparsed") expect(result.raw).toBe(row.line);
      row.check?.(result);
    });
  });
}

describe("parseLine: the table itself", () => {
  test("every copied line is in its log, verbatim", () => {
    const missing = allRows.filter((r) => r.from !== undefined && !logLines(r.from).includes(r.line));
    expect(missing.map((r) => r.name)).toEqual([]);
  });

  test("every row that pins decoded arguments also pins the argument text they come from", () => {
    const rows = allRows.filter((r) => r.expected.args !== undefined);
    expect(rows.length).toBeGreaterThan(40);
    expect(rows.filter((r) => typeof r.expected.argsText !== "string").map((r) => r.name)).toEqual([]);
  });

  test("every row says where its line comes from", () => {
    expect(
      allRows.filter((r) => (r.from === undefined) === (r.built === undefined)).map((r) => r.name),
    ).toEqual([]);
  });
});

describe("parseLine: properties of real logs", () => {
  const logs = [
    "tcp-echo.o-yy-tt-T.strace",
    "unix.o-xverbose-v.strace",
    "threads.err-yy-tt.strace",
    "udp.o-s16.strace",
  ];

  test.each(logs.map((name) => ({ name })))(
    "$name: every line validates and keeps its number",
    ({ name }) => {
      logLines(name).forEach((text, i) => {
        const line = expectTraceLine(parseLine(text, i + 1));
        expect(line.lineNo).toBe(i + 1);
      });
    },
  );

  test.each(logs.map((name) => ({ name })))(
    "$name: a syscall's argsText is the text between `name(` and its `) = `, and decodes",
    ({ name }) => {
      let syscalls = 0;
      for (const text of logLines(name)) {
        const line = parseLine(text, 1);
        if (line.kind !== "syscall") continue;
        syscalls++;
        expect(text).toMatch(new RegExp(`(^|\\s)${line.name}\\(`));
        const open = text.indexOf(`${line.name}(`) + line.name.length + 1;
        expect(text.slice(open, open + line.argsText.length)).toBe(line.argsText);
        expect(text.slice(open + line.argsText.length)).toMatch(/^\)\s*= /);
        // The strace of these logs always decodes: never the one raw value of text that does not parse.
        const args = decodeArgs(line.argsText);
        if (line.argsText !== "")
          expect([text, args.length === 1 && args[0]?.kind === "raw"]).toEqual([text, false]);
      }
      expect(syscalls).toBeGreaterThan(20);
    },
  );

  test("a syscall line's duration is never mistaken for the return value", () => {
    for (const text of logLines("tcp-echo.o-yy-tt-T.strace")) {
      const line = parseLine(text, 1);
      if (line.kind !== "syscall" || line.duration === undefined) continue;
      expect(text.endsWith(`<${line.duration.toFixed(6)}>`)).toBe(true);
      expect(line.ret.text).not.toContain("<");
    }
  });

  test("the pid of -o lines, and [pid N] on stderr, is the number printed", () => {
    for (const text of logLines("forking-server.err-yy-tt.strace")) {
      const m = /^\[pid\s+(\d+)\]/.exec(text);
      if (!m) continue;
      const line = parseLine(text, 1);
      // The only lines that do not parse are those strace's own note cut in two (rejoin.ts mends them).
      if (line.kind === "unparsed") expect(text).toMatch(/strace: Process \d+ attached$/);
      else expect(line.pid).toBe(Number(m[1]));
    }
    for (const text of logLines("forking-server.o-yy-tt-T.strace")) {
      const m = /^(\d+) /.exec(text);
      expect(m).not.toBeNull();
      expect(parseLine(text, 1)).toMatchObject({ pid: Number(m?.[1]) });
    }
  });
});
