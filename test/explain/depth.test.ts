// Explanations fitted to the call, at each depth, on real traces.
import { describe, expect, test } from "vitest";
import { pathSet } from "../../src/catalogue/kernel-paths.js";
import { osNote } from "../../src/catalogue/os/notes.js";
import { lookup } from "../../src/catalogue/registry.js";
import type { SyscallEvent } from "../../src/core/events.js";
import type { Depth } from "../../src/explain/annotate.js";
import { eventsFromText } from "../../src/pipeline.js";
import { recordedLogs } from "../helpers/logs.js";

const log = (name: string) => recordedLogs().find((l) => l.name === name)?.text ?? "";
const env = { somaxconn: 4096, rmemMax: 212992, wmemMax: 212992 };

function calls(
  name: string,
  depth: Depth,
  os: "linux" | "windows" = "linux",
  envIsTraced = false,
): SyscallEvent[] {
  return eventsFromText(log(name), { explain: { depth, os, env, envIsTraced } }).filter(
    (e): e is SyscallEvent => e.type === "syscall",
  );
}

describe("depths", () => {
  test("none: no explanation anywhere", () => {
    expect(calls("tcp-echo.o-yy-tt-T.strace", "none").some((e) => e.explain)).toBe(false);
  });

  test("brief: summary, kernel path, wire and notes; no structures or layers", () => {
    const connect = calls("tcp-echo.o-yy-tt-T.strace", "brief").find((e) => e.name === "connect");
    expect(connect?.explain?.summary).toMatch(/SYN/);
    expect(connect?.explain?.kernel.join(" ")).toMatch(/tcp_v4_connect/);
    expect(connect?.explain?.layers).toBeUndefined();
    expect(connect?.explain?.structures).toBeUndefined();
    expect(connect?.explain?.blocking).toBeUndefined();
  });

  test("full: structures, blocking and the layers, the deepest one reached marked", () => {
    const connect = calls("tcp-echo.o-yy-tt-T.strace", "full").find((e) => e.name === "connect");
    const layers = connect?.explain?.layers ?? [];
    expect(layers.map((l) => l.layer)).toHaveLength(5);
    expect(layers.some((l) => l.reached && l.functions.includes("tcp_v4_connect"))).toBe(true);
    // The catalogue's structures, and how a blocking connect blocks (this socket is blocking).
    const entry = lookup("connect", "syscall");
    if (entry?.kind !== "syscall") throw new Error("no connect entry");
    expect(connect?.socket?.nonblocking).toBe(false);
    const path = pathSet("connect")?.paths.find((p) => p.title === connect?.explain?.path);
    expect(path).toBeDefined();
    expect(connect?.explain?.structures).toEqual(path?.structures);
    expect(connect?.explain?.blocking).toBe(entry.blocking);
  });

  test("full, on a non-blocking socket: what the non-blocking call does instead", () => {
    const nb = calls("nonblocking-connect.o-yy-tt-T.strace", "full").find(
      (e) => e.name === "connect" && e.errno === "EINPROGRESS",
    );
    const entry = lookup("connect", "syscall");
    if (entry?.kind !== "syscall") throw new Error("no connect entry");
    expect(nb?.socket?.nonblocking).toBe(true);
    expect(nb?.explain?.blocking).toBe(entry.nonblocking);
    expect(nb?.explain?.blocking).toMatch(/EINPROGRESS/);
  });

  test("--os adds the other system's equivalent", () => {
    const accept = calls("tcp-echo.o-yy-tt-T.strace", "brief", "windows").find((e) => e.name === "accept");
    const entry = lookup("accept", "syscall");
    if (entry === undefined) throw new Error("no accept entry");
    expect(accept?.explain?.os).toEqual({ name: "windows", text: osNote("windows", entry.name) });
  });
});

describe("fitted to the call", () => {
  test("recv returning 0 on TCP is the peer's FIN", () => {
    const eof = calls("tcp-echo.o-yy-tt-T.strace", "brief").find((e) => e.name === "read" && e.ret === 0);
    expect(eof?.explain?.summary).toMatch(/FIN/);
  });

  test("UDP connect sends nothing, TCP connect does the handshake", () => {
    const udp = calls("udp-senders.o-yy-tt-T.strace", "brief").find((e) => e.name === "connect");
    const tcp = calls("tcp-echo.o-yy-tt-T.strace", "brief").find((e) => e.name === "connect");
    expect(udp?.explain?.wire).toMatch(/nothing/i);
    expect(tcp?.explain?.wire).toMatch(/SYN/);
  });

  test("a non-blocking connect: EINPROGRESS explained as the handshake going on", () => {
    const nb = calls("nonblocking-connect.o-yy-tt-T.strace", "brief").find(
      (e) => e.name === "connect" && e.errno === "EINPROGRESS",
    );
    expect(nb?.explain?.summary).toMatch(/EINPROGRESS|in progress|background|handshake/i);
  });

  test("a refused connect names the errno's meaning and a fix", () => {
    const refused = calls("reset.o-yy-tt-T.strace", "brief").find(
      (e) => e.name === "connect" && e.errno === "ECONNREFUSED",
    );
    expect(refused?.explain?.notes.find((n) => n.startsWith("ECONNREFUSED"))).toMatch(/Try:/);
  });

  test("listen quotes the backlog against somaxconn when the values are the traced machine's (live)", () => {
    const listen = calls("tcp-echo.o-yy-tt-T.strace", "brief", "linux", true).find(
      (e) => e.name === "listen",
    );
    expect(listen?.explain?.summary).toMatch(/backlog 4.*somaxconn = 4096/);
  });

  test("reading a log, the reading machine's somaxconn is not quoted as the traced machine's", () => {
    const listen = calls("tcp-echo.o-yy-tt-T.strace", "brief").find((e) => e.name === "listen");
    expect(listen?.explain?.summary).toMatch(/backlog 4, capped at net\.core\.somaxconn\./);
    expect(listen?.explain?.summary).not.toMatch(/4096/);
  });

  test("accept: the kernel completed the handshake before accept() was called", () => {
    const accept = calls("tcp-echo.o-yy-tt-T.strace", "brief").find((e) => e.name === "accept");
    expect(accept?.explain?.summary).toMatch(/already completed/);
  });
});
