// Each C lesson run for real by the built CLI (`sockscope lesson NAME --json`), compiled with the
// machine's cc, in a network namespace of its own: the key facts are seen in the trace it produced,
// the calls they point at are the ones the lesson is about, and every JSON line validates.
import { describe, expect, test } from "vitest";
import { lessonJson } from "../helpers/lesson-run.js";

describe.concurrent("C lessons, live", () => {
  test("accept-queue: two connections queued before accept, two SYNs dropped and retried", async () => {
    const { facts, at } = await lessonJson("accept-queue");
    expect(facts.filter((f) => !f.seen)).toEqual([]);
    const delayed = at(facts.find((f) => f.text.includes("DELAYED")));
    expect(delayed).toMatchObject({ name: "accept", delayed: true });
    // The accept that handed over a retried client waited for its SYN to be sent again.
    const retried = at(facts.find((f) => f.text.includes("sent again")));
    expect(retried?.name).toBe("accept");
    expect(retried?.duration ?? 0).toBeGreaterThan(0.1);
  });

  test("sigpipe-reset: EPIPE with SIGPIPE, a child killed by it, ECONNRESET after unread data", async () => {
    const { events, facts } = await lessonJson("sigpipe-reset");
    expect(facts.filter((f) => !f.seen)).toEqual([]);
    expect(events.filter((e) => e.type === "syscall" && e.errno === "EPIPE")).toHaveLength(2);
    expect(events.some((e) => e.type === "exit" && e.signal === "SIGPIPE")).toBe(true);
    expect(events.filter((e) => e.type === "syscall" && e.errno === "ECONNRESET")).toHaveLength(1);
  });

  test("time-wait: EADDRINUSE without SO_REUSEADDR, then bound with it", async () => {
    const { facts, at } = await lessonJson("time-wait");
    expect(facts.filter((f) => !f.seen)).toEqual([]);
    expect(at(facts.find((f) => f.text.includes("EADDRINUSE")))).toMatchObject({
      name: "bind",
      errno: "EADDRINUSE",
    });
    expect(at(facts.find((f) => f.text.includes("succeeded")))).toMatchObject({ name: "bind", ret: 0 });
  });

  test("nagle: write-write-read waits for the delayed ACK; TCP_NODELAY does not", async () => {
    const { facts, at } = await lessonJson("nagle");
    // The stall is the delayed-ACK timer (at least 40 ms): load can only make it longer.
    const stall = facts.find((f) => f.text.startsWith("With Nagle"));
    expect(stall?.seen, stall?.text).toBe(true);
    expect(at(stall)?.duration ?? 0).toBeGreaterThanOrEqual(0.03);
    expect(facts.find((f) => f.text.includes("TCP_NODELAY"))?.seen).toBe(true);
  });

  test("unix-sockets: a path, an abstract name, socketpair and an fd passed with SCM_RIGHTS", async () => {
    const { facts, at } = await lessonJson("unix-sockets");
    expect(facts.filter((f) => !f.seen)).toEqual([]);
    expect(at(facts.find((f) => f.text.includes("received it")))?.name).toBe("recvmsg");
  });
});
