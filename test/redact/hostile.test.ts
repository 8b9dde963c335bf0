// The redaction corpus (fixtures/hostile/redact-*.strace, described in README-redact.md) through the
// whole CLI, in every format, by default, with --payload 4096 and with --no-payload. Every payload in
// the corpus starts with a `QQhead-` marker, carries its credential past byte 64 (an `S3cr3t-`
// value) and ends with a `QQtail-` marker, so a cut cannot hide a failure:
// - --no-payload: none of the three, in text or in hex (a dump shows bytes as `51 51 68 …`);
// - by default (32 bytes): no credential, no tail;
// - --payload 4096: no credential, and the tail is shown (the cut really was lifted).
// Each format is also rendered from the same events without redaction, which must show the
// credentials: the format can show them, so the test of it can fail.
// Limits: each log is a few KiB; the whole file runs in process in a few seconds.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { eventsFromText } from "../../src/pipeline.js";
import { FORMATS, RENDERERS } from "../../src/render/renderer.js";
import { runCli } from "../helpers/cli.js";

const DIR = join(import.meta.dirname, "..", "..", "fixtures", "hostile");
const LOGS = readdirSync(DIR).filter((f) => f.startsWith("redact-") && f.endsWith(".strace"));

/** The markers, as text and as strace's hex dump shows their first bytes. */
const HEAD = ["QQhead-", "51 51 68 65"];
const TAIL = ["QQtail-", "51 51 74 61"];
const SECRET = ["S3cr3", "53 33 63 72"];

/** The markers of `kinds` that `out` shows, with what surrounds them (for the failure message). */
function found(out: string, kinds: string[][]): string[] {
  const hits: string[] = [];
  for (const m of kinds.flat()) {
    for (let at = out.indexOf(m); at >= 0; at = out.indexOf(m, at + 1))
      hits.push(out.slice(Math.max(0, at - 40), at + 40));
  }
  return hits;
}

test("the corpus is there", () => {
  expect(LOGS.length).toBeGreaterThanOrEqual(5);
});

const CASES = LOGS.flatMap((log) =>
  FORMATS.flatMap((format) => [false, true].map((all) => ({ log, format, all }))),
);

describe.each(CASES)("$log as $format (--all: $all)", ({ log, format, all }) => {
  const file = join(DIR, log);
  const run = async (extra: string[]) => {
    const r = await runCli([
      "read",
      file,
      "--format",
      format,
      "--explain",
      "full",
      ...(all ? ["--all"] : []),
      ...extra,
    ]);
    expect(r.stderr).toBe("");
    return r.stdout;
  };

  test("--no-payload: not one payload byte", async () => {
    expect(found(await run(["--no-payload"]), [HEAD, TAIL, SECRET])).toEqual([]);
  });

  test("by default: no credential, nothing past 32 bytes (pcap: 64 KiB)", async () => {
    expect(found(await run([]), format === "pcap" ? [SECRET] : [TAIL, SECRET])).toEqual([]);
  });

  test("--payload 4096: no credential", async () => {
    const out = await run(["--payload", "4096"]);
    expect(found(out, [SECRET])).toEqual([]);
    if (format === "json" || format === "pcap") expect(out).toContain("QQtail-");
  });
});

describe.each(FORMATS.map((format) => ({ format })))("$format without redaction", ({ format }) => {
  test("shows credentials of the corpus: the tests above can fail", () => {
    const text = readFileSync(join(DIR, "redact-credentials.strace"), "utf8");
    const render = RENDERERS[format]();
    const events = eventsFromText(text);
    const asText = (x: string | Uint8Array) =>
      typeof x === "string" ? x : Buffer.from(x).toString("latin1");
    const out = events.map((e) => asText(render.event(e))).join("") + asText(render.end());
    expect(found(out, [SECRET]).length).toBeGreaterThan(0);
  });
});
