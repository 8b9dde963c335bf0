// A sample of the catalogue's claims, checked on this kernel with real programs (fixtures/programs/
// claims.c), through the real CLI or the pipeline: the program confirms the kernel behaviour (exit 0)
// and prints what it measured, and sockscope's explanation of the same call must say the same thing.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { ConnectionEvent, SyscallEvent } from "../../src/core/events.js";
import type { Event, WireSyscallEvent } from "../../src/events/schema.js";
import { type MachineFacts, SOCK_MIN_RCVBUF, SOCK_MIN_SNDBUF } from "../../src/explain/computed.js";
import { eventsFromText } from "../../src/pipeline.js";
import { traceSet } from "../../src/trace/strace-args.js";
import { cliEnv } from "../helpers/env.js";
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
    { reject: false, env: cliEnv(), extendEnv: false },
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

/**
 * The program run for real under strace (with the live trace set, ioctl included) in a network
 * namespace of its own: what it measured (its stdout), and the trace read back through the
 * pipeline with its explanations. `machine`: the facts the log itself records (the caps the
 * program read), or none, as when reading a log made elsewhere.
 */
async function measure(
  claim: string,
  machine?: MachineFacts,
): Promise<{
  exitCode: number | undefined;
  stdout: string;
  calls: SyscallEvent[];
  connections: ConnectionEvent[];
}> {
  const log = join(work.dir, `${claim}-${Math.random().toString(36).slice(2)}.strace`);
  const r = await execa(
    ...inFreshNetns(["strace", "-f", "-yy", "-ttt", "-T", "-e", traceSet(false), "-o", log, claims, claim]),
    { reject: false, stdin: "ignore", timeout: 20_000 },
  );
  const events = eventsFromText(readFileSync(log, "utf8"), {
    explain: { depth: "brief", os: "linux", env: machine ?? {}, envIsTraced: machine !== undefined },
  });
  return {
    exitCode: r.exitCode,
    stdout: r.stdout,
    calls: events.filter((e): e is SyscallEvent => e.type === "syscall"),
    connections: events.filter((e): e is ConnectionEvent => e.type === "connection"),
  };
}

const notesOf = (e: SyscallEvent | undefined) => e?.explain?.notes.join("\n") ?? "";

describe("computed notes and fitted texts, against what a program measured on this kernel", () => {
  test("SO_SNDBUF/SO_RCVBUF: the stored size the notes give is what getsockopt reads back (floors, doubling, cap)", async () => {
    const r = await measure("buffers");
    expect(r.exitCode).toBe(0);
    const wmemMax = Number(/^wmem_max (\d+)$/m.exec(r.stdout)?.[1]);
    const rmemMax = Number(/^rmem_max (\d+)$/m.exec(r.stdout)?.[1]);
    const measured = [...r.stdout.matchAll(/^(SO_SNDBUF|SO_RCVBUF) (-?\d+) (-?\d+)$/gm)].map((m) => ({
      option: m[1] as string,
      asked: Number(m[2]),
      got: Number(m[3]),
    }));
    expect(measured).toHaveLength(8);
    // The floors this kernel uses, as the annotator's constants say.
    expect(measured.find((m) => m.option === "SO_SNDBUF" && m.asked === 324)?.got).toBe(SOCK_MIN_SNDBUF);
    expect(measured.find((m) => m.option === "SO_RCVBUF" && m.asked === 100)?.got).toBe(SOCK_MIN_RCVBUF);
    // With the caps the program read (facts the log records): every stored size is given exactly.
    const live = await measure("buffers", { wmemMax, rmemMax });
    const sets = live.calls.filter((e) => e.name === "setsockopt");
    expect(sets).toHaveLength(8);
    for (const m of measured) {
      const set = sets.find((e) => notesOf(e).includes(`${m.option} ${m.asked} → the kernel stores`));
      expect(notesOf(set), `${m.option} ${m.asked}`).toContain(`the kernel stores ${m.got} `);
      expect(notesOf(set)).toContain(`getsockopt reads back ${m.got}.`);
    }
    // Without them (a log read elsewhere): the floor cases still exact, the rest conditional.
    const small = r.calls.filter((e) => e.name === "setsockopt");
    const sndbuf324 = small.find((e) => notesOf(e).includes("SO_SNDBUF 324 "));
    expect(notesOf(sndbuf324)).toContain(`the kernel stores ${SOCK_MIN_SNDBUF} `);
    const mib = small.find((e) => notesOf(e).includes(`SO_RCVBUF ${1 << 20} `));
    expect(notesOf(mib)).toMatch(/net\.core\.rmem_max \(unknown in this log\)/);
    expect(notesOf(mib)).not.toContain(String(rmemMax));
  });

  test("a ping socket: EACCES with the namespace's default ping_group_range, allowed once it is set", async () => {
    const r = await measure("ping-group", { pingGroupRange: "1\t0" });
    expect(r.stdout).toMatch(/^before Permission denied after ok$/m);
    expect(r.exitCode).toBe(0);
    const sockets = r.calls.filter((e) => e.name === "socket");
    const refused = sockets.find((e) => e.errno === "EACCES");
    expect(notesOf(refused)).toMatch(/ping_group_range, which is "1 0" on the traced machine/);
    expect(sockets.find((e) => e.errno === undefined)?.socket?.transport).toBe("ping");
    // Reading the log elsewhere: the range is not quoted.
    const read = await measure("ping-group");
    expect(notesOf(read.calls.find((e) => e.errno === "EACCES"))).toMatch(
      /ping_group_range, which is unknown in this log/,
    );
  });

  test("MSG_PEEK leaves the bytes queued: the note says so, FIONREAD (ioctl, traced live) and the next read agree", async () => {
    const r = await measure("peek");
    expect(r.stdout).toMatch(/^peeked 5 queued-after-peek 5 read 5$/m);
    expect(r.exitCode).toBe(0);
    const peek = r.calls.find((e) => e.name === "recvfrom" && /MSG_PEEK/.test(JSON.stringify(e.args)));
    expect(notesOf(peek)).toContain("MSG_PEEK: the 5 bytes were copied but stay queued");
    expect(peek?.transfer).toBeUndefined();
    const ioctl = r.calls.find((e) => e.name === "ioctl");
    expect(ioctl?.socket?.id).toBe(peek?.socket?.id);
    const read = r.calls.find(
      (e) => e.name === "recvfrom" && e !== peek && e.socket?.id === peek?.socket?.id,
    );
    expect(read?.transfer?.in).toBe(5);
  });

  test("after this end's SHUT_WR it still receives the peer's data; the state before each read says so", async () => {
    const r = await measure("shutwr-read");
    expect(r.stdout).toMatch(/^server-read 0 client-read 5 client-read-after-close 0$/m);
    expect(r.exitCode).toBe(0);
    const shutdown = r.calls.find((e) => e.name === "shutdown");
    const client = shutdown?.socket?.id;
    const reads = r.calls.filter((e) => e.name === "recvfrom");
    const server = reads.find((e) => e.socket?.id !== client);
    const [got, eof] = reads.filter((e) => e.socket?.id === client);
    // The server end: its read of 0 is the client's FIN, its first end of stream.
    expect(server?.ret).toBe(0);
    expect(server?.stateBefore).toBe("connected");
    expect(server?.explain?.path).toMatch(/the peer's FIN: end of stream/);
    expect(got?.ret).toBe(5);
    expect(got?.stateBefore).toBe("half-closed-write");
    expect(got?.explain?.summary).not.toMatch(/end-of-file|no more data/i);
    expect(eof?.ret).toBe(0);
    expect(eof?.stateBefore).toBe("half-closed-write");
    expect(eof?.explain?.path).toMatch(/after this end's own SHUT_WR/);
    expect(eof?.explain?.summary).not.toMatch(/can still (write|send)/);
  });

  test("listen: the backlog the kernel keeps is the one the note gives, after the somaxconn clamp", async () => {
    // The program sets somaxconn to 8 in its namespace: the log's own machine fact.
    const r = await measure("backlog-clamp", { somaxconn: 8 });
    const kept = Number(/^somaxconn 8 asked 100 kept (\d+)$/m.exec(r.stdout)?.[1]);
    expect(r.exitCode).toBe(0);
    const listen = r.calls.find((e) => e.name === "listen" && e.socket?.transport === "tcp");
    expect(notesOf(listen)).toContain(
      `The backlog asked (100) is above net.core.somaxconn (8 on the traced machine): the kernel uses ${kept}.`,
    );
  });

  test("EAGAIN: a blocking recv with SO_RCVTIMEO timed out, a non-blocking one would have blocked", async () => {
    const r = await measure("rcvtimeo");
    const m = /^blocking -1 .* waited-ms (\d+) nonblocking -1 .* waited-ms (\d+)$/m.exec(r.stdout);
    expect(r.exitCode).toBe(0);
    expect(Number(m?.[1])).toBeGreaterThanOrEqual(19);
    expect(Number(m?.[2])).toBeLessThan(19);
    const [blocking, nonblocking] = r.calls.filter((e) => e.name === "recvfrom" && e.errno === "EAGAIN");
    expect(notesOf(blocking)).toMatch(
      /^Timed out: fd \d+ is blocking and has SO_RCVTIMEO \{tv_sec=0, tv_usec=20000\}/m,
    );
    expect(notesOf(nonblocking)).toMatch(/^Would block: fd \d+ is non-blocking/m);
    const outcome = (id: number | undefined) => r.connections.find((c) => c.id === id)?.outcome;
    expect(outcome(blocking?.socket?.id)).toBe("timed-out");
    expect(outcome(nonblocking?.socket?.id)).not.toBe("timed-out");
  });
});
