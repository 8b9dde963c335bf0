// A small pcap-ng reader for tests: the blocks of a file, with each Enhanced Packet Block's
// interface, time, captured bytes, real length and comments, and the IP/TCP/UDP fields of its
// packet. Only what sockscope writes (little-endian, one section) is understood.

export interface ReadPacket {
  iface: number;
  micros: number;
  data: Buffer;
  length: number;
  comments: string[];
  /** Parsed from `data` (LINKTYPE_RAW). */
  ip: { version: 4 | 6; src: string; dst: string; proto: number };
  tcp?: { srcPort: number; dstPort: number; seq: number; ack: number; flags: number; payload: Buffer };
  udp?: { srcPort: number; dstPort: number; payload: Buffer };
  /** Whether the transport checksum is right (only when the whole packet was captured). */
  checksumOk?: boolean;
}

export interface ReadFile {
  sectionComments: string[];
  interfaces: { linktype: number; name: string; description: string }[];
  packets: ReadPacket[];
}

function options(buf: Buffer, at: number, end: number): Map<number, Buffer[]> {
  const out = new Map<number, Buffer[]>();
  let p = at;
  while (p + 4 <= end) {
    const code = buf.readUInt16LE(p);
    const len = buf.readUInt16LE(p + 2);
    if (code === 0) break;
    const list = out.get(code) ?? [];
    list.push(buf.subarray(p + 4, p + 4 + len));
    out.set(code, list);
    p += 4 + ((len + 3) & ~3);
  }
  return out;
}

function sum16(b: Buffer, initial = 0): number {
  let sum = initial;
  for (let i = 0; i + 1 < b.length; i += 2) sum += b.readUInt16BE(i);
  if (b.length % 2 === 1) sum += (b[b.length - 1] as number) << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

function ipText(b: Buffer): string {
  if (b.length === 4) return [...b].join(".");
  const words: string[] = [];
  for (let i = 0; i < 16; i += 2) words.push(b.readUInt16BE(i).toString(16));
  return words.join(":");
}

function parsePacket(data: Buffer, whole: boolean): Pick<ReadPacket, "ip" | "tcp" | "udp" | "checksumOk"> {
  const version = (data[0] as number) >> 4;
  const v4 = version === 4;
  const header = v4 ? ((data[0] as number) & 0x0f) * 4 : 40;
  const proto = v4 ? (data[9] as number) : (data[6] as number);
  const src = v4 ? data.subarray(12, 16) : data.subarray(8, 24);
  const dst = v4 ? data.subarray(16, 20) : data.subarray(24, 40);
  const seg = data.subarray(header);
  const out: Pick<ReadPacket, "ip" | "tcp" | "udp" | "checksumOk"> = {
    ip: { version: v4 ? 4 : 6, src: ipText(src), dst: ipText(dst), proto },
  };
  if (whole) {
    const pseudo = sum16(dst, sum16(src)) + proto + seg.length;
    out.checksumOk = sum16(seg, pseudo) === 0xffff;
  }
  if (proto === 6) {
    const off = ((seg[12] as number) >> 4) * 4;
    out.tcp = {
      srcPort: seg.readUInt16BE(0),
      dstPort: seg.readUInt16BE(2),
      seq: seg.readUInt32BE(4),
      ack: seg.readUInt32BE(8),
      flags: seg[13] as number,
      payload: seg.subarray(off),
    };
  } else if (proto === 17) {
    out.udp = { srcPort: seg.readUInt16BE(0), dstPort: seg.readUInt16BE(2), payload: seg.subarray(8) };
  }
  return out;
}

export function readPcapng(buf: Buffer): ReadFile {
  const file: ReadFile = { sectionComments: [], interfaces: [], packets: [] };
  let at = 0;
  while (at < buf.length) {
    const type = buf.readUInt32LE(at);
    const total = buf.readUInt32LE(at + 4);
    if (total < 12 || at + total > buf.length || buf.readUInt32LE(at + total - 4) !== total)
      throw new Error(`bad block at ${at}`);
    const end = at + total - 4;
    if (type === 0x0a0d0d0a) {
      if (buf.readUInt32LE(at + 8) !== 0x1a2b3c4d) throw new Error("not little-endian pcapng");
      const o = options(buf, at + 24, end);
      file.sectionComments.push(...(o.get(1) ?? []).map((b) => b.toString("utf8")));
    } else if (type === 1) {
      const o = options(buf, at + 16, end);
      file.interfaces.push({
        linktype: buf.readUInt16LE(at + 8),
        name: o.get(2)?.[0]?.toString("utf8") ?? "",
        description: o.get(3)?.[0]?.toString("utf8") ?? "",
      });
    } else if (type === 6) {
      const iface = buf.readUInt32LE(at + 8);
      const micros = buf.readUInt32LE(at + 12) * 2 ** 32 + buf.readUInt32LE(at + 16);
      const caplen = buf.readUInt32LE(at + 20);
      const length = buf.readUInt32LE(at + 24);
      const data = buf.subarray(at + 28, at + 28 + caplen);
      const o = options(buf, at + 28 + ((caplen + 3) & ~3), end);
      file.packets.push({
        iface,
        micros,
        data,
        length,
        comments: (o.get(1) ?? []).map((b) => b.toString("utf8")),
        ...parsePacket(data, caplen === length),
      });
    } else throw new Error(`unexpected block type ${type}`);
    at += total;
  }
  return file;
}

/** The bytes one side of a TCP conversation sent, in sequence order (what "Follow stream" shows). */
export function tcpBytes(packets: readonly ReadPacket[], srcPort: number, dstPort: number): Buffer {
  const parts = packets
    .filter(
      (p) => p.tcp && p.tcp.srcPort === srcPort && p.tcp.dstPort === dstPort && p.tcp.payload.length > 0,
    )
    .sort((a, b) => (a.tcp?.seq ?? 0) - (b.tcp?.seq ?? 0));
  return Buffer.concat(parts.map((p) => p.tcp?.payload ?? Buffer.alloc(0)));
}
