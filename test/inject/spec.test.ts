// --inject SPEC: sockscope's words → strace's -e inject=, and the one-line errors for what strace
// would refuse or silently get wrong.
import { describe, expect, test } from "vitest";
import {
  checkOverlap,
  InjectError,
  injectArgs,
  injectedSyscalls,
  injectUnsupported,
  parseInjectSpec,
} from "../../src/inject/spec.js";
import { buildStraceArgs } from "../../src/trace/strace-args.js";
import { runCli } from "../helpers/cli.js";

const args = (...specs: string[]) => injectArgs(specs.map(parseInjectSpec));

describe("the forms", () => {
  test.each([
    ["connect=ECONNREFUSED", "inject=connect:error=ECONNREFUSED"],
    ["send=EPIPE@3", "inject=sendto:error=EPIPE:when=3"],
    ["recv=EINTR", "inject=recvfrom:error=EINTR"],
    ["recv=EINTR@2+", "inject=recvfrom:error=EINTR:when=2+"],
    ["write=EAGAIN@1+2", "inject=write:error=EAGAIN:when=1+2"],
    ["sendmsg=ENOBUFS@2..5", "inject=sendmsg:error=ENOBUFS:when=2..5"],
    ["accept=delay:2s", "inject=accept,accept4:delay_enter=2000000"],
    ["accept4=delay:150ms", "inject=accept4:delay_enter=150000"],
    ["connect=delay:1.5ms", "inject=connect:delay_enter=1500"],
    ["read=delay:20us@4", "inject=read:delay_enter=20:when=4"],
    ["send=EPIPE,signal:SIGPIPE", "inject=sendto:error=EPIPE:signal=SIGPIPE"],
    ["write=signal:pipe@2", "inject=write:signal=SIGPIPE:when=2"],
  ])("%s → %s", (spec, strace) => {
    expect(args(spec)).toEqual(["-e", strace]);
  });

  test("the libc names map to the syscalls that run on x86_64 and aarch64", () => {
    expect(parseInjectSpec("send=EPIPE").syscalls).toEqual(["sendto"]);
    expect(parseInjectSpec("recv=EINTR").syscalls).toEqual(["recvfrom"]);
    expect(parseInjectSpec("accept=EMFILE").syscalls).toEqual(["accept", "accept4"]);
    expect(parseInjectSpec("sendto=EPIPE").syscalls).toEqual(["sendto"]);
    expect(injectedSyscalls(["accept=EMFILE", "send=EPIPE"].map(parseInjectSpec))).toEqual([
      "accept",
      "accept4",
      "sendto",
    ]);
  });
});

describe("what is refused, in one line", () => {
  test.each([
    ["connect", /expected NAME=/],
    ["=EPIPE", /expected NAME=/],
    ["conect=ECONNREFUSED", /cannot inject into 'conect'/],
    ["execve=ENOENT", /cannot inject into 'execve'/],
    ["connect=EFOO", /unknown errno 'EFOO'/],
    ["connect=refused", /'refused' is not an errno/],
    ["send=EPIPE@0", /from 1 to 65535/],
    ["send=EPIPE@x", /'@x' is not a call number/],
    ["send=EPIPE@5..3", /the range must end between 5 and 65534/],
    ["send=EPIPE@3+0", /the step must be from 1/],
    ["accept=delay:2", /'2' is not a delay/],
    ["accept=delay:2h", /'2h' is not a delay/],
    ["accept=delay:0s", /from 1us to 3600s/],
    ["accept=delay:2s,delay:1s", /one delay/],
    ["send=EPIPE,EINTR", /one errno/],
    ["send=signal:SIGNOPE", /unknown signal 'SIGNOPE'/],
    ["send=", /expected NAME=/],
  ])("%s", (spec, message) => {
    expect(() => parseInjectSpec(spec)).toThrow(InjectError);
    expect(() => parseInjectSpec(spec)).toThrow(message);
  });

  test("two specs on one syscall (strace would keep only the last)", () => {
    expect(() => checkOverlap(["accept=EMFILE", "accept4=delay:1s"].map(parseInjectSpec))).toThrow(
      /both inject into accept4: strace keeps one rule per syscall/,
    );
    expect(() => checkOverlap(["send=EPIPE", "recv=EINTR"].map(parseInjectSpec))).not.toThrow();
  });

  test("a strace too old says so; ranges need 5.7", () => {
    const specs = [parseInjectSpec("send=EPIPE@2..3")];
    expect(injectUnsupported({ major: 4, minor: 21, text: "4.21" }, specs)).toMatch(/strace 4\.22 or newer/);
    expect(injectUnsupported({ major: 5, minor: 6, text: "5.6" }, specs)).toMatch(/5\.7 or newer/);
    expect(injectUnsupported({ major: 6, minor: 1, text: "6.1" }, specs)).toBeUndefined();
    expect(injectUnsupported({ major: 4, minor: 0, text: "4.0" }, [])).toBeUndefined();
  });
});

describe("strace's command line", () => {
  const base = { version: { major: 6, minor: 1, text: "6.1" }, output: "/f", stringLimit: 32, extra: [] };
  test("no --inject: no inject flag", () => {
    expect(buildStraceArgs({ ...base, netOnly: false }).join(" ")).not.toMatch(/inject/);
  });
  test("the calls injected into are traced (strace injects only into traced calls), once", () => {
    const specs = ["read=EINTR", "connect=ECONNREFUSED"].map(parseInjectSpec);
    const inject = { args: injectArgs(specs), calls: injectedSyscalls(specs) };
    const netOnly = buildStraceArgs({ ...base, netOnly: true, inject });
    const set = netOnly[netOnly.indexOf("-e") + 1] ?? "";
    expect(set.split(",")).toContain("read");
    expect(set.split(",").filter((c) => c === "connect")).toEqual([]);
    expect(netOnly).toContain("inject=read:error=EINTR");
    const all = buildStraceArgs({ ...base, netOnly: false, inject });
    const full = all[all.indexOf("-e") + 1] ?? "";
    expect(full.split(",").filter((c) => c === "read")).toEqual(["read"]);
  });
});

describe("the CLI", () => {
  test("a bad spec is a one-line usage error before anything runs", async () => {
    const r = await runCli(["--inject", "connect=EFOO", "--", "/nonexistent/program"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/unknown errno 'EFOO'/);
  });
  test("with attach, refused unless --inject-attached confirms it", async () => {
    for (const argv of [
      ["attach", "--inject", "connect=ECONNREFUSED", "1"],
      ["-p", "1", "--inject", "connect=ECONNREFUSED"],
    ]) {
      const r = await runCli(argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/add --inject-attached/);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
  });
  test("an strace too old for --inject: one line, exit 4, nothing started", async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = mkdtempSync(join(tmpdir(), "sockscope-old-strace-"));
    try {
      const old = join(dir, "strace");
      writeFileSync(old, "#!/bin/sh\necho 'strace -- version 4.21'\n", { mode: 0o755 });
      const r = await runCli(["--strace", old, "--inject", "accept=delay:1s", "--", "true"]);
      expect(r.code).toBe(4);
      expect(r.stderr).toBe(
        "sockscope: this strace (4.21) cannot inject faults the way --inject needs: use strace 4.22 or newer\n",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  test("with --inject-attached, attach goes on to its own checks (here: a pid that does not exist)", async () => {
    const r = await runCli(["attach", "--inject", "connect=ECONNREFUSED", "--inject-attached", "2147483646"]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/inject/);
    expect(r.stderr).toMatch(/2147483646/);
  });
  test("--inject-attached alone, or with a program run, is a mistake", async () => {
    const r = await runCli(["--inject-attached", "--", "/nonexistent/program"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--inject-attached confirms --inject with attach/);
  });
});

test("README's table of names lists exactly what --inject takes", async () => {
  const { readFileSync } = await import("node:fs");
  const { ALIASES, INJECTABLE } = await import("../../src/inject/spec.js");
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const row = readme.split("\n").find((l) => l.startsWith("| any other: ")) ?? "";
  const listed = [...row.matchAll(/`([a-z0-9_]+)`/g)].map((m) => m[1]);
  const others = [...INJECTABLE].filter((n) => !(n in ALIASES));
  expect(new Set(listed)).toEqual(new Set(others));
});
