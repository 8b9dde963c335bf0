// Exited processes are not kept for ever (fixtures/hostile/README-bounded.md, "a process per
// connection"): a shell loop or a forking server runs through hundreds of thousands of distinct pids
// in a long trace, and a record for each one was memory without bound (400k pids: 155 MB peak and
// a V8 out-of-memory abort under a 64 MB heap).
import { describe, expect, it } from "vitest";
import { MAX_EXITED } from "../../src/model/processes.js";
import { createEventPipeline } from "../../src/pipeline.js";

/** `n` children of pid 100, each with a short TCP connection to an untraced server, exiting. */
function forks(n: number, first = 1000): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const pid = first + i;
    lines.push(
      `100 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f1e2c0b9a10) = ${pid}`,
      `${pid} socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3`,
      `${pid} connect(3, {sa_family=AF_INET, sin_port=htons(9), sin_addr=inet_addr("127.0.0.1")}, 16) = 0`,
      `${pid} close(3) = 0`,
      `${pid} exit_group(0) = ?`,
      `${pid} +++ exited with 0 +++`,
    );
  }
  return `${lines.join("\n")}\n`;
}

describe("process records", () => {
  it(`keeps at most ${MAX_EXITED} exited processes however many pids the trace runs through`, () => {
    const pipeline = createEventPipeline({ summary: true });
    const n = MAX_EXITED * 3;
    for (let at = 0; at < n; at += 1000) pipeline.push(forks(Math.min(1000, n - at), 1000 + at));
    const processes = pipeline.view.processes as typeof pipeline.view.processes & { retained?: number };
    // The root (alive) and the newest exited ones.
    expect(processes.retained).toBe(MAX_EXITED + 1);
    expect(processes.alive()).toEqual([100]);
    const summary = pipeline.end().find((e) => e.type === "summary");
    // Forgetting a record does not lose the count: every pid the trace showed.
    expect(summary).toMatchObject({ processes: n + 1 });
  });

  it("still names an exited process's program in its last lines and in a reused pid's new life", () => {
    const pipeline = createEventPipeline();
    const events = [
      ...pipeline.push(
        [
          '100 execve("/usr/bin/curl", ["curl"], 0x7ffd /* 1 var */) = 0',
          "100 clone(child_stack=NULL, flags=SIGCHLD) = 200",
          "200 +++ exited with 0 +++",
          ...forks(MAX_EXITED + 10, 5000)
            .trim()
            .split("\n"),
          "100 clone(child_stack=NULL, flags=SIGCHLD) = 200",
          "200 socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3",
          "",
        ].join("\n"),
      ),
      ...pipeline.end(),
    ];
    const last = events.filter((e) => e.type === "syscall" && e.pid === 200).at(-1);
    expect(last?.type === "syscall" ? last.process : undefined).toMatchObject({
      pid: 200,
      name: "curl",
      parent: 100,
    });
  });
});
