// `sockscope attach PID` on a pre-forking server (fixtures/programs/prefork-server.c): the workers
// the server forked before the attach are traced too (strace -f alone follows only later forks), a
// worker's exit is not sockscope's status, and Ctrl-C (SIGINT) detaches from all of them and leaves
// them running. The real CLI (run `npm run build` first), the real strace, as root.
//
// The server runs in a network namespace of its own, on a port picked at random there; sockscope
// and the test's clients join that namespace (strace -yy asks the kernel about sockets through
// netlink in its own namespace, so it must be the server's). Every wait is for a condition, with a
// deadline.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { compileFixture, createWorkDir } from "../helpers/live.js";
import { inFreshNetns, inNetnsOf, listensOn, pickPort } from "../helpers/netns.js";
import { alive, waitFor } from "../helpers/wait.js";

const BIN = join(import.meta.dirname, "..", "..", "bin", "sockscope.js");
const work = createWorkDir();
let server = "";

beforeAll(async () => {
  server = await compileFixture("prefork-server", work.dir);
});
afterAll(() => work.remove());

/** What a running subprocess has written so far on one of its streams. */
function collect(stream: NodeJS.ReadableStream | null | undefined): () => string {
  let text = "";
  stream?.on("data", (chunk: Buffer | string) => {
    text += chunk.toString();
  });
  return () => text;
}

/** The pid tracing `pid` (0: none), from /proc/PID/status. */
function tracerOf(pid: number): number {
  const m = /^TracerPid:\s*(\d+)$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(m?.[1] ?? 0);
}

/** The children of a single-threaded process, from /proc/PID/task/PID/children. */
function childrenOf(pid: number): number[] {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
    .split(/\s+/)
    .filter((s) => s !== "")
    .map(Number)
    .sort((a, b) => a - b);
}

type JsonEvent = { type: string; pid: number; name?: string; ret?: number; code?: number };

/** The JSON lines written so far (a partly written last line is left for later). */
function eventsIn(text: string): JsonEvent[] {
  return text
    .split("\n")
    .slice(0, -1)
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as JsonEvent);
}

// A loopback client in the server's namespace: sends `message`, prints what comes back before EOF.
const CLIENT = `const s = require("node:net").connect(Number(process.argv[1]), "127.0.0.1", () => s.end(process.argv[2]));
let got = "";
s.on("data", (c) => { got += c; });
s.on("close", () => process.stdout.write(got));
s.on("error", (e) => { process.stderr.write(String(e)); process.exitCode = 1; });`;

async function request(serverPid: number, port: number, message: string): Promise<string> {
  const r = await execa(...inNetnsOf(serverPid, [process.execPath, "-e", CLIENT, String(port), message]), {
    timeout: 20_000,
    stripFinalNewline: false,
  });
  return r.stdout;
}

/** The pre-forking server with two workers, in a namespace of its own, once both workers exist. */
async function startServer(port: number) {
  const run = execa(...inFreshNetns([server, String(port), "2"]));
  const says = collect(run.stdout);
  const pid = run.pid ?? 0;
  await waitFor(() => says().includes("ready") && listensOn(pid, port), "the server and its workers");
  const workers = childrenOf(pid);
  expect(workers).toHaveLength(2);
  return { run, pid, workers };
}

describe("attach to a pre-forking server", () => {
  test("its existing workers are traced; a worker's exit is not sockscope's; SIGINT detaches from all", async () => {
    const port = pickPort();
    const { run: srv, pid, workers } = await startServer(port);
    let sockscope: ReturnType<typeof execa> | undefined;
    try {
      sockscope = execa(
        ...inNetnsOf(pid, [process.execPath, BIN, "attach", "--json", "-o", "-", String(pid)]),
        { reject: false },
      );
      const out = collect(sockscope.stdout);
      const err = collect(sockscope.stderr);
      // strace has seized the server and each worker (strace -q prints no attach notes).
      const line =
        `sockscope: attaching to ${pid} and its 2 existing descendants (${workers.join(", ")}); ` +
        `--no-children attaches to ${pid} alone\n`;
      await waitFor(() => err().includes(line), "the line naming the workers on stderr");
      await waitFor(() => [pid, ...workers].every((p) => tracerOf(p) !== 0), "strace to attach to all three");

      const reply = await request(pid, port, "hello");
      const served = Number(/^worker (\d+)$/m.exec(reply)?.[1]);
      expect(workers).toContain(served);
      await waitFor(
        () =>
          eventsIn(out()).some(
            (e) =>
              e.type === "syscall" &&
              /^accept4?$/.test(e.name ?? "") &&
              e.pid === served &&
              (e.ret ?? -1) >= 0,
          ),
        "the worker's accept in the JSON output",
      );

      // Both workers exit with 5 while traced ("exit" requests; the server forks new workers in
      // their place). Tracing without knowing the root, the first worker seen would count as the
      // program and its 5 would be sockscope's status; the pid named (the server) still runs, so
      // detaching is 0.
      const exits = () => eventsIn(out()).filter((e) => e.type === "exit" && e.code === 5);
      for (let sent = 1; !workers.every((w) => exits().some((e) => e.pid === w)); sent++) {
        if (sent > 6) throw new Error("the original workers did not both take an exit request");
        expect(await request(pid, port, "exit")).toBe("");
        await waitFor(() => exits().length === sent, `exit #${sent} in the JSON output`);
      }
      let fresh: number[] = [];
      await waitFor(() => {
        fresh = childrenOf(pid);
        return fresh.length === 2 && fresh.every((w) => !workers.includes(w));
      }, "two new workers");
      // Forked while traced: followed by strace -f, with no help.
      await waitFor(() => fresh.every((w) => tracerOf(w) !== 0), "strace to follow the new workers");

      sockscope.kill("SIGINT");
      const r = await sockscope;
      expect(r.exitCode).toBe(0);
      // Detached, not stopped: the server and its workers run untraced and still answer.
      expect(alive(pid)).toBe(true);
      expect([pid, ...fresh].map(tracerOf)).toEqual([0, 0, 0]);
      const after = await request(pid, port, "after");
      expect(fresh.map((w) => `worker ${w}\n`)).toContain(after);
    } finally {
      if (sockscope?.exitCode === null) sockscope.kill("SIGKILL");
      srv.kill();
      await srv.catch(() => undefined);
    }
  });

  test("--no-children: the named pid alone, and nothing said", async () => {
    const port = pickPort();
    const { run: srv, pid, workers } = await startServer(port);
    let sockscope: ReturnType<typeof execa> | undefined;
    try {
      sockscope = execa(
        ...inNetnsOf(pid, [
          process.execPath,
          BIN,
          "attach",
          "--no-children",
          "--json",
          "-o",
          "-",
          String(pid),
        ]),
        { reject: false },
      );
      await waitFor(() => tracerOf(pid) !== 0, "strace to attach to the server");
      expect(workers.map(tracerOf)).toEqual([0, 0]);
      // The workers serve untraced.
      expect(await request(pid, port, "hello")).toMatch(/^worker \d+\n$/);
      sockscope.kill("SIGINT");
      const r = await sockscope;
      expect(r.exitCode).toBe(0);
      expect(r.stderr).not.toContain("existing descendant");
      expect(
        eventsIn(String(r.stdout)).some((e) => e.type === "syscall" && /^accept/.test(e.name ?? "")),
      ).toBe(false);
      expect(alive(pid)).toBe(true);
    } finally {
      if (sockscope?.exitCode === null) sockscope.kill("SIGKILL");
      srv.kill();
      await srv.catch(() => undefined);
    }
  });

  test("--no-children with a program to run: refused (2), nothing traced", async () => {
    const r = await execa(process.execPath, [BIN, "--no-children", "--", "true"], { reject: false });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--no-children is for attaching \(-p PID\)/);
  });
});
