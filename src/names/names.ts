// The names a program resolved, learnt from its own traced calls, so that a connection to 140.82.112.3
// reads as github.com: the DNS answers its resolver received over UDP or TCP (port 53; glibc,
// c-ares, Go and others all send their own queries), and the lines of /etc/hosts it read. Each answer
// maps its addresses to the name the program asked for (a CNAME chain is followed back to it).
// Reads the calls before redaction: sockscope asks strace for more bytes than the report shows
// (trace/strace-args.ts), so an answer cut in the report is whole here. What cannot be known is
// counted: answers cut even so (strace's -s), and names asked with no answer seen.
// Not read: nscd's and systemd-resolved's own protocols over their unix sockets (a name resolved
// through them has no name here), and lookups of another process (a resolver daemon) not traced.
import type { ConnectionEvent, DiagnosticEvent, ModelEvent, SyscallEvent } from "../core/events.js";
import { addressIn, payloadIndex, payloadStrings } from "../core/payload.js";
import { destinations, isLoopbackIp } from "../core/readers.js";
import type { Value } from "../core/values.js";
import { stringBytes } from "../grammar/strings.js";
import { concatBytes } from "../util/bytes.js";
import { parseDns } from "./dns.js";

/** Addresses remembered at once (the oldest go first). */
const MAX_NAMES = 65_536;
const DNS_PORT = 53;

export interface NameBook {
  /**
   * Learns from a call (before redaction), and names what can be named: a call to an address gets
   * `host`, a connection `remoteHost` (a new event: connections are immutable).
   */
  name<E extends ModelEvent | DiagnosticEvent>(e: E): E;
  /** The name an address was resolved from, if the trace showed it. */
  nameOf(ip: string | undefined): string | undefined;
  /** What the summary should say about names that could not be known. */
  hints(): string[];
}

/** The messages of a payload argument: one buffer, or each message of a sendmmsg/recvmmsg vector. */
function messages(v: Value | undefined): Uint8Array[] {
  if (v === undefined) return [];
  if (v.kind === "array" && v.items.some((i) => i.kind === "struct" && i.fields.msg_hdr !== undefined))
    return v.items.map((i) => bytesOf(payloadStrings(i)));
  return [bytesOf(payloadStrings(v))];
}

function bytesOf(strings: ReturnType<typeof payloadStrings>): Uint8Array {
  return concatBytes(strings.map((s) => stringBytes(s)));
}

const unmapped = (ip: string) => (ip.startsWith("::ffff:") && ip.includes(".") ? ip.slice(7) : ip);

export function createNameBook(): NameBook {
  const names = new Map<string, string>();
  let cutAnswers = 0;
  const learn = (ip: string, name: string) => {
    const key = unmapped(ip);
    names.delete(key);
    names.set(key, name);
    if (names.size > MAX_NAMES) names.delete(names.keys().next().value as string);
  };

  const dns = (e: SyscallEvent, tcp: boolean) => {
    const at = payloadIndex(e);
    if (typeof at !== "number") return;
    for (let bytes of messages(e.args[at])) {
      // DNS over TCP: each message after its 2-byte length.
      if (tcp && bytes.length >= 2) bytes = bytes.subarray(2);
      const m = parseDns(bytes);
      if (m === undefined || !m.response || m.question === undefined) continue;
      if (m.cut && m.answers.length === 0) cutAnswers++;
      // Canonical names point back to the name asked.
      const asked = new Map<string, string>([[m.question, m.question]]);
      for (const a of m.answers) {
        const origin = asked.get(a.name) ?? m.question;
        if (a.type === "CNAME") asked.set(a.data, origin);
        else learn(a.data, origin);
      }
    }
  };

  const hosts = (e: SyscallEvent) => {
    const at = payloadIndex(e);
    if (typeof at !== "number") return;
    const text = Buffer.from(bytesOf(payloadStrings(e.args[at]))).toString("latin1");
    // Only whole lines: the last one may be cut.
    const whole = text.slice(0, text.lastIndexOf("\n") + 1);
    for (const line of whole.split("\n")) {
      const [ip, name] = line.replace(/#.*/, "").trim().split(/\s+/);
      // localhost and friends would name every loopback connection: they say nothing.
      if (ip && name && !isLoopbackIp(ip) && /^[\d.:a-fA-F]+$/.test(ip)) learn(ip, name.toLowerCase());
    }
  };

  const observe = (e: SyscallEvent) => {
    if (e.transfer === undefined || (e.transfer.in === 0 && e.transfer.out === 0)) {
      if (e.path === "/etc/hosts" && e.ret !== null && e.ret > 0 && e.spec?.dir === "in") hosts(e);
      return;
    }
    const s = e.socket;
    if (s?.transport !== "udp" && s?.transport !== "tcp") return;
    if (e.transfer.in === 0) return;
    const from = e.spec?.addr !== undefined ? addressIn(e.args[e.spec.addr]) : undefined;
    const port = from?.port ?? s.remote?.port;
    if (port === DNS_PORT || s.remote?.port === DNS_PORT) dns(e, s.transport === "tcp");
  };
  const nameOf = (ip: string | undefined) => (ip === undefined ? undefined : names.get(unmapped(ip)));

  return {
    name(e) {
      if (e.type === "syscall") {
        const call = e as SyscallEvent;
        observe(call);
        if (call.spec?.addr === undefined) return e;
        const host = nameOf(destinations(call.spec, call.args)[0]?.ip);
        if (host !== undefined) call.host = host;
        return e;
      }
      if (e.type !== "connection") return e;
      const c = e as ConnectionEvent;
      const host = nameOf((c.remote ?? (c.peers?.length === 1 ? c.peers[0] : undefined))?.ip);
      return (host === undefined ? e : { ...c, remoteHost: host }) as typeof e;
    },
    nameOf,
    hints() {
      return cutAnswers === 0
        ? []
        : [
            `${cutAnswers} DNS answer(s) were cut before their addresses (strace's -s): connections to those addresses have no name; a larger --payload lets strace capture them`,
          ];
    },
  };
}
