// Host names from the program's own lookups: a program resolves svc.sockscope.test through a local
// dnsmasq (glibc's resolver, /etc/hosts without the name) and connects to the address it got. The
// test makes a network and mount namespace of its own: its lo also holds 10.77.0.1 (outside
// 127.0.0.0/8, so --fail-on external sees it), /etc/resolv.conf and /etc/hosts are bind-mounted over with
// files of the test's own, and dnsmasq answers on 127.0.0.1:53. Nothing leaves the namespace.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, test } from "vitest";
import { cliEnv } from "../helpers/env.js";
import { createWorkDir } from "../helpers/live.js";
import { netnsTools, pickPorts } from "../helpers/netns.js";

const BIN = join(import.meta.dirname, "..", "..", "bin", "sockscope.js");
const work = createWorkDir();
afterAll(() => work.remove());

const NAME = "svc.sockscope.test";
/** Two more names, for the baseline runs, on addresses of their own. */
const A = "svc-a.sockscope.test";
const B = "svc-b.sockscope.test";
/** Listens on each ip:port given, says "ready", accepts COUNT connections in all, and exits (not traced). */
const LISTEN = `
import select, socket, sys
count = int(sys.argv[1]); socks = []
for spec in sys.argv[2:]:
    ip, port = spec.split(":"); s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((ip, int(port))); s.listen(8); socks.append(s)
print("ready", flush=True)
while count > 0:
    for s in select.select(socks, [], [])[0]:
        c, _ = s.accept(); c.close(); count -= 1
`;
/** Connects to each name:port given, one after the other. */
const CONNECT = `
import socket, sys
for spec in sys.argv[1:]:
    name, port = spec.split(":"); socket.create_connection((name, int(port))).close()
`;
const SERVER = `
import socket
s = socket.socket(); s.bind(("10.77.0.1", 0)); s.listen(1)
print(s.getsockname()[1], flush=True)
c, _ = s.accept(); c.recv(16); c.close(); s.close()
`;
const CLIENT = `
import socket, sys
c = socket.create_connection((sys.argv[1], int(sys.argv[2]))); c.sendall(b"hi"); c.close()
`;

writeFileSync(join(work.dir, "resolv.conf"), "nameserver 127.0.0.1\noptions attempts:1 timeout:5\n");
writeFileSync(join(work.dir, "hosts"), "127.0.0.1 localhost\n::1 localhost\n");
writeFileSync(join(work.dir, "server.py"), SERVER);
writeFileSync(join(work.dir, "client.py"), CLIENT);
writeFileSync(join(work.dir, "listen.py"), LISTEN);
writeFileSync(join(work.dir, "connect.py"), CONNECT);

/**
 * sockscope with `args` (its options, `--`, the program), inside the namespaces described above.
 * `serve`: an untraced listener started first (a count of connections, then ip:port each).
 */
async function inNamespace(args: string[], out: string, serve: string[] = []) {
  const { unshare, ip } = netnsTools();
  const setup = `set -e
"$IP" link set lo up
"$IP" addr add 10.77.0.1/32 dev lo
"$IP" addr add 10.77.0.2/32 dev lo
mount --bind "$W/resolv.conf" /etc/resolv.conf
mount --bind "$W/hosts" /etc/hosts
# dnsmasq goes to the background once it listens; its pid file says whom to stop.
dnsmasq --no-resolv --no-hosts --listen-address=127.0.0.1 --bind-interfaces --address=/${NAME}/10.77.0.1 --address=/${A}/10.77.0.1 --address=/${B}/10.77.0.2 --pid-file="$W/dnsmasq.pid" --user=root
set +e
if [ -n "$SERVE" ]; then
  python3 "$W/listen.py" $SERVE | { read ready; "$NODE" "$BIN" "$@"; echo $? > "$W/rc"; }
  rc=$(cat "$W/rc")
else
  "$NODE" "$BIN" "$@"
  rc=$?
fi
kill "$(cat "$W/dnsmasq.pid")"
exit $rc`;
  const r = await execa(unshare, ["--net", "--mount", "--", "/bin/sh", "-c", setup, "sh", ...args], {
    reject: false,
    env: { ...cliEnv(), IP: ip, W: work.dir, NODE: process.execPath, BIN, SERVE: serve.join(" ") },
    extendEnv: false,
  });
  if (r.exitCode !== 0 && r.exitCode !== 3) throw new Error(`exit ${r.exitCode}: ${r.stderr}`);
  const events = readFileSync(out, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  return { code: r.exitCode, stderr: r.stderr, events };
}

/** The program: a traced server on 10.77.0.1 and a client that connects to it by name. */
async function traced(extra: string[]) {
  const out = join(work.dir, `out-${extra.join("_").replace(/[^\w.-]/g, "")}.jsonl`);
  const program = `python3 "$0" | { read port; python3 "$1" ${NAME} "$port"; }`;
  return await inNamespace(
    [
      "--json",
      "-o",
      out,
      ...extra,
      "--",
      "sh",
      "-c",
      program,
      join(work.dir, "server.py"),
      join(work.dir, "client.py"),
    ],
    out,
  );
}

describe("a name served by a local dnsmasq", () => {
  test("the connection is named, and --fail-on external names it by host and port", {
    timeout: 60_000,
  }, async () => {
    const { code, events } = await traced(["--fail-on", "external"]);
    expect(code).toBe(3);
    const client = events.find(
      (e) => e.type === "connection" && e.role === "client" && e.transport === "tcp",
    );
    expect(client?.remoteHost).toBe(NAME);
    expect(client?.remote?.ip).toBe("10.77.0.1");
    const connect = events.find((e) => e.type === "syscall" && e.name === "connect" && e.host !== undefined);
    expect(connect?.host).toBe(NAME);
    const summary = events.find((e) => e.type === "summary");
    const v = summary.violations.find((x: { rule: string }) => x.rule === "external");
    expect(v.host).toBe(NAME);
    expect(v.message).toMatch(
      new RegExp(`to ${NAME.replace(/\./g, "\\.")}:\\d+ \\(10\\.77\\.0\\.1\\), outside loopback`),
    );
  });

  test.each([[NAME], [`*.sockscope.test`]])("--allow %s lets it pass", { timeout: 60_000 }, async (rule) => {
    const { code, events, stderr } = await traced(["--fail-on", "external", "--allow", rule]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const summary = events.find((e) => e.type === "summary");
    expect(summary.violations).toEqual([]);
  });
});

describe("record a baseline, then enforce it", () => {
  const [pa = 0, pb = 0] = pickPorts(2);
  const baseline = join(work.dir, "net.json");
  const run = async (name: string, targets: string[], extra: string[]) => {
    const out = join(work.dir, `${name}.jsonl`);
    return await inNamespace(
      ["--json", "-o", out, ...extra, "--", "python3", join(work.dir, "connect.py"), ...targets],
      out,
      [String(targets.length), `10.77.0.1:${pa}`, `10.77.0.2:${pb}`],
    );
  };

  test("a new connection fails naming its host and port; a lost one is reported, not failed", {
    timeout: 90_000,
  }, async () => {
    const first = await run("first", [`${A}:${pa}`], ["--record-baseline", baseline]);
    expect(first.code).toBe(0);
    const recorded = JSON.parse(readFileSync(baseline, "utf8"));
    // The lookup's own exchanges are there too (the resolver, nscd's socket): what the run did.
    expect(recorded.endpoints).toContainEqual({
      kind: "endpoint",
      transport: "tcp",
      host: A,
      port: pa,
      by: ["python3"],
    });
    expect(recorded.endpoints).toContainEqual(
      expect.objectContaining({ transport: "udp", address: "127.0.0.1", port: 53 }),
    );

    const more = await run(
      "more",
      [`${A}:${pa}`, `${B}:${pb}`],
      ["--baseline", baseline, "--fail-on", "unexpected"],
    );
    expect(more.code).toBe(3);
    expect(more.stderr).toContain(
      `--fail-on unexpected: tcp ${B}:${pb} by python3: not in the baseline ${baseline}`,
    );
    const summary = more.events.find((e) => e.type === "summary");
    expect(summary.baseline.unexpected).toEqual([`tcp ${B}:${pb}`]);

    const fewer = await run("fewer", [], ["--baseline", baseline, "--fail-on", "unexpected"]);
    expect(fewer.code).toBe(0);
    expect(fewer.events.find((e) => e.type === "summary").baseline.missing).toContain(`tcp ${A}:${pa}`);
    const asked = await run("asked", [], ["--baseline", baseline, "--fail-on", "unexpected,missing"]);
    expect(asked.code).toBe(3);
    expect(asked.stderr).toContain(`--fail-on missing: tcp ${A}:${pa}: in the baseline`);
  });
});
