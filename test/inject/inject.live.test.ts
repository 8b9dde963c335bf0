// --inject, live: strace really injects, every view marks it, and the program's reaction is told.
// Each run is in a network namespace of its own. The connect test has a real listener on a port the
// kernel picked, and proves the refusal was injected: no connection reached the listener's queue,
// and curl without --inject does reach it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { execa } from "execa";
import { describe, expect, test } from "vitest";
import { cliEnv } from "../helpers/env.js";
import { createWorkDir } from "../helpers/live.js";
import { inFreshNetns } from "../helpers/netns.js";

const BIN = join(import.meta.dirname, "..", "..", "bin", "sockscope.js");

// Listens on a port the kernel picks, runs argv with PORT replaced by it, then says on stderr
// whether a connection reached the listener's accept queue; exits with argv's status.
const WITH_LISTENER = `
import socket, subprocess, sys
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(8)
port = s.getsockname()[1]
r = subprocess.run([a.replace("PORT", str(port)) for a in sys.argv[1:]])
s.setblocking(False)
try:
    s.accept()
    queued = 1
except BlockingIOError:
    queued = 0
print(f"queued={queued}", file=sys.stderr)
sys.exit(r.returncode)
`;

async function withListener(argv: string[]) {
  return await execa(...inFreshNetns(["python3", "-c", WITH_LISTENER, ...argv]), {
    reject: false,
    env: cliEnv(),
    extendEnv: false,
  });
}

async function sockscope(argv: string[]) {
  return await execa(...inFreshNetns([process.execPath, BIN, ...argv]), {
    reject: false,
    env: cliEnv(),
    extendEnv: false,
  });
}

describe("connect=ECONNREFUSED on curl, with a real listener", () => {
  test("curl exits 7 (its status passes through), the refusal is marked, and nothing reached the listener", async () => {
    const work = createWorkDir();
    try {
      const out = join(work.dir, "report.txt");
      const curl = ["curl", "-s", "-o", "/dev/null", "http://127.0.0.1:PORT/"];
      const r = await withListener([
        process.execPath,
        BIN,
        "--format",
        "text",
        "-o",
        out,
        "--inject",
        "connect=ECONNREFUSED",
        "--",
        ...curl,
      ]);
      expect(r.exitCode).toBe(7);
      expect(r.stderr).toMatch(/queued=0/);
      const text = readFileSync(out, "utf8");
      expect(text).toMatch(
        /connect\(\d+<TCP:\[[^\]]*\]>, \{sa_family=AF_INET, .*\) = -1 ECONNREFUSED \(Connection refused\) \(INJECTED\)/,
      );
      expect(text).toMatch(/↳ Injected by strace at sockscope's request \(--inject\)/);
      expect(text).toMatch(
        /injected-fault: connect\(\) on fd \d+ \(TCP → 127\.0\.0\.1:\d+\) returned -1 ECONNREFUSED because strace injected it .* curl then closed fd \d+ and exited with status 7\./,
      );
      // The control: without --inject the same curl reaches the listener (which never answers, so
      // curl gives up at once with -m; what matters is the queued connection).
      const control = await withListener([
        "curl",
        "-s",
        "-m",
        "0.5",
        "-o",
        "/dev/null",
        "http://127.0.0.1:PORT/",
      ]);
      expect(control.stderr).toMatch(/queued=1/);
    } finally {
      work.remove();
    }
  });

  test("--json: injected in the events, the reaction in the diagnostic, every line validates", async () => {
    const printed = await execa(process.execPath, [BIN, "schema"]);
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(printed.stdout));
    const work = createWorkDir();
    try {
      const out = join(work.dir, "trace.jsonl");
      const r = await withListener([
        process.execPath,
        BIN,
        "--json",
        "-o",
        out,
        "--inject",
        "connect=ECONNREFUSED",
        "--",
        "curl",
        "-s",
        "http://127.0.0.1:PORT/",
      ]);
      expect(r.exitCode).toBe(7);
      const lines = readFileSync(out, "utf8").trimEnd().split("\n");
      for (const line of lines)
        if (!validate(JSON.parse(line))) throw new Error(`${line}\n${JSON.stringify(validate.errors)}`);
      const events = lines.map((l) => JSON.parse(l));
      expect(events).toContainEqual(
        expect.objectContaining({ type: "syscall", name: "connect", errno: "ECONNREFUSED", injected: true }),
      );
      expect(events).toContainEqual(
        expect.objectContaining({ type: "diagnostic", code: "injected-fault", reaction: "closed" }),
      );
    } finally {
      work.remove();
    }
  });
});

// A client and its server in one python3 process: the client's first recv is interrupted (EINTR,
// injected), and Python retries it (PEP 475); the second run fails the client's second send with
// EPIPE, which Python raises as BrokenPipeError: an uncaught exception, exit status 1.
const PAIR = `
import socket, sys
srv = socket.socket(); srv.bind(("127.0.0.1", 0)); srv.listen(1)
cli = socket.create_connection(srv.getsockname())
conn, _ = srv.accept()
conn.sendall(b"hello")
cli.send(b"one")
print(cli.recv(16).decode())
cli.send(b"two")
print("sent both")
`;

describe("recv and send", () => {
  test("recv=EINTR: Python retries the recv on the same fd", async () => {
    const r = await sockscope(["--format", "text", "--inject", "recv=EINTR@1", "--", "python3", "-c", PAIR]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe("hello\nsent both");
    expect(r.stderr).toMatch(
      /recvfrom\(\d+<TCP:\[[^\]]*\]>, .*\) = -1 EINTR \(Interrupted system call\) \(INJECTED\)/,
    );
    expect(r.stderr).toMatch(
      /injected-fault: recvfrom\(\) on fd (\d+) .* then retried: recvfrom\(\) again on fd \1\./,
    );
  });

  test("send=EPIPE@3: the third sendto (the server's sendall is the first) fails, Python raises BrokenPipeError and exits 1", async () => {
    const r = await sockscope(["--format", "text", "--inject", "send=EPIPE@3", "--", "python3", "-c", PAIR]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/BrokenPipeError/);
    expect(r.stderr).toMatch(
      /sendto\(\d+<TCP:\[[^\]]*\]>, "two", 3, 0, NULL, 0\) = -1 EPIPE \(Broken pipe\) \(INJECTED\)/,
    );
    expect(r.stderr).toMatch(
      /injected-fault: sendto\(\) on fd \d+ .* then (closed fd \d+ and )?exited with status 1\./,
    );
  });
});

describe("accept=delay", () => {
  test("the accept is held for the delay before it runs, and marked delayed", async () => {
    const r = await sockscope([
      "--format",
      "text",
      "--inject",
      "accept=delay:300ms",
      "--",
      "python3",
      "-c",
      PAIR,
    ]);
    expect(r.exitCode).toBe(0);
    const line = /accept4?\(.*\) = \d+ \[.*\] \(DELAYED\) <(\d+\.\d+)>/.exec(r.stderr);
    expect(line).not.toBeNull();
    // strace -T counts from the syscall's entry, before the delay: it is at least the delay.
    expect(Number(line?.[1])).toBeGreaterThanOrEqual(0.3);
    expect(r.stderr).toMatch(/strace held this call at its entry for the delay/);
  });
});

describe("attach", () => {
  test("refused without --inject-attached, before anything is attached", async () => {
    const sleeper = execa("sleep", ["30"]);
    try {
      const r = await execa(
        process.execPath,
        [BIN, "attach", "--inject", "connect=ECONNREFUSED", String(sleeper.pid)],
        { reject: false, env: cliEnv(), extendEnv: false },
      );
      expect(r.exitCode).toBe(2);
      expect(r.stderr.trim()).toMatch(
        /^error: --inject changes what the calls of running processes return .*add --inject-attached/,
      );
    } finally {
      sleeper.kill();
      await sleeper.catch(() => undefined);
    }
  });
});
