// A sample of the catalogue's claims, checked on this kernel with real programs, through the real
// CLI: the program confirms the kernel behaviour (exit 0), and sockscope's explanation of the same
// call must say the same thing.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Event, WireSyscallEvent } from "../../src/events/schema.js";
import { compileFixture, createWorkDir } from "../helpers/live.js";
import { inFreshNetns } from "../helpers/netns.js";

const BIN = join(import.meta.dirname, "..", "..", "bin", "sockscope.js");
const work = createWorkDir();
let claims = "";

beforeAll(async () => {
  claims = await compileFixture("claims", work.dir);
});
afterAll(() => work.remove());

/**
 * Traces one claim through sockscope, in a network namespace of its own: no other program's
 * sockets or datagrams (the UDP claim reads the namespace's counters) can touch the result.
 */
async function traceClaim(
  claim: string,
): Promise<{ exitCode: number | undefined; stdout: string; events: Event[] }> {
  const out = join(work.dir, `${claim}.jsonl`);
  const r = await execa(
    ...inFreshNetns([process.execPath, BIN, "--json", "--explain", "full", "-o", out, claims, claim]),
    { reject: false },
  );
  const events = readFileSync(out, "utf8")
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l) as Event);
  return { exitCode: r.exitCode, stdout: r.stdout, events };
}

const call = (events: Event[], name: string) =>
  events.find((e): e is WireSyscallEvent => e.type === "syscall" && e.name === name);

describe("claims the explanations make, checked on this kernel", () => {
  test("listen() on an unbound TCP socket binds it to an ephemeral port", async () => {
    const r = await traceClaim("listen-autobind");
    expect(r.exitCode).toBe(0);
    const listen = call(r.events, "listen");
    expect(listen?.steps?.map((s) => s.kind)).toContain("implicit-bind-on-listen");
    const name = call(r.events, "getsockname");
    const port = Number(/port (\d+)/.exec(r.stdout)?.[1]);
    expect(port).toBeGreaterThan(0);
    expect(JSON.stringify(name?.args)).toContain(`"port":${port}`);
  });

  test("connect() on a UDP socket sends nothing; the first send sends one datagram", async () => {
    // traceClaim's namespace of its own: no other program's datagrams move the counter.
    const r = await traceClaim("udp-connect-silent");
    expect(r.stdout).toMatch(/before (\d+) after-connect \1 after-send/);
    expect(r.exitCode).toBe(0);
    const connect = call(r.events, "connect");
    expect(connect?.explain?.wire).toMatch(/nothing|no packet/i);
  });

  test("SO_RCVBUF reads back doubled, and the explanation gives the doubled number", async () => {
    const r = await traceClaim("rcvbuf-doubled");
    expect(r.exitCode).toBe(0);
    const get = call(r.events, "getsockopt");
    expect(JSON.stringify(get?.args)).toContain('"value":131072');
    const set = call(r.events, "setsockopt");
    expect(set?.explain?.notes.join(" ")).toContain("131072");
  });

  test("send() on a TCP socket that never connected fails with EPIPE, and the explanation says why", async () => {
    const r = await traceClaim("send-unconnected");
    expect(r.exitCode).toBe(0);
    const send = call(r.events, "sendto");
    expect(send?.errno).toBe("EPIPE");
    expect(send?.explain?.notes.some((n) => n.startsWith("EPIPE"))).toBe(true);
  });
});
