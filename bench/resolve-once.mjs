// The "resolve each socket once" prototype of the -yy study (bench/DECODE-FDS.md). A measurement
// tool, not product code.
//
// Instead of strace -yy (strace looks every fd up in /proc on every call it prints, and sockets in
// sock_diag), strace runs with -y (fds shown as `socket:[INODE]`) or with no decoding, writing into
// a FIFO, and this process, reading the FIFO as sockscope does, looks each connection's socket up
// once, when it reads the line of the connect() or accept() that settled its addresses:
//   resolver diag  a long-lived helper (bench/sockdiag.c) asked over a pipe: NETLINK_SOCK_DIAG,
//                  unix sockets by inode (path and peer inode), TCP/UDP by dumping the table;
//   resolver proc  /proc/PID/net/{tcp,tcp6,udp,udp6,unix} read and searched for the inode (no peer
//                  inode for unix sockets: /proc/net/unix does not have it);
//   decode none    no -y at all: the inode comes from readlink /proc/PID/fd/N when the line is read.
// With --decode yy nothing is looked up: the facts are read off strace's decorations, as sockscope
// does now. Either way the run counts, for every socket that a connect() or accept() in the trace
// made a connection of, whether its facts were had: local and remote address (TCP; the ephemeral
// port of a client, the peer of an accepted socket), or the peer's inode (unix, what pairs the two
// ends). A lookup that comes too late finds the socket (or the process) gone: a lost fact.
//
//   node bench/resolve-once.mjs [--decode y|yy|none] [--resolver diag|proc] [--pin] [--json] -- PROGRAM ARGS…
//   node bench/resolve-once.mjs study [--runs 3] [--conns 1000] [--rounds 20000]
//        runs the matrix (decode × resolver × workload, interleaved, pinned) and prints Markdown.
// strace gets sockscope's other flags (learnt by running bin/sockscope.js with a recording strace).
// Needs gcc, strace, /usr/bin/time, taskset (for --pin); Linux with sock_diag (unix_diag, inet_diag).
import { spawn, spawnSync } from "node:child_process";
import { createReadStream, existsSync, mkdtempSync, readFileSync, readlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { captureStraceFlags, straceEnvOf, withOutput, withoutDecoding } from "./strace-flags.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "bin", "sockscope.js");

// ---------------------------------------------------------------- lookups

/** The sockdiag helper: one request a line, one answer a line, in order. */
function startDiag(binary) {
  const child = spawn(binary, [], { stdio: ["pipe", "pipe", "inherit"] });
  const waiting = [];
  createInterface({ input: child.stdout }).on("line", (line) => waiting.shift()?.(line));
  return {
    child,
    lookup(inode, hint) {
      return new Promise((resolve) => {
        waiting.push((line) => {
          const [, kind, a, b] = line.split(" ");
          if (kind === "-") resolve(undefined);
          else if (kind === "unix")
            resolve({ kind, path: a === "-" ? undefined : a, peer: Number(b) || undefined });
          else resolve({ kind, local: a, remote: b === "-" ? undefined : b });
        });
        child.stdin.write(`${inode} ${hint ?? "any"}\n`);
      });
    },
    close() {
      child.stdin.end();
    },
  };
}

const hex4 = (h) => [3, 2, 1, 0].map((i) => Number.parseInt(h.slice(i * 2, i * 2 + 2), 16)).join(".");
function procAddress(text, v6) {
  const [h, p] = text.split(":");
  const port = Number.parseInt(p, 16);
  if (!v6) return `${hex4(h)}:${port}`;
  // /proc prints an in6_addr as four host-order 32-bit words.
  const words = [0, 1, 2, 3].map((i) => h.slice(i * 8, i * 8 + 8));
  const bytes = words.flatMap((w) => [3, 2, 1, 0].map((i) => w.slice(i * 2, i * 2 + 2)));
  const groups = [];
  for (let i = 0; i < 16; i += 2) groups.push(Number.parseInt(bytes[i] + bytes[i + 1], 16).toString(16));
  return `[${groups.join(":")}]:${port}`;
}

/** /proc/PID/net tables, searched for the inode (the tracee's netns; ours when it is gone). */
function procLookup(pid, inode, hint) {
  const tables = hint && hint !== "any" ? [hint] : ["tcp", "tcp6", "udp", "udp6", "unix"];
  for (const t of tables) {
    let text;
    try {
      text = readFileSync(`/proc/${pid}/net/${t}`, "latin1");
    } catch {
      text = readFileSync(`/proc/self/net/${t}`, "latin1");
    }
    const lines = text.split("\n");
    for (let i = 1; i < lines.length; i++) {
      const f = lines[i].trim().split(/\s+/);
      if (t === "unix") {
        if (Number(f[6]) === inode) return { kind: "unix", path: f[7], peer: undefined };
      } else if (Number(f[9]) === inode) {
        const v6 = t.endsWith("6");
        const remote = procAddress(f[2], v6);
        return {
          kind: t,
          local: procAddress(f[1], v6),
          remote: /:0$/.test(remote) && /^(0\.0\.0\.0|\[0(:0)*\])/.test(remote) ? undefined : remote,
        };
      }
    }
  }
  return undefined;
}

// ---------------------------------------------------------------- one run

const PREFIX = /^(\d+) +(\d+\.\d+) /;
const SOCKET_Y = /(\d+)<socket:\[(\d+)\]>/g;
const DECORATED = /(-?\d+)<((?:TCP|UDP)(?:v6)?|UNIX(?:-STREAM)?):\[([^\]]*)\]>/g;

function hintOf(args) {
  const m = /^(AF_INET6?|AF_UNIX|AF_LOCAL), (SOCK_STREAM|SOCK_DGRAM)/.exec(args);
  if (!m) return "any";
  if (m[1] === "AF_UNIX" || m[1] === "AF_LOCAL") return "unix";
  return (m[2] === "SOCK_STREAM" ? "tcp" : "udp") + (m[1] === "AF_INET6" ? "6" : "");
}

/** Whether what is known of a connection's socket is its whole story. */
function complete(facts) {
  if (!facts) return false;
  if (facts.kind === "unix") return facts.peer !== undefined;
  return facts.local !== undefined && !/:0$/.test(facts.local) && facts.remote !== undefined;
}

/** Facts from a -yy decoration's inside. */
function decorationFacts(proto, inside) {
  if (proto.startsWith("UNIX")) {
    const m = /^(\d+)(?:->(\d+))?(?:,(.*))?$/.exec(inside);
    return m
      ? { kind: "unix", inode: Number(m[1]), peer: m[2] ? Number(m[2]) : undefined, path: m[3] }
      : undefined;
  }
  if (/^\d+$/.test(inside)) return undefined; // strace found nothing (yet): TCP:[INODE]
  const [local, remote] = inside.split("->");
  return { kind: proto.toLowerCase(), local, remote };
}

/**
 * Runs PROGRAM under strace into a FIFO, reads it, resolves connection sockets as asked.
 * Returns { seconds, conns, complete, lookups, found, gone, lagMs: [...], readerCpu, helperCpu }.
 */
export async function resolveRun({
  decode = "y",
  resolver = "diag",
  pin = false,
  program,
  straceFlags,
  diagBinary,
}) {
  const work = mkdtempSync(join(tmpdir(), "resolve-once-"));
  const fifo = join(work, "trace.fifo");
  spawnSync("mkfifo", [fifo]);
  const decodeFlags = { y: ["-y"], yy: ["-yy"], none: [] }[decode];
  const flags = [...decodeFlags, ...withoutDecoding(withOutput(straceFlags.flags, fifo))];
  if (pin) spawnSync("taskset", ["-a", "-p", "-c", "1", String(process.pid)], { stdio: "ignore" });
  const diag = decode !== "yy" && resolver === "diag" ? startDiag(diagBinary) : undefined;
  if (pin && diag) spawnSync("taskset", ["-a", "-p", "-c", "1", String(diag.child.pid)], { stdio: "ignore" });
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  // strace (and the program, its child) under /usr/bin/time for their CPU time.
  const timeFile = join(work, "time.txt");
  const traced = pin
    ? ["taskset", "-c", "0", "strace", ...flags, ...program]
    : ["strace", ...flags, ...program];
  const [cmd, args] = ["/usr/bin/time", ["-f", "%U %S", "-o", timeFile, ...traced]];
  const strace = spawn(cmd, args, { stdio: ["ignore", "ignore", "inherit"], env: straceEnvOf(straceFlags) });
  const exited = new Promise((resolve) => strace.on("close", (code) => resolve(code)));

  // Connection sockets: by "pid fd" while open; all of them kept for the count.
  const open = new Map(); // "pid fd" -> conn
  const conns = [];
  const inodeOf = new Map(); // "pid fd" -> inode (from -y decorations)
  const hints = new Map(); // inode -> tcp|udp|unix…
  const pending = [];
  const partial = new Map(); // pid -> text of an unfinished call
  const stats = { lookups: 0, found: 0, gone: 0, lagMs: [], lifeMs: [] };

  const resolveConn = (conn, pid, fd) => {
    let inode = conn.inode;
    if (decode === "none") {
      try {
        const link = readlinkSync(`/proc/${pid}/fd/${fd}`);
        const m = /^socket:\[(\d+)\]$/.exec(link);
        if (m) inode = Number(m[1]);
      } catch {
        // The process or the fd is gone.
      }
    }
    if (inode === undefined) {
      stats.gone++;
      return;
    }
    stats.lookups++;
    const asked = Date.now();
    const done = (facts) => {
      if (facts) stats.found++;
      else stats.gone++;
      if (facts) conn.facts = facts;
      stats.lagMs.push(Date.now() - conn.lineTs * 1000);
      conn.lookupMs = Date.now() - asked;
    };
    if (diag) pending.push(diag.lookup(inode, hints.get(inode) ?? conn.hint).then(done));
    else done(procLookup(pid, inode, hints.get(inode) ?? conn.hint));
  };

  const onCall = (pid, ts, text) => {
    const paren = text.indexOf("(");
    const name = text.slice(0, paren);
    const eq = text.lastIndexOf(") = ");
    const ret = eq < 0 ? "" : text.slice(eq + 4);
    const argsText = text.slice(paren + 1, eq < 0 ? undefined : eq);
    if (decode !== "yy") {
      for (const m of text.matchAll(SOCKET_Y)) inodeOf.set(`${pid} ${m[1]}`, Number(m[2]));
      if (name === "socket") {
        const m = /^(\d+)<socket:\[(\d+)\]>/.exec(ret);
        if (m) hints.set(Number(m[2]), hintOf(argsText));
      }
    }
    let connFd;
    if (name === "connect" && (/^0\b/.test(ret) || /EINPROGRESS/.test(ret)))
      connFd = /^(\d+)/.exec(argsText)?.[1];
    if ((name === "accept" || name === "accept4") && /^\d+/.test(ret)) connFd = /^(\d+)/.exec(ret)[1];
    if (connFd !== undefined) {
      const key = `${pid} ${connFd}`;
      const conn = { side: name === "connect" ? "client" : "server", lineTs: ts, inode: inodeOf.get(key) };
      if (name === "connect") {
        const fam = /sa_family=(AF_\w+)/.exec(argsText)?.[1];
        conn.hint =
          fam === "AF_UNIX" ? "unix" : fam === "AF_INET6" ? "tcp6" : fam === "AF_INET" ? "tcp" : undefined;
      } else {
        // An accepted socket is of its listener's kind.
        const listener = inodeOf.get(`${pid} ${/^(\d+)/.exec(argsText)?.[1]}`);
        conn.hint = listener === undefined ? undefined : hints.get(listener);
      }
      open.set(key, conn);
      conns.push(conn);
      if (decode !== "yy") resolveConn(conn, pid, connFd);
    }
    if (decode === "yy") {
      for (const m of text.matchAll(DECORATED)) {
        const conn = open.get(`${pid} ${m[1]}`);
        const facts = decorationFacts(m[2], m[3]);
        if (conn && facts && !complete(conn.facts)) conn.facts = facts;
      }
    }
    if (name === "close") {
      const key = `${pid} ${/^(\d+)/.exec(argsText)?.[1]}`;
      const conn = open.get(key);
      // How long the socket lived in the trace: the window a lookup after the fact has.
      if (conn) stats.lifeMs.push((ts - conn.lineTs) * 1000);
      open.delete(key);
    }
  };

  const input = createReadStream(fifo);
  for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
    const m = PREFIX.exec(line);
    if (!m) continue;
    const pid = Number(m[1]);
    const ts = Number(m[2]);
    let text = line.slice(m[0].length);
    if (text.endsWith(" <unfinished ...>")) {
      partial.set(pid, text.slice(0, -" <unfinished ...>".length));
      continue;
    }
    const resumed = /^<\.\.\. (\w+) resumed>/.exec(text);
    if (resumed) {
      text = (partial.get(pid) ?? `${resumed[1]}(`) + text.slice(resumed[0].length);
      partial.delete(pid);
    }
    if (/^[a-z_0-9]+\(/.test(text)) onCall(pid, ts, text);
  }
  const code = await exited;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  await Promise.all(pending);
  const cpu = process.cpuUsage(cpu0);
  let helperCpu;
  if (diag) {
    const stat = readFileSync(`/proc/${diag.child.pid}/stat`, "utf8").split(") ")[1].split(" ");
    helperCpu = (Number(stat[11]) + Number(stat[12])) / 100;
    diag.close();
  }
  const [user, system] = readFileSync(timeFile, "utf8").trim().split("\n").at(-1).split(" ").map(Number);
  rmSync(work, { recursive: true, force: true });
  if (code !== 0) throw new Error(`strace ${program.join(" ")} exited ${code}`);
  const done = conns.filter((c) => complete(c.facts)).length;
  const side = (name) => {
    const cs = conns.filter((c) => c.side === name);
    return { conns: cs.length, complete: cs.filter((c) => complete(c.facts)).length };
  };
  return {
    seconds,
    conns: conns.length,
    complete: done,
    client: side("client"),
    server: side("server"),
    lookups: stats.lookups,
    found: stats.found,
    gone: stats.gone,
    lagMs: stats.lagMs,
    lifeMs: stats.lifeMs,
    readerCpu: (cpu.user + cpu.system) / 1e6,
    straceCpu: user + system,
    helperCpu,
  };
}

// ---------------------------------------------------------------- the study

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length === 0 ? Number.NaN : s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

function table(head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(" | ")} |`;
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

function option(argv, name, fallback) {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
}

async function setup() {
  const work = mkdtempSync(join(tmpdir(), "resolve-once-bin-"));
  const build = (name, source) => {
    const out = join(work, name);
    const r = spawnSync("gcc", ["-O2", "-Wall", "-o", out, source], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`gcc ${source}: ${r.stderr}`);
    return out;
  };
  const bins = {
    work,
    sockdiag: build("sockdiag", join(ROOT, "bench", "sockdiag.c")),
    shortconn: build("shortconn", join(ROOT, "bench", "shortconn.c")),
    pingpong: build("pingpong", join(ROOT, "fixtures", "programs", "pingpong.c")),
  };
  bins.straceFlags = captureStraceFlags({ bin: BIN, work, program: [bins.pingpong, "10"] });
  return bins;
}

async function study(argv) {
  const runs = Number(option(argv, "--runs", 3));
  const n = option(argv, "--conns", "1000");
  const rounds = option(argv, "--rounds", "20000");
  const pin = !argv.includes("--no-pin");
  const bins = await setup();
  const workloads = [
    { name: `pingpong ${rounds}`, program: [bins.pingpong, rounds] },
    { name: `shortconn ${n} (TCP)`, program: [bins.shortconn, n] },
    { name: `shortconn ${n} unix`, program: [bins.shortconn, n, "unix"] },
  ];
  const modes = [
    { decode: "yy", resolver: "-", label: "`-yy`, facts from strace's decorations (now)" },
    { decode: "y", resolver: "diag", label: "`-y` + sock_diag helper, once per connection" },
    { decode: "y", resolver: "proc", label: "`-y` + /proc/PID/net, once per connection" },
    { decode: "none", resolver: "diag", label: "no decoding + readlink + sock_diag, once" },
  ];
  const out = [
    `resolve-once study: ${runs} runs, interleaved${pin ? ", strace and program pinned to CPU 0, the reader (and helper) to CPU 1" : ""}; strace flags: ${withoutDecoding(withOutput(bins.straceFlags.flags, "FIFO")).join(" ")}`,
    "",
  ];
  for (const w of workloads) {
    const results = modes.map(() => []);
    for (let r = 0; r < runs; r++) {
      for (const [i, m] of modes.entries()) {
        results[i].push(
          await resolveRun({
            ...m,
            pin,
            program: w.program,
            straceFlags: bins.straceFlags,
            diagBinary: bins.sockdiag,
          }),
        );
        process.stderr.write(".");
      }
    }
    process.stderr.write(`\n${w.name} done\n`);
    const base = median(results[0].map((x) => x.seconds));
    const baseCpu = median(results[0].map((x) => x.straceCpu + x.readerCpu + (x.helperCpu ?? 0)));
    out.push(
      `### ${w.name}`,
      "",
      table(
        [
          "mode",
          "median",
          "range (s)",
          "vs -yy",
          "connection sockets",
          "facts complete",
          "lost",
          "lookups",
          "lookups that found it",
          "lag p50/p99 (ms)",
          "socket life p50 (ms)",
          "strace+program CPU",
          "reader+helper CPU",
          "all CPU vs -yy",
        ],
        modes.map((m, i) => {
          const rs = results[i];
          const t = rs.map((x) => x.seconds);
          const conns = rs.reduce((a, x) => a + x.conns, 0);
          const ok = rs.reduce((a, x) => a + x.complete, 0);
          const lags = rs.flatMap((x) => x.lagMs);
          const lives = rs.flatMap((x) => x.lifeMs);
          const cpu = median(rs.map((x) => x.readerCpu + (x.helperCpu ?? 0)));
          const straceCpu = median(rs.map((x) => x.straceCpu));
          const all = median(rs.map((x) => x.straceCpu + x.readerCpu + (x.helperCpu ?? 0)));
          return [
            m.label,
            `${median(t).toFixed(3)} s`,
            `${Math.min(...t).toFixed(3)}–${Math.max(...t).toFixed(3)}`,
            `${(median(t) / base).toFixed(2)}×`,
            String(conns / runs),
            `${((100 * ok) / conns).toFixed(1)}%`,
            `${((100 * (conns - ok)) / conns).toFixed(1)}%`,
            String(median(rs.map((x) => x.lookups))),
            m.decode === "yy" ? "" : `${((100 * rs.reduce((a, x) => a + x.found, 0)) / conns).toFixed(1)}%`,
            lags.length ? `${pct(lags, 50).toFixed(1)} / ${pct(lags, 99).toFixed(1)}` : "",
            lives.length ? pct(lives, 50).toFixed(2) : "",
            `${straceCpu.toFixed(2)} s`,
            `${cpu.toFixed(2)} s`,
            `${(all / baseCpu).toFixed(2)}×`,
          ];
        }),
      ),
      "",
    );
  }
  rmSync(bins.work, { recursive: true, force: true });
  console.log(out.join("\n"));
}

async function main() {
  const argv = process.argv.slice(2);
  if (argv[0] === "study") return study(argv.slice(1));
  const dash = argv.indexOf("--");
  if (dash < 0 || dash === argv.length - 1) {
    console.error(
      "usage: node bench/resolve-once.mjs [--decode y|yy|none] [--resolver diag|proc] [--pin] [--json] -- PROGRAM ARGS…",
    );
    console.error(
      "       node bench/resolve-once.mjs study [--runs 3] [--conns 1000] [--rounds 20000] [--no-pin]",
    );
    process.exit(2);
  }
  const opts = argv.slice(0, dash);
  const bins = await setup();
  const program = argv.slice(dash + 1);
  if (!existsSync(program[0]) && existsSync(join(bins.work, program[0])))
    program[0] = join(bins.work, program[0]);
  const r = await resolveRun({
    decode: option(opts, "--decode", "y"),
    resolver: option(opts, "--resolver", "diag"),
    pin: opts.includes("--pin"),
    program,
    straceFlags: bins.straceFlags,
    diagBinary: bins.sockdiag,
  });
  rmSync(bins.work, { recursive: true, force: true });
  const summary = {
    ...r,
    lagMs: { p50: pct(r.lagMs, 50), p99: pct(r.lagMs, 99), max: pct(r.lagMs, 100) },
    lifeMs: { p50: pct(r.lifeMs, 50), p99: pct(r.lifeMs, 99) },
  };
  console.log(opts.includes("--json") ? JSON.stringify(summary) : summary);
}

await main();
