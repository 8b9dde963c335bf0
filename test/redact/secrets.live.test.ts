// Planted secrets through a real program and real strace, in every output format. Loopback only, in
// a network namespace of its own; the unix socket lives in the test's own temp dir.
//
// Every buffer the program sends is longer than 64 bytes: a `QQhead-` marker at byte 0, a
// credential of its own kind after byte 64, a `QQtail-` marker at its end. So:
// - --no-payload must show neither marker nor any credential: not one payload byte;
// - by default (sockscope's cut to 32 bytes; strace is asked for 512) no credential and no tail;
// - with --payload 4096 (strace's -s 4096: nothing cut) the tail shows in text and JSON, which
//   proves the credentials were there to be found, and still no credential shows: masking did it.
// Perfetto shows each call's arguments, buffers included, like text. pcap asks strace for 64 KiB
// of each buffer by default, so there the tails show and the credentials are still masked.
// Markdown and Mermaid show no buffers, but the program's argv (`env DB_PASSWORD=… python3`) and
// the unix socket's path (`…/token=…`): each format has a credential it can leak, and the test of
// each can fail. Each run takes about a second; a 30 s timeout per test.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, test } from "vitest";
import { cliEnv } from "../helpers/env.js";
import { createWorkDir } from "../helpers/live.js";
import { inFreshNetns } from "../helpers/netns.js";

const BIN = join(import.meta.dirname, "..", "..", "bin", "sockscope.js");
const work = createWorkDir();
afterAll(() => work.remove());

const PAD = "-0123456789abcdefghijklmnopqrstuvwxyz-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-";
/** One credential of each kind, each in a buffer of its own. */
const PLANTED = [
  "Authorization: Bearer S3cr3t-bearer\r\n",
  "Cookie: id=S3cr3t-cookie\r\n",
  "X-Api-Key: S3cr3t-apikey\r\n",
  "user=bob&password=S3cr3t-form&api_key=S3cr3t-form2",
  "GITHUB_TOKEN=S3cr3t-env",
  "*2\r\n$4\r\nAUTH\r\n$11\r\nS3cr3t-resp\r\n",
  "AUTH PLAIN S3cr3t-smtp\r\n",
  "a1 LOGIN bob S3cr3t-imap\r\n",
  "PASS S3cr3t-ftp\r\n",
  "postgres://bob:S3cr3t-url@db/app",
  '{"password": "S3cr3t-json"}',
];
const buffers = PLANTED.map((p, i) => `QQhead-${i}${PAD}\r\n${p} QQtail-${i}`);

const PROGRAM = `
import os, socket, sys, tempfile
bufs = [bytes.fromhex(h) for h in sys.argv[1:]]
srv = socket.socket(); srv.bind(("127.0.0.1", 0)); srv.listen()
cli = socket.create_connection(srv.getsockname())
conn, _ = srv.accept()
for b in bufs:
    cli.sendall(b)
    got = b""
    while len(got) < len(b):
        got += conn.recv(4096)
cli.close(); conn.close(); srv.close()
path = os.path.join(os.environ["WORK"], "token=S3cr3t-path.sock")
u = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); u.bind(path)
c = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); c.connect(path); c.send(bufs[0])
u.recv(4096); c.close(); u.close(); os.unlink(path)
`;

async function traced(format: string, extra: string[]): Promise<string> {
  const out = join(work.dir, `out-${format}-${extra.join("_")}.txt`);
  const argv = [process.execPath, BIN, "--format", format, "--explain", "full", "--all", "-o", out, ...extra];
  const program = ["env", "DB_PASSWORD=S3cr3t-argv", `WORK=${work.dir}`, "python3", "-c", PROGRAM];
  const r = await execa(
    ...inFreshNetns([...argv, "--", ...program, ...buffers.map((b) => Buffer.from(b).toString("hex"))]),
    {
      reject: false,
      env: cliEnv(),
      extendEnv: false,
    },
  );
  expect(r.stderr).toBe("");
  expect(r.exitCode).toBe(0);
  return readFileSync(out, "utf8");
}

const FORMATS = ["pretty", "text", "json", "markdown", "mermaid", "perfetto", "pcap"];

/** The planted text `out` shows, with its surroundings. */
function shown(out: string, markers: string[]): string[] {
  const hits: string[] = [];
  for (const m of markers)
    for (let at = out.indexOf(m); at >= 0; at = out.indexOf(m, at + 1))
      hits.push(out.slice(Math.max(0, at - 30), at + 30));
  return hits;
}

describe.each(FORMATS.map((format) => ({ format })))("$format", ({ format }) => {
  test("by default: no credential, nothing past the cut", { timeout: 30_000 }, async () => {
    // pcap carries the bytes themselves (64 KiB of each buffer by default): the tails show, masked.
    const out = await traced(format, []);
    if (format === "pcap") for (let i = 0; i < buffers.length; i++) expect(out).toContain(`QQtail-${i}`);
    expect(shown(out, format === "pcap" ? ["S3cr3t"] : ["S3cr3t", "QQtail"])).toEqual([]);
  });

  test("--payload 4096: everything but the credentials", { timeout: 30_000 }, async () => {
    const out = await traced(format, ["--payload", "4096"]);
    expect(shown(out, ["S3cr3t"])).toEqual([]);
    if (format === "json" || format === "text" || format === "perfetto" || format === "pcap")
      for (let i = 0; i < buffers.length; i++) expect(out).toContain(`QQtail-${i}`);
  });

  test("--no-payload: not one payload byte", { timeout: 30_000 }, async () => {
    expect(shown(await traced(format, ["--no-payload"]), ["S3cr3t", "QQhead", "QQtail"])).toEqual([]);
  });
});
