// The strace command line sockscope builds: pure, so every flag combination is checked here.
import { describe, expect, test } from "vitest";
import { buildStraceArgs, parseStraceVersion, straceEnv } from "../../src/trace/strace-args.js";

const V61 = { major: 6, minor: 1, text: "6.1" };
const V52 = { major: 5, minor: 2, text: "5.2" };
const base = { version: V61, output: "/tmp/x/trace.fifo", netOnly: false, stringLimit: 32, extra: [] };

describe("buildStraceArgs", () => {
  test("the default: follow forks, decode fds (-yy), absolute times, durations, the seccomp filter", () => {
    const args = buildStraceArgs(base);
    expect(args.slice(0, 4)).toEqual(["-f", "-q", "-yy", "-ttt"]);
    expect(args).toContain("--seccomp-bpf");
    expect(args.slice(args.indexOf("-s"), args.indexOf("-s") + 2)).toEqual(["-s", "32"]);
    expect(args.slice(-2)).toEqual(["-o", "/tmp/x/trace.fifo"]);
    expect(args).not.toContain("-E");
  });

  test("--no-decode-fds asks for -y instead of -yy and changes nothing else", () => {
    const lean = buildStraceArgs({ ...base, decodeFds: false });
    expect(lean).not.toContain("-yy");
    expect(lean).toEqual(buildStraceArgs(base).map((a) => (a === "-yy" ? "-y" : a)));
  });

  test("a program without TZ: strace is told to take its own TZ out (-E TZ)", () => {
    const args = buildStraceArgs({ ...base, unsetTz: true });
    expect(args.slice(args.indexOf("-E"), args.indexOf("-E") + 2)).toEqual(["-E", "TZ"]);
  });

  test("attach: no program to start, so neither -E nor --seccomp-bpf (strace ignores it for -p)", () => {
    const args = buildStraceArgs({ ...base, unsetTz: true, attach: [12, 34] });
    expect(args).not.toContain("-E");
    expect(args).not.toContain("--seccomp-bpf");
    expect(args.slice(-4)).toEqual(["-p", "12", "-p", "34"]);
  });

  test("strace before 5.3 has no --seccomp-bpf", () => {
    expect(buildStraceArgs({ ...base, version: V52 })).not.toContain("--seccomp-bpf");
  });

  test("--net-only traces only the network, close, the blocking-mode calls and the process calls", () => {
    const set = buildStraceArgs({ ...base, netOnly: true }).find((a) => a.startsWith("trace="));
    expect(set).toBe(
      "trace=%network,close,close_range,fcntl,ioctl,clone,clone3,fork,vfork,execve,execveat,exit_group",
    );
  });

  test("every set traces what sets a socket's blocking mode: fcntl (F_SETFL), ioctl (FIONBIO), epoll_ctl", () => {
    const full =
      buildStraceArgs(base)
        .find((a) => a.startsWith("trace="))
        ?.split(/[=,]/) ?? [];
    expect(full).toEqual(expect.arrayContaining(["fcntl", "ioctl", "epoll_ctl"]));
  });

  test("expert flags (--strace-arg) come after sockscope's own", () => {
    const args = buildStraceArgs({ ...base, extra: ["-X", "raw"] });
    expect(args.slice(-2)).toEqual(["-X", "raw"]);
  });
});

describe("straceEnv", () => {
  test("gives strace TZ=:/etc/localtime (the zone an unset TZ means) only when TZ is unset", () => {
    expect(straceEnv({})).toEqual({ TZ: ":/etc/localtime" });
    expect(straceEnv({ TZ: "Europe/Paris" })).toBeUndefined();
    expect(straceEnv({ TZ: "" })).toBeUndefined();
  });
});

test("parseStraceVersion reads strace -V's first line", () => {
  expect(parseStraceVersion("strace -- version 6.1\nCopyright (c) …")).toEqual(V61);
  expect(parseStraceVersion("not strace")).toBeNull();
});
