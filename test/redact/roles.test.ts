// Where redaction finds payload, and how much of it it shows:
// - by the syscall table's payload role, also in a call seen only as its resumed half (whose
//   arguments are the call's last ones), never by a fixed index: the buffer is hidden, the other
//   arguments (counts, flags, a sender's address) stay;
// - program output woven into a strace line (extra arguments, raw text) is payload;
// - --payload N counts bytes of the original data, cutting on a character boundary;
// - a hex dump's lines together show at most N bytes, and a credential across two lines is masked
//   in the hex columns as in the text column.
import { describe, expect, test } from "vitest";
import type { NoteEvent, SyscallEvent, TraceEvent } from "../../src/core/events.js";
import type { Value } from "../../src/core/values.js";
import { eventsFromText } from "../../src/pipeline.js";
import { type RedactOptions, redactValue } from "../../src/redact/redact.js";
import { eventJson } from "../../src/render/jsonl.js";

const NONE: RedactOptions = { limit: 32, none: true };
const CUT: RedactOptions = { limit: 32, none: false };

const PAYLOAD = `QQhead-${"0123456789".repeat(6)}-password=S3cr3t-value&k=v QQtail`;

function calls(text: string, options: RedactOptions): SyscallEvent[] {
  return eventsFromText(text, { redact: options }).filter((e): e is SyscallEvent => e.type === "syscall");
}

describe("a call seen only as its resumed half", () => {
  const cases = [
    { line: `100 <... read resumed>"${PAYLOAD}", 4096) = 90`, shown: [{ kind: "num", value: 4096 }] },
    {
      line: `100 <... recvfrom resumed>"${PAYLOAD}", 4096, MSG_DONTWAIT, {sa_family=AF_UNIX, sun_path="/run/visible.sock"}, [110 => 20]) = 90`,
      shown: [{ kind: "num", value: 4096 }, { kind: "sym" }, { kind: "struct" }, { kind: "array" }],
    },
    {
      line: `100 <... pread64 resumed>"${PAYLOAD}", 4096, 512) = 90`,
      shown: [{ value: 4096 }, { value: 512 }],
    },
    {
      line: `100 <... recvmsg resumed>{msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="${PAYLOAD}", iov_len=4096}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, MSG_DONTWAIT) = 90`,
      shown: [{ kind: "sym", value: "MSG_DONTWAIT" }],
    },
  ];

  test.each(cases)("--no-payload hides its buffer and keeps the rest: $line", ({ line, shown }) => {
    const [e] = calls(`${line}\n`, NONE);
    expect(e?.partial).toBe(true);
    const json = JSON.stringify(e?.args);
    expect(json).not.toContain("QQhead");
    expect(json).toContain('"redacted":"hidden"');
    expect(e?.args.slice(1)).toMatchObject(shown);
  });

  test("the sender's address of a resumed recvfrom is not payload", () => {
    const [e] = calls(`${cases[1]?.line}\n`, NONE);
    expect(e?.args[3]).toMatchObject({ fields: { sun_path: { value: "/run/visible.sock" } } });
  });

  test("by default its buffer is cut like any other", () => {
    const [e] = calls(`${cases[0]?.line}\n`, CUT);
    expect(e?.args[0]).toMatchObject({ value: PAYLOAD.slice(0, 32), truncated: true });
  });

  test("a resumed half that holds no payload (write's: the buffer went before) shows nothing to hide", () => {
    const e = calls(`100 write(3, "${PAYLOAD}", 90 <unfinished ...>\n101 <... write resumed>) = 90\n`, NONE);
    expect(JSON.stringify(e.map((x) => x.args))).not.toContain("QQhead");
  });
});

describe("program output woven into a strace line", () => {
  test("extra arguments after the count are payload", () => {
    const [e] = calls(`100 write(2, "", 15, "quoted", QQhead-out password=S3cr3t) = 15\n`, NONE);
    expect(JSON.stringify(e?.args)).not.toMatch(/QQhead|quoted|S3cr3t/);
  });

  test("output over several lines joins its call, and is cut by default", () => {
    const text = `100 write(2, "", 15QQhead-line-one\nsecond line password=S3cr3t\nQQtail) = 15\n`;
    const events = eventsFromText(text, { redact: CUT });
    expect(events.filter((x) => x.type === "unparsed")).toEqual([]);
    const out = events.map(eventJson).join("\n");
    expect(out).not.toMatch(/S3cr3t|QQtail/);
  });
});

describe("--payload N counts bytes", () => {
  const str = (value: string, bytes: number): Value => ({ kind: "str", value, bytes });
  const cut = (v: Value, limit: number) => {
    const r = redactValue(v, { limit, none: false }, true);
    return r.kind === "str" ? r.value : "";
  };

  test("a two-byte character counts two", () => {
    expect(cut(str("é".repeat(20), 40), 10)).toBe("é".repeat(5));
  });

  test("a character is never split: 3-byte characters under a limit of 10 give 3 of them", () => {
    expect(cut(str("€".repeat(10), 30), 10)).toBe("€€€");
  });

  test("a 4-byte character (a surrogate pair) counts four", () => {
    expect(cut(str("😀".repeat(5), 20), 9)).toBe("😀😀");
  });

  test("a byte that is not UTF-8 (a lone surrogate U+DC00+byte) counts one", () => {
    const raw = String.fromCharCode(0xdcff).repeat(40);
    expect(cut(str(raw, 40), 32)).toBe(String.fromCharCode(0xdcff).repeat(32));
  });

  test("through the pipeline, from strace's octal escapes", () => {
    const [e] = calls(`100 write(3, "${"\\303\\251".repeat(40)}", 80) = 80\n`, { limit: 16, none: false });
    expect(e?.args[1]).toMatchObject({ value: "é".repeat(8), truncated: true });
  });
});

/** strace's ` | 00000  41 42 …  AB.. |` lines for `data`. */
function dump(data: string): string {
  const b = Buffer.from(data);
  let out = "";
  for (let off = 0; off < b.length; off += 16) {
    const chunk = [...b.subarray(off, off + 16)];
    const hex = chunk.map((x, i) => `${i === 8 ? " " : ""}${x.toString(16).padStart(2, "0")}`).join(" ");
    const ascii = chunk.map((x) => (x >= 32 && x < 127 ? String.fromCharCode(x) : ".")).join("");
    out += ` | ${off.toString(16).padStart(5, "0")}  ${hex.padEnd(49)}  ${ascii.padEnd(16)} |\n`;
  }
  return out;
}

describe("hex dumps (-e write=)", () => {
  // The key ends one line, its value starts the next: bytes 64 to 95.
  const data = `${"x".repeat(55)}password=S3cr3t-dump-value&z=1 QQtail`;
  const text = `100 write(3, "${data}", ${data.length}) = ${data.length}\n${dump(data)}`;
  const notes = (events: TraceEvent[]) =>
    events.filter((e): e is NoteEvent => e.type === "note" && e.note === "dump").map((e) => e.text);

  test("the corpus line is in strace's layout, the secret across two lines", () => {
    const lines = dump(data).split("\n");
    expect(lines[3]).toContain("password");
    expect(lines[4]).toContain("S3cr3t");
  });

  test("by default: at most 32 bytes of the dump", () => {
    const shown = notes(eventsFromText(text, { redact: CUT }));
    const bytes = shown.join("\n").match(/(?<= )[0-9a-f]{2}(?= )/g) ?? [];
    expect(bytes.length).toBeLessThanOrEqual(32);
    expect(shown.join("\n")).not.toMatch(/QQtail|S3cr3t/);
  });

  test("with a wide limit: the value is masked on its own line, in hex and in text", () => {
    const shown = notes(eventsFromText(text, { redact: { limit: 4096, none: false } })).join("\n");
    expect(shown).toContain("QQtail");
    expect(shown).not.toContain("S3cr3t");
    // S3cr3t in hex: 53 33 63 72 33 74.
    expect(shown).not.toMatch(/53 33 63 72/);
    expect(shown).toContain("**");
  });

  test("--no-payload: one line saying so, not one byte", () => {
    const shown = notes(eventsFromText(text, { redact: NONE }));
    expect(shown).toEqual(["(dump not shown: --no-payload)"]);
  });

  test("numbering stays dense when dump lines are dropped", () => {
    const events = eventsFromText(text, { redact: CUT });
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  });
});
