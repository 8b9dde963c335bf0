// --format pcap: the conversations of a trace as a pcap-ng file that Wireshark and tshark open
// ("Follow TCP stream", the HTTP and DNS dissectors). Streamed: the file's header goes out with the
// first event, the packets in time order through a small sorting window. Interface 0 carries IP traffic with the
// addresses the trace shows; interface 1 carries unix sockets, as TCP and UDP between made-up IPv6
// addresses (streams.ts says how they are made). Everything is rebuilt from the trace, not captured:
// the file says so in its header comment, and each packet cut or zero-filled says so in its own.
import type { TraceEvent } from "../../core/events.js";
import { concatBytes } from "../../util/bytes.js";
import type { BinaryRenderer, RenderOptions } from "../renderer.js";
import { enhancedPacket, interfaceDescription, LINKTYPE_RAW, sectionHeader } from "./pcapng.js";
import { createStreamBuilder, type Packet, UNIX_PORT, UNIX_PREFIX } from "./streams.js";

/** How many packets, and how much trace time, the reordering window holds at most. */
const REORDER_PACKETS = 4096;
const REORDER_MICROS = 2_000_000;
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
  return concatBytes(blocks);
}

const EMPTY = new Uint8Array(0);

export function createPcapRenderer(options: RenderOptions = {}): BinaryRenderer {
  const builder = createStreamBuilder({
    noPayload: options.payload?.none === true,
    limit: options.payload?.limit ?? 32,
    stable: options.stable === true,
  });
  let started = false;
  // Packets are written in time order: a datagram that waited for its sender's address, or a
  // handshake made at an accept, is older than packets already made. A window of recent packets,
  // sorted, goes out once it holds more than REORDER_PACKETS or spans more than REORDER_MICROS.
  const window: Packet[] = [];
  const settle = (packets: readonly Packet[], all: boolean): Packet[] => {
    for (const p of packets) {
      let at = window.length;
      while (at > 0 && (window[at - 1] as Packet).micros > p.micros) at--;
      window.splice(at, 0, p);
    }
    if (all) return window.splice(0);
    const newest = window.length === 0 ? 0 : (window[window.length - 1] as Packet).micros;
    let n = 0;
    while (
      n < window.length &&
      (window.length - n > REORDER_PACKETS || newest - (window[n] as Packet).micros > REORDER_MICROS)
    )
      n++;
    return window.splice(0, n);
  };
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
      const made =
        e.type === "syscall" ? builder.syscall(e) : e.type === "connection" ? builder.connection(e) : [];
      const packets = settle(made, false);
      const head = start();
      if (packets.length === 0 && head.length === 0) return EMPTY;
      return concatBytes([...head, ...blocks(packets)]);
    },
    end(): Uint8Array {
      const head = start();
      const rest = blocks(settle([], true));
      return head.length === 0 && rest.length === 0 ? EMPTY : concatBytes([...head, ...rest]);
    },
  };
}
