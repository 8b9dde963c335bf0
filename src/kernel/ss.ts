// Reads what iproute2's `ss -t -i -e -m -n -H` prints (both `ss -E` destroy events and a snapshot
// of live sockets) into one record per TCP socket: its two addresses as sockscope's Address.text
// prints them, and the final tcp_info fields. Pure: text in, records out.
//
// The layout, from iproute2 misc/ss.c (v6.1.0, the version on the machines here):
// - one line per socket: [Netid] State Recv-Q Send-Q Local:Port Peer:Port, then `-e` details
//   (ino:, sk:, uid:, timer:(…), cgroup:, v6only:) (inet_stats_print, sock_state_print);
// - the `-i`/`-m` details on a continuation line that starts with a tab (render() puts "\n\t" before
//   the extended fields); a TIME-WAIT socket gets a continuation line of blanks only;
// - State is sstate_name[]: ESTAB, SYN-SENT, SYN-RECV, FIN-WAIT-1, FIN-WAIT-2, TIME-WAIT, UNCONN
//   (TCP_CLOSE, which is how every `ss -E` event shows, the socket being destroyed), CLOSE-WAIT,
//   LAST-ACK, LISTEN, CLOSING;
// - tcp_stats_print prints only the fields that are non-zero: rtt:%g/%g (tcpi_rtt/tcpi_rttvar, in
//   ms), minrtt:%g, retrans:%u/%u (tcpi_retrans, i.e. unrecovered now / tcpi_total_retrans),
//   bytes_retrans, lost:%u (tcpi_lost), backoff:%u, cwnd, ssthresh (only when < 0xFFFF), mss
//   (tcpi_snd_mss), bytes_sent/acked/received, segs_out/in, data_segs_out/in, `delivery_rate
//   <n>bps` (tcpi_delivery_rate * 8; a plain number with -n, else with a k/M/G/T suffix from
//   sprint_bw), busy:%llums (tcpi_busy_time / 1000), rwnd_limited:%llums(%.1f%%),
//   sndbuf_limited:%llums(%.1f%%), rcv_space, snd_wnd (tcpi_snd_wnd);
//   the tcp_info fields themselves are those of the kernel's include/uapi/linux/tcp.h struct tcp_info.
// - addresses: IPv4 dotted, IPv6 in brackets, the IPv6 wildcard of a dual-stack socket as `*`, a
//   port of 0 as `*`, and a bound interface as `addr%ifname:port` (inet_addr_print, sock_addr_print).
import type { TcpKernelInfo } from "../core/kernel.js";
import { inetAddress } from "../grammar/address.js";
import { formatIpv6 } from "../grammar/sockaddr.js";

/** One TCP socket as ss printed it. */
export interface SsSocket {
  /** Its addresses, as Address.text prints them (`127.0.0.1:8080`, `[::1]:8080`). */
  local: string;
  remote: string;
  info: TcpKernelInfo;
}

export type SsSource = TcpKernelInfo["source"];

const STATES = new Set([
  "ESTAB",
  "SYN-SENT",
  "SYN-RECV",
  "FIN-WAIT-1",
  "FIN-WAIT-2",
  "TIME-WAIT",
  "UNCONN",
  "CLOSE-WAIT",
  "LAST-ACK",
  "LISTEN",
  "CLOSING",
]);

/** The 16 bytes of an IPv6 address in text form, or undefined. */
function ipv6Bytes(text: string): Uint8Array | undefined {
  let head = text;
  const tailBytes: number[] = [];
  const lastColon = text.lastIndexOf(":");
  if (text.includes(".", lastColon)) {
    const v4 = ipv4Bytes(text.slice(lastColon + 1));
    if (!v4) return undefined;
    tailBytes.push(...v4);
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split("::");
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === "" ? [] : s.split(":"));
  const left = groups(halves[0] ?? "");
  const right = halves.length === 2 ? groups(halves[1] ?? "") : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...left, ...Array<string>(missing).fill("0"), ...right];
  const out = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    const g = all[i] ?? "";
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    const n = Number.parseInt(g, 16);
    out[2 * i] = n >> 8;
    out[2 * i + 1] = n & 0xff;
  }
  if (tailBytes.length === 4) out.set(tailBytes, 12);
  return out;
}

function ipv4Bytes(text: string): number[] | undefined {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.map(Number);
}

/**
 * An address as ss prints it (`127.0.0.1:80`, `[::1]:80`, `*:80`, `[fe80::1]%eth0:80`,
 * `0.0.0.0:*`) in Address.text form (`[::]:80` for `*`, port 0 for `*`, no `%ifname`); undefined
 * when it is not one.
 */
export function normalizeSsAddress(text: string): string | undefined {
  const colon = text.lastIndexOf(":");
  if (colon <= 0) return undefined;
  const portText = text.slice(colon + 1);
  let host = text.slice(0, colon);
  if (portText !== "*" && !/^\d{1,5}$/.test(portText)) return undefined;
  const port = portText === "*" ? 0 : Number(portText);
  if (port > 65535) return undefined;
  if (host.startsWith("[")) {
    const close = host.indexOf("]");
    if (close < 0) return undefined;
    host = host.slice(1, close);
  }
  const scope = host.indexOf("%");
  if (scope >= 0) host = host.slice(0, scope);
  if (host === "*") return inetAddress("::", port).text;
  if (ipv4Bytes(host)) return inetAddress(host, port).text;
  const v6 = ipv6Bytes(host);
  return v6 ? inetAddress(formatIpv6(v6), port).text : undefined;
}

/** `123`, `4.56k`, `78.9M`, `1.2G`, `3T` (bits per second, suffix without "bps") as a number. */
export function ssRate(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?(?:e[+-]?\d+)?)([kKMGT]?)bps$/.exec(text);
  if (!m) return undefined;
  const scale = { "": 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12 }[m[2] ?? ""] ?? 1;
  return Math.round(Number(m[1]) * scale);
}

const INTEGER_FIELDS: Record<string, keyof TcpKernelInfo> = {
  bytes_sent: "bytesSent",
  bytes_acked: "bytesAcked",
  bytes_received: "bytesReceived",
  bytes_retrans: "bytesRetrans",
  segs_out: "segsOut",
  segs_in: "segsIn",
  data_segs_out: "dataSegsOut",
  data_segs_in: "dataSegsIn",
  cwnd: "cwnd",
  ssthresh: "ssthresh",
  mss: "mss",
  lost: "lost",
  backoff: "backoff",
  snd_wnd: "sndWnd",
  rcv_space: "rcvSpace",
};

/** The tcp_info fields of one socket's words (the header's rest and the continuation line). */
function readFields(words: string[], info: TcpKernelInfo): void {
  const set = (key: keyof TcpKernelInfo, value: number | undefined) => {
    if (value !== undefined && Number.isFinite(value))
      (info as unknown as Record<string, number>)[key] = value;
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? "";
    if (word === "delivery_rate") {
      set("deliveryRate", ssRate(words[i + 1] ?? ""));
      i++;
      continue;
    }
    const colon = word.indexOf(":");
    if (colon < 0) continue;
    const key = word.slice(0, colon);
    const value = word.slice(colon + 1);
    const intKey = INTEGER_FIELDS[key];
    if (intKey !== undefined) {
      if (/^\d+$/.test(value)) set(intKey, Number(value));
      continue;
    }
    let m: RegExpExecArray | null;
    switch (key) {
      case "rtt":
        m = /^(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/.exec(value);
        if (m) {
          set("rttMs", Number(m[1]));
          set("rttVarMs", Number(m[2]));
        }
        break;
      case "minrtt":
        if (/^\d+(?:\.\d+)?$/.test(value)) set("minRttMs", Number(value));
        break;
      case "retrans":
        // retrans:<tcpi_retrans>/<tcpi_total_retrans>: the socket's lifetime count is the second.
        m = /^\d+\/(\d+)$/.exec(value);
        if (m) set("retransmits", Number(m[1]));
        break;
      case "busy":
        m = /^(\d+)ms$/.exec(value);
        if (m) set("busyMs", Number(m[1]));
        break;
      case "rwnd_limited":
      case "sndbuf_limited":
        m = /^(\d+)ms(?:\([\d.]+%\))?$/.exec(value);
        if (m) set(key === "rwnd_limited" ? "rwndLimitedMs" : "sndbufLimitedMs", Number(m[1]));
        break;
    }
  }
  // ss prints retrans: only when it is not 0/0; a socket whose tcp_info was printed at all (cwnd is
  // never 0 there) without it retransmitted nothing.
  if (info.retransmits === undefined && info.cwnd !== undefined) info.retransmits = 0;
}

/** One socket's header line (and its continuation line, if any) as a record; undefined if it is none. */
function readSocket(header: string, more: string, source: SsSource): SsSocket | undefined {
  const words = header.trim().split(/\s+/);
  if (words[0] === "tcp") words.shift();
  const [state, recvQ, sendQ, localText, remoteText, ...rest] = words;
  if (state === undefined || !STATES.has(state)) return undefined;
  if (!/^\d+$/.test(recvQ ?? "") || !/^\d+$/.test(sendQ ?? "")) return undefined;
  const local = normalizeSsAddress(localText ?? "");
  const remote = normalizeSsAddress(remoteText ?? "");
  if (local === undefined || remote === undefined) return undefined;
  // ss names TCP_CLOSE "UNCONN" (the name fits UDP); for TCP it is CLOSE.
  const info: TcpKernelInfo = { state: state === "UNCONN" ? "CLOSE" : state, source };
  info.recvQ = Number(recvQ);
  info.sendQ = Number(sendQ);
  readFields([...rest, ...more.trim().split(/\s+/)], info);
  return { local, remote, info };
}

/**
 * A streaming reader of ss's output: push chunks as they come (split anywhere, even inside a line),
 * get the sockets they complete. A socket is complete at its continuation line, or, when it has
 * none, at the next socket's line or at end(). Lines that are not ss's are skipped.
 */
export function createSsParser(source: SsSource): { push(chunk: string): SsSocket[]; end(): SsSocket[] } {
  let partial = "";
  let header: string | undefined;
  const line = (text: string, out: SsSocket[]) => {
    const clean = text.endsWith("\r") ? text.slice(0, -1) : text;
    if (clean.startsWith("\t") || (clean.startsWith(" ") && header !== undefined)) {
      if (header === undefined) return; // a continuation with no socket line before it
      const rec = readSocket(header, clean, source);
      header = undefined;
      if (rec) out.push(rec);
      return;
    }
    if (header !== undefined) {
      const rec = readSocket(header, "", source);
      if (rec) out.push(rec);
    }
    header = clean.trim() === "" ? undefined : clean;
  };
  return {
    push(chunk: string): SsSocket[] {
      const out: SsSocket[] = [];
      const text = partial + chunk;
      let start = 0;
      for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", start)) {
        line(text.slice(start, nl), out);
        start = nl + 1;
      }
      partial = text.slice(start);
      return out;
    },
    end(): SsSocket[] {
      const out: SsSocket[] = [];
      if (partial !== "") line(partial, out);
      partial = "";
      if (header !== undefined) {
        const rec = readSocket(header, "", source);
        header = undefined;
        if (rec) out.push(rec);
      }
      return out;
    },
  };
}

/** All the sockets of one complete ss output. */
export function parseSs(text: string, source: SsSource): SsSocket[] {
  const parser = createSsParser(source);
  return [...parser.push(text), ...parser.end()];
}
