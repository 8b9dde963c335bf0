// `sockscope <program>` as users run it: the real CLI tracing real programs under the real strace.
// The program must not notice the tracer (stdio, argv, env, cwd, fds, exit status), the report
// must stream while the program runs, and signals and errors must behave as README documents.
//
// Every sockscope run here is in a network namespace of its own (inFreshNetns wraps the whole
// sockscope command), on ports the test picks, so no other test file's listener or leftover
// socket can make a program's bind fail. Wrapping sockscope itself, rather than only the traced
// program, keeps the traced program as strace's child, exactly as a user runs it, and adds no
// process: unshare and sh exec, so the process the test starts and signals *is* sockscope. A
// client that must reach a program in there joins its namespace with inNetnsOf.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { EventSchema } from "../../src/events/schema.js";
import { cliEnv } from "../helpers/env.js";
import { compileFixture, createWorkDir, readableCliCopy } from "../helpers/live.js";
import { inFreshNetns, inNetnsOf, listensOn, pickPort, pickPorts } from "../helpers/netns.js";
import { alive, waitFor } from "../helpers/wait.js";

const BIN = join(import.meta.dirname, "..", "..", "bin", "sockscope.js");
const work = createWorkDir();
// sockscope makes its temp dir under TMPDIR: give it one of our own, to see that it is removed.
const tmp = join(work.dir, "tmp");
let stdioCheck = "";
let waitServer = "";
let notExecutable = "";
let badFormat = "";

beforeAll(async () => {
  mkdirSync(tmp);
  stdioCheck = await compileFixture("stdio-check", work.dir);
  waitServer = await compileFixture("wait-server", work.dir);
  notExecutable = join(work.dir, "plain.txt");
  writeFileSync(notExecutable, "just text\n", { mode: 0o644 });
  badFormat = join(work.dir, "garbage.bin");
  writeFileSync(badFormat, Buffer.from([0xde, 0xad, 0xbe, 0xef, 0, 1, 2, 3]), { mode: 0o755 });
});
afterAll(() => work.remove());

// The test's environment without the CI runner's variables (a GITHUB_STEP_SUMMARY would get the
// reports appended), plus these; every run here passes extendEnv: false.
const env = cliEnv({ TMPDIR: tmp, SOCKSCOPE_PROBE: "probe value with spaces" });

type RunOptions = { input?: string; cwd?: string; env?: NodeJS.ProcessEnv };

/** sockscope `args` in a fresh network namespace. */
function sockscope(args: string[], options: RunOptions = {}) {
  return execa(...inFreshNetns([process.execPath, BIN, ...args]), {
    reject: false,
    stripFinalNewline: false,
    env,
    extendEnv: false,
    ...options,
  });
}

/** Collects what a running subprocess writes to stdout, to wait for a line of it. */
function watchStdout(run: { stdout: NodeJS.ReadableStream | null }): () => string {
  let text = "";
  run.stdout?.on("data", (chunk: Buffer | string) => {
    text += chunk.toString();
  });
  return () => text;
}

/** After a failed assertion: leave no traced program or sockscope running for the next test. */
function forceStop(run: { kill(signal: NodeJS.Signals): boolean }, programPid: number): void {
  if (Number.isInteger(programPid) && programPid > 0 && alive(programPid))
    process.kill(programPid, "SIGKILL");
  // A sockscope killed here cannot remove its temp dir: the test that failed says so; the next
  // tests, which check that nothing is left in the same TMPDIR, must not fail for it too.
  if (run.kill("SIGKILL"))
    for (const entry of readdirSync(tmp)) rmSync(join(tmp, entry), { recursive: true, force: true });
}

const TRICKY_ARGS = ["a b", "quote ' and \"", "$(touch /tmp/pwned)", "; rm -rf /", "new\nline", "", "*"];

describe("the traced program does not notice", () => {
  // strace runs with a TZ of its own when the program has none (straceEnv): the program must not see it.
  test.each([
    { tz: undefined, label: "TZ unset" },
    { tz: "Europe/Paris", label: "TZ set" },
  ])(
    "stdout, stderr, argv, environment ($label), cwd and open fds are the same as untraced",
    async ({ tz }) => {
      const input = `stdin bytes \u0000\u00ff\n${"x".repeat(100_000)}`;
      const withoutTz = Object.fromEntries(Object.entries(env).filter(([k]) => k !== "TZ"));
      const programEnv = { ...withoutTz, ...(tz === undefined ? {} : { TZ: tz }) };
      // Both in a namespace of their own (stdio-check sends a datagram to 127.0.0.1:9), so that the
      // only difference between the two runs is the tracer.
      const untraced = await execa(...inFreshNetns([stdioCheck, ...TRICKY_ARGS]), {
        reject: false,
        input,
        env: programEnv,
        extendEnv: false,
        cwd: work.dir,
        stripFinalNewline: false,
        encoding: "buffer",
      });
      const report = join(work.dir, "report.txt");
      const traced = await execa(
        ...inFreshNetns([process.execPath, BIN, "-o", report, stdioCheck, ...TRICKY_ARGS]),
        {
          reject: false,
          input,
          env: programEnv,
          extendEnv: false,
          cwd: work.dir,
          stripFinalNewline: false,
          encoding: "buffer",
        },
      );
      // The test's own stdio pipes and sockets differ between two runs only in their inode numbers.
      const pipes = (b: Uint8Array) =>
        Buffer.from(b)
          .toString("latin1")
          .replace(/(pipe|socket):\[\d+\]/g, "$1:[N]");
      expect(traced.exitCode).toBe(0);
      expect(pipes(traced.stdout)).toBe(pipes(untraced.stdout));
      expect(Buffer.from(traced.stderr).toString()).toBe(Buffer.from(untraced.stderr).toString());
      expect(Buffer.from(traced.stdout).toString()).toContain("argv[4]=[; rm -rf /]");
      expect(existsSync("/tmp/pwned")).toBe(false);
      expect(readFileSync(report, "utf8")).toMatch(/sendto\(\d+<UDP:/);
    },
  );

  test.each([
    { label: "exit 0", exit: "0", expected: 0 },
    { label: "exit 3", exit: "3", expected: 3 },
    { label: "exit 255", exit: "255", expected: 255 },
  ])("its exit status passes through: $label", async ({ exit, expected }) => {
    const r = await sockscope(["-o", "/dev/null", stdioCheck], {
      env: { ...env, SOCKSCOPE_EXIT: exit },
      input: "",
    });
    expect(r.exitCode).toBe(expected);
  });

  test.each([
    { signal: "SIGSEGV", status: 139 },
    { signal: "SIGKILL", status: 137 },
    { signal: "SIGTERM", status: 143 },
  ])("killed by $signal: 128+N", async ({ signal, status }) => {
    const r = await sockscope(["-o", "/dev/null", "sh", "-c", `kill -${signal.slice(3)} $$`]);
    expect(r.exitCode).toBe(status);
  });
});

describe("the report", () => {
  test("goes to stderr by default, to stdout with -o -, and never into the program's stdout", async () => {
    const byDefault = await sockscope([stdioCheck], { input: "" });
    expect(byDefault.stdout).not.toMatch(/sendto\(/);
    expect(byDefault.stderr).toMatch(/sendto\(/);
    const toStdout = await sockscope(["-o", "-", stdioCheck], { input: "" });
    expect(toStdout.stdout).toMatch(/sendto\(/);
  });

  test("--json -o FILE: schema-valid JSON lines, the summary last", async () => {
    const out = join(work.dir, "trace.jsonl");
    const r = await sockscope(["--json", "-o", out, stdioCheck], { input: "" });
    expect(r.exitCode).toBe(0);
    const events = readFileSync(out, "utf8")
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    for (const e of events) expect(EventSchema.safeParse(e).error).toBeUndefined();
    expect(events.at(-1).type).toBe("summary");
    expect(events.some((e) => e.name === "sendto" && e.args[4]?.addr?.text === "127.0.0.1:9")).toBe(true);
  });

  test("streams: a server's socket, bind and listen show before it exits", async () => {
    const report = join(work.dir, "streaming.txt");
    const port = pickPort();
    const run = sockscope(["-o", report, waitServer, String(port)]);
    await waitFor(
      () => existsSync(report) && readFileSync(report, "utf8").includes("listen("),
      "listen in the report",
    );
    const text = readFileSync(report, "utf8");
    expect(text).toMatch(/socket\(AF_INET, SOCK_STREAM/);
    expect(text).toMatch(/bind\(\d+<TCP:/);
    expect(text).not.toMatch(/exited with/);
    // The server is in sockscope's namespace (run.pid is sockscope: see the top of the file).
    await execa(
      ...inNetnsOf(run.pid ?? 0, ["bash", "-c", `exec 3<>/dev/tcp/127.0.0.1/${port}; echo hi >&3`]),
    );
    const r = await run;
    expect(r.exitCode).toBe(0);
    expect(readFileSync(report, "utf8")).toMatch(/\+\+\+ exited with 0 \+\+\+/);
  });

  test("--net-only leaves file I/O out of the trace", async () => {
    const full = await sockscope(["--json", "-o", "-", stdioCheck], { input: "" });
    const netOnly = await sockscope(["--json", "--net-only", "-o", "-", stdioCheck], { input: "" });
    expect(full.stdout).toMatch(/"name":"write"/);
    expect(netOnly.stdout).not.toMatch(/"name":"write"/);
    expect(netOnly.stdout).toMatch(/"name":"sendto"/);
  });
});

describe("signals", () => {
  // The signals go to run.pid, which is sockscope itself: inFreshNetns adds no process.
  async function startServer(extra: string[] = []) {
    const port = pickPort();
    const report = join(work.dir, `signal-${port}.txt`);
    const run = sockscope(["-o", report, waitServer, String(port), ...extra]);
    const stdout = watchStdout(run);
    // The program is past listen() (strace prints a call once it returns) and its handlers, if
    // any, are in place. Whether it is already blocked in accept() when the signal comes makes no
    // difference to what these tests check.
    await waitFor(
      () => existsSync(report) && readFileSync(report, "utf8").includes("listen("),
      "listen in the report",
    );
    const programPid = Number(/(\d+) +listen\(/.exec(readFileSync(report, "utf8"))?.[1]);
    return { run, report, programPid, stdout };
  }

  test.each([
    { signal: "SIGTERM" as const, status: 143 },
    { signal: "SIGINT" as const, status: 130 },
    { signal: "SIGHUP" as const, status: 129 },
  ])(
    "$signal to sockscope reaches the program; the report is complete; nothing is left behind",
    async ({ signal, status }) => {
      const { run, report, programPid } = await startServer();
      try {
        run.kill(signal);
        const r = await run;
        expect(r.exitCode).toBe(status);
        const text = readFileSync(report, "utf8");
        expect(text).toContain(`+++ killed by ${signal} +++`);
        expect(text).toMatch(/-- summary:/);
        expect(alive(programPid)).toBe(false);
        expect(readdirSync(tmp)).toEqual([]);
      } finally {
        forceStop(run, programPid);
      }
    },
  );

  test("a second signal kills a program that ignores the first", async () => {
    const { run, report, programPid, stdout } = await startServer(["ignore-term"]);
    try {
      run.kill("SIGTERM");
      // The program's handler says so once the first SIGTERM reached it; it is still running.
      await waitFor(() => stdout().includes("ignored SIGTERM"), "the program to survive the first SIGTERM");
      // Once seen dead here under heavy load (CI beside a benchmark): the report says what happened.
      expect(
        alive(programPid),
        `pid ${programPid}; the report so far:\n${readFileSync(report, "utf8").slice(-3000)}`,
      ).toBe(true);
      run.kill("SIGTERM");
      const r = await run;
      expect(r.exitCode).toBe(137);
      expect(readFileSync(report, "utf8")).toContain("+++ killed by SIGKILL +++");
      expect(alive(programPid)).toBe(false);
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      forceStop(run, programPid);
    }
  });
});

describe("errors name the fix, one line, with the documented status", () => {
  test.each([
    { label: "program not found", args: ["no-such-program-xyz"], status: 127, message: /command not found/ },
    { label: "path not found", args: ["./no/such/file"], status: 127, message: /no such file/ },
    { label: "not executable", args: ["NOEXEC"], status: 126, message: /not executable/ },
    {
      label: "strace missing",
      args: ["--strace", "/nonexistent/strace", "true"],
      status: 4,
      message: /apt-get install strace/,
    },
    { label: "unknown option", args: ["--frobnicate", "true"], status: 2, message: /unknown option/ },
    {
      label: "mistyped subcommand",
      args: ["atach", "1"],
      status: 127,
      message: /did you mean 'sockscope attach'/,
    },
    {
      label: "attach to a pid that does not exist",
      args: ["attach", "999999999"],
      status: 2,
      message: /no process with pid/,
    },
    { label: "attach: not a pid", args: ["attach", "abc"], status: 2, message: /not a process id/ },
  ])("$label", async ({ args, status, message }) => {
    const r = await sockscope(args.map((a) => (a === "NOEXEC" ? notExecutable : a)));
    expect(r.exitCode).toBe(status);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  test("executable bit but not a program the kernel can run (ENOEXEC): 126, like a shell", async () => {
    const r = await sockscope(["-o", "/dev/null", badFormat]);
    expect(r.exitCode).toBe(126);
  });

  test("ptrace refused: attaching to another user's process (4, with the sysctl and container hints)", async () => {
    const victim = execa("sleep", ["5"]);
    // As root, sockscope runs as nobody, from a copy nobody can read (this checkout may be in a
    // directory only root can enter).
    const asNobody = process.getuid?.() === 0;
    const cli = asNobody ? readableCliCopy() : undefined;
    try {
      const [cmd = process.execPath, ...rest] = [
        ...(asNobody ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []),
        process.execPath,
        cli?.bin ?? BIN,
        "attach",
        String(victim.pid),
      ];
      const r = await execa(cmd, rest, { reject: false, env, extendEnv: false });
      expect(r.exitCode).toBe(4);
      expect(r.stderr).toMatch(/ptrace_scope|SYS_PTRACE/);
    } finally {
      cli?.remove();
      victim.kill();
      await victim.catch(() => undefined);
    }
  });
});

describe("--no-decode-fds", () => {
  test("strace runs with -y instead of -yy: the same calls, fds named by inode only, no addresses the kernel alone knew", async () => {
    const report = join(work.dir, "lean.jsonl");
    const r = await sockscope(["--no-decode-fds", "--json", "-o", report, stdioCheck], { input: "" });
    expect(r.exitCode).toBe(0);
    const events = readFileSync(report, "utf8")
      .trimEnd()
      .split("\n")
      .map((l) => EventSchema.parse(JSON.parse(l)));
    const sendto = events.find((e) => e.type === "syscall" && e.name === "sendto");
    expect(sendto?.type === "syscall" && sendto.socket?.transport).toBe("udp");
    // Socket fds carry -y's `socket:[inode]`, never -yy's protocol and addresses (`UDP:[…]`).
    const socketDecorations = events.flatMap((e) =>
      e.type === "syscall"
        ? e.args.flatMap((a) =>
            a.kind === "fd" && a.decoration?.text.includes("[") ? [a.decoration.text] : [],
          )
        : [],
    );
    expect(socketDecorations.length).toBeGreaterThan(0);
    for (const text of socketDecorations) expect(text).toMatch(/^socket:\[\d+\]$/);
    // So the kernel-picked local port is unknown.
    expect(sendto?.type === "syscall" && sendto.socket?.local).toBeUndefined();
  });
});

describe("strace failing before the program starts", () => {
  // Under a tracer (here an outer strace -f) a process may not be traced a second time: the inner
  // strace's PTRACE_TRACEME is refused, as it is in a container without CAP_SYS_PTRACE.
  test("ptrace refused for run: 4, strace's own message, then the reason", async () => {
    const r = await execa(
      "strace",
      ["-f", "-o", "/dev/null", process.execPath, BIN, "-o", "/dev/null", stdioCheck],
      { reject: false, env, extendEnv: false },
    );
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toMatch(/^(?:\S*\/)?strace: ptrace\(PTRACE_TRACEME.*Operation not permitted$/m);
    expect(r.stderr).toMatch(
      /^sockscope: cannot trace .*runs under a tracer \(pid \d+, strace\).*only one tracer/m,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(tmp)).toEqual([]);
  });

  test("a flag strace does not know: 4, and the program never ran", async () => {
    const marker = join(work.dir, "ran-marker");
    const r = await sockscope(["--strace-arg", "--no-such-strace-flag", "--", "touch", marker]);
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toMatch(/^sockscope: strace exited with 1 before the program started/m);
    expect(existsSync(marker)).toBe(false);
    expect(readdirSync(tmp)).toEqual([]);
  });
});

describe("attach", () => {
  test("follows a running process; SIGINT detaches and leaves it running", async () => {
    const script = `import socket,time
s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)
print('ready', flush=True)
while True:
  s.sendto(b'tick',('127.0.0.1',${pickPort()})); time.sleep(0.02)
`;
    // The program in a namespace of its own, and sockscope in the same one: strace -yy asks the
    // kernel about sockets through netlink in its own namespace, so it must be the program's.
    const victim = execa(...inFreshNetns(["python3", "-c", script]));
    const victimSays = watchStdout(victim);
    try {
      await waitFor(() => victimSays().includes("ready"), "the program to start");
      const report = join(work.dir, "attach.txt");
      const run = execa(
        ...inNetnsOf(victim.pid ?? 0, [process.execPath, BIN, "attach", String(victim.pid), "-o", report]),
        { reject: false, env, extendEnv: false },
      );
      await waitFor(
        () => existsSync(report) && (readFileSync(report, "utf8").match(/sendto\(/g) ?? []).length >= 3,
        "sendto in the report",
      );
      run.kill("SIGINT");
      const r = await run;
      expect(r.exitCode).toBe(0);
      expect(alive(victim.pid ?? 0)).toBe(true);
      expect(readFileSync(report, "utf8")).toMatch(/sendto\(\d+<UDP:\[0\.0\.0\.0:\d+\]>, "tick"/);
    } finally {
      victim.kill();
      await victim.catch(() => undefined);
    }
  });
});

describe("real programs", () => {
  test("demo: the whole story of one connection, exit 0", async () => {
    const r = await sockscope(["demo"]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('client received "echo: hello from sockscope demo"');
    for (const call of ["socket(", "bind(", "listen(", "connect(", "accept4(", "shutdown(", "close("])
      expect(r.stderr).toContain(call);
  });

  describe("curl against a local python3 -m http.server", () => {
    // The server in a namespace of its own; the traced curl joins it there.
    const port = pickPort();
    let server: ReturnType<typeof execa> | undefined;
    beforeAll(async () => {
      server = execa(...inFreshNetns(["python3", "-m", "http.server", String(port), "--bind", "127.0.0.1"]), {
        cwd: work.dir,
      });
      await waitFor(() => listensOn(server?.pid ?? 0, port), "http.server to listen");
    });
    afterAll(async () => {
      server?.kill();
      await server?.catch(() => undefined);
    });

    test("success: curl's exit 0 and its connect to the server", async () => {
      const r = await execa(
        ...inNetnsOf(server?.pid ?? 0, [
          process.execPath,
          BIN,
          "--",
          "curl",
          "-s",
          "-o",
          "/dev/null",
          `http://127.0.0.1:${port}/`,
        ]),
        { reject: false, env, extendEnv: false },
      );
      expect(r.exitCode).toBe(0);
      expect(r.stderr).toMatch(
        new RegExp(`connect\\(\\d+<TCP:\\[\\d+\\]>, \\{sa_family=AF_INET, sin_port=htons\\(${port}\\)`),
      );
    });

    test("refused: curl exits 7, and so does sockscope", async () => {
      // A fresh namespace: nothing listens on any port there.
      const r = await sockscope(["--", "curl", "-s", `http://127.0.0.1:${pickPort()}/`]);
      expect(r.exitCode).toBe(7);
      expect(r.stderr).toMatch(/ECONNREFUSED/);
    });
  });
});

describe("the C fixtures through sockscope itself", () => {
  test.each([
    {
      name: "tcp-echo",
      calls: ["socket", "bind", "listen", "accept", "connect", "sendto", "recvfrom", "shutdown"],
    },
    { name: "udp", calls: ["sendto", "recvfrom", "sendmmsg", "recvmmsg"] },
    { name: "unix", calls: ["socketpair", "sendmsg", "recvmsg", "accept4"] },
    { name: "nonblocking-connect", calls: ["connect", "poll", "getsockopt", "epoll_wait", "pselect6"] },
    { name: "forking-server", calls: ["accept", "clone", "listen"] },
  ])("$name: exit 0, schema-valid JSON, its socket calls all there", async ({ name, calls }) => {
    const program = await compileFixture(name, work.dir);
    const out = join(work.dir, `${name}.jsonl`);
    const [port = 0, second = 0] = pickPorts(2);
    const endpoints =
      name === "unix"
        ? [join(work.dir, "unix.sock"), `sockscope-test-${name}`]
        : name === "nonblocking-connect"
          ? [String(port), String(second)]
          : [String(port)];
    const r = await sockscope(["--json", "-o", out, program, ...endpoints]);
    expect(r.exitCode).toBe(0);
    const events = readFileSync(out, "utf8")
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    for (const e of events) expect(EventSchema.safeParse(e).error).toBeUndefined();
    expect(events.filter((e) => e.type === "unparsed")).toEqual([]);
    const names = new Set(events.filter((e) => e.type === "syscall").map((e) => e.name));
    for (const call of calls) expect(names).toContain(call);
  });
});
