// strace 7's colour (--color=always, or a terminal) and strace 6.16's -N/--arg-names must read exactly
// like plain output. The logs under fixtures/strace7 were recorded with one strace 7.2 binary (see
// its README): each program plain, coloured, with -N, and both. Each variant must give the same
// `read --stable --json` and report as the plain log of the same program, and the same --fail-on
// verdicts. The runs are separate, so what legitimately differs is taken out first: getrandom's
// random bytes, and durations in a diagnostic's message (times are not the same to the millisecond).
// Then single lines, built the way strace prints them, against their plain twins.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { TraceEvent } from "../src/core/events.js";
import { withoutColour } from "../src/parse/colour.js";
import { eventsFromText } from "../src/pipeline.js";
import { runCli } from "./helpers/cli.js";
import { FIXTURES } from "./helpers/logs.js";

const DIR = join(FIXTURES, "strace7");
const log = (name: string) => readFileSync(join(DIR, name), "utf8");

const PROGRAMS = [
  "tcp-echo",
  "udp",
  "unix",
  "nonblocking-connect",
  "leaks-child-leak",
  "leaks-dead",
  "leaks-close-range",
];
const VARIANTS = ["color", "argnames", "color-argnames"];

/** `1.64 s` → `N s`: two runs of one program do not take the same time. */
const durations = (text: string) => text.replace(/\d+(?:\.\d+)? s\b/g, "N s");

/** `read --stable --json` of a log, without what differs between two runs of one program. */
function comparableJson(stdout: string): unknown[] {
  return stdout
    .trim()
    .split("\n")
    .map((line) => {
      const e = JSON.parse(line) as Record<string, unknown>;
      if (e.type === "syscall" && e.name === "getrandom") e.args = "random bytes";
      if (typeof e.message === "string") e.message = durations(e.message);
      return e;
    });
}

async function read(args: string[], text: string) {
  return runCli(["read", ...args, "-"], { stdin: text });
}

describe("the recorded strace 7 logs", () => {
  test("are what their names say: coloured, with argument names, and all from strace's clean exits", () => {
    const names = readdirSync(DIR).filter((f) => f.endsWith(".strace"));
    expect(names).toHaveLength(PROGRAMS.length * 4 + 2);
    for (const name of names) {
      const text = log(name);
      expect(text.includes("\x1b["), name).toBe(name.includes("color"));
      const uncoloured = text.split("\n").map(withoutColour).join("\n");
      expect(/\b[a-z_0-9]+\((?:sockfd|fd)=\d/.test(uncoloured), name).toBe(name.includes("argnames"));
    }
  });

  test.each(readdirSync(DIR).filter((f) => f.endsWith(".strace")))("%s: no line left unparsed", (name) => {
    const events = eventsFromText(log(name));
    expect(events.filter((e) => e.type === "unparsed")).toEqual([]);
    expect(events.filter((e) => e.type === "syscall").length).toBeGreaterThan(30);
  });

  const pairs = [
    ...PROGRAMS.flatMap((program) => VARIANTS.map((variant) => ({ program, plain: "plain", variant }))),
    { program: "tcp-echo", plain: "err-plain", variant: "err-color" },
  ];

  test.each(pairs)("$program: $variant reads like $plain (--stable --json, and the report)", async (p) => {
    const plain = log(`${p.program}.${p.plain}.strace`);
    const other = log(`${p.program}.${p.variant}.strace`);
    const [a, b] = await Promise.all([
      read(["--stable", "--json"], plain),
      read(["--stable", "--json"], other),
    ]);
    expect(b.code).toBe(0);
    expect(comparableJson(b.stdout)).toEqual(comparableJson(a.stdout));
    const [ta, tb] = await Promise.all([
      read(["--stable", "--all"], plain),
      read(["--stable", "--all"], other),
    ]);
    const report = (s: string) => durations(s.replace(/^.*getrandom\(.*$/gm, "getrandom"));
    expect(report(tb.stdout)).toBe(report(ta.stdout));
  });

  // The sockets all talk on loopback: with 127.0.0.1 rewritten to a documentation address (the log is
  // text; nothing is sent), --fail-on external must see the same connections in every variant.
  const external = (text: string) => text.replaceAll("127.0.0.1", "192.0.2.10");
  const verdict = (s: string) => durations(s.replace(/pid \d+/g, "pid P").replace(/:\d+\b/g, ":PORT"));

  test.each(PROGRAMS)(
    "%s: --fail-on external,leak gives the same verdicts in every variant",
    async (program) => {
      const plain = await read(
        ["--fail-on", "external,leak", "-o", "/dev/null"],
        external(log(`${program}.plain.strace`)),
      );
      for (const variant of VARIANTS) {
        const other = await read(
          ["--fail-on", "external,leak", "-o", "/dev/null"],
          external(log(`${program}.${variant}.strace`)),
        );
        expect({ variant, code: other.code, stderr: verdict(other.stderr) }).toEqual({
          variant,
          code: plain.code,
          stderr: verdict(plain.stderr),
        });
      }
      // Only unix sockets in `unix`: nothing external; the leak cases are what leaks.sh says they are.
      expect(plain.code).toBe(program === "unix" ? 0 : 3);
      if (program !== "unix") expect(plain.stderr).toMatch(/--fail-on external: .*192\.0\.2\.10/);
      if (program === "leaks-child-leak") expect(plain.stderr).toMatch(/--fail-on leak: .*inherited it from/);
      if (program === "leaks-dead") expect(plain.stderr).toMatch(/--fail-on leak: .*the peer had closed it/);
      if (program === "leaks-close-range" || program === "tcp-echo")
        expect(plain.stderr).not.toMatch(/--fail-on leak/);
    },
  );
});

const E = "\x1b[";

/** The events of some lines, for comparing one style of strace output with another. */
const events = (lines: string[]): TraceEvent[] => eventsFromText(`${lines.join("\n")}\n`);

describe("colour", () => {
  test("withoutColour takes off SGR sequences, and returns the very string when there are none", () => {
    const plain = '18974 07:00:35.845812 read(4, "x", 1) = 1';
    expect(withoutColour(plain)).toBe(plain);
    expect(withoutColour(`${E}33mread${E}0m(${E}35m4${E}0m)${E}0m ${E}0m=${E}0m ${E}32m1${E}0m`)).toBe(
      "read(4) = 1",
    );
    // STRACE_COLORS may set any SGR list (`1;31`); other CSI forms go too.
    expect(withoutColour(`${E}1;31mread${E}0m(${E}K)`)).toBe("read()");
    // A program's ESC is printed escaped by strace (`\33`, `\x1b`): that text stays.
    expect(withoutColour('write(1, "\\33[31mred\\x1b[0m", 13) = 13')).toBe(
      'write(1, "\\33[31mred\\x1b[0m", 13) = 13',
    );
  });

  // Copied from fixtures/strace7/tcp-echo.color.strace (ESC written as ${E}); the plain twin of each
  // is the same line as strace 7 prints it without colour.
  const coloured = [
    `18974 07:00:35.835076 ${E}33mbind${E}0m(${E}35m3${E}0m<${E}35mTCP:[285479]${E}0m>${E}35m${E}0m, ${E}35m${E}0m{${E}35m${E}39msa_family${E}0m=${E}35m${E}34mAF_INET${E}35m${E}0m, ${E}35m${E}39msin_port${E}0m=${E}35m${E}33mhtons${E}0m(${E}35m32068${E}0m)${E}0m${E}0m, ${E}35m${E}39msin_addr${E}0m=${E}35m${E}33minet_addr${E}0m(${E}35m"127.0.0.1"${E}0m)${E}0m${E}0m}${E}35m${E}0m, ${E}35m16${E}0m${E}0m)${E}0m ${E}0m=${E}0m${E}0m ${E}32m0${E}0m ${E}32m${E}0m<${E}35m0.000034${E}0m>${E}35m${E}0m${E}0m`,
    `18974 07:00:35.836810 ${E}33mlisten${E}0m(${E}35m3${E}0m<${E}35mTCP:[127.0.0.1:32068]${E}0m>${E}35m${E}0m, ${E}35m4${E}0m${E}0m)${E}0m ${E}0m=${E}0m${E}0m ${E}32m0${E}0m ${E}32m${E}0m<${E}35m0.000032${E}0m>${E}35m${E}0m${E}0m`,
    `18974 07:00:35.838862 ${E}33maccept${E}0m(${E}35m3${E}0m<${E}35mTCP:[127.0.0.1:32068]${E}0m>${E}35m${E}0m <unfinished ...>${E}0m`,
    `18974 07:00:35.842426 <... accept resumed>${E}0m, ${E}35m${E}0m{${E}35m${E}39msa_family${E}0m=${E}35m${E}34mAF_INET${E}35m${E}0m, ${E}35m${E}39msin_port${E}0m=${E}35m${E}33mhtons${E}0m(${E}35m36392${E}0m)${E}0m${E}0m, ${E}35m${E}39msin_addr${E}0m=${E}35m${E}33minet_addr${E}0m(${E}35m"127.0.0.1"${E}0m)${E}0m${E}0m}${E}35m${E}0m, ${E}35m${E}0m[${E}35m16${E}0m]${E}35m${E}0m)${E}0m ${E}0m=${E}0m${E}0m ${E}32m4${E}0m<${E}35mTCP:[127.0.0.1:32068->127.0.0.1:36392]${E}0m>${E}35m${E}0m ${E}32m${E}0m<${E}35m0.003536${E}0m>${E}35m${E}0m${E}0m`,
    `18974 07:00:35.845812 ${E}33mread${E}0m(${E}35m4${E}0m<${E}35mTCP:[127.0.0.1:32068->127.0.0.1:36392]${E}0m>${E}35m${E}0m <unfinished ...>${E}0m`,
    `18974 07:00:35.845871 <... read resumed>${E}0m, ${E}35m"hello sockscope\\n"${E}0m, ${E}35m256${E}0m)${E}0m ${E}0m=${E}0m${E}0m ${E}32m16${E}0m ${E}32m${E}0m<${E}35m0.000031${E}0m>${E}35m${E}0m${E}0m`,
    `18975 07:00:35.846717 +++ exited with 0 +++${E}0m`,
    `18974 07:00:35.846747 --- SIGCHLD ${E}0m{${E}35m${E}39msi_signo${E}0m=${E}35mSIGCHLD${E}0m, ${E}35m${E}39msi_code${E}0m=${E}35m${E}34mCLD_EXITED${E}35m${E}0m, ${E}35m${E}39msi_pid${E}0m=${E}35m18975${E}0m, ${E}35m${E}39msi_uid${E}0m=${E}35m0${E}0m, ${E}35m${E}39msi_status${E}0m=${E}35m0${E}0m, ${E}35m${E}39msi_utime${E}0m=${E}35m0${E}0m, ${E}35m${E}39msi_stime${E}0m=${E}35m0${E}0m}${E}35m ---${E}0m`,
    `18974 07:00:35.847199 ${E}33mexit_group${E}0m(${E}35m0${E}0m${E}0m)${E}0m     ${E}0m=${E}0m${E}0m ${E}32m?${E}0m${E}0m`,
    `18974 07:00:35.847210 +++ exited with 0 +++${E}0m`,
  ];
  const plain = [
    '18974 07:00:35.835076 bind(3<TCP:[285479]>, {sa_family=AF_INET, sin_port=htons(32068), sin_addr=inet_addr("127.0.0.1")}, 16) = 0 <0.000034>',
    "18974 07:00:35.836810 listen(3<TCP:[127.0.0.1:32068]>, 4) = 0 <0.000032>",
    "18974 07:00:35.838862 accept(3<TCP:[127.0.0.1:32068]> <unfinished ...>",
    '18974 07:00:35.842426 <... accept resumed>, {sa_family=AF_INET, sin_port=htons(36392), sin_addr=inet_addr("127.0.0.1")}, [16]) = 4<TCP:[127.0.0.1:32068->127.0.0.1:36392]> <0.003536>',
    "18974 07:00:35.845812 read(4<TCP:[127.0.0.1:32068->127.0.0.1:36392]> <unfinished ...>",
    '18974 07:00:35.845871 <... read resumed>, "hello sockscope\\n", 256) = 16 <0.000031>',
    "18975 07:00:35.846717 +++ exited with 0 +++",
    "18974 07:00:35.846747 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=18975, si_uid=0, si_status=0, si_utime=0, si_stime=0} ---",
    "18974 07:00:35.847199 exit_group(0)     = ?",
    "18974 07:00:35.847210 +++ exited with 0 +++",
  ];

  test("coloured lines (a struct argument, a split call's halves, a signal, exits) read as their plain twins", () => {
    const got = events(coloured);
    expect(got).toEqual(events(plain));
    expect(got.map((e) => e.type)).toEqual([
      "syscall",
      "syscall",
      "syscall",
      "syscall",
      "exit",
      "signal",
      "syscall",
      "exit",
      "connection",
      "connection",
      "summary",
    ]);
  });

  test("captured from a terminal (script(1)): CRLF line ends as well", () => {
    expect(eventsFromText(`${coloured.join("\r\n")}\r\n`)).toEqual(events(plain));
  });

  test("on strace's stderr, a note inside a coloured line is split off as it is from a plain one", () => {
    // Copied from fixtures/strace7/tcp-echo.err-color.strace: strace's note lands inside clone's line.
    const note = [
      `07:00:47.535023 ${E}33mclone${E}0m(${E}35m${E}39mchild_stack${E}0m=${E}35mNULL${E}0m, ${E}35m${E}39mflags${E}0m=${E}35m${E}34mCLONE_CHILD_CLEARTID${E}35m${E}0m|${E}35m${E}34mCLONE_CHILD_SETTID${E}35m${E}0m|${E}35mSIGCHLD${E}0mstrace: Process 19339 attached`,
      `${E}0m, ${E}35m${E}39mchild_tidptr${E}0m=${E}35m0x7fd0fbfc8a10${E}0m)${E}0m ${E}0m=${E}0m${E}0m ${E}32m19339${E}0m ${E}32m${E}0m<${E}35m0.000306${E}0m>${E}35m${E}0m${E}0m`,
      `${E}0m[${E}35mpid 19339${E}0m]${E}35m 07:00:47.535388 ${E}33mset_robust_list${E}0m(${E}35m0x7fd0fbfc8a20${E}0m, ${E}35m24${E}0m <unfinished ...>${E}0m`,
    ];
    const twin = [
      "07:00:47.535023 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLDstrace: Process 19339 attached",
      ", child_tidptr=0x7fd0fbfc8a10) = 19339 <0.000306>",
      "[pid 19339] 07:00:47.535388 set_robust_list(0x7fd0fbfc8a20, 24 <unfinished ...>",
    ];
    const got = events(note);
    expect(got).toEqual(events(twin));
    expect(got.filter((e) => e.type === "unparsed")).toEqual([]);
  });
});

describe("-N/--arg-names", () => {
  // From fixtures/strace7/*.argnames.strace, and their twins as strace prints them without -N.
  const named = [
    "19185 07:00:40.436219 socket(domain=AF_INET, type=SOCK_STREAM|SOCK_NONBLOCK, protocol=IPPROTO_IP) = 4<TCP:[287010]> <0.000019>",
    "19185 07:00:40.437015 setsockopt(sockfd=4<TCP:[287010]>, level=SOL_SOCKET, optname=SO_REUSEADDR, optval=[1], optlen=4) = 0 <0.000009>",
    '19185 07:00:40.437020 connect(sockfd=4<TCP:[287010]>, addr={sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("192.0.2.10")}, addrlen=16) = -1 EINPROGRESS (Operation now in progress) <0.000040>',
    "19185 07:00:40.437030 getsockopt(sockfd=4<TCP:[10.0.0.1:52382->192.0.2.10:80]>, level=SOL_SOCKET, optname=SO_ERROR, optval=[0], optlen=[4]) = 0 <0.000010>",
    "19185 07:00:40.437040 recvfrom(sockfd=4<TCP:[10.0.0.1:52382->192.0.2.10:80]> <unfinished ...>",
    '19186 07:00:40.437050 write(fd=1</tmp/a=b, c>, buf="x=1, y=2", count=8) = 8 <0.000010>',
    '19185 07:00:40.437060 <... recvfrom resumed>, buf="bye\\n", len=4, flags=0, src_addr=NULL, addrlen=NULL) = 4 <0.000019>',
    "19185 07:00:40.437070 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7efd95351a10) = 19187 <0.000214>",
    "19185 07:00:40.437080 wait4(pid=19187 <unfinished ...>",
    "19187 07:00:40.437085 +++ exited with 0 +++",
    "19185 07:00:40.437090 <... wait4 resumed>, status=[{WIFEXITED(s) && WEXITSTATUS(s) == 0}], options=0, usage=NULL) = 19187 <0.000226>",
    "19185 07:00:40.437100 close(fd=4<TCP:[10.0.0.1:52382->192.0.2.10:80]>) = 0 <0.000011>",
    '19186 07:00:40.437110 <... sendto resumed>, buf="late", len=4, flags=0, dest_addr=NULL, addrlen=0) = 4 <0.000019>',
    "19186 07:00:40.437120 read(fd=0</dev/null<char 1:3>> <unfinished ...>",
    "19186 07:00:40.437130 +++ killed by SIGKILL +++",
    "19185 07:00:40.437140 exit_group(status=0) = ?",
    "19185 07:00:40.437150 +++ exited with 0 +++",
  ];
  const plain = [
    "19185 07:00:40.436219 socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK, IPPROTO_IP) = 4<TCP:[287010]> <0.000019>",
    "19185 07:00:40.437015 setsockopt(4<TCP:[287010]>, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0 <0.000009>",
    '19185 07:00:40.437020 connect(4<TCP:[287010]>, {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("192.0.2.10")}, 16) = -1 EINPROGRESS (Operation now in progress) <0.000040>',
    "19185 07:00:40.437030 getsockopt(4<TCP:[10.0.0.1:52382->192.0.2.10:80]>, SOL_SOCKET, SO_ERROR, [0], [4]) = 0 <0.000010>",
    "19185 07:00:40.437040 recvfrom(4<TCP:[10.0.0.1:52382->192.0.2.10:80]> <unfinished ...>",
    '19186 07:00:40.437050 write(1</tmp/a=b, c>, "x=1, y=2", 8) = 8 <0.000010>',
    '19185 07:00:40.437060 <... recvfrom resumed>, "bye\\n", 4, 0, NULL, NULL) = 4 <0.000019>',
    "19185 07:00:40.437070 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7efd95351a10) = 19187 <0.000214>",
    "19185 07:00:40.437080 wait4(19187 <unfinished ...>",
    "19187 07:00:40.437085 +++ exited with 0 +++",
    "19185 07:00:40.437090 <... wait4 resumed>, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 19187 <0.000226>",
    "19185 07:00:40.437100 close(4<TCP:[10.0.0.1:52382->192.0.2.10:80]>) = 0 <0.000011>",
    '19186 07:00:40.437110 <... sendto resumed>, "late", 4, 0, NULL, 0) = 4 <0.000019>',
    "19186 07:00:40.437120 read(0</dev/null<char 1:3>> <unfinished ...>",
    "19186 07:00:40.437130 +++ killed by SIGKILL +++",
    "19185 07:00:40.437140 exit_group(0) = ?",
    "19185 07:00:40.437150 +++ exited with 0 +++",
  ];

  test("-N lines (struct arguments, split calls, a half without its start, clone, a call cut off) read as their plain twins", () => {
    const got = events(named);
    expect(got).toEqual(events(plain));
    const connect = got.find((e) => e.type === "syscall" && e.name === "connect");
    expect(connect).toMatchObject({ fd: 4, socket: { transport: "tcp" } });
  });

  test("with the names, the socket model sees the fd: --fail-on external catches the connection, and close ends it", async () => {
    const args = ["read", "--fail-on", "external,leak", "-o", "/dev/null", "-"];
    const [a, b] = await Promise.all([
      runCli(args, { stdin: `${plain.join("\n")}\n` }),
      runCli(args, { stdin: `${named.join("\n")}\n` }),
    ]);
    expect(b).toEqual(a);
    expect(b.code).toBe(3);
    expect(b.stderr).toMatch(
      /--fail-on external: pid 19185 connect\(fd 4\) to 192\.0\.2\.10:80, outside loopback/,
    );
    expect(b.stderr).not.toMatch(/--fail-on leak/);
  });

  test("both at once: coloured -N reads as plain", () => {
    // Copied from fixtures/strace7/tcp-echo.color-argnames.strace.
    const both = [
      `19224 07:00:43.983455 ${E}33mconnect${E}0m(${E}35m${E}39msockfd${E}0m=${E}35m3${E}0m<${E}35mTCP:[286295]${E}0m>${E}35m${E}0m, ${E}35m${E}39maddr${E}0m=${E}35m${E}0m{${E}35m${E}39msa_family${E}0m=${E}35m${E}34mAF_INET${E}35m${E}0m, ${E}35m${E}39msin_port${E}0m=${E}35m${E}33mhtons${E}0m(${E}35m32068${E}0m)${E}0m${E}0m, ${E}35m${E}39msin_addr${E}0m=${E}35m${E}33minet_addr${E}0m(${E}35m"127.0.0.1"${E}0m)${E}0m${E}0m}${E}35m${E}0m, ${E}35m${E}39maddrlen${E}0m=${E}35m16${E}0m${E}0m)${E}0m ${E}0m=${E}0m${E}0m ${E}32m0${E}0m ${E}32m${E}0m<${E}35m0.000156${E}0m>${E}35m${E}0m${E}0m`,
      `19224 07:00:43.989543 ${E}33mclose${E}0m(${E}35m${E}39mfd${E}0m=${E}35m3${E}0m<${E}35mTCP:[127.0.0.1:60878->127.0.0.1:32068]${E}0m>${E}35m${E}0m${E}0m)${E}0m ${E}0m=${E}0m${E}0m ${E}32m0${E}0m ${E}32m${E}0m<${E}35m0.000012${E}0m>${E}35m${E}0m${E}0m`,
    ];
    const twins = [
      '19224 07:00:43.983455 connect(3<TCP:[286295]>, {sa_family=AF_INET, sin_port=htons(32068), sin_addr=inet_addr("127.0.0.1")}, 16) = 0 <0.000156>',
      "19224 07:00:43.989543 close(3<TCP:[127.0.0.1:60878->127.0.0.1:32068]>) = 0 <0.000012>",
    ];
    expect(events(both)).toEqual(events(twins));
  });
});
