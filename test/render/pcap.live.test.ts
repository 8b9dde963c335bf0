// --format pcap read by tshark (Debian's package, which .ci/run installs): every recorded trace's
// export opens without a complaint, "Follow TCP stream" of a traced curl gives exactly the bytes curl
// sent and the server answered, and a traced dig's query and answer dissect as DNS. The programs run
// in a network namespace of their own, on ports they pick.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, test } from "vitest";
import { runCli } from "../helpers/cli.js";
import { cliEnv } from "../helpers/env.js";
import { createWorkDir } from "../helpers/live.js";
import { FIXTURES, LOGS } from "../helpers/logs.js";
import { inFreshNetns } from "../helpers/netns.js";

const BIN = join(import.meta.dirname, "..", "..", "bin", "sockscope.js");
const work = createWorkDir();
afterAll(() => work.remove());

/** tshark's own stderr, without the line it prints whenever it runs as root. */
const complaints = (stderr: string) =>
  stderr
    .split("\n")
    .filter((l) => l.trim() !== "" && !/^Running as user "root"/.test(l))
    .join("\n");

async function tshark(args: string[]): Promise<{ stdout: string; stderr: string }> {
  const r = await execa("tshark", args, { reject: false });
  expect(complaints(r.stderr)).toBe("");
  expect(r.exitCode).toBe(0);
  return r;
}

/** sockscope --format pcap of `program`, traced in a fresh network namespace. */
async function traced(name: string, program: string[]): Promise<string> {
  const out = join(work.dir, `${name}.pcapng`);
  const r = await execa(
    ...inFreshNetns([process.execPath, BIN, "--format", "pcap", "-o", out, "--", ...program]),
    {
      reject: false,
      env: cliEnv(),
      extendEnv: false,
    },
  );
  expect(r.stderr).toBe("");
  expect(r.exitCode).toBe(0);
  return out;
}

describe("recorded traces", () => {
  test("tshark reads every export without a complaint; only the deliberately odd DNS-like payloads are malformed", {
    timeout: 120_000,
  }, async () => {
    const logs = readdirSync(LOGS).filter((f) => f.endsWith(".strace"));
    const files: string[] = [];
    for (const log of logs) {
      const out = join(work.dir, `${log}.pcapng`);
      const r = await runCli(["read", join(LOGS, log), "--format", "pcap", "-o", out]);
      expect(r.code).toBe(0);
      files.push(out);
    }
    // capinfos reads each file's blocks (fast); tshark dissects them all, merged into one.
    const info = await execa("capinfos", ["-c", ...files], { reject: false });
    expect(complaints(info.stderr)).toBe("");
    expect(info.exitCode).toBe(0);
    const merged = join(work.dir, "all.pcapng");
    await execa("mergecap", ["-w", merged, ...files]);
    const { stdout } = await tshark(["-r", merged]);
    expect(stdout.split("\n").length).toBeGreaterThan(1000);
    // dns-local.py sends DNS-like datagrams full of odd bytes on purpose: the rest must dissect.
    const clean = join(work.dir, "clean.pcapng");
    await execa("mergecap", ["-w", clean, ...files.filter((f) => !f.includes("dns-local"))]);
    const { stdout: bad } = await tshark([
      "-r",
      clean,
      "-Y",
      "_ws.malformed || _ws.expert.severity >= error",
    ]);
    expect(bad).toBe("");
  });
});

/** `tshark -z follow,tcp,raw,0`: the bytes of each direction of the first TCP stream. */
function follow(text: string): { client: Buffer; server: Buffer } {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.startsWith("Node 1:")) + 1;
  const end = lines.findIndex((l, i) => i >= start && l.startsWith("====="));
  const client: Buffer[] = [];
  const server: Buffer[] = [];
  for (const l of lines.slice(start, end)) {
    if (l.startsWith("\t")) server.push(Buffer.from(l.trim(), "hex"));
    else if (l.trim() !== "") client.push(Buffer.from(l.trim(), "hex"));
  }
  return { client: Buffer.concat(client), server: Buffer.concat(server) };
}

describe("traced programs", () => {
  test("curl: Follow TCP stream gives exactly the bytes curl sent and received", {
    timeout: 60_000,
  }, async () => {
    const dir = join(work.dir, "http");
    execFileSync("mkdir", ["-p", dir]);
    const server = join(FIXTURES, "programs", "http-once.py");
    const script =
      'python3 "$0" "$1" | { read port; curl -s -o "$1/body" "http://127.0.0.1:$port/hello?x=1"; }';
    const out = await traced("curl", ["sh", "-c", script, server, dir]);
    const { stdout } = await tshark(["-r", out, "-q", "-z", "follow,tcp,raw,0"]);
    const both = follow(stdout);
    expect(both.client.toString("latin1")).toBe(readFileSync(join(dir, "request.bin"), "latin1"));
    expect(both.server.toString("latin1")).toBe(readFileSync(join(dir, "response.bin"), "latin1"));
    const { stdout: http } = await tshark([
      "-r",
      out,
      "-Y",
      "http",
      "-T",
      "fields",
      "-e",
      "http.request.uri",
      "-e",
      "http.response.code",
    ]);
    expect(
      http
        .trim()
        .split("\n")
        .map((l) => l.trim()),
    ).toEqual(["/hello?x=1", "200"]);
  });

  test("dig: the query and the answer dissect as DNS", { timeout: 60_000 }, async () => {
    const server = join(FIXTURES, "programs", "dns-once.py");
    const script =
      'python3 "$0" | { read port; dig +tries=1 +time=5 -p "$port" @127.0.0.1 sockscope.test A; }';
    const out = await traced("dig", ["sh", "-c", script, server]);
    const { stdout } = await tshark([
      "-r",
      out,
      "-Y",
      "dns",
      "-T",
      "fields",
      "-e",
      "dns.flags.response",
      "-e",
      "dns.qry.name",
      "-e",
      "dns.a",
    ]);
    const rows = stdout
      .trim()
      .split("\n")
      .map((l) => l.split("\t"));
    expect(rows).toEqual([
      [expect.stringMatching(/^(0|False)$/), "sockscope.test", ""],
      [expect.stringMatching(/^(1|True)$/), "sockscope.test", "127.0.0.1"],
    ]);
  });
});
