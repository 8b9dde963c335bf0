// Runs the built kernel collector (dist/kernel/collector.js) against real loopback traffic, for
// collector.live.test.ts, and prints one JSON line of what it saw. Run it in a network namespace of
// its own (the test uses unshare --net; see test/helpers/netns.ts): it changes that namespace's
// loopback (delay and loss) and its counters are the namespace's.
//   node collector-run.mjs lossy   a 1 MiB transfer over 127.0.0.1 with 20 ms delay and 10 % loss
//   node collector-run.mjs flood   a listener with backlog 1 that never accepts, 20 connects
//   node collector-run.mjs open    a connection still open at finish(): its snapshot
import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";

const ROOT = join(import.meta.dirname, "..", "..");
const TOOLS = join(ROOT, "fixtures", "kernel", "state", "tools");
const { startKernelCollector } = await import(join(ROOT, "dist", "kernel", "collector.js"));

const children = [];
const stopAll = () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGTERM");
};
process.on("SIGTERM", () => {
  stopAll();
  process.exit(143);
});

/** Starts argv; resolves with the child and its first stdout line. */
function start(argv, stdin = "ignore") {
  const child = spawn(argv[0], argv.slice(1), { stdio: [stdin, "pipe", "inherit"] });
  children.push(child);
  const lines = createInterface({ input: child.stdout });
  const first = new Promise((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`${argv.join(" ")} exited (${code}) before a line`)));
  });
  return { child, first, lines };
}

async function until(check, what, ms = 10_000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * 20 ms each way and 10 % loss on lo: netem where the kernel has it, else tools/lossy-lo.py. lo's MTU
 * goes down to 9000 first: with its default 65536 a 1 MiB transfer is ~17 segments, and with ~35
 * packets in all a run without a single loss (so without a retransmission) would come once in ~40;
 * with ~120 segments it is about once in 200 000.
 */
async function lossyLoopback() {
  execFileSync("ip", ["link", "set", "lo", "mtu", "9000"]);
  try {
    execFileSync("tc", ["qdisc", "add", "dev", "lo", "root", "netem", "delay", "20ms", "loss", "10%"], {
      stdio: "ignore",
    });
    return "netem";
  } catch {
    const { first } = start(["python3", join(TOOLS, "lossy-lo.py"), "20", "0.10"]);
    if ((await first) !== "ready") throw new Error("lossy-lo.py did not start");
    return "nfqueue";
  }
}

const SERVER = `
const net = require("node:net");
const s = net.createServer((c) => { c.on("data", () => {}); c.on("end", () => c.end()); c.on("close", () => s.close()); });
s.listen(0, "127.0.0.1", () => console.log(s.address().port));`;
const CLIENT = `
const net = require("node:net");
const c = net.connect(Number(process.argv[1]), "127.0.0.1", () => {
  console.log(c.localAddress + ":" + c.localPort);
  c.end(Buffer.alloc(1 << 20, 120));
});
c.on("data", () => {}); c.on("close", () => process.exit(0));`;

async function lossy() {
  const how = await lossyLoopback();
  const kc = startKernelCollector();
  const seen = [];
  kc.onSocket((r) => seen.push(r));
  await kc.ready;
  const server = start([process.execPath, "-e", SERVER]);
  const port = await server.first;
  const client = start([process.execPath, "-e", CLIENT, port]);
  const local = await client.first;
  const remote = `127.0.0.1:${port}`;
  const rec = await until(
    () => seen.find((r) => r.local === local && r.remote === remote),
    "the client socket's destroy event",
  );
  const { summary } = await kc.finish([]);
  stopAll();
  return { how, local, remote, rec, summary };
}

async function flood() {
  const kc = startKernelCollector();
  await kc.ready;
  const port = 20_000 + Math.floor(Math.random() * 10_000);
  const hold = start(["python3", join(TOOLS, "hold.py"), "flood", String(port), "20"], "pipe");
  if ((await hold.first) !== "ready") throw new Error("hold.py flood did not start");
  const listener = `127.0.0.1:${port}`;
  kc.watchListener(listener);
  // The queue is full once two connections wait (backlog 1 holds 2): wait for the kernel to show it.
  const hex = port.toString(16).toUpperCase().padStart(4, "0");
  await until(
    () =>
      new RegExp(`: 0100007F:${hex} 00000000:0000 0A 00000000:0000000[1-9]`).test(
        readFileSync("/proc/net/tcp", "utf8"),
      ),
    "a non-empty accept queue",
  );
  const { summary } = await kc.finish([]);
  hold.child.stdin.end();
  stopAll();
  return { listener, summary };
}

const HOLD_SERVER = `
const net = require("node:net");
const s = net.createServer((c) => c.on("data", () => {}));
s.listen(0, "127.0.0.1", () => console.log(s.address().port));`;
const HOLD_CLIENT = `
const net = require("node:net");
const c = net.connect(Number(process.argv[1]), "127.0.0.1", () => {
  console.log(c.localAddress + ":" + c.localPort);
  c.write("hello");
});
c.on("data", () => {});`;

async function open() {
  const kc = startKernelCollector();
  await kc.ready;
  const server = start([process.execPath, "-e", HOLD_SERVER]);
  const port = await server.first;
  const client = start([process.execPath, "-e", HOLD_CLIENT, port]);
  const local = await client.first;
  const remote = `127.0.0.1:${port}`;
  const seen = [];
  kc.onSocket((r) => seen.push(r));
  const { sockets, summary } = await kc.finish([{ local, remote }]);
  stopAll();
  return { local, remote, sockets, seen, summary };
}

try {
  const mode = process.argv[2];
  const out =
    mode === "lossy"
      ? await lossy()
      : mode === "flood"
        ? await flood()
        : mode === "open"
          ? await open()
          : undefined;
  if (!out) throw new Error(`unknown mode ${mode}`);
  process.stdout.write(`${JSON.stringify(out)}\n`);
  process.exit(0);
} catch (err) {
  stopAll();
  process.stderr.write(`${err.stack ?? err}\n`);
  process.exit(1);
}
