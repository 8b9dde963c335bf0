// --format pcap: the conversations of a trace as a pcap-ng file that Wireshark and tshark open
// ("Follow TCP stream", the HTTP and DNS dissectors). Streamed: the file's header goes out with the
// first event, each event's packets as they are made. Interface 0 carries IP traffic with the
// addresses the trace shows; interface 1 carries unix sockets, as TCP and UDP between made-up IPv6
// addresses (streams.ts says how they are made). Everything is rebuilt from the trace, not captured:
// the file says so in its header comment, and each packet cut or zero-filled says so in its own.
import type { TraceEvent } from "../../core/events.js";
import type { BinaryRenderer, RenderOptions } from "../renderer.js";
import { enhancedPacket, interfaceDescription, LINKTYPE_RAW, sectionHeader } from "./pcapng.js";
import { createStreamBuilder, type Packet, UNIX_PORT, UNIX_PREFIX } from "./streams.js";

/** The snapshot length the interfaces declare: the largest packet a segment makes. */
const SNAPLEN = 262_144;

function header(options: RenderOptions): Uint8Array {
  const payload = options.payload ?? { limit: 32, none: false };
  const policy = payload.none
    ? "--no-payload: every payload byte is zero; lengths are true"
    : `payload: at most ${payload.limit} bytes of each call, as the trace captured them (--payload); a packet with less than its length says so, and its captured length is shorter than its real one; ${payload.mask === false ? "credentials are NOT masked (--no-redact)" : "credentials are masked by sockscope"}`;
  const blocks = [
    sectionHeader({
      application: "sockscope",
      comments: [
        "Rebuilt by sockscope from a strace trace of the program's system calls: not a capture. Handshakes, ACKs, sequence numbers, windows and checksums are made up; the bytes and their order are what the traced calls wrote and read; timestamps are the calls' times.",
        policy,
        ...(options.stable
          ? ["--stable: the clock is the event number (a millisecond each), not the time"]
          : []),
      ],
    }),
    interfaceDescription({
      linktype: LINKTYPE_RAW,
      snaplen: SNAPLEN,
      name: "inet",
      description: "IPv4 and IPv6 sockets (TCP, UDP) with the addresses the trace shows",
    }),
    interfaceDescription({
      linktype: LINKTYPE_RAW,
      snaplen: SNAPLEN,
      name: "unix",
      description: `unix sockets, as TCP (stream, seqpacket) and UDP (datagram) between addresses ${UNIX_PREFIX}/80 made of each socket's inode, port ${UNIX_PORT}: decode with e.g. -d tcp.port==${UNIX_PORT},http`,
    }),
  ];
  return concat(blocks);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const EMPTY = new Uint8Array(0);

export function createPcapRenderer(options: RenderOptions = {}): BinaryRenderer {
  const builder = createStreamBuilder({
    noPayload: options.payload?.none === true,
    limit: options.payload?.limit ?? 32,
    stable: options.stable === true,
  });
  let started = false;
  const start = (): Uint8Array[] => {
    if (started) return [];
    started = true;
    return [header(options)];
  };
  const blocks = (packets: readonly Packet[]) =>
    packets.map((p) =>
      enhancedPacket({
        iface: p.iface,
        micros: p.micros,
        data: p.data,
        length: p.length,
        ...(p.comments === undefined ? {} : { comments: p.comments }),
      }),
    );
  return {
    binary: true,
    event(e: TraceEvent): Uint8Array {
      const packets =
        e.type === "syscall" ? builder.syscall(e) : e.type === "connection" ? builder.connection(e) : [];
      const head = start();
      if (packets.length === 0 && head.length === 0) return EMPTY;
      return concat([...head, ...blocks(packets)]);
    },
    end(): Uint8Array {
      const head = start();
      return head.length === 0 ? EMPTY : concat(head);
    },
  };
}
