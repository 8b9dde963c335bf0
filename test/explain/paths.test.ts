// The kernel paths hold to their family: a unix path runs no TCP or IP code, a UDP path no TCP
// code, an IPv6 path goes through the inet6 functions and never an IPv4-only one, the layers are
// those the path's own steps reach, and the wire line never contradicts the steps. Checked on every
// path of the catalogue, and on the path every call of every recorded log lands on.
import { describe, expect, test } from "vitest";
import { inCall, layersOfPath, pathSet, pathSets } from "../../src/catalogue/kernel-paths.js";
import type { Path, Step } from "../../src/catalogue/schema.js";
import type { SyscallEvent } from "../../src/core/events.js";
import { eventsFromText } from "../../src/pipeline.js";
import { recordedLogs } from "../helpers/logs.js";

const TCP = (s: Step) =>
  /^(__)?tcp_|^inet_csk|^(__)?inet_stream_connect$|^inet_accept$|^inet_listen$|^reqsk_|^sk_stream_/.test(
    s.fn,
  ) ||
  /^net\/ipv[46]\/tcp/.test(s.file) ||
  s.file === "net/core/stream.c";
const UDP = (s: Step) => /^(__)?udp/.test(s.fn) || /^net\/ipv[46]\/udp/.test(s.file);
const UNIX = (s: Step) => s.file.startsWith("net/unix/");
const NETLINK = (s: Step) => s.file.startsWith("net/netlink/");
const IP = (s: Step) =>
  /^net\/ipv[46]\//.test(s.file) || s.file.startsWith("net/core/dev") || s.file.startsWith("drivers/");
const IPV6 = (s: Step) => s.file.startsWith("net/ipv6/");
/** Functions only IPv4 sockets run (an IPv6 socket has its own: inet6_*, tcp_v6_*, udpv6_*, ip6_*). */
const IPV4_ONLY = new Set([
  "inet_create",
  "inet_bind",
  "__inet_bind",
  "inet_getname",
  "inet_sendmsg",
  "inet_recvmsg",
  "inet_hash_connect",
  "tcp_v4_connect",
  "tcp_v4_send_synack",
  "tcp_v4_syn_recv_sock",
  "tcp_v4_rcv",
  "tcp_v4_do_rcv",
  "tcp_v4_conn_request",
  "tcp_v4_send_reset",
  "__ip4_datagram_connect",
  "ip4_datagram_connect",
  "ip_queue_xmit",
  "__ip_queue_xmit",
  "ip_local_out",
  "__ip_local_out",
  "ip_output",
  "ip_finish_output",
  "ip_finish_output2",
  "ip_make_skb",
  "ip_append_data",
  "ip_send_skb",
  "ip_route_output_flow",
  "udp_sendmsg",
  "udp_send_skb",
  "udp_recvmsg",
  "udp_v4_get_port",
  "udp_setsockopt",
  "udp_getsockopt",
  "ip_setsockopt",
  "ip_getsockopt",
  "do_ip_setsockopt",
  "do_ip_getsockopt",
  "ip_cmsg_recv_offset",
  "ip_cmsg_send",
  "ip_recv_error",
]);
/** Functions that put a packet on the wire (or hand it to the device), in the calling process. */
const TRANSMIT =
  /^(__)?(ip6?_queue_xmit|ip6_xmit|ip_local_out|ip6_local_out|ip6?_output|ip_send_skb|ip6_send_skb|dev_queue_xmit|tcp_transmit_skb|tcp_write_xmit|tcp_send_fin|tcp_send_active_reset|tcp_send_ack|tcp_connect|udp_send_skb|udp_v6_send_skb|loopback_xmit|raw_send_hdrinc|ping_v4_sendmsg|ping_v6_sendmsg)$/;

type Rule = [string, (s: Step) => boolean];

function forbidden(path: Path): Rule[] {
  const rules: Rule[] = [];
  const transports = path.when.transport ?? [];
  const families = path.when.family ?? [];
  const onlyUnix = transports.length > 0 && transports.every((t) => t.startsWith("unix-"));
  const onlyUdp = transports.length > 0 && transports.every((t) => t === "udp");
  const onlyTcp = transports.length > 0 && transports.every((t) => t === "tcp");
  const onlyNetlink = transports.length > 0 && transports.every((t) => t === "netlink");
  if (onlyUnix || (families.length > 0 && families.every((f) => f === "AF_UNIX")))
    rules.push(["TCP in a unix path", TCP], ["UDP in a unix path", UDP], ["IP in a unix path", IP]);
  if (onlyNetlink)
    rules.push(
      ["TCP in a netlink path", TCP],
      ["IP in a netlink path", IP],
      ["unix in a netlink path", UNIX],
    );
  if (onlyUdp) rules.push(["TCP in a UDP path", TCP], ["unix in a UDP path", UNIX]);
  if (onlyTcp)
    rules.push(["UDP in a TCP path", UDP], ["unix in a TCP path", UNIX], ["netlink in a TCP path", NETLINK]);
  const v6 = families.length > 0 && families.every((f) => f === "AF_INET6");
  const v4 = families.length > 0 && families.every((f) => f === "AF_INET");
  // An IPv4-mapped peer on an IPv6 socket really does run the IPv4 code (tcp_v6_connect hands it
  // to tcp_v4_connect, for instance).
  // Ping and raw sockets over IPv6 use inet6_sockraw_ops (net/ipv6/raw.c), whose sendmsg is the
  // IPv4 inet_sendmsg (net/ipv4/af_inet.c) in 6.1 and 6.12; its other IPv4-only entries are not.
  const sockraw6 = v6 && transports.length > 0 && transports.every((t) => t === "ping" || t === "raw");
  const SOCKRAW6 = new Set(["inet_sendmsg"]);
  if (!v4 && path.when.mapped !== true)
    rules.push([
      "an IPv4-only function where IPv6 may run",
      (s) => IPV4_ONLY.has(s.fn) && !(sockraw6 && SOCKRAW6.has(s.fn)),
    ]);
  if (!v6) rules.push(["IPv6 code in a path IPv4 sockets take", IPV6]);
  return rules;
}

const ALL = pathSets().flatMap((set) =>
  set.paths.map((path) => ({
    name: `${set.syscall} ${path.id}`,
    path,
  })),
);

describe.each(ALL)("$name", ({ path }) => {
  test("runs only its own family's code", () => {
    const wrong = forbidden(path).flatMap(([why, bad]) =>
      path.steps.filter(bad).map((s) => `${s.fn} (${s.file}): ${why}`),
    );
    expect(wrong).toEqual([]);
  });

  test("a path for any call tells only what every socket's call runs", () => {
    if (Object.keys(path.when).length === 0)
      expect(
        path.steps
          .filter((s) => /^net\/(ipv[46]|unix|netlink|packet)\/|^net\/core\/dev|^drivers\//.test(s.file))
          .map((s) => s.fn),
      ).toEqual([]);
  });

  test("an IPv6 path that reaches the transport goes through the inet6 functions", () => {
    const families = path.when.family ?? [];
    const reachesTransport = path.steps.some((s) => /^net\/(ipv[46]|core\/dev)|^drivers\//.test(s.file));
    // A ping socket over IPv6 receives through inet6_sockraw_ops.recvmsg = sock_common_recvmsg and
    // the shared ping_recvmsg (net/ipv4/ping.c): a failed receive runs no net/ipv6/ code at all.
    const pingViaSockraw6 =
      (path.when.transport ?? []).length > 0 &&
      (path.when.transport ?? []).every((t) => t === "ping") &&
      path.steps.some((s) => s.fn === "sock_common_recvmsg");
    if (
      families.length > 0 &&
      families.every((f) => f === "AF_INET6") &&
      reachesTransport &&
      !pingViaSockraw6
    )
      expect(path.steps.some(IPV6)).toBe(true);
  });

  test("the layers are those its steps reach: none lists a function it says is not reached", () => {
    for (const l of layersOfPath(path)) if (!l.reached) expect(l.functions, l.layer).toEqual([]);
    const own = path.steps.filter(inCall).map((s) => s.fn);
    expect(layersOfPath(path).flatMap((l) => l.functions)).toEqual(
      expect.arrayContaining(own.filter((fn, i) => own.indexOf(fn) === i)),
    );
  });

  test("the wire line agrees with the steps", () => {
    const transports = path.when.transport ?? [];
    const sends = path.steps.filter((s) => inCall(s) && TRANSMIT.test(s.fn)).map((s) => s.fn);
    expect(path.wire, "a path's wire is plain text").not.toMatch(/\{\w+\}/);
    if (/^nothing\b/i.test(path.wire))
      expect(sends, "says nothing goes on the wire, yet transmits").toEqual([]);
    if (transports.length > 0 && transports.every((t) => t.startsWith("unix-") || t === "netlink"))
      expect(path.wire).not.toMatch(/\b(SYN|FIN|RST|ACK|ICMP)\b/);
    if (transports.length > 0 && transports.every((t) => t === "udp"))
      expect(path.wire).not.toMatch(/\b(SYN|FIN|RST)\b/);
  });
});

describe("the path each recorded call lands on", () => {
  const cases = recordedLogs().map((log) => ({ log: log.name, text: log.text }));
  test.each(cases)("$log: a call on a socket of known family gets a path of its family", ({ text }) => {
    const events = eventsFromText(text, { explain: { depth: "full", os: "linux", env: {} } });
    const generic: string[] = [];
    for (const e of events) {
      if (e.type !== "syscall" || e.explain === undefined) continue;
      const call = e as SyscallEvent;
      const set = pathSet(call.name);
      const path = set?.paths.find((p) => p.title === call.explain?.path);
      expect(path, `${call.name} on line ${call.lineNo}`).toBeDefined();
      if (path === undefined || call.socket?.family === undefined) continue;
      if (Object.keys(path.when).length === 0)
        generic.push(`${call.name} ${call.socket.family} ${call.socket.transport} line ${call.lineNo}`);
      // The path chosen is one for this family and transport.
      if (path.when.family)
        expect(path.when.family, `${call.name} line ${call.lineNo}`).toContain(call.socket.family);
      if (path.when.transport)
        expect(path.when.transport, `${call.name} line ${call.lineNo}`).toContain(call.socket.transport);
    }
    expect([...new Set(generic)].slice(0, 10)).toEqual([]);
  });
});
