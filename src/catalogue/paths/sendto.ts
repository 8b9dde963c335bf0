// The send calls' paths (sendto, sendmsg, sendmmsg, write, writev): each enters the kernel its own
// way (the `head` steps, up to the socket layer's __sock_sendmsg), then runs the same family code.
// This file builds that shared part once; sendmsg.ts, sendmmsg.ts, write.ts and writev.ts give
// only their own entry steps and the wire texts that differ. Checked in Linux 6.1 and 6.12:
// net/socket.c, net/ipv4/af_inet.c, net/ipv6/af_inet6.c, net/ipv4/tcp.c, tcp_output.c,
// net/core/stream.c, net/ipv4/udp.c, ip_output.c, net/ipv6/udp.c, ip6_output.c, net/ipv4/ping.c,
// net/ipv6/ping.c, net/unix/af_unix.c, net/netlink/af_netlink.c, net/core/sock.c, net/core/dev.c.
import type { PathSetInput, Step } from "../schema.js";

type PathInput = PathSetInput["paths"][number];

export interface SendEntry {
  syscall: string;
  /** The syscall's own steps, before the socket layer (__sock_sendmsg). */
  head: Step[];
  /** Whether the call can pass MSG_NOSIGNAL (send/sendto/sendmsg/sendmmsg can; write/writev cannot). */
  nosignal: boolean;
  /** Wire texts that differ for this syscall, by path id. */
  wire?: Record<string, string>;
  /** sendmmsg: the socket layer and the family code run once per message (none when vlen is 0). */
  perMessage?: boolean;
  /** Extra structures for this syscall, added to every path. */
  structures?: string[];
}

const sock = (to: string): Step => ({
  fn: "__sock_sendmsg",
  file: "net/socket.c",
  does: `LSM check (security_socket_sendmsg), then the family's sendmsg: ${to}`,
});

// ---- TCP ----

const INET_TCP: Step = {
  fn: "inet_sendmsg",
  file: "net/ipv4/af_inet.c",
  does: "the protocol's sendmsg: tcp_sendmsg (TCP is never autobound here: no_autobind)",
};
const INET6_TCP: Step = {
  fn: "inet6_sendmsg",
  file: "net/ipv6/af_inet6.c",
  does: "the protocol's sendmsg: tcp_sendmsg (TCP is never autobound here: no_autobind)",
};
const TCP_SENDMSG: Step = {
  fn: "tcp_sendmsg",
  file: "net/ipv4/tcp.c",
  does: "takes the socket lock around tcp_sendmsg_locked (IPv4 and IPv6 alike)",
};
const TCP_QUEUE: Step = {
  fn: "tcp_sendmsg_locked",
  file: "net/ipv4/tcp.c",
  does: "copies the bytes into sk_buffs at the tail of sk_write_queue, charged to sk_wmem_queued against sk_sndbuf",
};
const TCP_OUT: Step[] = [
  {
    fn: "tcp_push",
    file: "net/ipv4/tcp.c",
    does: "marks the last segment PSH (not with MSG_MORE); autocork may hold a small tail while earlier data waits below",
  },
  {
    fn: "__tcp_push_pending_frames",
    file: "net/ipv4/tcp_output.c",
    does: "runs the output engine on the part of the queue not yet sent",
  },
  {
    fn: "tcp_write_xmit",
    file: "net/ipv4/tcp_output.c",
    does: "sends what the congestion window, the peer's window, Nagle/TCP_CORK and TSQ allow; the rest waits",
  },
  {
    fn: "__tcp_transmit_skb",
    file: "net/ipv4/tcp_output.c",
    does: "writes the TCP header on a clone; the original stays queued until ACKed, for retransmission",
  },
];
const IP4_TCP: Step[] = [
  {
    fn: "ip_queue_xmit",
    file: "net/ipv4/ip_output.c",
    does: "adds the IPv4 header, using the route cached on the socket",
  },
  {
    fn: "ip_local_out",
    file: "net/ipv4/ip_output.c",
    does: "netfilter LOCAL_OUT hook, then the route's output function, ip_output",
  },
  {
    fn: "ip_output",
    file: "net/ipv4/ip_output.c",
    does: "POSTROUTING hook, fragmentation if needed, neighbour (ARP) lookup in ip_finish_output2",
  },
];
const IP6_TCP: Step[] = [
  {
    fn: "inet6_csk_xmit",
    file: "net/ipv6/inet6_connection_sock.c",
    does: "the IPv6 socket's queue_xmit: finds the route cached on the socket, then ip6_xmit",
  },
  {
    fn: "ip6_xmit",
    file: "net/ipv6/ip6_output.c",
    does: "adds the IPv6 header and runs the netfilter LOCAL_OUT hook",
  },
  {
    fn: "ip6_output",
    file: "net/ipv6/ip6_output.c",
    does: "POSTROUTING hook, then neighbour discovery lookup in ip6_finish_output2",
  },
];
const DEV: Step = {
  fn: "__dev_queue_xmit",
  file: "net/core/dev.c",
  does: "queues the packet on the device's qdisc and calls its driver (on lo, loopback_xmit)",
};
const TCP_ACK: Step = {
  fn: "tcp_ack",
  file: "net/ipv4/tcp_input.c",
  does: "when the peer's ACK arrives: frees the ACKed data and its sk_wmem_queued, waking a writer waiting for room",
  at: "arrival",
};
const TCP_STRUCTURES = [
  "sk_buffs appended to sk_write_queue; tcp_sock.write_seq moves on at once, snd_nxt only as segments leave",
  "sk_wmem_queued grows by the data plus sk_buff overhead, against the limit sk_sndbuf; ACKed data is freed",
  "the retransmission timer is armed when the first unacknowledged segment leaves",
];
const TCP_BLOCKING =
  "Waits while the handshake is still in progress and while sk_wmem_queued has reached sk_sndbuf, until ACKs free room; SO_SNDTIMEO bounds the wait (then EAGAIN, or the count copied so far).";
const UDP_BLOCKING =
  "Waits only in the rare case that this socket's datagrams still held by the device fill sk_sndbuf; nothing waits for the receiver.";
const TCP_WIRE =
  "Zero or more TCP segments with these bytes, now or a little later (Nagle, autocork, TCP_CORK, the congestion and receive windows decide); the peer's ACKs come back on their own.";

const SIGPIPE_PENDING = (nosignal: boolean): string =>
  nosignal
    ? "a pending SIGPIPE on the calling thread (none with MSG_NOSIGNAL)"
    : "a pending SIGPIPE on the calling thread";

const signalStep = (nosignal: boolean): Step => ({
  fn: "get_signal",
  file: "kernel/signal.c",
  does: nosignal
    ? "on the way back to user space, a pending SIGPIPE ends the process unless it is ignored or caught"
    : "on the way back to user space, SIGPIPE ends the process unless it is ignored or caught",
});

function tcpPaths(e: SendEntry): PathInput[] {
  const head = e.head;
  const any = sock("inet_sendmsg or inet6_sendmsg, then tcp_sendmsg");
  const sigpipe = e.nosignal
    ? "reports a stored socket error if there is one, else EPIPE with SIGPIPE, unless MSG_NOSIGNAL"
    : "reports a stored socket error if there is one, else EPIPE and sends SIGPIPE (write has no MSG_NOSIGNAL)";
  return [
    {
      id: "tcp4-ok",
      title: "TCP over IPv4: the bytes are queued and sent as the windows allow",
      when: { family: ["AF_INET"], transport: ["tcp"], result: ["ok"] },
      steps: [
        ...head,
        sock("inet_sendmsg"),
        INET_TCP,
        TCP_SENDMSG,
        TCP_QUEUE,
        ...TCP_OUT,
        ...IP4_TCP,
        DEV,
        {
          fn: "tcp_v4_rcv",
          file: "net/ipv4/tcp_ipv4.c",
          does: "on loopback: the receiving socket's TCP takes each segment, queues the data, ACKs it (maybe delayed)",
          at: "softirq",
        },
        TCP_ACK,
      ],
      structures: TCP_STRUCTURES,
      blocking: TCP_BLOCKING,
      wire: e.wire?.["tcp4-ok"] ?? TCP_WIRE,
    },
    {
      id: "tcp6-mapped-ok",
      title: "TCP on an IPv6 socket to an IPv4-mapped peer: queued, then sent as IPv4",
      when: { family: ["AF_INET6"], transport: ["tcp"], result: ["ok"], mapped: true },
      steps: [
        ...head,
        sock("inet6_sendmsg"),
        INET6_TCP,
        TCP_SENDMSG,
        TCP_QUEUE,
        ...TCP_OUT,
        {
          ...IP4_TCP[0],
          does: "the mapped socket's queue_xmit (ipv6_mapped in tcp_ipv6.c): an IPv4 header, route cached on the socket",
        } as Step,
        ...IP4_TCP.slice(1),
        DEV,
        TCP_ACK,
      ],
      structures: TCP_STRUCTURES,
      blocking: TCP_BLOCKING,
      wire: e.wire?.["tcp6-mapped-ok"] ?? `${TCP_WIRE} The packets are IPv4.`,
    },
    {
      id: "tcp6-ok",
      title: "TCP over IPv6: the bytes are queued and sent as the windows allow",
      when: { family: ["AF_INET6"], transport: ["tcp"], result: ["ok"] },
      steps: [
        ...head,
        sock("inet6_sendmsg"),
        INET6_TCP,
        TCP_SENDMSG,
        TCP_QUEUE,
        ...TCP_OUT,
        ...IP6_TCP,
        DEV,
        {
          fn: "tcp_v6_rcv",
          file: "net/ipv6/tcp_ipv6.c",
          does: "on loopback: the receiving socket's TCP takes each segment, queues the data, ACKs it (maybe delayed)",
          at: "softirq",
        },
        TCP_ACK,
      ],
      structures: TCP_STRUCTURES,
      blocking: TCP_BLOCKING,
      wire: e.wire?.["tcp6-ok"] ?? TCP_WIRE,
    },
    {
      id: "tcp-eagain-connecting",
      title: "TCP, the handshake is not finished and the call cannot wait: EAGAIN",
      when: { transport: ["tcp"], result: ["EAGAIN"], state: ["connecting"] },
      steps: [
        ...head,
        any,
        TCP_SENDMSG,
        {
          fn: "tcp_sendmsg_locked",
          file: "net/ipv4/tcp.c",
          does: "the socket is still in SYN_SENT, so before copying anything it asks sk_stream_wait_connect",
        },
        {
          fn: "sk_stream_wait_connect",
          file: "net/core/stream.c",
          does: "no time to wait (non-blocking, or SO_SNDTIMEO ran out): EAGAIN",
        },
        { fn: "sk_stream_error", file: "net/core/stream.c", does: "passes EAGAIN back; no signal" },
      ],
      structures: ["nothing: the send queue is untouched"],
      wire: "Nothing from this call: the handshake goes on by itself.",
    },
    {
      id: "tcp-eagain",
      title: "TCP, the send buffer is full and the call cannot wait: EAGAIN",
      when: { transport: ["tcp"], result: ["EAGAIN"] },
      steps: [
        ...head,
        any,
        TCP_SENDMSG,
        {
          fn: "tcp_sendmsg_locked",
          file: "net/ipv4/tcp.c",
          does: "finds sk_wmem_queued at sk_sndbuf before a byte is copied, and goes to wait for space",
        },
        {
          fn: "sk_stream_wait_memory",
          file: "net/core/stream.c",
          does: "no time to wait (non-blocking, or SO_SNDTIMEO ran out): sets SOCK_NOSPACE and returns EAGAIN",
        },
        { fn: "sk_stream_error", file: "net/core/stream.c", does: "passes EAGAIN back; no signal" },
        {
          fn: "sk_stream_write_space",
          file: "net/core/stream.c",
          does: "later, when ACKs have freed enough room: wakes pollers with EPOLLOUT, since SOCK_NOSPACE was set",
          at: "softirq",
        },
      ],
      structures: [
        "SOCK_NOSPACE set on the socket, so the ACK that frees room raises EPOLLOUT",
        "sk_write_queue unchanged: what is queued keeps going out as ACKs arrive",
      ],
      wire: "Nothing from this call; data queued earlier keeps going out as the peer's ACKs open the window.",
      blocking:
        "A blocking call waited for room until SO_SNDTIMEO ran out; with nothing copied by then, it fails with EAGAIN.",
    },
    {
      id: "tcp-epipe",
      title: "TCP, the connection can no longer send (closed, shut down, reset, never connected): EPIPE",
      when: { transport: ["tcp"], result: ["EPIPE"] },
      steps: [
        ...head,
        any,
        TCP_SENDMSG,
        {
          fn: "tcp_sendmsg_locked",
          file: "net/ipv4/tcp.c",
          does: "the state is not ESTABLISHED or CLOSE_WAIT (FIN sent, closed after an RST, never connected)",
        },
        {
          fn: "sk_stream_wait_connect",
          file: "net/core/stream.c",
          does: "no stored error and no handshake under way: EPIPE",
        },
        { fn: "sk_stream_error", file: "net/core/stream.c", does: sigpipe },
        signalStep(e.nosignal),
      ],
      structures: [SIGPIPE_PENDING(e.nosignal)],
      wire: "Nothing: no byte is queued.",
    },
    ...([4, 6] as const).map(
      (f): PathInput => ({
        id: `tcp${f}-stored-error`,
        title: `TCP over IPv${f}, an error stored earlier (reset, timeout, unreachable) is reported`,
        when: {
          family: [f === 4 ? "AF_INET" : "AF_INET6"],
          transport: ["tcp"],
          result: ["ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ECONNREFUSED"],
        },
        steps: [
          ...head,
          sock(f === 4 ? "inet_sendmsg" : "inet6_sendmsg"),
          f === 4 ? INET_TCP : INET6_TCP,
          TCP_SENDMSG,
          {
            fn: "tcp_sendmsg_locked",
            file: "net/ipv4/tcp.c",
            does: "not ESTABLISHED or CLOSE_WAIT (an RST, a timeout or an ICMP error closed it): asks sk_stream_wait_connect",
          },
          {
            fn: "sk_stream_wait_connect",
            file: "net/core/stream.c",
            does: "finds sk_err set: returns it at once through sock_error, which clears it; no byte is copied",
          },
          {
            fn: "sk_stream_error",
            file: "net/core/stream.c",
            does: "passes the error back; only EPIPE raises SIGPIPE, so none here",
          },
        ],
        structures: [
          "sk_err: read and cleared by sk_stream_wait_connect (sock_error), so it is reported once",
          e.nosignal
            ? "the next send finds CLOSE and no stored error: sk_stream_wait_connect returns EPIPE, and sk_stream_error sends SIGPIPE unless MSG_NOSIGNAL"
            : "the next write finds CLOSE and no stored error: sk_stream_wait_connect returns EPIPE, and sk_stream_error sends SIGPIPE",
          "rarer: with IP_RECVERR an ICMP error is stored on a connection still ESTABLISHED; then sk_stream_error reads it instead",
        ],
        wire: "Nothing: no byte is queued.",
      }),
    ),
  ];
}

// ---- UDP ----

const UDP_STRUCTURES = [
  "one sk_buff per datagram, charged to sk_wmem_alloc against sk_sndbuf until the device has sent it",
  "an unbound socket gets an ephemeral port on its first send (inet_num)",
  "connected: the route cached on the socket (sk_dst_cache); otherwise one looked up for this call",
];
const UDP_WIRE =
  "One UDP datagram, IP-fragmented if larger than the path MTU. Nothing acknowledges it; if no one listens on that port, an ICMP port unreachable comes back.";

const udp4Send: Step[] = [
  {
    fn: "udp_sendmsg",
    file: "net/ipv4/udp.c",
    does: "destination from the address, else the connected peer (EDESTADDRREQ); route lookup unless cached",
  },
  {
    fn: "ip_make_skb",
    file: "net/ipv4/ip_output.c",
    does: "builds the datagram's sk_buff (MSG_MORE or UDP_CORK append with ip_append_data and send later)",
  },
  {
    fn: "udp_send_skb",
    file: "net/ipv4/udp.c",
    does: "writes the 8-byte UDP header and its checksum",
  },
  {
    fn: "ip_send_skb",
    file: "net/ipv4/ip_output.c",
    does: "hands the finished IPv4 datagram to ip_local_out",
  },
  {
    fn: "ip_local_out",
    file: "net/ipv4/ip_output.c",
    does: "netfilter LOCAL_OUT hook, then the route's output function, ip_output",
  },
  {
    fn: "ip_output",
    file: "net/ipv4/ip_output.c",
    does: "POSTROUTING hook, fragmentation if needed, neighbour (ARP) lookup",
  },
];

function udpPaths(e: SendEntry): PathInput[] {
  const head = e.head;
  const INET_UDP: Step = {
    fn: "inet_sendmsg",
    file: "net/ipv4/af_inet.c",
    does: "binds a socket with no local port to an ephemeral one (inet_send_prepare), then udp_sendmsg",
  };
  const INET6_UDP: Step = {
    fn: "inet6_sendmsg",
    file: "net/ipv6/af_inet6.c",
    does: "binds a socket with no local port to an ephemeral one (inet_send_prepare), then udpv6_sendmsg",
  };
  const ICMP_NOTE = "Nothing: the stored error is reported instead, and this datagram is not built or sent.";
  return [
    {
      id: "udp4-ok",
      title: "UDP over IPv4: one datagram built and handed to IP",
      when: { family: ["AF_INET"], transport: ["udp"], result: ["ok"] },
      steps: [
        ...head,
        sock("inet_sendmsg"),
        INET_UDP,
        ...udp4Send,
        DEV,
        {
          fn: "udp_rcv",
          file: "net/ipv4/udp.c",
          does: "on loopback: the receiving socket's UDP finds the socket by port and queues the datagram",
          at: "softirq",
        },
      ],
      structures: UDP_STRUCTURES,
      blocking: UDP_BLOCKING,
      wire: e.wire?.["udp4-ok"] ?? UDP_WIRE,
    },
    {
      id: "udp6-mapped-ok",
      title: "UDP on an IPv6 socket to an IPv4-mapped address: sent as an IPv4 datagram",
      when: { family: ["AF_INET6"], transport: ["udp"], result: ["ok"], mapped: true },
      steps: [
        ...head,
        sock("inet6_sendmsg"),
        INET6_UDP,
        {
          fn: "udpv6_sendmsg",
          file: "net/ipv6/udp.c",
          does: "the destination is ::ffff:a.b.c.d, so it hands the call to IPv4's udp_sendmsg (IPV6_V6ONLY: ENETUNREACH)",
        },
        ...udp4Send,
        DEV,
      ],
      structures: UDP_STRUCTURES,
      blocking: UDP_BLOCKING,
      wire: e.wire?.["udp6-mapped-ok"] ?? `${UDP_WIRE} The packet is IPv4.`,
    },
    {
      id: "udp6-ok",
      title: "UDP over IPv6: one datagram built and handed to IPv6",
      when: { family: ["AF_INET6"], transport: ["udp"], result: ["ok"] },
      steps: [
        ...head,
        sock("inet6_sendmsg"),
        INET6_UDP,
        {
          fn: "udpv6_sendmsg",
          file: "net/ipv6/udp.c",
          does: "destination from the address, else the connected peer; route lookup (ip6_dst_lookup_flow) unless cached",
        },
        {
          fn: "ip6_make_skb",
          file: "net/ipv6/ip6_output.c",
          does: "builds the datagram's sk_buff (MSG_MORE or UDP_CORK append with ip6_append_data and send later)",
        },
        {
          fn: "udp_v6_send_skb",
          file: "net/ipv6/udp.c",
          does: "writes the UDP header and its checksum, mandatory over IPv6",
        },
        {
          fn: "ip6_send_skb",
          file: "net/ipv6/ip6_output.c",
          does: "hands the datagram to ip6_local_out: netfilter LOCAL_OUT, then the route's output",
        },
        {
          fn: "ip6_output",
          file: "net/ipv6/ip6_output.c",
          does: "POSTROUTING hook, fragmentation by this host if needed, neighbour discovery lookup",
        },
        DEV,
        {
          fn: "udpv6_rcv",
          file: "net/ipv6/udp.c",
          does: "on loopback: the receiving socket's UDP finds the socket by port and queues the datagram",
          at: "softirq",
        },
      ],
      structures: UDP_STRUCTURES,
      blocking: UDP_BLOCKING,
      wire: e.wire?.["udp6-ok"] ?? UDP_WIRE,
    },
    {
      id: "udp4-econnrefused",
      title: "UDP over IPv4, an earlier datagram drew an ICMP port unreachable: ECONNREFUSED",
      when: { family: ["AF_INET"], transport: ["udp"], result: ["ECONNREFUSED"] },
      steps: [
        {
          fn: "__udp4_lib_err",
          file: "net/ipv4/udp.c",
          does: "earlier: the ICMP error for a datagram of this connected socket (or IP_RECVERR) stored ECONNREFUSED",
          at: "softirq",
        },
        ...head,
        sock("inet_sendmsg"),
        INET_UDP,
        udp4Send[0] as Step,
        {
          fn: "ip_make_skb",
          file: "net/ipv4/ip_output.c",
          does: "asks for the datagram's buffer (__ip_append_data → sock_alloc_send_skb)",
        },
        {
          fn: "sock_alloc_send_pskb",
          file: "net/core/sock.c",
          does: "finds the stored error: sock_error returns ECONNREFUSED and clears it; nothing is allocated",
        },
      ],
      structures: ["sk_err cleared: the next send goes out normally"],
      wire: ICMP_NOTE,
    },
    {
      id: "udp6-econnrefused",
      title: "UDP over IPv6, an earlier datagram drew an ICMPv6 port unreachable: ECONNREFUSED",
      when: { family: ["AF_INET6"], transport: ["udp"], result: ["ECONNREFUSED"] },
      steps: [
        {
          fn: "__udp6_lib_err",
          file: "net/ipv6/udp.c",
          does: "earlier: the ICMPv6 error for a datagram of this connected socket (or IPV6_RECVERR) stored ECONNREFUSED",
          at: "softirq",
        },
        ...head,
        sock("inet6_sendmsg"),
        INET6_UDP,
        {
          fn: "udpv6_sendmsg",
          file: "net/ipv6/udp.c",
          does: "finds the destination and the route, then asks for the datagram",
        },
        {
          fn: "ip6_make_skb",
          file: "net/ipv6/ip6_output.c",
          does: "asks for the datagram's buffer (__ip6_append_data → sock_alloc_send_skb)",
        },
        {
          fn: "sock_alloc_send_pskb",
          file: "net/core/sock.c",
          does: "finds the stored error: sock_error returns ECONNREFUSED and clears it; nothing is allocated",
        },
      ],
      structures: ["sk_err cleared: the next send goes out normally"],
      wire: ICMP_NOTE,
    },
  ];
}

// ---- ping (ICMP echo over SOCK_DGRAM) ----

function pingPaths(e: SendEntry): PathInput[] {
  const structures = [
    "one sk_buff with the ICMP echo request, charged to sk_wmem_alloc until the device has sent it",
    "the echo identifier is the socket's 'port' (from bind, or picked at its first send), which is how the reply finds this socket",
  ];
  const reply: Step = {
    fn: "ping_rcv",
    file: "net/ipv4/ping.c",
    does: "when the echo reply comes back: matched to this socket by its identifier and queued for recvfrom",
    at: "softirq",
  };
  return [
    {
      id: "ping4-ok",
      title: "ping socket over IPv4: one ICMP echo request sent",
      when: { family: ["AF_INET"], transport: ["ping"], result: ["ok"] },
      steps: [
        ...e.head,
        sock("inet_sendmsg"),
        {
          fn: "inet_sendmsg",
          file: "net/ipv4/af_inet.c",
          does: "the family's sendmsg for ping sockets: prepares the socket, then ping_v4_sendmsg",
        },
        {
          fn: "inet_send_prepare",
          file: "net/ipv4/af_inet.c",
          does: "a socket with no port yet is bound first (inet_autobind)",
        },
        {
          fn: "ping_get_port",
          file: "net/ipv4/ping.c",
          does: "picks a free echo identifier, which is the ping socket's port, and hashes the socket so replies find it",
          only: "the socket had no identifier yet (its first send, with no bind before)",
        },
        {
          fn: "ping_v4_sendmsg",
          file: "net/ipv4/ping.c",
          does: "needs an address or a connected peer; routes, then builds the packet",
        },
        {
          fn: "ping_common_sendmsg",
          file: "net/ipv4/ping.c",
          does: "checks the user's ICMP header: it must be an echo request with code 0",
        },
        {
          fn: "ip_push_pending_frames",
          file: "net/ipv4/ip_output.c",
          does: "after ip_append_data and the ICMP checksum: sends the packet through ip_send_skb",
        },
        {
          fn: "ip_local_out",
          file: "net/ipv4/ip_output.c",
          does: "netfilter LOCAL_OUT hook, then ip_output",
        },
        DEV,
        reply,
      ],
      structures,
      blocking: UDP_BLOCKING,
      wire: e.wire?.["ping4-ok"] ?? "One ICMP echo request; an echo reply comes back if the host answers.",
    },
    {
      id: "ping6-ok",
      title: "ping socket over IPv6: one ICMPv6 echo request sent",
      when: { family: ["AF_INET6"], transport: ["ping"], result: ["ok"] },
      steps: [
        ...e.head,
        sock("inet_sendmsg (inet6_sockraw_ops, net/ipv6/raw.c)"),
        {
          fn: "inet_sendmsg",
          file: "net/ipv4/af_inet.c",
          does: "IPv6 ping sockets use it too (inet6_sockraw_ops): prepares the socket, then ping_v6_sendmsg",
        },
        {
          fn: "inet_send_prepare",
          file: "net/ipv4/af_inet.c",
          does: "a socket with no port yet is bound first (inet_autobind)",
        },
        {
          fn: "ping_get_port",
          file: "net/ipv4/ping.c",
          does: "picks a free echo identifier, which is the ping socket's port, and hashes the socket so replies find it",
          only: "the socket had no identifier yet (its first send, with no bind before)",
        },
        {
          fn: "ping_v6_sendmsg",
          file: "net/ipv6/ping.c",
          does: "needs an address or a connected peer; routes, then builds the packet",
        },
        {
          fn: "ping_common_sendmsg",
          file: "net/ipv4/ping.c",
          does: "checks the user's ICMPv6 header: it must be an echo request with code 0",
        },
        {
          fn: "icmpv6_push_pending_frames",
          file: "net/ipv6/icmp.c",
          does: "after ip6_append_data: ICMPv6 checksum, then ip6_push_pending_frames sends it",
        },
        {
          fn: "ip6_send_skb",
          file: "net/ipv6/ip6_output.c",
          does: "hands the packet to ip6_local_out, then ip6_output",
        },
        DEV,
        reply,
      ],
      structures,
      blocking:
        "never waits for send-buffer room: ping_v6_sendmsg passes MSG_DONTWAIT to ip6_append_data, so a full sk_sndbuf fails the call at once (EAGAIN)",
      wire: e.wire?.["ping6-ok"] ?? "One ICMPv6 echo request; an echo reply comes back if the host answers.",
    },
  ];
}

// ---- AF_UNIX ----

const PEER_WAKE: Step = {
  fn: "sock_def_readable",
  file: "net/core/sock.c",
  does: "the receiver's sk_data_ready: wakes its readers and pollers (EPOLLIN)",
};
const UNIX_WIRE = "Nothing: AF_UNIX moves the data from one socket's memory to the other's.";

function unixPaths(e: SendEntry): PathInput[] {
  const head = e.head;
  const dgramAlloc: Step = {
    fn: "sock_alloc_send_pskb",
    file: "net/core/sock.c",
    does: "one sk_buff for the whole message, charged to this socket's sk_wmem_alloc against sk_sndbuf",
  };
  const epipeStream = e.nosignal
    ? "this end shut down writing, or the peer is closed: EPIPE, with SIGPIPE (send_sig) unless MSG_NOSIGNAL"
    : "this end shut down writing, or the peer is closed: EPIPE, and send_sig raises SIGPIPE";
  return [
    {
      id: "unix-stream-ok",
      title: "unix stream: the bytes are queued straight on the peer's receive queue",
      when: { transport: ["unix-stream"], result: ["ok"] },
      steps: [
        ...head,
        sock("unix_stream_sendmsg"),
        {
          fn: "unix_stream_sendmsg",
          file: "net/unix/af_unix.c",
          does: "takes the connected peer (an address gives EISCONN); cuts the data into sk_buffs of at most half sk_sndbuf",
        },
        {
          fn: "sock_alloc_send_pskb",
          file: "net/core/sock.c",
          does: "each sk_buff is charged to this socket; waits (or EAGAIN) while its unread data fills sk_sndbuf",
        },
        {
          ...PEER_WAKE,
          does: "after each sk_buff is appended to the peer's sk_receive_queue: wakes its readers (EPOLLIN)",
        },
      ],
      structures: [
        "sk_buffs on the peer's sk_receive_queue, still charged to this socket's sk_wmem_alloc until read",
        "passed fds ride only on the first sk_buff (unix_scm_to_skb, fds_sent); credentials are added to an sk_buff only when SO_PASSCRED (or, on 6.12, SO_PASSPIDFD) is set on either end or the peer is not accepted yet (maybe_add_creds)",
      ],
      wire: e.wire?.["unix-stream-ok"] ?? UNIX_WIRE,
      blocking:
        "Waits while this socket's sent-but-unread data fills its sk_sndbuf, until the peer reads; SO_SNDTIMEO bounds the wait.",
    },
    {
      id: "unix-stream-epipe",
      title: "unix stream, the peer is gone or this end shut down writing: EPIPE",
      when: { transport: ["unix-stream"], result: ["EPIPE"] },
      steps: [
        ...head,
        sock("unix_stream_sendmsg"),
        { fn: "unix_stream_sendmsg", file: "net/unix/af_unix.c", does: epipeStream },
        signalStep(e.nosignal),
      ],
      structures: [SIGPIPE_PENDING(e.nosignal)],
      wire: "Nothing: no data is queued.",
    },
    {
      id: "unix-seqpacket-ok",
      title: "unix seqpacket: one record queued on the peer's receive queue",
      when: { transport: ["unix-seqpacket"], result: ["ok"] },
      steps: [
        ...head,
        sock("unix_seqpacket_sendmsg"),
        {
          fn: "unix_seqpacket_sendmsg",
          file: "net/unix/af_unix.c",
          does: "must be connected (ENOTCONN), ignores any address, then unix_dgram_sendmsg",
        },
        {
          fn: "unix_dgram_sendmsg",
          file: "net/unix/af_unix.c",
          does: "the whole record in one sk_buff (EMSGSIZE above sk_sndbuf - 32), sent to the connected peer",
        },
        dgramAlloc,
        { ...PEER_WAKE, does: "after the sk_buff is appended to the peer's queue: wakes its readers" },
      ],
      structures: ["one sk_buff on the peer's sk_receive_queue, charged to this socket until read"],
      wire: e.wire?.["unix-seqpacket-ok"] ?? UNIX_WIRE,
      blocking:
        "Waits while this socket's unread records fill its sk_sndbuf, until the peer reads; SO_SNDTIMEO bounds the wait.",
    },
    {
      id: "unix-seqpacket-epipe",
      title: "unix seqpacket, the peer is closed or this end shut down writing: EPIPE, no SIGPIPE",
      when: { transport: ["unix-seqpacket"], result: ["EPIPE"] },
      steps: [
        ...head,
        sock("unix_seqpacket_sendmsg"),
        {
          fn: "unix_seqpacket_sendmsg",
          file: "net/unix/af_unix.c",
          does: "connected, so on to unix_dgram_sendmsg",
        },
        {
          fn: "unix_dgram_sendmsg",
          file: "net/unix/af_unix.c",
          does: "asks for the record's buffer; the EPIPE that comes back is returned without any SIGPIPE",
        },
        {
          fn: "sock_alloc_send_pskb",
          file: "net/core/sock.c",
          does: "SEND_SHUTDOWN is set (this end shut down writing, or the peer closed, which shuts both): EPIPE",
        },
      ],
      structures: ["nothing: no data is queued and no signal is sent"],
      wire: "Nothing: no data is queued.",
    },
    {
      id: "unix-dgram-ok",
      title: "unix datagram: one message queued on the receiving socket",
      when: { transport: ["unix-dgram"], result: ["ok"] },
      steps: [
        ...head,
        sock("unix_dgram_sendmsg"),
        {
          fn: "unix_dgram_sendmsg",
          file: "net/unix/af_unix.c",
          does: "destination from the address, else the connected peer (ENOTCONN); EMSGSIZE above sk_sndbuf - 32",
        },
        dgramAlloc,
        {
          fn: "unix_find_other",
          file: "net/unix/af_unix.c",
          does: "looks up the socket bound to that path or abstract name (without an address, the connected peer is used: unix_peer_get)",
          only: "the call names a destination address",
        },
        { ...PEER_WAKE, does: "after the sk_buff is appended to the receiver's queue: wakes its readers" },
      ],
      structures: [
        "one sk_buff on the receiver's sk_receive_queue, charged to this socket's sk_wmem_alloc until read",
      ],
      wire: e.wire?.["unix-dgram-ok"] ?? UNIX_WIRE,
      blocking:
        "Waits while this socket's unread messages fill its sk_sndbuf, and while a receiver that is not connected back to this socket holds more than net.unix.max_dgram_qlen messages (unix_wait_for_peer); SO_SNDTIMEO bounds the wait.",
    },
    {
      id: "unix-dgram-eagain",
      title: "unix datagram, the receiver's queue (or this socket's send buffer) is full: EAGAIN",
      when: { transport: ["unix-dgram"], result: ["EAGAIN"] },
      steps: [
        ...head,
        sock("unix_dgram_sendmsg"),
        {
          fn: "unix_dgram_sendmsg",
          file: "net/unix/af_unix.c",
          does: "checks the destination and size, allocates the message, then looks at the receiver's queue",
        },
        {
          fn: "sock_alloc_send_pskb",
          file: "net/core/sock.c",
          does: "EAGAIN here if this socket's unread messages already fill its sk_sndbuf and it cannot wait",
        },
        {
          fn: "unix_dgram_peer_wake_me",
          file: "net/unix/af_unix.c",
          does: "else a receiver not connected back to us holds more than max_dgram_qlen messages: hooks onto its wait queue; EAGAIN",
        },
      ],
      structures: ["this socket registered on the receiver's peer_wait queue (connected sockets)"],
      wire: "Nothing: no message is queued.",
    },
    {
      id: "unix-dgram-econnrefused",
      title: "unix datagram, no live socket at the destination: ECONNREFUSED",
      when: { transport: ["unix-dgram"], result: ["ECONNREFUSED"] },
      steps: [
        ...head,
        sock("unix_dgram_sendmsg"),
        {
          fn: "unix_dgram_sendmsg",
          file: "net/unix/af_unix.c",
          does: "allocates the message, then finds the receiver: the connected peer, or the address's socket",
        },
        dgramAlloc,
        {
          fn: "unix_find_other",
          file: "net/unix/af_unix.c",
          does: "a path with no socket bound to it (left behind) or an unused abstract name",
          only: "the call names a destination address (else the connected peer has closed)",
        },
        {
          fn: "unix_dgram_disconnected",
          file: "net/unix/af_unix.c",
          does: "or, connected and the peer has closed: the socket forgets its peer before failing",
        },
      ],
      structures: ["a connected socket whose peer closed loses its peer (unix_peer cleared)"],
      wire: "Nothing: no message is queued.",
    },
  ];
}

// ---- netlink ----

function netlinkPaths(e: SendEntry): PathInput[] {
  return [
    {
      id: "netlink-ok",
      title: "netlink: the request is handled by the kernel, in this call",
      when: { transport: ["netlink"], result: ["ok"] },
      steps: [
        ...e.head,
        sock("netlink_sendmsg"),
        {
          fn: "netlink_sendmsg",
          file: "net/netlink/af_netlink.c",
          does: "destination port from the address or the connected one (0: the kernel); copies the message in",
        },
        {
          fn: "netlink_unicast",
          file: "net/netlink/af_netlink.c",
          does: "finds the destination socket by port; for a process it would be queued on its receive queue",
        },
        {
          fn: "netlink_unicast_kernel",
          file: "net/netlink/af_netlink.c",
          does: "the destination is the kernel: runs its input handler right here, in the calling thread",
        },
        {
          fn: "netlink_rcv_skb",
          file: "net/netlink/af_netlink.c",
          does: "most protocols: each message to the protocol's handler, which queues any reply itself",
        },
        {
          fn: "netlink_ack",
          file: "net/netlink/af_netlink.c",
          does: "queues an NLMSG_ERROR message (error 0: an ack) on this socket's receive queue",
          only: "the request asked for an ack (NLM_F_ACK) or its handler failed",
        },
      ],
      structures: [
        "the request's sk_buff, handled and freed within the call",
        "replies and acknowledgements queued on this socket's sk_receive_queue, for recvmsg",
        "a GET's answer comes from the protocol's handler, not from netlink_ack (for NETLINK_ROUTE, rtnetlink_rcv_msg runs the message type's doit, e.g. rtnl_getlink); a dump request starts the dump here instead",
      ],
      wire: e.wire?.["netlink-ok"] ?? "Nothing: netlink is a channel inside this machine.",
      blocking:
        "Does not wait for room when the kernel is the destination; its handler may still sleep inside the call (on the rtnl lock, for instance).",
    },
  ];
}

// ---- any socket ----

function anyPath(e: SendEntry): PathInput {
  return {
    id: "any",
    title: "a socket of a family this log does not show",
    when: {},
    steps: [...e.head, sock("the family's own send code")],
    structures: [
      "the socket's send buffer accounting (sk_wmem_queued or sk_wmem_alloc) against sk_sndbuf",
      "the socket's wait queue: a sender with no room sleeps there until space is freed",
      ...(e.structures ?? []),
    ],
    wire:
      e.wire?.any ??
      "Depends on the family: TCP segments, one UDP datagram, or nothing at all for AF_UNIX and netlink.",
  };
}

/** sendmmsg: the socket layer runs once for each message of the vector. */
const perMessage = (st: Step): Step =>
  st.fn === "__sock_sendmsg" ? { ...st, does: `each message: ${st.does}` } : st;

/** The paths of a send call, most specific first, the generic one last. */
export function sendPaths(e: SendEntry): PathSetInput {
  return {
    syscall: e.syscall,
    paths: [
      ...tcpPaths(e),
      ...udpPaths(e),
      ...pingPaths(e),
      ...unixPaths(e),
      ...netlinkPaths(e),
      anyPath(e),
    ].map((p) => ({
      ...p,
      steps: e.perMessage ? p.steps.map(perMessage) : p.steps,
      structures: e.structures && p.id !== "any" ? [...p.structures, ...e.structures] : p.structures,
    })),
  };
}

export const SENDTO: PathSetInput = sendPaths({
  syscall: "sendto",
  nosignal: true,
  head: [
    {
      fn: "__sys_sendto",
      file: "net/socket.c",
      does: "wraps the buffer in an iov_iter, finds the socket, copies an address in; O_NONBLOCK adds MSG_DONTWAIT",
    },
  ],
});
