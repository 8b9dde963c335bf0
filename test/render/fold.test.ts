// Text and pretty fold a long run of data calls one way on one socket by one thread: the first
// FOLD_AFTER calls as they come, then one line for the rest when the run ends. Waits on that socket
// fold with it; anything else the thread does, a failure, a state change or the end ends it.
// --no-fold (fold: false) shows every call.
import { describe, expect, test } from "vitest";
import type { TraceEvent } from "../../src/core/events.js";
import { eventsFromText } from "../../src/pipeline.js";
import { isNetworkStory } from "../../src/render/filter.js";
import { FOLD_AFTER } from "../../src/render/fold.js";
import { RENDERERS } from "../../src/render/renderer.js";
import { recordedLogs } from "../helpers/logs.js";

const CLIENT = [
  "socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3<TCP:[4001]>",
  'connect(3<TCP:[4001]>, {sa_family=AF_INET, sin_port=htons(5201), sin_addr=inet_addr("127.0.0.1")}, 16) = 0',
];
const write = (n = 1000) =>
  `write(3<TCP:[127.0.0.1:40000->127.0.0.1:5201]>, "${"x".repeat(8)}"..., ${n}) = ${n}`;
const poll =
  "poll([{fd=3<TCP:[127.0.0.1:40000->127.0.0.1:5201]>, events=POLLOUT}], 1, -1) = 1 ([{fd=3, revents=POLLOUT}])";

/** Lines of pid 500, or `[pid, line]` pairs, timed 1 ms apart. */
function events(lines: Array<string | [number, string]>): TraceEvent[] {
  const text = lines
    .map((l, i) => {
      const [pid, line] = typeof l === "string" ? [500, l] : l;
      return `${pid}  10:00:00.${String((i + 1) * 1000).padStart(6, "0")} ${line}`;
    })
    .join("\n");
  return eventsFromText(`${text}\n`, { summary: false }).filter(isNetworkStory);
}

function render(evs: TraceEvent[], format: "text" | "pretty" = "text", fold = true): string {
  const r = RENDERERS[format]({ colorLevel: 0, columns: 200, fold });
  return evs.map((e) => r.event(e)).join("") + r.end();
}

const lines = (text: string) => text.split("\n").filter((l) => l !== "");
const writes = (text: string) => lines(text).filter((l) => l.includes(" write(")).length;

describe("folding in the text view", () => {
  test("a run of ten writes: three shown, one line for seven", () => {
    const out = render(events([...CLIENT, ...Array.from({ length: 10 }, () => write())]));
    expect(writes(out)).toBe(FOLD_AFTER);
    expect(out).toContain("… 7 more writes, 7,000 B (6.8 KiB), on conn#1 (fd 3)\n");
    expect(
      writes(render(events([...CLIENT, ...Array.from({ length: 10 }, () => write())]), "text", false)),
    ).toBe(10);
  });

  test("one call past the first three is shown, not folded", () => {
    const out = render(events([...CLIENT, ...Array.from({ length: 4 }, () => write())]));
    expect(writes(out)).toBe(4);
    expect(out).not.toContain("more writes");
  });

  test("waits on the run's socket fold with it and are counted", () => {
    const out = render(events([...CLIENT, ...Array.from({ length: 8 }, () => [write(), poll]).flat()]));
    expect(writes(out)).toBe(FOLD_AFTER);
    expect(out).toContain("… 5 more writes, 5,000 B (4.9 KiB), on conn#1 (fd 3), and 5 waits\n");
  });

  test("a failure ends a run, and so does the thread's next call", () => {
    const out = render(
      events([
        ...CLIENT,
        ...Array.from({ length: 6 }, () => write()),
        'write(3<TCP:[127.0.0.1:40000->127.0.0.1:5201]>, "x", 1) = -1 EPIPE (Broken pipe)',
        ...Array.from({ length: 6 }, () => write()),
        "shutdown(3<TCP:[127.0.0.1:40000->127.0.0.1:5201]>, SHUT_WR) = 0",
      ]),
    );
    const steps = lines(out).map((l) => /^\s*(?:[\d.]+\s+)?\d+\s+(… \d+ more \w+|[\w#]+)/.exec(l)?.[1] ?? "");
    expect(steps).toEqual([
      "socket",
      "connect",
      "", // the kernel's step under connect
      "write",
      "write",
      "write",
      "… 3 more writes",
      "write", // EPIPE
      "write",
      "write",
      "write",
      "… 3 more writes",
      "shutdown",
      "conn#1",
    ]);
  });

  test("another process's lines in between do not end a run; a line about its socket does", () => {
    const server = (i: number): [number, string] => [
      600,
      `recvfrom(4<TCP:[127.0.0.1:5201->127.0.0.1:40000]>, "xxxxxxxx"..., 65536, 0, NULL, NULL) = ${900 + i}`,
    ];
    const out = render(
      events([
        ...CLIENT,
        ...Array.from(
          { length: 8 },
          (_, i) => [write(), server(i)] as Array<string | [number, string]>,
        ).flat(),
      ]),
    );
    expect(writes(out)).toBe(FOLD_AFTER);
    expect(lines(out).filter((l) => l.includes("recvfrom("))).toHaveLength(FOLD_AFTER);
    expect(out).toContain("… 5 more writes, 5,000 B (4.9 KiB), on conn#1 (fd 3)");
    expect(out).toMatch(/… 5 more reads \(recvfrom\), 4,525 B \(4\.4 KiB\), on conn#2 \(fd 4\)/);
  });

  test("live: the first calls come out at once, the fold line when the run ends, or at the end", () => {
    const evs = events([
      ...CLIENT,
      ...Array.from({ length: 6 }, () => write()),
      "close(3<TCP:[127.0.0.1:40000->127.0.0.1:5201]>) = 0",
    ]);
    const r = RENDERERS.text({ fold: true });
    const outs = evs.map((e) => r.event(e));
    expect(outs.slice(2, 5).every((o) => o.includes(" write("))).toBe(true);
    expect(outs.slice(5, 8)).toEqual(["", "", ""]);
    expect(outs[8]).toMatch(/… 3 more writes.*\n.*close\(/);
    const cut = RENDERERS.text({ fold: true });
    for (const e of evs.slice(0, 8)) cut.event(e);
    expect(cut.end()).toMatch(/^.*… 3 more writes, 3,000 B/);
  });
});

describe("folding in the pretty view", () => {
  test("one block for the folded calls, with the connection's label", () => {
    const out = render(
      events([...CLIENT, ...Array.from({ length: 8 }, () => [write(), poll]).flat()]),
      "pretty",
    );
    expect(out).toMatch(
      /conn#1 127\.0\.0\.1:40000 → 127\.0\.0\.1:5201\n\s+… 5 more writes → 4\.9 KiB, and 5 waits\n/,
    );
    expect(
      render(events([...CLIENT, ...Array.from({ length: 8 }, () => write())]), "pretty", false),
    ).not.toContain("more writes");
  });
});

describe("a recorded bulk transfer (bulk-transfer: 300 writes, reads after poll)", () => {
  const log = recordedLogs().find((l) => l.name === "bulk-transfer.o-yy-tt-T.strace");
  if (log === undefined) throw new Error("no bulk-transfer log");

  test("the fold lines and the calls shown account for every byte and call", () => {
    const evs = eventsFromText(log.text).filter(isNetworkStory);
    const out = render(evs);
    const folded = [...out.matchAll(/… (\d+) more (writes|reads), ([\d,]+) B/g)].map((m) => ({
      calls: Number(m[1]),
      dir: m[2],
      bytes: Number(m[3]?.replaceAll(",", "")),
    }));
    const shownWrites = [...out.matchAll(/ write\(4<TCP.*\) = (\d+)/g)].map((m) => Number(m[1]));
    const out1 = folded.find((f) => f.dir === "writes");
    expect(shownWrites.length + (out1?.calls ?? 0)).toBe(300);
    expect(shownWrites.reduce((a, b) => a + b, 0) + (out1?.bytes ?? 0)).toBe(300 * 4096);
    expect(Buffer.byteLength(out)).toBeLessThan(Buffer.byteLength(render(evs, "text", false)) / 10);
  });

  test("--stable: the same fold lines, without times, twice alike", () => {
    const once = () => {
      const r = RENDERERS.text({ stable: true });
      return eventsFromText(log.text, { stable: true })
        .filter(isNetworkStory)
        .map((e) => r.event(e))
        .join("");
    };
    const first = once();
    expect(first).toBe(once());
    expect(first).toMatch(/^p2 {5}… 297 more writes, 1,216,512 B \(1\.2 MiB\), on conn#3 \(fd 4\)$/m);
  });
});
