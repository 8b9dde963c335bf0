// Raw IP packets (LINKTYPE_RAW: the first nibble says IPv4 or IPv6) carrying TCP segments and UDP
// datagrams, with correct lengths and checksums, so that Wireshark and tshark dissect them as they
// would a capture. Header layouts: RFC 791 (IPv4), RFC 8200 (IPv6), RFC 9293 (TCP), RFC 768 (UDP);
// the checksum is RFC 1071's one's-complement sum over the pseudo-header and the segment.
import { isIPv4 } from "node:net";
import { viewOf, zeroed } from "../../util/bytes.js";

/** An endpoint of a packet: an IPv4 or IPv6 address and a port. */
export interface Endpoint {
  ip: string;
  port: number;
}

export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_RST = 0x04;
export const TCP_PSH = 0x08;
export const TCP_ACK = 0x10;

const known = new Map<string, Uint8Array>();

/** The 4 or 16 bytes of an address (IPv4-mapped IPv6 `::ffff:a.b.c.d` stays IPv6); remembered. */
export function addressBytes(ip: string): Uint8Array {
  let bytes = known.get(ip);
  if (bytes === undefined) {
    bytes = isIPv4(ip) ? Uint8Array.from(ip.split(".").map(Number)) : ipv6Bytes(ip);
    if (known.size >= 4096) known.clear();
    known.set(ip, bytes);
  }
  return bytes;
}

function ipv6Bytes(ip: string): Uint8Array {
  // A trailing dotted quad (::ffff:127.0.0.1) is written as its two 16-bit words first.
  const text = ip.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_m, a, b, c, d) =>
    [(Number(a) << 8) | Number(b), (Number(c) << 8) | Number(d)].map((w) => w.toString(16)).join(":"),
  );
  const words = (s: string) => (s === "" ? [] : s.split(":").map((w) => Number.parseInt(w, 16) || 0));
  const [head = "", rest] = text.split("::");
  const front = words(head);
  const back = rest === undefined ? [] : words(rest);
  const all = [...front, ...new Array<number>(Math.max(0, 8 - front.length - back.length)).fill(0), ...back];
  const out = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    const w = all[i] ?? 0;
    out[i * 2] = (w >> 8) & 0xff;
    out[i * 2 + 1] = w & 0xff;
  }
  return out;
}

/** RFC 1071: the one's-complement sum of 16-bit words, folded (not yet inverted). */
function sum16(bytes: Uint8Array, start: number, end: number, initial = 0): number {
  let sum = initial;
  let i = start;
  for (; i + 1 < end; i += 2) sum += ((bytes[i] as number) << 8) | (bytes[i + 1] as number);
  if (i < end) sum += (bytes[i] as number) << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

const PROTO_TCP = 6;
const PROTO_UDP = 17;

/** Wraps a transport segment in an IPv4 or IPv6 header and fills the transport checksum. */
function ipPacket(
  src: Uint8Array,
  dst: Uint8Array,
  proto: number,
  segment: Uint8Array,
  checksumAt: number,
  ident: number,
): Uint8Array {
  const v4 = src.length === 4;
  const header = v4 ? 20 : 40;
  const packet = zeroed(header + segment.length);
  const view = viewOf(packet);
  if (v4) {
    view.setUint8(0, 0x45);
    view.setUint16(2, packet.length);
    view.setUint16(4, ident & 0xffff);
    view.setUint16(6, 0x4000); // don't fragment
    view.setUint8(8, 64);
    view.setUint8(9, proto);
    packet.set(src, 12);
    packet.set(dst, 16);
    view.setUint16(10, ~sum16(packet, 0, 20) & 0xffff);
  } else {
    view.setUint32(0, 0x60000000);
    view.setUint16(4, segment.length);
    view.setUint8(6, proto);
    view.setUint8(7, 64);
    packet.set(src, 8);
    packet.set(dst, 24);
  }
  packet.set(segment, header);
  // The pseudo-header: both addresses, the protocol and the segment's length.
  let pseudo = sum16(src, 0, src.length);
  pseudo = sum16(dst, 0, dst.length, pseudo);
  pseudo += proto + (segment.length & 0xffff) + (segment.length >>> 16);
  const sum = ~sum16(packet, header, packet.length, pseudo) & 0xffff;
  // UDP sends a computed zero as all ones (zero there means "no checksum").
  view.setUint16(header + checksumAt, proto === PROTO_UDP && sum === 0 ? 0xffff : sum);
  return packet;
}

export interface TcpSegment {
  src: Endpoint;
  dst: Endpoint;
  seq: number;
  ack: number;
  flags: number;
  /** The segment's payload (may be shorter than `length` when the capture was cut). */
  data: Uint8Array;
  window?: number;
  /** For the SYN and SYN-ACK: the MSS option to advertise. */
  mss?: number;
}

/** The IP packet of a TCP segment. */
export function tcpPacket(s: TcpSegment, ident: number): Uint8Array {
  const options = s.mss === undefined ? 0 : 4;
  const header = 20 + options;
  const segment = zeroed(header + s.data.length);
  const view = viewOf(segment);
  view.setUint16(0, s.src.port);
  view.setUint16(2, s.dst.port);
  view.setUint32(4, s.seq >>> 0);
  view.setUint32(8, (s.flags & TCP_ACK ? s.ack : 0) >>> 0);
  view.setUint8(12, (header / 4) << 4);
  view.setUint8(13, s.flags);
  view.setUint16(14, s.window ?? 65535);
  if (s.mss !== undefined) {
    view.setUint8(20, 2);
    view.setUint8(21, 4);
    view.setUint16(22, s.mss);
  }
  segment.set(s.data, header);
  return ipPacket(addressBytes(s.src.ip), addressBytes(s.dst.ip), PROTO_TCP, segment, 16, ident);
}

/** The IP packet of a UDP datagram. */
export function udpPacket(src: Endpoint, dst: Endpoint, data: Uint8Array, ident: number): Uint8Array {
  const segment = zeroed(8 + data.length);
  const view = viewOf(segment);
  view.setUint16(0, src.port);
  view.setUint16(2, dst.port);
  view.setUint16(4, segment.length > 0xffff ? 0 : segment.length);
  segment.set(data, 8);
  return ipPacket(addressBytes(src.ip), addressBytes(dst.ip), PROTO_UDP, segment, 6, ident);
}

/** The length of the IP and transport headers in front of a payload. */
export function headerLength(ip: string, transport: "tcp" | "udp", mss = false): number {
  return (isIPv4(ip) ? 20 : 40) + (transport === "tcp" ? 20 + (mss ? 4 : 0) : 8);
}
