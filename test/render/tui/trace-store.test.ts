// The interactive view's state without ink: selection bounds, explanation depth, the filter, cycling
// through connections and the live connection table, over events from recorded logs.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import stringWidth from "string-width";
import { describe, expect, test } from "vitest";
import type { TraceEvent } from "../../../src/core/events.js";
import { eventsFromText } from "../../../src/pipeline.js";
import { type KeyPress, keyPresses } from "../../../src/render/tui/keys.js";
import { sanitizeText } from "../../../src/render/tui/sanitize.js";
import {
  displayWidth,
  fitToWidth,
  truncateStartToWidth,
  truncateToWidth,
} from "../../../src/render/tui/text-width.js";
import {
  connectionRows,
  depthOf,
  initialTraceState,
  MAX_EVENTS,
  reduceTrace,
  selectedEvent,
  type TraceAction,
  type TraceState,
  visibleEvents,
} from "../../../src/render/tui/trace-store.js";
import { connectionTable, explainLines, windowAround, wrapPane } from "../../../src/render/tui/view-model.js";
import { LOGS } from "../../helpers/logs.js";

const OPTIONS = { explain: { depth: "full" as const, os: "linux" as const, env: {} } };
const load = (name: string): TraceEvent[] => eventsFromText(readFileSync(join(LOGS, name), "utf8"), OPTIONS);
const TCP_ECHO = load("tcp-echo.o-yy-tt-T.strace");

const run = (actions: TraceAction[], from: TraceState = initialTraceState): TraceState =>
  actions.reduce(reduceTrace, from);
const fed = (events: TraceEvent[] = TCP_ECHO): TraceState => run([{ kind: "events", events }]);
const selectedName = (s: TraceState): string | undefined => {
  const e = selectedEvent(s);
  return e?.type === "syscall" ? e.name : e?.type;
};

describe("events in", () => {
  test("every event but the summary is listed, the summary is kept apart", () => {
    const s = fed();
    expect(s.events.length).toBe(TCP_ECHO.length - 1);
    expect(s.summary?.type).toBe("summary");
    expect(s.origin).toBeTypeOf("number");
  });

  test("one event at a time gives the same state as a batch", () => {
    const one = run(TCP_ECHO.map((event) => ({ kind: "event", event }) as const));
    expect(one.events).toEqual(fed().events);
    expect(connectionRows(one)).toEqual(connectionRows(fed()));
  });

  test(`the list keeps the last ${MAX_EVENTS} events`, () => {
    const many = Array.from({ length: 3 }, () => TCP_ECHO.filter((e) => e.type === "syscall")).flat();
    const events: TraceEvent[] = [];
    while (events.length < MAX_EVENTS + 100) events.push(...many);
    // A syscall's `args` is a getter on its class: a copy names it, or it would be lost.
    const numbered = events.map(
      (e, i): TraceEvent =>
        e.type === "syscall" ? { ...e, args: e.args, seq: i + 1 } : { ...e, seq: i + 1 },
    );
    const s = fed(numbered);
    expect(s.events.length).toBe(MAX_EVENTS);
    expect(s.dropped).toBe(numbered.length - MAX_EVENTS);
    expect(s.events[0]?.seq).toBe(numbered.length - MAX_EVENTS + 1);
  });

  test("end marks the trace finished, with the stream's error if any", () => {
    expect(run([{ kind: "end" }]).ended).toBe(true);
    expect(run([{ kind: "end", error: "boom" }])).toMatchObject({ ended: true, error: "boom" });
  });
});

describe("the connection table from real events", () => {
  // Up to which seq of tcp-echo → what the table says about each socket.
  const rows = [
    {
      name: "after socket(): the listener-to-be is created",
      upTo: "socket",
      expect: [{ id: 1, pid: 8075, transport: "tcp", state: "created" }],
    },
    {
      name: "after listen(): it is listening on 127.0.0.1:47001",
      upTo: "listen",
      expect: [{ id: 1, state: "listening", local: "127.0.0.1:47001" }],
    },
    {
      name: "after accept(): the server side appears from accept's new socket",
      upTo: "accept",
      expect: [
        { id: 1, state: "listening" },
        { id: 2, pid: 8076, state: "created" },
        { id: 3, pid: 8075, state: "connected", local: "127.0.0.1:47001", remote: "127.0.0.1:54380" },
      ],
    },
    {
      name: "after the first read: bytes in count on the server side, no outcome yet",
      upTo: "read",
      expect: [{ id: 1 }, { id: 2 }, { id: 3, bytesIn: 16, bytesOut: 0, outcome: undefined }],
    },
  ];
  test.each(rows)("$name", ({ upTo, expect: want }) => {
    const at = TCP_ECHO.findIndex(
      (e) => e.type === "syscall" && e.name === upTo && e.socket?.id !== undefined,
    );
    const s = fed(TCP_ECHO.slice(0, at + 1));
    const got = connectionRows(s);
    expect(got.length).toBe(want.length);
    want.forEach((w, i) => {
      for (const [key, value] of Object.entries(w))
        expect(got[i]?.[key as keyof (typeof got)[0]]).toEqual(value);
    });
  });

  test("connection events finalize the rows: role, totals and outcome", () => {
    const got = connectionRows(fed());
    expect(got.map((r) => [r.id, r.role, r.outcome, r.bytesIn, r.bytesOut])).toEqual([
      [1, "listener", "closed", 0, 0],
      [2, "client", "closed", 47, 47],
      [3, "server", "closed", 47, 47],
    ]);
    expect(got.find((r) => r.id === 2)).toMatchObject({
      local: "127.0.0.1:54380",
      remote: "127.0.0.1:47001",
      state: "half-closed-both",
    });
  });

  test("the live byte counts agree with the final ones", () => {
    const live = TCP_ECHO.filter((e) => e.type !== "connection");
    const final = connectionRows(fed());
    expect(connectionRows(fed(live)).map((r) => [r.id, r.bytesIn, r.bytesOut])).toEqual(
      final.map((r) => [r.id, r.bytesIn, r.bytesOut]),
    );
  });
});

describe("sendmmsg in the connection table", () => {
  // udp: the client (pid 8319) sends two datagrams with one sendmmsg (msg_len 26 and 27); it returns
  // 2, the number of messages. The row counts the bytes the model moved (`transfer`), not the return.
  const UDP = load("udp.o-yy-tt-T.strace");
  const at = UDP.findIndex((e) => e.type === "syscall" && e.name === "sendmmsg" && e.pid === 8319);
  const call = UDP[at];

  test("the call's bytes reach its socket's row", () => {
    if (call?.type !== "syscall" || call.socket === undefined) throw new Error("no sendmmsg on a socket");
    expect(call.ret).toBe(2);
    expect(call.transfer).toMatchObject({ out: 26 + 27, in: 0 });
    const row = (events: TraceEvent[]) => connectionRows(fed(events)).find((r) => r.id === call.socket?.id);
    const before = row(UDP.slice(0, at));
    const after = row(UDP.slice(0, at + 1));
    expect(after?.bytesOut).toBe((before?.bytesOut ?? 0) + 26 + 27);
    expect(after?.bytesOut).toBe(call.transfer?.totalOut);
    expect(after?.bytesIn).toBe(before?.bytesIn ?? 0);
  });

  test("and agree with the final count of its connection", () => {
    if (call?.type !== "syscall" || call.socket === undefined) throw new Error("no sendmmsg on a socket");
    const live = connectionRows(fed(UDP.filter((e) => e.type !== "connection")));
    const final = UDP.find((e) => e.type === "connection" && e.id === call.socket?.id);
    if (final?.type !== "connection") throw new Error("no connection event for the sendmmsg's socket");
    expect(live.find((r) => r.id === final.id)).toMatchObject({
      bytesOut: final.bytesOut,
      bytesIn: final.bytesIn,
    });
    expect(final.bytesOut).toBeGreaterThanOrEqual(26 + 27);
  });
});

describe("selection", () => {
  const rows: { name: string; actions: TraceAction[]; want: (v: TraceEvent[]) => TraceEvent | undefined }[] =
    [
      { name: "starts at the first event", actions: [], want: (v) => v[0] },
      { name: "j moves down one", actions: [{ kind: "move", delta: 1 }], want: (v) => v[1] },
      {
        name: "down then up comes back",
        actions: [
          { kind: "move", delta: 3 },
          { kind: "move", delta: -1 },
        ],
        want: (v) => v[2],
      },
      { name: "up at the top stays at the top", actions: [{ kind: "move", delta: -1 }], want: (v) => v[0] },
      {
        name: "a big jump down stops at the last",
        actions: [{ kind: "move", delta: 10_000 }],
        want: (v) => v.at(-1),
      },
      {
        name: "down at the bottom stays at the bottom",
        actions: [
          { kind: "move", delta: 10_000 },
          { kind: "move", delta: 1 },
        ],
        want: (v) => v.at(-1),
      },
      {
        name: "first (g) after moving",
        actions: [
          { kind: "move", delta: 5 },
          { kind: "move", delta: Number.NEGATIVE_INFINITY },
        ],
        want: (v) => v[0],
      },
    ];
  test.each(rows)("$name", ({ actions, want }) => {
    const s = run(actions, fed());
    expect(selectedEvent(s)).toBe(want(visibleEvents(s)));
  });

  test("moving with nothing to show changes nothing", () => {
    expect(run([{ kind: "move", delta: 1 }])).toEqual(initialTraceState);
    expect(selectedEvent(initialTraceState)).toBeUndefined();
  });

  test("last (G) follows new events; moving up stops following", () => {
    const half = Math.floor(TCP_ECHO.length / 2);
    let s = run([{ kind: "move", delta: Number.POSITIVE_INFINITY }], fed(TCP_ECHO.slice(0, half)));
    expect(s.follow).toBe(true);
    s = reduceTrace(s, { kind: "events", events: TCP_ECHO.slice(half) });
    expect(selectedEvent(s)).toBe(visibleEvents(s).at(-1));
    s = reduceTrace(s, { kind: "move", delta: -1 });
    expect(s.follow).toBe(false);
    expect(selectedEvent(s)).toBe(visibleEvents(s).at(-2));
  });

  test("the selection stays on its event while more events arrive", () => {
    let s = run([{ kind: "move", delta: 2 }], fed(TCP_ECHO.slice(0, 10)));
    const before = selectedEvent(s);
    s = reduceTrace(s, { kind: "events", events: TCP_ECHO.slice(10) });
    expect(selectedEvent(s)).toBe(before);
  });
});

describe("explanation depth", () => {
  const connectAt = (s: TraceState) =>
    visibleEvents(s).findIndex((e) => e.type === "syscall" && e.name === "connect");
  const atConnect = (): TraceState => {
    const s = fed();
    return run([{ kind: "move", delta: connectAt(s) }], s);
  };
  const rows = [
    { name: "brief by default", toggles: 0, depth: "brief" },
    { name: "enter opens the full explanation", toggles: 1, depth: "full" },
    { name: "enter again closes it", toggles: 2, depth: "brief" },
  ] as const;
  test.each(rows)("$name", ({ toggles, depth }) => {
    const s = run(
      Array.from({ length: toggles }, () => ({ kind: "toggle-expand" }) as const),
      atConnect(),
    );
    expect(selectedName(s)).toBe("connect");
    expect(depthOf(s, selectedEvent(s))).toBe(depth);
  });

  test("the depth belongs to the event: the next one is brief again", () => {
    const s = run([{ kind: "toggle-expand" }, { kind: "move", delta: 1 }], atConnect());
    expect(depthOf(s, selectedEvent(s))).toBe("brief");
    expect(
      depthOf(
        reduceTrace(s, { kind: "move", delta: -1 }),
        selectedEvent(reduceTrace(s, { kind: "move", delta: -1 })),
      ),
    ).toBe("full");
  });

  test("full shows the kernel path, the wire, and the layers; brief only the summary", () => {
    const connect = selectedEvent(atConnect());
    const brief = explainLines(connect, "brief").map((l) => l.text);
    const full = explainLines(connect, "full").map((l) => l.text);
    expect(brief.join("\n")).toContain("Connected to 127.0.0.1:47001");
    expect(brief.join("\n")).not.toContain("tcp_v4_connect");
    expect(full.join("\n")).toContain("kernel: __sys_connect (net/socket.c) → ");
    expect(full.join("\n")).toContain("wire: SYN → SYN-ACK → ACK");
    expect(full).toContain("layers:");
    expect(full.join("\n")).toContain("<- deepest layer this call reaches");
  });

  test("with nothing selected, toggling changes nothing", () => {
    expect(run([{ kind: "toggle-expand" }])).toEqual(initialTraceState);
  });
});

describe("filter", () => {
  const names = (s: TraceState) => visibleEvents(s).map((e) => (e.type === "syscall" ? e.name : e.type));
  const rows = [
    { name: "by syscall name", text: "connect", want: ["connect"] },
    { name: "case does not matter", text: "CONNECT", want: ["connect"] },
    { name: "by errno", text: "ENOENT", want: ["access"] },
    {
      name: "by address: the client's ephemeral port",
      text: "127.0.0.1:54380",
      // accept's new socket, then calls on either end, the connection events of both ends.
      includes: ["accept", "sendto", "recvfrom", "shutdown", "connection"],
    },
    { name: "spaces around are ignored", text: "  shutdown ", want: ["shutdown"] },
    { name: "nothing matches", text: "no-such-thing", want: [] },
  ];
  test.each(rows)("$name", ({ text, want, includes }) => {
    const s = run([{ kind: "filter", text }], fed());
    if (want) expect(names(s)).toEqual(want);
    if (includes) for (const n of includes) expect(names(s)).toContain(n);
  });

  test("an empty filter shows everything again", () => {
    const s = run(
      [
        { kind: "filter", text: "connect" },
        { kind: "filter", text: "" },
      ],
      fed(),
    );
    expect(visibleEvents(s).length).toBe(fed().events.length);
  });

  test("the selection moves to the nearest event that is still shown", () => {
    const s = run(
      [
        { kind: "move", delta: 2 },
        { kind: "filter", text: "connect" },
      ],
      fed(),
    );
    expect(selectedName(s)).toBe("connect");
  });
});

describe("cycling connections", () => {
  const rows = [
    { name: "starts with no connection chosen", presses: 0, want: null },
    { name: "c chooses the first socket", presses: 1, want: 1 },
    { name: "c again: the next", presses: 2, want: 2 },
    { name: "the last", presses: 3, want: 3 },
    { name: "past the last clears it", presses: 4, want: null },
    { name: "and round again", presses: 5, want: 1 },
  ];
  test.each(rows)("$name", ({ presses, want }) => {
    const s = run(
      Array.from({ length: presses }, () => ({ kind: "cycle-connection" }) as const),
      fed(),
    );
    expect(s.connection).toBe(want);
  });

  test("the list then shows only that socket's events", () => {
    const s = run([{ kind: "cycle-connection" }, { kind: "cycle-connection" }], fed());
    const shown = visibleEvents(s);
    expect(shown.map((e) => (e.type === "syscall" ? e.name : e.type))).toEqual([
      "socket",
      "connect",
      "sendto",
      "recvfrom",
      "write",
      "read",
      "sendto",
      "recvfrom",
      "shutdown",
      "read",
      "close",
      "connection",
    ]);
    expect(selectedName(s)).toBe("socket");
  });

  test("the filter and the connection combine", () => {
    const s = run(
      [{ kind: "cycle-connection" }, { kind: "cycle-connection" }, { kind: "filter", text: "sendto" }],
      fed(),
    );
    expect(visibleEvents(s).length).toBe(2);
  });

  test("no sockets: nothing to choose", () => {
    expect(run([{ kind: "cycle-connection" }]).connection).toBeNull();
  });

  /** The state with the first event named `name` selected. */
  const at = (name: string) => {
    const s = fed();
    const e = s.events.find((x) => x.type === "syscall" && x.name === name);
    return run([{ kind: "move", delta: s.events.indexOf(e as TraceEvent) }], s);
  };

  test("c starts from the selected event's socket, then goes on from there", () => {
    const s = at("connect");
    expect(selectedName(s)).toBe("connect");
    const once = run([{ kind: "cycle-connection" }], s);
    expect(once.connection).toBe(2);
    expect(selectedName(once)).toBe("connect");
    expect(run([{ kind: "cycle-connection" }, { kind: "cycle-connection" }], s).connection).toBe(3);
    expect(run(Array(3).fill({ kind: "cycle-connection" }), s).connection).toBeNull();
  });

  test("accept's first socket is the listener it was called on", () => {
    expect(run([{ kind: "cycle-connection" }], at("accept")).connection).toBe(1);
  });

  test("an event with no socket starts from the first", () => {
    expect(run([{ kind: "cycle-connection" }], at("execve")).connection).toBe(1);
  });

  test("clear-filters drops the socket and the text filter; the selection stays", () => {
    const s = run(
      [{ kind: "cycle-connection" }, { kind: "filter", text: "shutdown" }, { kind: "clear-filters" }],
      at("connect"),
    );
    expect(s).toMatchObject({ connection: null, filter: "" });
    expect(visibleEvents(s).length).toBe(fed().events.length);
    expect(selectedName(s)).toBe("shutdown");
    // Nothing to clear: the same state.
    expect(reduceTrace(s, { kind: "clear-filters" })).toBe(s);
  });
});

describe("keys from useInput", () => {
  const NO_KEY = {
    upArrow: false,
    downArrow: false,
    leftArrow: false,
    rightArrow: false,
    pageDown: false,
    pageUp: false,
    home: false,
    end: false,
    return: false,
    escape: false,
    ctrl: false,
    shift: false,
    tab: false,
    backspace: false,
    delete: false,
    meta: false,
    super: false,
    hyper: false,
    capsLock: false,
    numLock: false,
  };
  const c = (char: string): KeyPress => ({ char });
  const n = (name: string) => ({ name }) as KeyPress;
  const rows: { name: string; input: string; key?: Partial<typeof NO_KEY>; want: KeyPress[] }[] = [
    { name: "one key", input: "j", want: [c("j")] },
    { name: "a run of keys (key repeat)", input: "jjj", want: [c("j"), c("j"), c("j")] },
    { name: "q among them", input: "jqk", want: [c("j"), c("q"), c("k")] },
    {
      name: "enter, backspace and Ctrl-C inside a run",
      input: "ab\x7f\r\x03",
      want: [c("a"), c("b"), n("backspace"), n("return"), n("interrupt")],
    },
    { name: "an emoji is one key", input: "a😀", want: [c("a"), c("😀")] },
    { name: "ink's parsed arrow", input: "", key: { downArrow: true }, want: [n("down")] },
    { name: "ink's Escape", input: "", key: { escape: true, meta: true }, want: [n("escape")] },
    { name: "ink's Ctrl-C", input: "c", key: { ctrl: true }, want: [n("interrupt")] },
    { name: "other Ctrl keys mean nothing", input: "k", key: { ctrl: true }, want: [] },
    {
      name: "ESC then a letter (ink strips the ESC)",
      input: "j",
      key: { meta: true },
      want: [n("escape"), c("j")],
    },
    {
      name: "arrows left in a run are still keys",
      input: "\x1b[B\x1b[Bj\x1bOA\x1b[5~\x1b[1;2C",
      want: [n("down"), n("down"), c("j"), n("up"), n("pageup")],
    },
    { name: "a lone ESC in a run", input: "\x1bj", want: [n("escape"), c("j")] },
    { name: "tab and other controls are dropped", input: "\tj\x01", want: [c("j")] },
  ];
  test.each(rows)("$name", ({ input, key, want }) => {
    expect(keyPresses(input, { ...NO_KEY, ...key })).toEqual(want);
  });
});

describe("view helpers", () => {
  const rows = [
    { name: "a CSI colour and clear-screen", input: "a\x1b[31mred\x1b[2Jb", want: "aredb" },
    { name: "an OSC title", input: "x\x1b]0;pwned\x07y", want: "xy" },
    { name: "newline and tab become spaces", input: "a\nb\tc", want: "a b c" },
    { name: "other controls go", input: "a\x00b\x7fc\x85d", want: "abcd" },
    { name: "a bidi override goes", input: "ab\u202ec", want: "abc" },
    { name: "plain text stays", input: "127.0.0.1:47001 → ok", want: "127.0.0.1:47001 → ok" },
  ];
  test.each(rows)("sanitize: $name", ({ input, want }) => {
    expect(sanitizeText(input)).toBe(want);
  });

  const windows = [
    { name: "everything fits", count: 5, index: 4, height: 10, want: { start: 0, end: 5 } },
    { name: "centred on the selection", count: 100, index: 50, height: 10, want: { start: 45, end: 55 } },
    { name: "at the top", count: 100, index: 1, height: 10, want: { start: 0, end: 10 } },
    { name: "at the bottom", count: 100, index: 99, height: 10, want: { start: 90, end: 100 } },
  ];
  test.each(windows)("window: $name", ({ count, index, height, want }) => {
    expect(windowAround(count, index, height)).toEqual(want);
  });

  test("wrapping measures terminal columns: wide characters, combining marks, emoji", () => {
    const text =
      "路径 /tmp/数据库😀.sock の ソケット に 書き込みました cafe\u0301 ✓ ".repeat(4) + "長".repeat(40);
    for (const width of [10, 17, 30, 41]) {
      const lines = wrapPane([{ text: `note: ${text}`, tone: "normal", indent: 6 }], width);
      for (const l of lines) {
        expect(stringWidth(l.text), l.text).toBeLessThanOrEqual(width);
        expect(l.text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
      }
      // Nothing lost but the spaces at the breaks.
      expect(
        lines
          .map((l) => l.text.trim())
          .join("")
          .replace(/ /g, ""),
      ).toBe(`note:${text}`.replace(/ /g, ""));
    }
  });

  test("cutting and padding by display width never splits a character", () => {
    expect(displayWidth("数据库😀x")).toBe(9);
    expect(displayWidth("cafe\u0301")).toBe(4);
    expect(truncateToWidth("数据库😀x", 9)).toBe("数据库😀x");
    expect(truncateToWidth("数据库😀x", 8)).toBe("数据库…");
    expect(truncateToWidth("数据库😀x", 6)).toBe("数据…");
    expect(truncateToWidth("ab😀cd", 4)).toBe("ab…");
    expect(truncateToWidth("cafe\u0301s", 5)).toBe("cafe\u0301s");
    expect(truncateToWidth("cafe\u0301s", 4)).toBe("caf…");
    expect(fitToWidth("数据", 6)).toBe("数据  ");
    expect(fitToWidth("数据", 6, true)).toBe("  数据");
    expect(fitToWidth("数据库😀", 6)).toBe("数据… ");
    expect(truncateStartToWidth("/tmp/数据库😀", 6)).toBe("…库😀");
  });

  test("the connection table lines up with wide characters in the paths", () => {
    const log = [
      "1  socket(AF_UNIX, SOCK_STREAM, 0) = 3<UNIX-STREAM:[11]>",
      '1  bind(3<UNIX-STREAM:[11]>, {sa_family=AF_UNIX, sun_path="/tmp/数据库😀.sock"}, 110) = 0',
      "1  socket(AF_UNIX, SOCK_STREAM, 0) = 4<UNIX-STREAM:[12]>",
      '1  bind(4<UNIX-STREAM:[12]>, {sa_family=AF_UNIX, sun_path="/tmp/plain.sock"}, 110) = 0',
      "1  socket(AF_UNIX, SOCK_STREAM, 0) = 5<UNIX-STREAM:[13]>",
      '1  bind(5<UNIX-STREAM:[13]>, {sa_family=AF_UNIX, sun_path="/tmp/cafe\\314\\201.sock"}, 110) = 0',
      "",
    ].join("\n");
    const rows = connectionRows(fed(eventsFromText(log, OPTIONS)));
    expect(rows.map((r) => r.local)).toEqual([
      "/tmp/数据库😀.sock",
      "/tmp/plain.sock",
      "/tmp/cafe\u0301.sock",
    ]);
    for (const width of [100, 70, 60, 40]) {
      const table = connectionTable(rows, width);
      const stateAt = stringWidth(table.header.slice(0, table.header.indexOf("state")));
      for (const line of [table.header, ...table.lines])
        expect(stringWidth(line), line).toBeLessThanOrEqual(width);
      if (width < 70) continue; // "state" is past the edge
      for (const line of table.lines) expect(stringWidth(line.slice(0, line.indexOf("bound")))).toBe(stateAt);
    }
  });

  test("wrapping keeps every word and the width", () => {
    const text = "the kernel sent a SYN, got the SYN-ACK, answered with the final ACK and woke connect() up";
    const lines = wrapPane([{ text: `note: ${text}`, tone: "normal", indent: 6 }], 30);
    for (const l of lines) expect(l.text.length).toBeLessThanOrEqual(30);
    expect(lines.map((l) => l.text.trim()).join(" ")).toBe(`note: ${text}`);
  });
});
