// pcap-ng blocks, little-endian, written one at a time so a file streams: the Section Header Block,
// Interface Description Blocks and Enhanced Packet Blocks, each with its options (comments
// included). The layout is the IETF draft "PCAP Next Generation (pcapng) Capture File Format"
// (draft-ietf-opsawg-pcapng, sections 4.1, 4.2, 4.3 and 3.5 for options); LINKTYPE values are
// tcpdump.org's link-layer header types.

import { viewOf, zeroed } from "../../util/bytes.js";

/** Raw IP: each packet starts with its IPv4 or IPv6 header. */
export const LINKTYPE_RAW = 101;

const SHB = 0x0a0d0d0a;
const IDB = 0x00000001;
const EPB = 0x00000006;

const OPT_COMMENT = 1;
const SHB_OS = 3;
const SHB_USERAPPL = 4;
const IF_NAME = 2;
const IF_DESCRIPTION = 3;
const IF_TSRESOL = 9;

type Option = [code: number, value: Uint8Array];

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, "utf8"));
const pad4 = (n: number) => (n + 3) & ~3;

function optionsLength(options: readonly Option[]): number {
  if (options.length === 0) return 0;
  // Each option: code, length, value padded to 32 bits; then opt_endofopt.
  return options.reduce((n, [, v]) => n + 4 + pad4(v.length), 0) + 4;
}

function writeOptions(view: DataView, bytes: Uint8Array, at: number, options: readonly Option[]): number {
  if (options.length === 0) return at;
  let p = at;
  for (const [code, value] of options) {
    view.setUint16(p, code, true);
    view.setUint16(p + 2, value.length, true);
    bytes.set(value, p + 4);
    p += 4 + pad4(value.length);
  }
  return p + 4; // opt_endofopt: code 0, length 0 (already zero)
}

/** A block: its type, a body written by `fill` at offset 8, the options, and both length fields. */
function block(
  type: number,
  bodyLength: number,
  options: readonly Option[],
  fill: (view: DataView, bytes: Uint8Array) => void,
): Uint8Array {
  const total = 8 + pad4(bodyLength) + optionsLength(options) + 4;
  const bytes = zeroed(total);
  const view = viewOf(bytes);
  view.setUint32(0, type, true);
  view.setUint32(4, total, true);
  fill(view, bytes);
  writeOptions(view, bytes, 8 + pad4(bodyLength), options);
  view.setUint32(total - 4, total, true);
  return bytes;
}

const comments = (texts: readonly string[]): Option[] => texts.map((t) => [OPT_COMMENT, utf8(t)]);

/** The Section Header Block that opens the file: who wrote it and what it holds. */
export function sectionHeader(info: {
  application: string;
  os?: string;
  comments: readonly string[];
}): Uint8Array {
  const options: Option[] = [...comments(info.comments)];
  if (info.os !== undefined) options.push([SHB_OS, utf8(info.os)]);
  options.push([SHB_USERAPPL, utf8(info.application)]);
  return block(SHB, 16, options, (view) => {
    view.setUint32(8, 0x1a2b3c4d, true);
    view.setUint16(12, 1, true);
    view.setUint16(14, 0, true);
    // Section length unknown (streamed): -1.
    view.setUint32(16, 0xffffffff, true);
    view.setUint32(20, 0xffffffff, true);
  });
}

/** An Interface Description Block; interfaces are numbered from 0 in the order they are written. */
export function interfaceDescription(info: {
  linktype: number;
  snaplen: number;
  name: string;
  description: string;
  comments?: readonly string[];
}): Uint8Array {
  const options: Option[] = [
    [IF_NAME, utf8(info.name)],
    [IF_DESCRIPTION, utf8(info.description)],
    // Timestamps in microseconds (the default, said out loud).
    [IF_TSRESOL, Uint8Array.of(6)],
    ...comments(info.comments ?? []),
  ];
  return block(IDB, 8, options, (view) => {
    view.setUint16(8, info.linktype, true);
    view.setUint32(12, info.snaplen, true);
  });
}

/**
 * An Enhanced Packet Block: `data` is what was captured, `length` the packet's real length (more
 * when the payload was cut), `micros` the time since the epoch in microseconds.
 */
export function enhancedPacket(info: {
  iface: number;
  micros: number;
  data: Uint8Array;
  length: number;
  comments?: readonly string[];
}): Uint8Array {
  const options = comments(info.comments ?? []);
  return block(EPB, 20 + info.data.length, options, (view, bytes) => {
    view.setUint32(8, info.iface, true);
    const micros = Math.max(0, Math.round(info.micros));
    view.setUint32(12, Math.floor(micros / 2 ** 32), true);
    view.setUint32(16, micros % 2 ** 32, true);
    view.setUint32(20, info.data.length, true);
    view.setUint32(24, Math.max(info.length, info.data.length), true);
    bytes.set(info.data, 28);
  });
}
