// Redaction, unit by unit: every value kind through `redactValue`, every payload shape a call can
// carry through `redactArgs` (the shapes as the real parser makes them from strace lines), every
// other event type through `redactEvent`, and the whole pipeline with --no-payload.
//
// The payloads are longer than 64 bytes and carry their secret and their tail marker past byte 40,
// so that the default 32-byte cut cannot hide a failure: masking is checked with a limit larger
// than the payload, and --no-payload by the absence of every 6-byte run of the payload, not of the
// secret alone.
import { describe, expect, test } from "vitest";
import type { TraceEvent, TraceEventType } from "../../src/core/events.js";
import { VALUE_KINDS, type Value, type ValueKind } from "../../src/core/values.js";
import { eventsFromText } from "../../src/pipeline.js";
import {
  maskSecrets,
  type RedactOptions,
  redactArgs,
  redactEvent,
  redactValue,
} from "../../src/redact/redact.js";
import { eventJson } from "../../src/render/jsonl.js";

const SECRET = "hunter2-s3cr3t";
/** 97 bytes: a plain head, a credential at byte 47, and a tail marker at byte 78. */
const PAYLOAD = `Zq7Xw-head-of-the-buffer-0123456789-abcdefghij-password=${SECRET}&k=v TAILMARKER-Zq7Xw`;
const SECRET_AT = PAYLOAD.indexOf(SECRET);
const TAIL = "TAILMARKER";

const CUT: RedactOptions = { limit: 32, none: false };
const WIDE: RedactOptions = { limit: 4096, none: false };
const NONE: RedactOptions = { limit: 32, none: true };

test("the payloads are long enough that the cut cannot hide a failure", () => {
  expect(PAYLOAD.length).toBeGreaterThan(64);
  expect(SECRET_AT).toBeGreaterThan(40);
  expect(PAYLOAD.indexOf(TAIL)).toBeGreaterThan(40);
});

/** Every 6-character run of `payload` that appears in `text` (none: not one payload byte shown). */
function leaked(text: string, payload: string = PAYLOAD): string[] {
  const runs = new Set<string>();
  for (let i = 0; i + 6 <= payload.length; i++) {
    const run = payload.slice(i, i + 6);
    // Runs of plain lowercase words ("buffer", "passwo") also occur in sockscope's own text (a
    // diagnostic's advice, a masked key's name): only runs with a digit or a capital are telling.
    if (!/[A-Z0-9]/.test(run)) continue;
    if (text.includes(run)) runs.add(run);
  }
  return [...runs];
}

const str = (value: string): Value => ({ kind: "str", value, bytes: Buffer.byteLength(value) });

/** One sample of each value kind, with the payload inside it wherever the kind can hold text. */
interface Sample {
  make(text: string): Value;
  /** The kind can hold the program's text (else redaction never changes it). */
  text: boolean;
}

const SAMPLES = {
  num: { make: () => ({ kind: "num", value: 4096, text: "0x1000" }), text: false },
  str: { make: (t) => str(t), text: true },
  sym: { make: () => ({ kind: "sym", value: "MSG_NOSIGNAL" }), text: false },
  flags: { make: () => ({ kind: "flags", value: ["O_RDWR", "O_CLOEXEC"] }), text: false },
  null: { make: () => ({ kind: "null" }), text: false },
  fd: {
    make: () => ({ kind: "fd", fd: 3, decoration: { text: "TCP:[1234]", protocol: "TCP", inode: 1234 } }),
    text: false,
  },
  raw: { make: (t) => ({ kind: "raw", text: `0x1 /* ${t} */` }), text: true },
  more: { make: () => ({ kind: "more" }), text: false },
  struct: {
    make: (t) => ({ kind: "struct", fields: { len: { kind: "num", value: t.length }, data: str(t) } }),
    text: true,
  },
  array: { make: (t) => ({ kind: "array", items: [{ kind: "num", value: 1 }, str(t)] }), text: true },
  call: { make: (t) => ({ kind: "call", fn: "htonl", args: [str(t)] }), text: true },
  named: { make: (t) => ({ kind: "named", name: "buf", value: str(t) }), text: true },
  changed: { make: (t) => ({ kind: "changed", from: str(t), to: str(`${t} again`) }), text: true },
} satisfies Record<ValueKind, Sample>;

const KINDS = VALUE_KINDS.map((kind) => ({ kind, sample: SAMPLES[kind] as Sample }));

/** The strings and raw texts a value shows, depth first. */
function texts(v: Value): string[] {
  switch (v.kind) {
    case "str":
      return [v.value];
    case "raw":
      return [v.text];
    case "struct":
      return Object.values(v.fields).flatMap(texts);
    case "array":
      return v.items.flatMap(texts);
    case "call":
      return v.args.flatMap(texts);
    case "named":
      return texts(v.value);
    case "changed":
      return [...texts(v.from), ...texts(v.to)];
    default:
      return [];
  }
}

describe.each(KINDS)("redactValue: $kind", ({ kind, sample }) => {
  test("the table has a sample of this kind", () => {
    expect(sample.make(PAYLOAD).kind).toBe(kind);
  });

  test("nothing to change: the same object, as payload or not", () => {
    const clean = sample.make("a plain short buffer");
    expect(redactValue(clean, WIDE, false)).toBe(clean);
    expect(redactValue(clean, WIDE, true)).toBe(clean);
  });

  test("--no-payload, as payload: not one byte of it", () => {
    const v = sample.make(PAYLOAD);
    const r = redactValue(v, NONE, true);
    expect(leaked(JSON.stringify(r))).toEqual([]);
    if (!sample.text) expect(r).toBe(v);
    for (const t of texts(r)) expect(["", "…"]).toContain(t);
  });

  test("--no-payload keeps a string's length, and says it hid it", () => {
    const r = redactValue(sample.make(PAYLOAD), NONE, true);
    const hidden: Value[] = [];
    const walk = (x: Value) => {
      if (x.kind === "str") hidden.push(x);
      else if (x.kind === "struct") Object.values(x.fields).forEach(walk);
      else if (x.kind === "array") x.items.forEach(walk);
      else if (x.kind === "call") x.args.forEach(walk);
      else if (x.kind === "named") walk(x.value);
      else if (x.kind === "changed") [x.from, x.to].forEach(walk);
    };
    walk(r);
    // Every kind that holds text holds it in strings, but raw (whose text is sockscope's fallback).
    expect(hidden.length > 0).toBe(sample.text && kind !== "raw");
    for (const s of hidden) expect(s).toMatchObject({ value: "", redacted: "hidden" });
    for (const s of hidden) expect(s.kind === "str" && s.bytes >= PAYLOAD.length).toBe(true);
  });

  test("as payload, cut to the limit: the head is shown, nothing past the limit", () => {
    const v = sample.make(PAYLOAD);
    const r = redactValue(v, CUT, true);
    const json = JSON.stringify(r);
    expect(json).not.toContain(TAIL);
    expect(json).not.toContain(SECRET);
    if (!sample.text) expect(r).toBe(v);
    // A raw value is cut as the text it is (its first 32 characters); a string, its payload.
    else if (kind === "raw") expect(r).toEqual({ kind: "raw", text: `${texts(v)[0]?.slice(0, CUT.limit)}…` });
    else expect(json).toContain(PAYLOAD.slice(0, CUT.limit));
  });

  test("as payload with a wide limit: the secret is masked, the rest shown", () => {
    const r = redactValue(sample.make(PAYLOAD), WIDE, true);
    const json = JSON.stringify(r);
    expect(json).not.toContain(SECRET);
    if (sample.text) {
      expect(json).toContain("password=***");
      expect(json).toContain(TAIL);
    }
  });

  test("not payload: shown whole, even with --no-payload, but masked (raw text: hidden then)", () => {
    const r = redactValue(sample.make(PAYLOAD), NONE, false);
    const json = JSON.stringify(r);
    expect(json).not.toContain(SECRET);
    // Text sockscope could not decode may be anything: --no-payload shows none of it.
    if (kind === "raw") expect(r).toEqual({ kind: "raw", text: "…" });
    else if (sample.text) {
      expect(json).toContain(PAYLOAD.slice(0, SECRET_AT));
      expect(json).toContain(TAIL);
    }
  });
});

test("a struct's iov_base and cmsg_data are payload wherever the struct is", () => {
  const v: Value = {
    kind: "struct",
    fields: { iov_base: str(PAYLOAD), cmsg_data: str(PAYLOAD), label: str("a name, not payload") },
  };
  const r = redactValue(v, NONE, false);
  expect(r).toMatchObject({
    fields: {
      iov_base: { value: "", redacted: "hidden" },
      cmsg_data: { value: "", redacted: "hidden" },
      label: { value: "a name, not payload" },
    },
  });
});

test("a string strace could not decode as UTF-8 loses its escaped form once it is cut or masked", () => {
  const v: Value = {
    kind: "str",
    value: `${PAYLOAD}\uFFFD`,
    bytes: PAYLOAD.length + 1,
    raw: `${PAYLOAD}\\xff`,
  };
  for (const [options, payload] of [
    [CUT, true],
    [NONE, true],
    [WIDE, false],
  ] as const) {
    const r = redactValue(v, options, payload);
    expect(r.kind).toBe("str");
    expect(r.kind === "str" ? r.raw : "not a string").toBeUndefined();
    expect(JSON.stringify(r)).not.toContain(SECRET);
  }
});

// ---- calls: the payload shapes, as the parser makes them from strace's lines ----

const q = (s: string) => JSON.stringify(s);
const P1 = PAYLOAD;
const P2 = PAYLOAD.replaceAll("Zq7Xw", "Yk4Vb");

/** The one syscall event of a strace line (the model and the stitcher around it, as in a run). */
function callOf(line: string) {
  const e = eventsFromText(`${line}\n`, { summary: false }).find((x) => x.type === "syscall");
  if (e?.type !== "syscall") throw new Error(`no call in ${line}`);
  return e;
}

const SHAPES = [
  {
    shape: "str (write)",
    line: `100 write(3<TCP:[127.0.0.1:5->127.0.0.1:80]>, ${q(P1)}, ${P1.length}) = ${P1.length}`,
    payloads: [P1],
  },
  {
    shape: "str (sendto, with its address)",
    line: `100 sendto(3, ${q(P1)}, ${P1.length}, MSG_NOSIGNAL, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("127.0.0.1")}, 16) = ${P1.length}`,
    payloads: [P1],
  },
  {
    shape: "iovec (writev)",
    line: `100 writev(3, [{iov_base=${q(P1)}, iov_len=${P1.length}}, {iov_base=${q(P2)}, iov_len=${P2.length}}], 2) = ${P1.length + P2.length}`,
    payloads: [P1, P2],
  },
  {
    shape: "msghdr: iov and cmsg (sendmsg)",
    line: `100 sendmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=${q(P1)}, iov_len=${P1.length}}], msg_iovlen=1, msg_control=[{cmsg_len=120, cmsg_level=SOL_IP, cmsg_type=0x99, cmsg_data=${q(P2)}}], msg_controllen=120, msg_flags=0}, 0) = ${P1.length}`,
    payloads: [P1, P2],
  },
  {
    shape: "mmsghdr vector (sendmmsg)",
    line: `100 sendmmsg(3, [{msg_hdr={msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=${q(P1)}, iov_len=${P1.length}}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, msg_len=${P1.length}}, {msg_hdr={msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=${q(P2)}, iov_len=${P2.length}}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, msg_len=${P2.length}}], 2, 0) = 2`,
    payloads: [P1, P2],
  },
  {
    shape: "msghdr received (recvmsg)",
    line: `100 recvmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=${q(P1)}, iov_len=4096}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0) = ${P1.length}`,
    payloads: [P1],
  },
  {
    shape: "a partial call's strings (only its resumed half)",
    line: `100 <... recvfrom resumed>${q(P1)}, 4096, 0, {sa_family=AF_UNIX, sun_path="/run/app.sock"}, [110]) = ${P1.length}`,
    payloads: [P1],
  },
  {
    // mixed-stderr.err-yy-tt.strace line 40: the program's own output split strace's line inside a
    // string, and the quotes no longer balance; the arguments are one raw value.
    shape: "raw arguments (a call whose arguments did not parse)",
    line: `100 write(2, ${q(P1)}..., 39sendto(3, "${P2.slice(0, 60)}, 5) = 5`,
    payloads: [P1, P2.slice(0, 60)],
  },
  {
    // mixed-stderr.err-yy-tt.strace lines 37 and 43: the program's output lands after the count.
    shape: "a raw value in a data call (program output spliced into the count)",
    line: `100 write(2, ${q(P1)}..., 39${P2.slice(0, 60)}) = 5`,
    payloads: [P1, P2.slice(0, 60)],
  },
];

describe.each(SHAPES)("redactArgs: $shape", ({ line, payloads }) => {
  const e = callOf(line);

  test("the line holds the payload before redaction", () => {
    const before = JSON.stringify(e.args);
    for (const p of payloads) expect(leaked(before, p).length).toBeGreaterThan(0);
  });

  test("--no-payload: not one byte of it", () => {
    const args = redactArgs(e, NONE);
    expect(args).toBeDefined();
    const after = JSON.stringify(args);
    for (const p of payloads) expect(leaked(after, p)).toEqual([]);
  });

  test("by default: at most the limit of each, and no secret", () => {
    const after = JSON.stringify(redactArgs(e, CUT) ?? e.args);
    expect(after).not.toContain(SECRET);
    expect(after).not.toContain(TAIL);
  });

  test("with a wide limit: the payload shown, its secret masked", () => {
    const after = JSON.stringify(redactArgs(e, WIDE) ?? e.args);
    expect(after).not.toContain(SECRET);
    expect(after).toContain("password=***");
  });

  test("redaction replaces the arguments, not the call", () => {
    const before = JSON.stringify(e.args);
    redactArgs(e, NONE);
    expect(JSON.stringify(e.args)).toBe(before);
  });
});

describe("redactArgs: what is not payload", () => {
  const execve = callOf(
    `100 execve("/usr/bin/curl", ["curl", "-H", "Authorization: Bearer ${SECRET}", "-H", "Cookie: sid=${SECRET}", "-d", "user=bob&password=${SECRET}&api_key=${SECRET}", "-d", "{\\"token\\": \\"${SECRET}\\", \\"a\\": 1}", "--long-argument-past-the-cut=${"x".repeat(40)}"], 0x7ffd /* 3 vars */) = 0`,
  );

  test("execve's argv is shown whole with --no-payload, every credential masked", () => {
    const args = redactArgs(execve, NONE);
    const argv = args?.[1];
    if (argv?.kind !== "array") throw new Error("no argv");
    expect(argv.items.map((a) => (a.kind === "str" ? a.value : a.kind))).toEqual([
      "curl",
      "-H",
      "Authorization: ***",
      "-H",
      "Cookie: ***",
      "-d",
      "user=bob&password=***&api_key=***",
      "-d",
      '{"token": "***", "a": 1}',
      `--long-argument-past-the-cut=${"x".repeat(40)}`,
    ]);
    expect(argv.items.filter((a) => a.kind === "str" && a.redacted === "masked")).toHaveLength(4);
    expect(JSON.stringify(args)).not.toContain(SECRET);
  });

  test("a call with nothing to hide keeps its arguments (undefined: no change)", () => {
    expect(
      redactArgs(
        callOf(
          `100 connect(3, {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("127.0.0.1")}, 16) = 0`,
        ),
        NONE,
      ),
    ).toBeUndefined();
    expect(redactArgs(callOf(`100 write(3, "short", 5) = 5`), CUT)).toBeUndefined();
  });

  test("a socket address is masked like the sun_path it was read from", () => {
    const e = callOf(
      `100 connect(3, {sa_family=AF_UNIX, sun_path="/run/app/token=${SECRET}.sock"}, 110) = 0`,
    );
    const after = JSON.stringify(redactArgs(e, CUT) ?? e.args);
    expect(after).toContain("/run/app/token=***");
    expect(after).not.toContain(SECRET);
  });

  test("an unknown call's strings are not payload: shown, masked", () => {
    const e = callOf(`100 frobnicate(${q(P1)}, 1) = 0`);
    const after = JSON.stringify(redactArgs(e, NONE));
    expect(after).toContain(PAYLOAD.slice(0, SECRET_AT));
    expect(after).not.toContain(SECRET);
  });
});

// ---- the other events ----

type OtherType = Exclude<TraceEventType, "syscall">;
type Other = Exclude<TraceEvent, { type: "syscall" }>;

/** One event of each other type, and what redaction does to it. */
const EVENTS = {
  unparsed: {
    event: { type: "unparsed", seq: 1, lineNo: 1, raw: `garbage ${PAYLOAD}`, reason: "not a strace line" },
    payload: true,
  },
  note: {
    // strace's layout: the bytes of `password=Zq7Xw-1` in hex, then as text.
    event: {
      type: "note",
      seq: 1,
      lineNo: 1,
      note: "dump",
      text: "00000  70 61 73 73 77 6f 72 64  3d 5a 71 37 58 77 2d 31   password=Zq7Xw-1 |",
    },
    payload: true,
  },
  signal: {
    event: {
      type: "signal",
      seq: 1,
      lineNo: 1,
      pid: 100,
      signal: "SIGPIPE",
      info: { kind: "struct", fields: { si_signo: { kind: "sym", value: "SIGPIPE" } } },
    },
    payload: false,
  },
  exit: { event: { type: "exit", seq: 1, lineNo: 1, pid: 100, code: 0 }, payload: false },
  connection: {
    event: {
      type: "connection",
      seq: 1,
      id: 1,
      pid: 100,
      fd: 3,
      transport: "tcp",
      role: "client",
      bytesIn: 0,
      bytesOut: 97,
      outcome: "closed",
      state: "connected",
      nonblocking: false,
      options: {},
      errors: {},
      release: "close",
    },
    payload: false,
  },
  diagnostic: {
    event: {
      type: "diagnostic",
      seq: 1,
      code: "partial-write",
      severity: "warning",
      message: "write(fd 3) sent 5 of 97 bytes",
      fix: "loop until everything is written",
      events: [1],
    },
    payload: false,
  },
  summary: {
    event: {
      type: "summary",
      seq: 1,
      lines: 1,
      syscalls: {},
      connections: [],
      connectionsOmitted: 0,
      errnos: {},
      incomplete: 0,
      unparsed: 0,
      processes: 1,
      truncated: false,
      hints: [],
      diagnostics: {},
      violations: [],
    },
    payload: false,
  },
} satisfies { [T in OtherType]: { event: Extract<Other, { type: T }>; payload: boolean } };

describe.each(
  Object.entries(EVENTS).map(([type, x]) => ({ type, event: x.event as Other, payload: x.payload })),
)("redactEvent: $type", ({ event, payload }) => {
  test("--no-payload: not one payload byte", () => {
    const r = redactEvent(event, NONE);
    expect(r.type).toBe(event.type);
    expect(leaked(eventJson(r))).toEqual([]);
    if (!payload) expect(r).toBe(event);
  });

  test("by default: masked, and the same object when there is nothing to mask", () => {
    const r = redactEvent(event, CUT);
    expect(eventJson(r)).not.toContain(SECRET);
    // A dump masks byte by byte: `password=*******`, and `**` in the hex columns.
    if (payload) expect(eventJson(r)).toContain(event.type === "note" ? "password=*******" : "password=***");
    else expect(r).toBe(event);
  });
});

test("a note other than a dump is strace's own text, left alone", () => {
  const note: Other = {
    type: "note",
    seq: 1,
    lineNo: 1,
    note: "strace",
    text: "strace: Process 100 attached",
  };
  expect(redactEvent(note, NONE)).toBe(note);
});

// ---- the whole pipeline ----

test("--no-payload through the pipeline: no event of any type shows a payload byte", () => {
  const lines = [
    `100 execve("/bin/prog", ["prog", "password=${SECRET}"], 0x7ffd /* 3 vars */) = 0`,
    ...SHAPES.map((s) => s.line),
    ` | 00000  5a 71 37 58 77  ${PAYLOAD} |`,
    `garbage ${PAYLOAD}`,
    `100 --- SIGPIPE {si_signo=SIGPIPE, si_code=SI_USER, si_pid=100, si_uid=0} ---`,
    "100 +++ exited with 0 +++",
  ];
  const events = eventsFromText(`${lines.join("\n")}\n`, { redact: NONE });
  const types = new Set(events.map((e) => (e.type === "note" ? `note:${e.note}` : e.type)));
  for (const t of ["syscall", "note:dump", "unparsed", "signal", "exit", "summary"])
    expect(types).toContain(t);
  const out = events.map(eventJson).join("\n");
  expect(leaked(out)).toEqual([]);
  expect(leaked(out, P2)).toEqual([]);
  expect(out).not.toContain(SECRET);
});

test("maskSecrets returns the very string when there is nothing to mask", () => {
  const plain = "GET / HTTP/1.1\r\nHost: example\r\n\r\n";
  expect(maskSecrets(plain)).toBe(plain);
  expect(maskSecrets(`Cookie: a=${SECRET}`)).toBe("Cookie: ***");
});

test.each([
  {
    label: "Authorization header",
    text: "GET / HTTP/1.1\r\nAuthorization: Basic dXNlcjpwYXNz\r\nHost: x",
    hidden: "dXNlcjpwYXNz",
  },
  { label: "Proxy-Authorization", text: "Proxy-Authorization: Bearer abc.def", hidden: "abc.def" },
  { label: "Set-Cookie", text: "HTTP/1.1 200 OK\r\nSet-Cookie: sid=42; HttpOnly", hidden: "sid=42" },
  { label: "query string", text: "GET /login?user=a&password=pw123&x=1", hidden: "pw123" },
  { label: "JSON", text: '{"user":"a","token":"tok-999"}', hidden: "tok-999" },
])("maskSecrets: $label", ({ text, hidden }) => {
  const masked = maskSecrets(text);
  expect(masked).not.toContain(hidden);
  expect(masked).toContain("***");
});
