// recvfrom's kernel paths, and the receive paths every receiving call shares (recvmsg, recvmmsg,
// read and readv build theirs with recvPaths from their own entry steps). Checked in Linux 6.1 and
// 6.12: net/socket.c, fs/read_write.c, net/ipv4/af_inet.c, net/ipv6/af_inet6.c, net/ipv4/tcp.c,
// tcp_input.c, net/core/sock.c, net/core/datagram.c, net/ipv4/udp.c, net/ipv6/udp.c,
// net/ipv4/ping.c, net/unix/af_unix.c, net/netlink/af_netlink.c.
import type { PathSetInput } from "../schema.js";

type PathIn = PathSetInput["paths"][number];
type StepIn = PathIn["steps"][number];

/** What a receiving syscall brings to the shared receive paths. */
export interface RecvCall {
  /** The syscall's own steps, down to and including sock_recvmsg. */
  head: StepIn[];
  /** Whether the call passes MSG_* flags (MSG_PEEK, MSG_TRUNC…): not read/readv. */
  flags: boolean;
  /** recvmmsg: a message count, never "eof", and a stored error is returned before any entry. */
  mmsg?: boolean;
}

/** A structure's change, with "(MSG_PEEK: …)" for the calls that can pass MSG_PEEK. */
function unlessPeek(call: RecvCall, text: string): string {
  return call.flags ? `${text} (not with MSG_PEEK, which leaves the queue as it was)` : text;
}

/** "one datagram is received", or for recvmmsg "datagrams are received, one per entry". */
function one(call: RecvCall, what: string, plural = `${what}s`): string {
  return call.mmsg ? `${plural} are received, one per entry` : `one ${what} is received`;
}

/** recvmmsg on a byte stream: what end of stream looks like. */
const MMSG_EOF =
  "at end of stream each entry reads 0 bytes and still counts: do_recvmmsg goes on to vlen (a 0-length msg_len marks it)";

type Fam = 4 | 6;
const FAMILY: Record<Fam, string> = { 4: "AF_INET", 6: "AF_INET6" };
const OVER: Record<Fam, string> = { 4: "over IPv4", 6: "over IPv6" };

function inet(f: Fam, proto: string): StepIn {
  return f === 4
    ? {
        fn: "inet_recvmsg",
        file: "net/ipv4/af_inet.c",
        does: `IPv4 socket: calls the protocol's recvmsg, ${proto} here`,
      }
    : {
        fn: "inet6_recvmsg",
        file: "net/ipv6/af_inet6.c",
        does: `IPv6 socket: calls the protocol's recvmsg, ${proto} here`,
      };
}

const TCP_RECVMSG: StepIn = {
  fn: "tcp_recvmsg",
  file: "net/ipv4/tcp.c",
  does: "locks the socket and runs tcp_recvmsg_locked; release_sock then handles segments that came in meanwhile",
};
/** udp_recvmsg/udpv6_recvmsg copy a linear datagram with copy_linear_skb (include/net/udp.h). */
const UDP_NONLINEAR =
  "the datagram is not in one linear buffer (a linear one, such as a small datagram sent over loopback, is copied by the inline copy_linear_skb; one with an unchecked checksum by skb_copy_and_csum_datagram_msg)";
const COPY: StepIn = {
  fn: "skb_copy_datagram_iter",
  file: "net/core/datagram.c",
  does: "copies the payload of the sk_buff into the caller's buffer",
};
const SPACE_ADJUST: StepIn = {
  fn: "tcp_rcv_space_adjust",
  file: "net/ipv4/tcp_input.c",
  does: "receive-buffer autotuning: may raise sk_rcvbuf (not once SO_RCVBUF was set)",
};
const CLEANUP_COPIED: StepIn = {
  fn: "tcp_cleanup_rbuf",
  file: "net/ipv4/tcp.c",
  does: "sends an ACK now if one is due: a delayed ACK still owed, or a window update since reading freed space",
};
const CLEANUP_NONE: StepIn = {
  fn: "tcp_cleanup_rbuf",
  file: "net/ipv4/tcp.c",
  does: "nothing copied: sends an ACK only if one is still owed for over one MSS of earlier data",
};
/** What a wait step is conditional on: the trace shows only that the call returned, not whether it slept. */
const NOTHING_QUEUED = "nothing was queued yet and the call may wait";
const SK_WAIT_DATA_MAYBE: StepIn = {
  fn: "sk_wait_data",
  file: "net/core/sock.c",
  does: "sleeps on the wait queue until something arrives",
  only: NOTHING_QUEUED,
};
/** TCP end of stream: the reader waited only if the FIN had not come when the call began. */
const SK_WAIT_FIN: StepIn = {
  fn: "sk_wait_data",
  file: "net/core/sock.c",
  does: "sleeps until the FIN's tcp_fin wakes it",
  only: "the FIN had not arrived when the call began, and the call may wait",
};
const TCP_ARRIVAL: StepIn[] = [
  {
    fn: "tcp_rcv_established",
    file: "net/ipv4/tcp_input.c",
    at: "softirq",
    does: "a segment arrives and is queued on sk_receive_queue (and ACKed, now or delayed)",
    only: "the call slept because nothing was queued yet",
  },
  {
    fn: "tcp_data_ready",
    file: "net/ipv4/tcp_input.c",
    at: "softirq",
    does: "calls sk_data_ready for the new data",
    only: "the call slept because nothing was queued yet",
  },
  {
    fn: "sock_def_readable",
    file: "net/core/sock.c",
    at: "softirq",
    does: "wakes the reader sleeping on the socket's wait queue",
    only: "the call slept because nothing was queued yet",
  },
];

function tcpStructuresOk(flags: boolean): string[] {
  const peek = flags ? " (with MSG_PEEK nothing changes: the bytes stay queued)" : "";
  return [
    `sk_receive_queue: the in-order sk_buffs read to the end are unlinked and freed${peek}`,
    "copied_seq: advances by the bytes read; the receive memory freed is what lets the advertised window open again (tcp_cleanup_rbuf may announce it)",
    "sk_rmem_alloc: drops as the sk_buffs read are freed (out-of-order segments wait in out_of_order_queue)",
  ];
}
const TCP_WIRE_OK =
  "No data of its own: the bytes were ACKed when they arrived, or their ACK is still delayed. tcp_cleanup_rbuf sends an ACK from this call only when one is due: a delayed ACK owed for more than one MSS received (or for pushed data this read drained), or a window update when reading at least doubles a window that had shrunk to half its maximum or less.";
const TCP_WIRE_NONE =
  "Normally nothing: with no byte copied, tcp_cleanup_rbuf sends only a delayed ACK still owed for more than one MSS of earlier data.";

function tcpPaths(call: RecvCall, f: Fam): PathIn[] {
  const family = [FAMILY[f]];
  const over = OVER[f];
  const start = [...call.head, inet(f, "tcp_recvmsg"), TCP_RECVMSG];
  const peek = call.flags ? " (MSG_PEEK: copies and leaves them queued)" : "";
  const lockedOk: StepIn = {
    fn: "tcp_recvmsg_locked",
    file: "net/ipv4/tcp.c",
    does: `copies in-order bytes from sk_receive_queue, advancing copied_seq${peek}`,
  };
  // tcp_recvmsg_locked waits while fewer bytes than its target are copied: 1 byte, or the whole
  // length with MSG_WAITALL, or SO_RCVLOWAT's (sock_rcvlowat).
  const tcpShort = call.flags
    ? "fewer bytes were queued than the call must return (none at all, unless MSG_WAITALL or SO_RCVLOWAT asks for more), and it may wait"
    : "fewer bytes were queued than the call must return (none at all, unless SO_RCVLOWAT asks for more), and it may wait";
  const paths: PathIn[] = [];
  if (!call.mmsg) {
    paths.push(
      {
        id: `tcp${f}-eof-again`,
        title: `TCP ${over}, reading has already ended (this end's SHUT_RD, or an earlier end of stream): 0 at once`,
        when: {
          family,
          transport: ["tcp"],
          result: ["eof"],
          state: ["half-closed-read", "half-closed-both"],
        },
        steps: [
          ...start,
          {
            fn: "tcp_recvmsg_locked",
            file: "net/ipv4/tcp.c",
            does: "nothing queued, and SOCK_DONE (a FIN came) or RCV_SHUTDOWN (a FIN, or SHUT_RD) is set: 0 at once",
          },
          CLEANUP_NONE,
        ],
        structures: [
          "sk_shutdown: RCV_SHUTDOWN stays set; nothing changes on this call",
          "after SHUT_RD alone (still ESTABLISHED) the peer may go on sending: Linux queues those bytes and a read returns them",
          "once this end has sent its FIN too, new data from the peer draws a RST instead (tcp_rcv_state_process)",
        ],
        wire: `${TCP_WIRE_NONE} Linux sends nothing for SHUT_RD: the peer is not told.`,
      },
      {
        id: `tcp${f}-eof-after-shut-wr`,
        title: `TCP ${over}, end of stream after this end's own SHUT_WR: both directions are finished`,
        when: { family, transport: ["tcp"], result: ["eof"], state: ["half-closed-write"] },
        steps: [
          ...start,
          {
            fn: "tcp_recvmsg_locked",
            file: "net/ipv4/tcp.c",
            does: "reaches the FIN that tcp_fin queued when it arrived (or finds SOCK_DONE): returns 0",
          },
          SK_WAIT_FIN,
          CLEANUP_NONE,
        ],
        structures: [
          "sk_shutdown: both SEND_SHUTDOWN (this end's SHUT_WR) and RCV_SHUTDOWN (the peer's FIN) are set",
          "the connection: a FIN that came after this end's went FIN_WAIT2 → TIME_WAIT (or FIN_WAIT1 → CLOSING); one that came first, LAST_ACK",
        ],
        wire: "Normally nothing from this call: the peer's FIN was ACKed in softirq when it arrived (tcp_fin sends or schedules that ACK), and this end's FIN left at its shutdown(SHUT_WR).",
      },
      {
        id: `tcp${f}-eof`,
        title: `TCP ${over}, the peer's FIN: end of stream`,
        when: { family, transport: ["tcp"], result: ["eof"] },
        steps: [
          ...start,
          {
            fn: "tcp_recvmsg_locked",
            file: "net/ipv4/tcp.c",
            does: "reaches the FIN that tcp_fin queued when it arrived (or finds SOCK_DONE): returns 0",
          },
          SK_WAIT_FIN,
          CLEANUP_NONE,
        ],
        structures: [
          "sk_shutdown: RCV_SHUTDOWN, set by tcp_fin when the FIN arrived; every later read returns 0 at once",
          "copied_seq: steps over the FIN",
          "the connection: CLOSE_WAIT if this end had not shut down writing (it can still send until it closes)",
        ],
        wire: "Normally nothing: the FIN was ACKed in softirq when it arrived (tcp_fin schedules that ACK; it leaves at once or when the delayed-ACK timer fires). With no byte copied, tcp_cleanup_rbuf sends only an ACK still owed for more than one MSS of earlier data.",
      },
    );
  }
  paths.push(
    {
      id: `tcp${f}-ok-nonblocking`,
      title: `TCP ${over}, non-blocking: bytes already queued are copied out`,
      when: { family, transport: ["tcp"], result: ["ok"], nonblocking: true },
      steps: [...start, lockedOk, COPY, SPACE_ADJUST, CLEANUP_COPIED],
      structures: [...tcpStructuresOk(call.flags), ...(call.mmsg ? [MMSG_EOF] : [])],
      wire: TCP_WIRE_OK,
    },
    {
      id: `tcp${f}-ok`,
      title: `TCP ${over}, bytes are copied out (after waiting for them if none were queued)`,
      when: { family, transport: ["tcp"], result: ["ok"] },
      steps: [
        ...start,
        lockedOk,
        {
          fn: "tcp_cleanup_rbuf",
          file: "net/ipv4/tcp.c",
          does: "before it waits: sends any ACK that is due, then sk_wait_data",
          only: tcpShort,
        },
        { ...SK_WAIT_DATA_MAYBE, only: tcpShort },
        ...TCP_ARRIVAL.map((st) => ({ ...st, only: `the call slept: ${tcpShort}` })),
        COPY,
        SPACE_ADJUST,
        CLEANUP_COPIED,
      ],
      structures: [
        ...tcpStructuresOk(call.flags),
        "the socket's wait queue, where the reader sleeps until sk_data_ready wakes it",
        ...(call.mmsg ? [MMSG_EOF] : []),
      ],
      wire: TCP_WIRE_OK,
      blocking: call.flags
        ? "Sleeps only while nothing is queued (with MSG_WAITALL, until the whole length arrived): until data, the FIN, an error, a signal or the SO_RCVTIMEO timeout."
        : "Sleeps only while nothing is queued: until data, the FIN, an error, a signal or the SO_RCVTIMEO timeout.",
    },
    {
      id: `tcp${f}-eagain`,
      title: `TCP ${over}, non-blocking and nothing queued: EAGAIN`,
      when: { family, transport: ["tcp"], result: ["EAGAIN"], nonblocking: true },
      steps: [
        ...start,
        {
          fn: "tcp_recvmsg_locked",
          file: "net/ipv4/tcp.c",
          does: "queue empty, no FIN, no error, and no time to wait (O_NONBLOCK or MSG_DONTWAIT): EAGAIN",
        },
        CLEANUP_NONE,
      ],
      structures: ["nothing changes: the queue was empty"],
      wire: TCP_WIRE_NONE,
    },
    {
      id: `tcp${f}-timeout`,
      title: `TCP ${over}, the receive timeout (SO_RCVTIMEO) ran out: EAGAIN`,
      when: { family, transport: ["tcp"], result: ["EAGAIN"], nonblocking: false },
      steps: [
        ...start,
        {
          fn: "tcp_recvmsg_locked",
          file: "net/ipv4/tcp.c",
          does: "queue empty: waits for at most sk_rcvtimeo (sock_rcvtimeo); when that reaches 0, EAGAIN",
        },
        {
          fn: "tcp_cleanup_rbuf",
          file: "net/ipv4/tcp.c",
          does: "before sleeping: sends an ACK only if one is still owed",
        },
        {
          fn: "sk_wait_data",
          file: "net/core/sock.c",
          does: "sleeps on the socket's wait queue until the SO_RCVTIMEO time is used up",
        },
      ],
      structures: ["the socket's wait queue: the reader slept on it and left when the timeout ran out"],
      wire: TCP_WIRE_NONE,
      blocking: "Slept the whole SO_RCVTIMEO time: nothing arrived before it ran out.",
    },
  );
  if (!call.mmsg)
    paths.push({
      id: `tcp${f}-econnreset`,
      title: `TCP ${over}, the peer's RST: ECONNRESET`,
      when: { family, transport: ["tcp"], result: ["ECONNRESET"] },
      steps: [
        ...start,
        {
          fn: "tcp_recvmsg_locked",
          file: "net/ipv4/tcp.c",
          does: "nothing left to read and sk_err holds ECONNRESET (set by tcp_reset): returns it, clearing it",
        },
        {
          fn: "sk_wait_data",
          file: "net/core/sock.c",
          does: "the RST's tcp_done woke it",
          only: "nothing was queued yet, so the call was waiting when the RST came",
        },
      ],
      structures: [
        "sk_err: read and cleared (sock_error), so the next read returns 0: tcp_done set RCV_SHUTDOWN",
        "the connection: already CLOSE since the RST arrived; bytes queued before it were still readable",
      ],
      wire: "Nothing: the RST came from the peer, and a connection in CLOSE sends no ACK (__tcp_send_ack returns at once).",
    });
  paths.push(
    {
      id: `tcp${f}-enotconn`,
      title: `TCP ${over}, not connected (never connected, or listening): ENOTCONN`,
      when: { family, transport: ["tcp"], result: ["ENOTCONN"] },
      steps: [
        ...start,
        {
          fn: "tcp_recvmsg_locked",
          file: "net/ipv4/tcp.c",
          does: "a listening socket, or CLOSE with no FIN, error or shutdown behind it: ENOTCONN",
        },
      ],
      structures: ["nothing changes"],
      wire: "Nothing: there is no connection.",
    },
    {
      id: `tcp${f}-signal`,
      title: `TCP ${over}, a signal came before any byte: ERESTARTSYS (restarted, or EINTR for the program)`,
      when: { family, transport: ["tcp"], result: ["ERESTARTSYS", "EINTR"] },
      steps: [
        ...start,
        {
          fn: "tcp_recvmsg_locked",
          file: "net/ipv4/tcp.c",
          does: "nothing copied and a signal pending: sock_intr_errno, ERESTARTSYS (EINTR once SO_RCVTIMEO is set)",
        },
        {
          fn: "sk_wait_data",
          file: "net/core/sock.c",
          does: "sleeps until the signal wakes it (tcp_cleanup_rbuf first); the loop then sees signal_pending",
          only: "the signal came after the call began to wait",
        },
        {
          fn: "sock_intr_errno",
          file: "include/net/sock.h",
          does: "ERESTARTSYS with no receive timeout (restarted after an SA_RESTART handler), else EINTR",
        },
        {
          fn: "tcp_cleanup_rbuf",
          file: "net/ipv4/tcp.c",
          does: "after the loop, as on every return: sends an ACK only if one is still owed",
        },
      ],
      structures: [
        "nothing changes: the queue was empty, and a signal leaves sk_err alone (no stored error is read)",
      ],
      wire: "Nothing from this call.",
      blocking:
        "Waited while nothing was queued, until the signal came (a signal already pending ends the call before it sleeps).",
    },
    {
      id: `tcp${f}-error`,
      title: `TCP ${over}, an error the connection stored is reported (a timeout, a refused connect…)`,
      when: { family, transport: ["tcp"], result: ["error"] },
      steps: [
        ...start,
        {
          fn: "tcp_recvmsg_locked",
          file: "net/ipv4/tcp.c",
          does: "nothing copied and sk_err set (ETIMEDOUT, a failed connect's ECONNREFUSED…): returns it",
        },
        {
          fn: "sk_wait_data",
          file: "net/core/sock.c",
          does: "the error's sk_error_report woke it",
          only: "nothing was queued yet, so the call was waiting when the error came",
        },
        {
          fn: "sock_error",
          file: "include/net/sock.h",
          does: "reads sk_err and clears it",
        },
      ],
      structures: ["sk_err: read and cleared by sock_error, so this error is reported once"],
      wire: "Nothing from this call.",
    },
  );
  return paths;
}

function udpPaths(call: RecvCall, f: Fam): PathIn[] {
  const family = [FAMILY[f]];
  const over = OVER[f];
  const recv: StepIn =
    f === 4
      ? { fn: "udp_recvmsg", file: "net/ipv4/udp.c", does: "" }
      : { fn: "udpv6_recvmsg", file: "net/ipv6/udp.c", does: "" };
  const start = [...call.head, inet(f, recv.fn)];
  const trunc = call.flags
    ? "one datagram per call: a shorter buffer gets its start and MSG_TRUNC, and the rest is discarded"
    : "one datagram per call: a shorter buffer gets its start, and the rest is discarded without a sign";
  const errorRecv: StepIn = { ...recv, does: "asks __skb_recv_udp for a datagram; gets an error instead" };
  const paths: PathIn[] = [
    {
      id: `udp${f}-ok`,
      title: `UDP ${over}, ${one(call, "datagram")}`,
      when: { family, transport: ["udp"], result: ["ok"] },
      steps: [
        ...start,
        { ...recv, does: trunc },
        {
          fn: "__skb_recv_udp",
          file: "net/ipv4/udp.c",
          does: "takes the next datagram off reader_queue (refilled in one batch from sk_receive_queue), uncharging it",
        },
        {
          fn: "__skb_wait_for_more_packets",
          file: "net/core/datagram.c",
          does: "sleeps until a datagram comes (both queues were empty)",
          only: NOTHING_QUEUED,
        },
        {
          ...COPY,
          does: call.flags ? "copies the payload; MSG_PEEK leaves the datagram queued" : "copies the payload",
          only: UDP_NONLINEAR,
        },
        {
          fn: "skb_consume_udp",
          file: "net/ipv4/udp.c",
          does: call.flags
            ? "frees the datagram (after MSG_PEEK it only drops the extra reference)"
            : "frees the datagram",
        },
      ],
      structures: [
        unlessPeek(call, "udp_sk(sk)->reader_queue and sk_receive_queue: one datagram leaves them"),
        "sk_rmem_alloc: drops by the datagram's memory (truesize), making room under sk_rcvbuf",
      ],
      wire: "Nothing: receiving a UDP datagram sends no reply of any kind.",
      blocking:
        "Sleeps only while no datagram is queued: until one arrives, an ICMP error is stored, a signal, or the SO_RCVTIMEO timeout.",
    },
  ];
  if (!call.mmsg)
    paths.push({
      id: `udp${f}-econnrefused`,
      title: `UDP ${over}, an ICMP port unreachable came back for an earlier datagram: ECONNREFUSED`,
      when: { family, transport: ["udp"], result: ["ECONNREFUSED"] },
      steps: [
        ...start,
        errorRecv,
        {
          fn: "__skb_recv_udp",
          file: "net/ipv4/udp.c",
          does: `checks sk_err before any datagram: ECONNREFUSED, stored by ${f === 4 ? "__udp4_lib_err" : "__udp6_lib_err"}; returns it, clearing it`,
        },
        {
          fn: "__skb_wait_for_more_packets",
          file: "net/core/datagram.c",
          does: "the ICMP error's sk_error_report woke it, and it finds sk_err",
          only: "nothing was queued yet, so the call was waiting when the error came",
        },
      ],
      structures: [
        "sk_err: set in softirq when the ICMP error came back (only on a connected socket, or with IP_RECVERR), cleared now",
        "queued datagrams stay queued: the error is reported before them, once",
      ],
      wire: "Nothing: the ICMP error arrived earlier, in answer to a datagram this socket sent; receiving sends nothing.",
    });
  paths.push({
    id: `udp${f}-error`,
    title: `UDP ${over}, no datagram: EAGAIN, a signal, or a stored ICMP error`,
    when: { family, transport: ["udp"], result: ["error"] },
    steps: [
      ...start,
      errorRecv,
      {
        fn: "__skb_recv_udp",
        file: "net/ipv4/udp.c",
        does: "a stored sk_err first; else, with both queues empty and no time left to wait, EAGAIN",
      },
      {
        fn: "__skb_wait_for_more_packets",
        file: "net/core/datagram.c",
        does: "sleeps until SO_RCVTIMEO runs out, a signal or an error",
        only: NOTHING_QUEUED,
      },
    ],
    structures: ["sk_err: cleared if it was the error reported"],
    wire: "Nothing: receiving sends nothing.",
  });
  return paths;
}

function pingPaths(call: RecvCall, f: Fam): PathIn[] {
  const family = [FAMILY[f]];
  const over = OVER[f];
  // Ping sockets over IPv6 use inet6_sockraw_ops (net/ipv6/raw.c), whose recvmsg is
  // sock_common_recvmsg, not inet6_recvmsg; over IPv4, inet_sockraw_ops has inet_recvmsg.
  const family_ops: StepIn =
    f === 4
      ? inet(f, "ping_recvmsg")
      : {
          fn: "sock_common_recvmsg",
          file: "net/core/sock.c",
          does: "inet6_sockraw_ops.recvmsg: calls the protocol's recvmsg, ping_recvmsg (pingv6_prot)",
        };
  const start = [...call.head, family_ops];
  const wait: StepIn = {
    fn: "__skb_wait_for_more_packets",
    file: "net/core/datagram.c",
    does: "sleeps until a reply (or an ICMP error) comes",
    only: NOTHING_QUEUED,
  };
  return [
    {
      id: `ping${f}-ok`,
      title: `ICMP${f === 6 ? "v6" : ""} echo (ping socket) ${over}: ${one(call, "echo reply", "echo replies")}`,
      when: { family, transport: ["ping"], result: ["ok", "eof"] },
      steps: [
        ...start,
        {
          fn: "ping_recvmsg",
          file: "net/ipv4/ping.c",
          does: "takes one echo reply (ICMP header and payload); a shorter buffer cuts it and sets MSG_TRUNC",
        },
        {
          fn: "skb_recv_datagram",
          file: "net/core/datagram.c",
          does: "dequeues the next reply",
        },
        wait,
        COPY,
        ...(f === 6
          ? [
              {
                fn: "ip6_datagram_recv_common_ctl",
                file: "net/ipv6/datagram.c",
                does: "adds the IPv6 control messages the socket asked for (through pingv6_ops)",
                only: "the socket turned on IPv6 control messages (np->rxopt, e.g. IPV6_RECVPKTINFO)",
              },
            ]
          : []),
      ],
      structures: [
        unlessPeek(call, "sk_receive_queue: one echo reply leaves it, and its memory is uncharged"),
      ],
      wire: "Nothing: the echo reply came in earlier; reading it sends nothing.",
      blocking:
        "Sleeps only while no echo reply is queued: until one arrives, an error is stored, a signal, or the SO_RCVTIMEO timeout.",
    },
    {
      id: `ping${f}-error`,
      title: `ICMP${f === 6 ? "v6" : ""} echo (ping socket) ${over}: no reply (EAGAIN, a signal, a stored error)`,
      when: { family, transport: ["ping"], result: ["error"] },
      steps: [
        ...start,
        { fn: "ping_recvmsg", file: "net/ipv4/ping.c", does: "asks skb_recv_datagram for a reply" },
        {
          fn: "skb_recv_datagram",
          file: "net/core/datagram.c",
          does: "a stored sk_err first; else no reply and no time left to wait: EAGAIN",
        },
        { ...wait, does: "sleeps until SO_RCVTIMEO runs out, a signal or an error" },
      ],
      structures: ["sk_err: cleared if it was the error reported"],
      wire: "Nothing: receiving sends nothing.",
    },
  ];
}

const UNIX_WIRE =
  "Nothing: a unix socket never reaches a network; reading only dequeues what the peer's send queued on this socket.";

function unixPaths(call: RecvCall): PathIn[] {
  const family = ["AF_UNIX"];
  const stream: StepIn = {
    fn: "unix_stream_recvmsg",
    file: "net/unix/af_unix.c",
    does: "unix_stream_ops.recvmsg: runs unix_stream_read_generic",
  };
  const dgram: StepIn = {
    fn: "unix_dgram_recvmsg",
    file: "net/unix/af_unix.c",
    does: "runs __unix_dgram_recvmsg",
  };
  const seq: StepIn = {
    fn: "unix_seqpacket_recvmsg",
    file: "net/unix/af_unix.c",
    does: "not connected: ENOTCONN; otherwise the datagram code, unix_dgram_recvmsg",
  };
  const fds = call.flags ? ", and hands over any passed fds and credentials" : "";
  const dgramRecv = (does: string): StepIn => ({
    fn: "__unix_dgram_recvmsg",
    file: "net/unix/af_unix.c",
    does,
  });
  const tryRecv: StepIn = {
    fn: "__skb_try_recv_datagram",
    file: "net/core/datagram.c",
    does: "a stored sk_err first; else takes the first message off sk_receive_queue",
  };
  const waitMaybe: StepIn = {
    fn: "__skb_wait_for_more_packets",
    file: "net/core/datagram.c",
    does: "sleeps until a message, an error or a shutdown comes",
    only: NOTHING_QUEUED,
  };
  const eofAgain = !call.mmsg;
  const paths: PathIn[] = [];
  if (eofAgain)
    paths.push(
      {
        id: "unix-stream-eof-again",
        title: "unix stream, reading has already ended (this end's SHUT_RD, or an earlier end of stream): 0",
        when: {
          family,
          transport: ["unix-stream"],
          result: ["eof"],
          state: ["half-closed-read", "half-closed-both"],
        },
        steps: [
          ...call.head,
          stream,
          {
            fn: "unix_stream_read_generic",
            file: "net/unix/af_unix.c",
            does: "queue empty and RCV_SHUTDOWN set (by this end's SHUT_RD or the peer's close): 0 at once",
          },
        ],
        structures: [
          "sk_shutdown: RCV_SHUTDOWN stays set; nothing changes on this call",
          "unlike TCP, a unix SHUT_RD also set SEND_SHUTDOWN on the peer (unix_shutdown): its writes fail with EPIPE",
        ],
        wire: UNIX_WIRE,
      },
      {
        id: "unix-stream-eof",
        title: "unix stream, end of stream: the peer closed or shut down writing",
        when: { family, transport: ["unix-stream"], result: ["eof"] },
        steps: [
          ...call.head,
          stream,
          {
            fn: "unix_stream_read_generic",
            file: "net/unix/af_unix.c",
            does: "queue empty and RCV_SHUTDOWN set (the peer's close or SHUT_WR, or this end's SHUT_RD): 0",
          },
          {
            fn: "unix_stream_data_wait",
            file: "net/unix/af_unix.c",
            does: "the peer's close or shutdown woke it",
            only: "the peer had not closed or shut down when the call began, and the call may wait",
          },
        ],
        structures: [
          "sk_shutdown: RCV_SHUTDOWN, set on this socket by the peer's close (unix_release_sock) or SHUT_WR",
        ],
        wire: UNIX_WIRE,
      },
    );
  paths.push(
    {
      id: "unix-stream-ok",
      title: "unix stream, bytes the peer wrote are copied out",
      when: { family, transport: ["unix-stream"], result: ["ok"] },
      steps: [
        ...call.head,
        stream,
        {
          fn: "unix_stream_read_generic",
          file: "net/unix/af_unix.c",
          does: `copies from the sk_buffs the peer queued, unlinking the ones used up${fds}`,
        },
        {
          fn: "unix_stream_data_wait",
          file: "net/unix/af_unix.c",
          does: "sleeps until the peer writes, closes or shuts down",
          only: call.flags
            ? "fewer bytes were queued than the call must return (none at all, unless MSG_WAITALL or SO_RCVLOWAT asks for more), and it may wait"
            : "fewer bytes were queued than the call must return (none at all, unless SO_RCVLOWAT asks for more), and it may wait",
        },
        {
          fn: "unix_stream_read_actor",
          file: "net/unix/af_unix.c",
          does: "copies one sk_buff's unread part",
        },
        COPY,
      ],
      structures: [
        unlessPeek(
          call,
          "this socket's sk_receive_queue, where the peer's writes were queued: sk_buffs read to the end are freed",
        ),
        "the peer's sk_wmem_alloc: freeing those sk_buffs gives the peer back send-buffer room",
        ...(call.mmsg ? [MMSG_EOF] : []),
      ],
      wire: UNIX_WIRE,
      blocking: call.flags
        ? "Sleeps only while nothing is queued (with MSG_WAITALL, until the whole length arrived): until the peer writes, closes or shuts down writing, a signal, or the SO_RCVTIMEO timeout."
        : "Sleeps only while nothing is queued: until the peer writes, closes or shuts down writing, a signal, or the SO_RCVTIMEO timeout.",
    },
    {
      id: "unix-stream-error",
      title: "unix stream, the call fails (not connected, EAGAIN, the peer's reset, a signal)",
      when: { family, transport: ["unix-stream"], result: ["error"] },
      steps: [
        ...call.head,
        stream,
        {
          fn: "unix_stream_read_generic",
          file: "net/unix/af_unix.c",
          does: "not connected: EINVAL; queue empty: sk_err (ECONNRESET), else EAGAIN if it may not wait",
        },
        {
          fn: "unix_stream_data_wait",
          file: "net/unix/af_unix.c",
          does: "sleeps until SO_RCVTIMEO runs out or a signal comes",
          only: NOTHING_QUEUED,
        },
      ],
      structures: [
        "sk_err: ECONNRESET when the peer closed with data of its own still unread; cleared once reported",
      ],
      wire: UNIX_WIRE,
    },
    {
      id: "unix-dgram-ok",
      title: `unix datagram, ${one(call, "message")} (0 bytes: an empty one, or this end shut down reading)`,
      when: { family, transport: ["unix-dgram"], result: ["ok", "eof"] },
      steps: [
        ...call.head,
        dgram,
        dgramRecv(
          call.flags
            ? "takes one message; a shorter buffer gets its start and MSG_TRUNC, the rest is lost"
            : "takes one message; a shorter buffer gets its start and the rest is lost",
        ),
        tryRecv,
        waitMaybe,
        COPY,
      ],
      structures: [
        unlessPeek(call, "sk_receive_queue: one message leaves it"),
        "peer_wait: a sender blocked because this socket's queue was full is woken",
        "the sender's sk_wmem_alloc: drops as the message is freed",
      ],
      wire: UNIX_WIRE,
      blocking:
        "Sleeps only while no message is queued: until one arrives, an error is stored, this end shuts down reading, a signal, or the SO_RCVTIMEO timeout.",
    },
    {
      id: "unix-dgram-error",
      title: "unix datagram, no message: EAGAIN, a signal, or a stored error",
      when: { family, transport: ["unix-dgram"], result: ["error"] },
      steps: [
        ...call.head,
        dgram,
        dgramRecv("asks for one message; gets an error instead"),
        { ...tryRecv, does: "a stored sk_err first; else an empty queue: EAGAIN if the call may not wait" },
        {
          ...waitMaybe,
          does: "sleeps until SO_RCVTIMEO runs out, a signal or an error",
        },
      ],
      structures: ["sk_err: cleared if it was the error reported"],
      wire: UNIX_WIRE,
    },
    {
      id: "unix-seqpacket-ok",
      title: `unix seqpacket, ${one(call, "record")}`,
      when: { family, transport: ["unix-seqpacket"], result: ["ok"] },
      steps: [
        ...call.head,
        seq,
        dgram,
        dgramRecv(
          call.flags
            ? "takes one record; a shorter buffer gets its start and MSG_TRUNC, the rest is lost"
            : "takes one record; a shorter buffer gets its start and the rest is lost",
        ),
        tryRecv,
        waitMaybe,
        COPY,
      ],
      structures: [
        unlessPeek(call, "sk_receive_queue: one record leaves it, and the peer's sk_wmem_alloc drops"),
      ],
      wire: UNIX_WIRE,
      blocking:
        "Sleeps only while no record is queued: until one arrives, the peer closes or shuts down writing (then 0), a signal, or the SO_RCVTIMEO timeout.",
    },
    {
      id: "unix-seqpacket-error",
      title: "unix seqpacket, the call fails (not connected, EAGAIN, a signal)",
      when: { family, transport: ["unix-seqpacket"], result: ["error"] },
      steps: [
        ...call.head,
        seq,
        dgram,
        dgramRecv("asks for one record; gets an error instead"),
        { ...tryRecv, does: "a stored sk_err first; else an empty queue: EAGAIN if the call may not wait" },
      ],
      structures: ["nothing changes, unless a stored sk_err is reported and cleared"],
      wire: UNIX_WIRE,
    },
  );
  // recvmmsg never reports "eof": an entry of 0 bytes is counted like any other.
  if (!call.mmsg)
    paths.splice(
      paths.findIndex((p) => p.id === "unix-seqpacket-ok"),
      0,
      {
        id: "unix-seqpacket-eof",
        title: "unix seqpacket, 0: the peer closed or shut down writing (or an empty record)",
        when: { family, transport: ["unix-seqpacket"], result: ["eof"] },
        steps: [
          ...call.head,
          seq,
          dgram,
          dgramRecv("queue empty and RCV_SHUTDOWN set: 0 (non-blocking too); or an empty record was queued"),
          { ...tryRecv, does: "finds the queue empty (or an empty record)" },
          {
            fn: "__skb_wait_for_more_packets",
            file: "net/core/datagram.c",
            does: "sees RCV_SHUTDOWN and returns with no error instead of sleeping",
            only: "the call may wait (no O_NONBLOCK, no MSG_DONTWAIT)",
          },
        ],
        structures: ["sk_shutdown: RCV_SHUTDOWN, set by the peer's close (unix_release_sock) or SHUT_WR"],
        wire: UNIX_WIRE,
      },
    );
  return paths;
}

const NETLINK_WIRE =
  "Nothing on any network: netlink messages pass in memory between this process and the kernel (or another process).";

function netlinkPaths(call: RecvCall): PathIn[] {
  const family = ["AF_NETLINK"];
  const recv = (does: string): StepIn => ({ fn: "netlink_recvmsg", file: "net/netlink/af_netlink.c", does });
  return [
    {
      id: "netlink-ok",
      title: `netlink, ${call.mmsg ? "sk_buffs of messages are received, one per entry" : "one sk_buff of messages is received"} (while a dump is in progress, its next part is filled)`,
      when: { family, transport: ["netlink"], result: ["ok", "eof"] },
      steps: [
        ...call.head,
        recv(
          call.flags
            ? "takes one sk_buff of messages; a short buffer gets its start and MSG_TRUNC (passing MSG_TRUNC returns the full size)"
            : "takes one sk_buff of messages; a shorter buffer cuts it and the rest is lost",
        ),
        {
          fn: "skb_recv_datagram",
          file: "net/core/datagram.c",
          does: "dequeues it",
        },
        {
          fn: "__skb_wait_for_more_packets",
          file: "net/core/datagram.c",
          does: "sleeps until a reply or another message is queued",
          only: NOTHING_QUEUED,
        },
        COPY,
        {
          fn: "netlink_dump",
          file: "net/netlink/af_netlink.c",
          does: "queues the dump's next part; the part with NLMSG_DONE also ends the dump (cb_running false)",
          only: "a dump is in progress (nlk->cb_running) and the queue is at most half of sk_rcvbuf",
        },
        {
          fn: "netlink_rcv_wake",
          file: "net/netlink/af_netlink.c",
          does: "clears the congested mark once the queue is empty, and wakes senders waiting for room",
        },
      ],
      structures: [
        unlessPeek(call, "sk_receive_queue: one sk_buff leaves it"),
        "only while a dump is in progress (nlk->cb_running): its callback runs at the end of this call to fill the next sk_buff. None runs in the call that reads the part carrying NLMSG_DONE (that part ended the dump), nor when no dump was started (an ack, a GET's reply)",
      ],
      wire: NETLINK_WIRE,
      blocking:
        "Sleeps only while nothing is queued: until the kernel (or another process) queues a message, an error such as ENOBUFS is stored, a signal, or the SO_RCVTIMEO timeout.",
    },
    {
      id: "netlink-error",
      title: "netlink, the call fails (ENOBUFS after an overrun, EAGAIN, a signal)",
      when: { family, transport: ["netlink"], result: ["error"] },
      steps: [
        ...call.head,
        recv("asks skb_recv_datagram for a message; gets an error instead"),
        {
          fn: "skb_recv_datagram",
          file: "net/core/datagram.c",
          does: "a stored sk_err first (ENOBUFS: messages were dropped); else empty and may not wait: EAGAIN",
        },
        {
          fn: "netlink_rcv_wake",
          file: "net/netlink/af_netlink.c",
          does: "clears the congested mark if the queue is empty",
        },
      ],
      structures: ["sk_err: ENOBUFS set by netlink_overrun when a message found the queue full; cleared now"],
      wire: NETLINK_WIRE,
    },
  ];
}

/** recvmmsg only: a stored error is returned before any entry is read. */
function storedErrorPaths(call: RecvCall): PathIn[] {
  if (!call.mmsg) return [];
  const head = call.head.slice(0, 2);
  return [
    {
      id: "tcp-econnreset",
      title: "TCP, the peer's RST: ECONNRESET, no entry filled",
      when: { family: ["AF_INET", "AF_INET6"], transport: ["tcp"], result: ["ECONNRESET"] },
      steps: [
        ...head,
        {
          fn: "sock_error",
          file: "include/net/sock.h",
          does: "reads and clears sk_err: ECONNRESET, set by tcp_reset when the RST arrived",
        },
      ],
      structures: [
        "sk_err: cleared, so the next call fills 0-length entries (RCV_SHUTDOWN is set)",
        "a RST that comes while the first entry waits is reported the same way, by tcp_recvmsg_locked",
      ],
      wire: "Nothing: the RST came from the peer, and a connection in CLOSE sends no ACK.",
    },
    {
      id: "udp-econnrefused",
      title: "UDP, an ICMP port unreachable came back for an earlier datagram: ECONNREFUSED, no entry filled",
      when: { family: ["AF_INET", "AF_INET6"], transport: ["udp"], result: ["ECONNREFUSED"] },
      steps: [
        ...head,
        {
          fn: "sock_error",
          file: "include/net/sock.h",
          does: "reads and clears sk_err: ECONNREFUSED, stored when the ICMP error arrived",
        },
      ],
      structures: [
        "sk_err: set in softirq when the ICMP error came back (connected socket, or IP_RECVERR), cleared now",
        "an error that comes while the first entry waits is reported the same way, by __skb_recv_udp",
      ],
      wire: "Nothing: the ICMP error arrived earlier, in answer to a datagram this socket sent; receiving sends nothing.",
    },
  ];
}

/** The receive paths of one syscall, most specific first, ending with the path for any socket. */
export function recvPaths(call: RecvCall): PathIn[] {
  return [
    ...storedErrorPaths(call),
    ...tcpPaths(call, 4),
    ...tcpPaths(call, 6),
    ...udpPaths(call, 4),
    ...udpPaths(call, 6),
    ...pingPaths(call, 4),
    ...pingPaths(call, 6),
    ...unixPaths(call),
    ...netlinkPaths(call),
    {
      id: "any",
      title: "a socket of a family this log does not show",
      when: {},
      steps: call.head,
      structures: [
        "the socket's receive queue: what is read leaves it, and its memory is uncharged",
        "the socket's wait queue, where a blocked reader sleeps until sk_data_ready wakes it",
      ],
      wire: "No data of its own: a receive dequeues what already arrived (on TCP the call may send an ACK or a window update).",
    },
  ];
}

export const RECVFROM: PathSetInput = {
  syscall: "recvfrom",
  paths: recvPaths({
    flags: true,
    head: [
      {
        fn: "__sys_recvfrom",
        file: "net/socket.c",
        does: "wraps the buffer in an iov_iter, finds the socket, adds MSG_DONTWAIT for an O_NONBLOCK file",
      },
      {
        fn: "sock_recvmsg",
        file: "net/socket.c",
        does: "security hook, then the family's recvmsg; afterwards __sys_recvfrom copies the sender's address out",
      },
    ],
  }),
};
