import type { PathSetInput } from "../schema.js";

type PathInput = PathSetInput["paths"][number];
type StepInput = PathInput["steps"][number];

// Every connect() starts in net/socket.c and goes to the family's proto_ops connect.
const SYSCALL: StepInput[] = [
  {
    fn: "__sys_connect",
    file: "net/socket.c",
    does: "looks up the fd and copies the sockaddr into the kernel",
  },
  {
    fn: "__sys_connect_file",
    file: "net/socket.c",
    does: "LSM check, then the family's connect, passing the file's O_NONBLOCK",
  },
];

/** IPv4 and IPv6 TCP sockets share these two (inet_stream_ops and inet6_stream_ops). */
const INET_STREAM: StepInput[] = [
  ...SYSCALL,
  { fn: "inet_stream_connect", file: "net/ipv4/af_inet.c", does: "takes the socket lock for the whole call" },
];

const FRESH: StepInput = {
  fn: "__inet_stream_connect",
  file: "net/ipv4/af_inet.c",
  does: "socket unconnected and in CLOSE: calls the protocol's connect, marks it SS_CONNECTING",
};

/** The TCP code that differs by address family: the connect itself, the port, the receive entry. */
/** Where every packet this host sends meets the device: on loopback, loopback_xmit delivers it. */
const DEV_XMIT: StepInput = {
  fn: "__dev_queue_xmit",
  file: "net/core/dev.c",
  does: "hands the packet to the device; lo's loopback_xmit queues it for this host's receive softirq",
};

/** The SYN over IPv4 (a mapped IPv6 peer included): TCP header, IPv4 output, the device. */
const V4_XMIT: StepInput[] = [
  {
    fn: "__tcp_transmit_skb",
    file: "net/ipv4/tcp_output.c",
    does: "puts the TCP header on a clone of the SYN",
  },
  {
    fn: "ip_queue_xmit",
    file: "net/ipv4/ip_output.c",
    does: "adds the IPv4 header on the route cached at connect",
  },
  { fn: "ip_local_out", file: "net/ipv4/ip_output.c", does: "netfilter LOCAL_OUT, then ip_output" },
  DEV_XMIT,
];

interface Tcp {
  key: "tcp4" | "tcp6" | "tcp6-mapped";
  name: string;
  family: string;
  mapped?: boolean;
  connect: StepInput[];
  /** How the SYN leaves: the family's output, then the device (lo on loopback). */
  xmit: StepInput[];
  /** The steps up to the route lookup, which is where a missing route stops the call. */
  route: StepInput[];
  /** The receive side's entry for the answer (not shown for the mapped case, which is IPv4 inside an IPv6 socket). */
  rcv: StepInput[];
  reset: StepInput;
  icmp: StepInput;
}

const TCP4: Tcp = {
  key: "tcp4",
  name: "TCP over IPv4",
  family: "AF_INET",
  connect: [
    {
      fn: "tcp_v4_connect",
      file: "net/ipv4/tcp_ipv4.c",
      does: "route lookup and source address, state SYN_SENT, then the port and the initial sequence number",
    },
    {
      fn: "inet_hash_connect",
      file: "net/ipv4/inet_hashtables.c",
      does: "picks a local port whose 4-tuple is free and puts the socket in the established hash",
    },
  ],
  xmit: V4_XMIT,
  route: [{ fn: "tcp_v4_connect", file: "net/ipv4/tcp_ipv4.c", does: "the route lookup fails: ENETUNREACH" }],
  rcv: [
    {
      fn: "tcp_v4_rcv",
      file: "net/ipv4/tcp_ipv4.c",
      does: "the answer arrives and finds this socket; if connect() holds the socket lock, it goes to the backlog",
      at: "softirq",
    },
  ],
  reset: {
    fn: "tcp_v4_send_reset",
    file: "net/ipv4/tcp_ipv4.c",
    does: "where the SYN arrives, no socket listens on the port: a RST answers it",
    at: "peer",
  },
  icmp: {
    fn: "tcp_v4_err",
    file: "net/ipv4/tcp_ipv4.c",
    does: "an ICMP unreachable for the SYN arrives; in SYN_SENT it ends the attempt with that error",
    at: "softirq",
  },
};

const TCP6: Tcp = {
  key: "tcp6",
  name: "TCP over IPv6",
  family: "AF_INET6",
  connect: [
    {
      fn: "tcp_v6_connect",
      file: "net/ipv6/tcp_ipv6.c",
      does: "IPv6 peer: route lookup (ip6_dst_lookup_flow) and source address, state SYN_SENT, sequence number",
    },
    {
      fn: "inet6_hash_connect",
      file: "net/ipv6/inet6_hashtables.c",
      does: "picks a local port whose 4-tuple is free and puts the socket in the established hash",
    },
  ],
  xmit: [
    {
      fn: "__tcp_transmit_skb",
      file: "net/ipv4/tcp_output.c",
      does: "puts the TCP header on a clone of the SYN",
    },
    {
      fn: "inet6_csk_xmit",
      file: "net/ipv6/inet6_connection_sock.c",
      does: "takes the route cached at connect",
    },
    { fn: "ip6_xmit", file: "net/ipv6/ip6_output.c", does: "adds the IPv6 header, then ip6_output" },
    DEV_XMIT,
  ],
  route: [
    {
      fn: "tcp_v6_connect",
      file: "net/ipv6/tcp_ipv6.c",
      does: "the route lookup (ip6_dst_lookup_flow) fails: ENETUNREACH",
    },
  ],
  rcv: [
    {
      fn: "tcp_v6_rcv",
      file: "net/ipv6/tcp_ipv6.c",
      does: "the answer arrives and finds this socket; if connect() holds the socket lock, it goes to the backlog",
      at: "softirq",
    },
  ],
  reset: {
    fn: "tcp_v6_send_reset",
    file: "net/ipv6/tcp_ipv6.c",
    does: "where the SYN arrives, no socket listens on the port: a RST answers it",
    at: "peer",
  },
  icmp: {
    fn: "tcp_v6_err",
    file: "net/ipv6/tcp_ipv6.c",
    does: "an ICMPv6 unreachable for the SYN arrives; in SYN_SENT it ends the attempt with that error",
    at: "softirq",
  },
};

const TCP6_MAPPED: Tcp = {
  key: "tcp6-mapped",
  name: "TCP on an IPv6 socket to an IPv4-mapped address",
  family: "AF_INET6",
  mapped: true,
  connect: [
    {
      fn: "tcp_v6_connect",
      file: "net/ipv6/tcp_ipv6.c",
      does: "sees a ::ffff:a.b.c.d peer: switches the socket to the IPv4-mapped operations",
    },
    {
      fn: "tcp_v4_connect",
      file: "net/ipv4/tcp_ipv4.c",
      does: "does the rest as IPv4: route, source address, SYN_SENT, port, sequence number",
    },
    {
      fn: "inet_hash_connect",
      file: "net/ipv4/inet_hashtables.c",
      does: "picks a local port whose 4-tuple is free and puts the socket in the established hash",
    },
  ],
  xmit: V4_XMIT,
  route: [
    {
      fn: "tcp_v6_connect",
      file: "net/ipv6/tcp_ipv6.c",
      does: "sees a ::ffff:a.b.c.d peer: hands over to the IPv4 code",
    },
    { fn: "tcp_v4_connect", file: "net/ipv4/tcp_ipv4.c", does: "the route lookup fails: ENETUNREACH" },
  ],
  rcv: [],
  reset: {
    fn: "tcp_v4_send_reset",
    file: "net/ipv4/tcp_ipv4.c",
    does: "where the SYN arrives, no socket listens on the port: a RST answers it",
    at: "peer",
  },
  icmp: {
    fn: "tcp_v4_err",
    file: "net/ipv4/tcp_ipv4.c",
    does: "an ICMP unreachable for the SYN arrives; in SYN_SENT it ends the attempt with that error",
    at: "softirq",
  },
};

const SEND_SYN: StepInput = {
  fn: "tcp_connect",
  file: "net/ipv4/tcp_output.c",
  does: "builds the SYN, keeps it on the retransmit queue, sends it and arms the retransmission timer",
};

const WAIT: StepInput = {
  fn: "inet_wait_for_connect",
  file: "net/ipv4/af_inet.c",
  does: "releases the socket lock and sleeps while the state is SYN_SENT",
};

/** On loopback the answer is often received while this call still holds the socket lock. */
const LOCKED = "the answer arrives while connect() holds the socket lock (likely on loopback)";

const BACKLOG: StepInput = {
  fn: "tcp_add_backlog",
  file: "net/ipv4/tcp_ipv4.c",
  does: "the socket is owned by connect(): the answer is queued on its backlog, not processed now",
  at: "softirq",
  only: LOCKED,
};

const RELEASE = (where: string): StepInput => ({
  fn: "__release_sock",
  file: "net/core/sock.c",
  does: `release_sock in ${where} runs the backlog: the answer is processed here, inside connect()`,
  only: LOCKED,
});

/** The first step of the answer's processing says where it (and what follows) runs. */
const WHERE_RUN = "where the answer is processed (see __release_sock above)";

/** The other end's listener, as far as this host can tell (its kernel, in softirq). */
const LISTENER_SYN: StepInput = {
  fn: "tcp_conn_request",
  file: "net/ipv4/tcp_input.c",
  does: "the listener's side: the SYN makes a request sock (or a SYN cookie) and a SYN-ACK goes back",
  at: "peer",
};

const SYNACK: StepInput[] = [
  {
    fn: "tcp_rcv_state_process",
    file: "net/ipv4/tcp_input.c",
    does: `${WHERE_RUN}: hands the segment to the SYN_SENT handler`,
    at: "arrival",
  },
  {
    fn: "tcp_rcv_synsent_state_process",
    file: "net/ipv4/tcp_input.c",
    does: "checks the SYN-ACK acknowledges our SYN and takes the peer's sequence number and options",
    at: "arrival",
  },
  {
    fn: "tcp_finish_connect",
    file: "net/ipv4/tcp_input.c",
    does: "state ESTABLISHED, starts keepalive if asked",
    at: "arrival",
  },
  {
    fn: "sock_def_wakeup",
    file: "net/core/sock.c",
    does: "sk_state_change: wakes whoever sleeps on the socket (the blocked connect, poll, epoll)",
    at: "arrival",
  },
  {
    fn: "tcp_send_ack",
    file: "net/ipv4/tcp_output.c",
    does: "sends the final ACK of the handshake (it may be delayed to ride on the first data)",
    at: "arrival",
  },
  {
    fn: "tcp_check_req",
    file: "net/ipv4/tcp_minisocks.c",
    does: "the listener's side: the ACK turns the request sock into a child queued for accept()",
    at: "peer",
  },
];

const REFUSED: StepInput[] = [
  {
    fn: "tcp_rcv_state_process",
    file: "net/ipv4/tcp_input.c",
    does: `${WHERE_RUN}: hands the segment to the SYN_SENT handler`,
    at: "arrival",
  },
  {
    fn: "tcp_rcv_synsent_state_process",
    file: "net/ipv4/tcp_input.c",
    does: "a RST that acknowledges our SYN",
    at: "arrival",
  },
  {
    fn: "tcp_reset",
    file: "net/ipv4/tcp_input.c",
    does: "in SYN_SENT, the error is ECONNREFUSED",
    at: "arrival",
  },
  {
    fn: "tcp_done_with_error",
    file: "net/ipv4/tcp_input.c",
    does: "stores the error in sk_err, drops the queued SYN",
    at: "arrival",
  },
  {
    fn: "tcp_done",
    file: "net/ipv4/tcp.c",
    does: "state CLOSE, frees the port, wakes the sleeper (sk_state_change)",
    at: "arrival",
  },
];

const TIMEOUT: StepInput[] = [
  {
    fn: "tcp_retransmit_timer",
    file: "net/ipv4/tcp_timer.c",
    does: "no answer: sends the SYN again, doubling the wait each time",
    at: "timer",
  },
  {
    fn: "tcp_write_timeout",
    file: "net/ipv4/tcp_timer.c",
    does: "the SYN budget (tcp_syn_retries or TCP_SYNCNT, or TCP_USER_TIMEOUT) is used up",
    at: "timer",
  },
  {
    fn: "tcp_write_err",
    file: "net/ipv4/tcp_timer.c",
    does: "error ETIMEDOUT (or a soft error an ICMP message left, such as EHOSTUNREACH)",
    at: "timer",
  },
  {
    fn: "tcp_done_with_error",
    file: "net/ipv4/tcp_input.c",
    does: "stores the error in sk_err, drops the queued SYN",
    at: "timer",
  },
  {
    fn: "tcp_done",
    file: "net/ipv4/tcp.c",
    does: "state CLOSE, frees the port, wakes the sleeper",
    at: "timer",
  },
];

const SYNACK_COMES = "a SYN-ACK answers the SYN";
const RST_COMES = "a RST answers the SYN";
const ANSWER_COMES = "an answer (SYN-ACK or RST) comes";

/**
 * After a connect() that returned before the handshake ended: the SYN has left, and the call
 * cannot know what answers it. Each step says in which of the outcomes it runs.
 */
function unknownOutcome(t: Tcp, where: string): StepInput[] {
  return [
    { ...LISTENER_SYN, only: "something listens there" },
    { ...t.reset, only: "nothing listens there" },
    ...t.rcv.map((s) => ({ ...s, only: ANSWER_COMES })),
    BACKLOG,
    RELEASE(where),
    { ...(REFUSED[0] as StepInput), only: ANSWER_COMES },
    {
      fn: "tcp_rcv_synsent_state_process",
      file: "net/ipv4/tcp_input.c",
      does: "checks the answer acknowledges our SYN: a SYN-ACK goes on, a RST ends the attempt",
      at: "arrival",
      only: ANSWER_COMES,
    },
    {
      fn: "tcp_finish_connect",
      file: "net/ipv4/tcp_input.c",
      does: "state ESTABLISHED: poll reports POLLOUT, SO_ERROR gives 0",
      at: "arrival",
      only: SYNACK_COMES,
    },
    {
      fn: "tcp_send_ack",
      file: "net/ipv4/tcp_output.c",
      does: "the final ACK of the handshake (it may be delayed to ride on the first data)",
      at: "arrival",
      only: SYNACK_COMES,
    },
    {
      fn: "tcp_reset",
      file: "net/ipv4/tcp_input.c",
      does: "in SYN_SENT, the error is ECONNREFUSED",
      at: "arrival",
      only: RST_COMES,
    },
    {
      fn: "tcp_retransmit_timer",
      file: "net/ipv4/tcp_timer.c",
      does: "no answer: resends the SYN, doubling the wait; when the retries run out, ETIMEDOUT",
      at: "timer",
      only: "nothing answers",
    },
    {
      fn: "tcp_done_with_error",
      file: "net/ipv4/tcp_input.c",
      does: "stores the error in sk_err for SO_ERROR, drops the queued SYN",
      at: "arrival",
      only: "the attempt fails (a RST, or the retries run out, then from the timer)",
    },
    {
      fn: "tcp_done",
      file: "net/ipv4/tcp.c",
      does: "state CLOSE, frees the port; poll reports POLLERR|POLLHUP",
      at: "arrival",
      only: "the attempt fails (a RST, or the retries run out, then from the timer)",
    },
    {
      fn: "sock_def_wakeup",
      file: "net/core/sock.c",
      does: "sk_state_change, from tcp_finish_connect or tcp_done: wakes poll and epoll waiters",
      at: "arrival",
      only: ANSWER_COMES,
    },
  ];
}

const UNKNOWN_WIRE =
  "the SYN leaves now; what answers it is handled after the call returns (on loopback possibly before): a SYN-ACK (then this host sends the final ACK and the handshake completes), a RST (refused), or nothing (the SYN is retried until ETIMEDOUT); the later poll and SO_ERROR tell which";

const FAILED_RETURN: StepInput = {
  fn: "tcp_disconnect",
  file: "net/ipv4/tcp.c",
  does: "__inet_stream_connect woke to state CLOSE and took sk_err: this resets the socket for a new connect()",
};

const STRUCT_SYN_SENT =
  "sk_state CLOSE → SYN_SENT, struct socket SS_UNCONNECTED → SS_CONNECTING; destination, source address and ephemeral port set, the socket in the established hash (ehash), the route cached (sk_dst_cache), the SYN on the retransmit queue";

function tcpPaths(t: Tcp): PathInput[] {
  const when = { family: [t.family], transport: ["tcp" as const], ...(t.mapped ? { mapped: true } : {}) };
  const start = [...INET_STREAM, FRESH, ...t.connect, SEND_SYN, ...t.xmit];
  return [
    {
      id: `${t.key}-ok`,
      title: `${t.name}, the handshake completes`,
      when: { ...when, result: ["ok"] },
      steps: [...start, WAIT, LISTENER_SYN, ...t.rcv, BACKLOG, RELEASE("inet_wait_for_connect"), ...SYNACK],
      structures: [
        STRUCT_SYN_SENT,
        "then, when the SYN-ACK arrives: sk_state ESTABLISHED, the peer's sequence number, window and options; SS_CONNECTED when connect() wakes",
        "at the listener: a request sock, then a child socket on its accept queue",
      ],
      wire: "SYN → SYN-ACK → ACK",
    },
    {
      id: `${t.key}-inprogress`,
      title: `${t.name}, non-blocking: the SYN is sent and the call returns`,
      when: { ...when, result: ["EINPROGRESS"], nonblocking: true },
      steps: [
        ...INET_STREAM,
        {
          ...FRESH,
          does: `${FRESH.does}; non-blocking, so it does not wait: EINPROGRESS while the state is SYN_SENT`,
        },
        ...t.connect,
        SEND_SYN,
        ...t.xmit,
        ...unknownOutcome(t, "inet_stream_connect, after EINPROGRESS was decided,"),
      ],
      structures: [
        STRUCT_SYN_SENT,
        "after the call, depending on the answer: ESTABLISHED and writable (SO_ERROR 0), or CLOSE with sk_err set (ECONNREFUSED, ETIMEDOUT…) for SO_ERROR to read and clear",
      ],
      wire: UNKNOWN_WIRE,
    },
    {
      id: `${t.key}-interrupted`,
      title: `${t.name}, the wait ends early (signal or SO_SNDTIMEO)`,
      when: { ...when, result: ["EINTR", "EINPROGRESS"], nonblocking: false },
      steps: [
        ...start,
        {
          fn: "inet_wait_for_connect",
          file: "net/ipv4/af_inet.c",
          does: "sleeps until a signal (EINTR) or the SO_SNDTIMEO time runs out (EINPROGRESS)",
        },
        ...unknownOutcome(t, "inet_wait_for_connect"),
      ],
      structures: [
        STRUCT_SYN_SENT,
        "the attempt goes on after the call returns: ESTABLISHED, or CLOSE with sk_err set, as the answer decides",
      ],
      wire: UNKNOWN_WIRE,
    },
    {
      id: `${t.key}-refused`,
      title: `${t.name}, nothing listens: the SYN is answered by a RST`,
      when: { ...when, result: ["ECONNREFUSED"] },
      steps: [
        ...start,
        WAIT,
        t.reset,
        ...t.rcv,
        BACKLOG,
        RELEASE("inet_wait_for_connect"),
        ...REFUSED,
        FAILED_RETURN,
      ],
      structures: [
        STRUCT_SYN_SENT,
        "then sk_err = ECONNREFUSED, sk_state CLOSE, the port released; struct socket back to SS_UNCONNECTED",
      ],
      wire: "SYN → RST (or an ICMP port unreachable, as a firewall REJECT rule sends); no handshake",
    },
    {
      id: `${t.key}-timedout`,
      title: `${t.name}, no answer: the SYN retries run out`,
      when: { ...when, result: ["ETIMEDOUT"] },
      steps: [...start, WAIT, ...TIMEOUT, FAILED_RETURN],
      structures: [
        STRUCT_SYN_SENT,
        "after the last retry: sk_err = ETIMEDOUT, sk_state CLOSE, the port released",
      ],
      wire: "SYN, retransmitted several times (1 s, 2 s, 4 s… apart), never answered",
    },
    {
      id: `${t.key}-unreachable`,
      title: `${t.name}, an ICMP unreachable answers the SYN`,
      when: { ...when, result: ["EHOSTUNREACH"] },
      steps: [
        ...start,
        WAIT,
        t.icmp,
        { ...(TIMEOUT[3] as StepInput), at: "softirq" },
        { ...(TIMEOUT[4] as StepInput), at: "softirq" },
        FAILED_RETURN,
      ],
      structures: [STRUCT_SYN_SENT, "then sk_err = EHOSTUNREACH, sk_state CLOSE, the port released"],
      wire: "SYN → ICMP host unreachable (from a router, or from this host when the next hop does not answer ARP/ND)",
    },
    {
      id: `${t.key}-no-route`,
      title: `${t.name}, no route to the address`,
      when: { ...when, result: ["ENETUNREACH"] },
      steps: [...INET_STREAM, FRESH, ...t.route],
      structures: ["nothing changes: the socket stays unconnected"],
      wire: "nothing: the routing table had no route, so no SYN left (an ICMP net unreachable answering a SYN gives the same errno)",
    },
    {
      id: `${t.key}-no-port`,
      title: `${t.name}, no free local port`,
      when: { ...when, result: ["EADDRNOTAVAIL"] },
      steps: [...INET_STREAM, FRESH, ...t.connect],
      structures: ["the socket goes back to CLOSE with no port"],
      wire: "nothing: the kernel found no free port before sending anything",
    },
  ];
}

/** A connect() on a TCP socket whose earlier connect() is still under way or has ended. */
const TCP_AGAIN: PathInput[] = [
  {
    id: "tcp-again-ok",
    title: "TCP, a connect already under way: this call reports it done",
    when: { family: ["AF_INET", "AF_INET6"], transport: ["tcp"], state: ["connecting"], result: ["ok"] },
    steps: [
      ...INET_STREAM,
      {
        fn: "__inet_stream_connect",
        file: "net/ipv4/af_inet.c",
        does: "already SS_CONNECTING: the handshake has ended (a blocking call waits for it first), so SS_CONNECTED",
      },
    ],
    structures: ["struct socket SS_CONNECTING → SS_CONNECTED"],
    wire: "nothing in this call: the handshake finished earlier",
  },
  {
    id: "tcp-again-ealready",
    title: "TCP, a non-blocking connect still in progress",
    when: { family: ["AF_INET", "AF_INET6"], transport: ["tcp"], result: ["EALREADY"] },
    steps: [
      ...INET_STREAM,
      {
        fn: "__inet_stream_connect",
        file: "net/ipv4/af_inet.c",
        does: "already SS_CONNECTING and still SYN_SENT: returns EALREADY, non-blocking",
      },
    ],
    structures: ["nothing changes"],
    wire: "nothing in this call (the SYN was sent by the first connect)",
  },
  {
    id: "tcp-again-failed",
    title: "TCP, a connect under way had failed: this call reports why",
    when: {
      family: ["AF_INET", "AF_INET6"],
      transport: ["tcp"],
      state: ["connecting"],
      result: ["ECONNREFUSED", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ECONNRESET", "ECONNABORTED"],
    },
    steps: [
      ...INET_STREAM,
      {
        fn: "__inet_stream_connect",
        file: "net/ipv4/af_inet.c",
        does: "already SS_CONNECTING, state CLOSE: reads and clears sk_err, back to SS_UNCONNECTED",
      },
      { ...FAILED_RETURN, does: "state already CLOSE: resets the socket's fields, sends nothing" },
    ],
    structures: ["sk_err cleared (it was this result); struct socket back to SS_UNCONNECTED"],
    wire: "nothing in this call: the SYN and its answer came earlier",
  },
  {
    id: "tcp-eisconn",
    title: "TCP, the socket is already connected (or listening)",
    when: { family: ["AF_INET", "AF_INET6"], transport: ["tcp"], result: ["EISCONN"] },
    steps: [
      ...INET_STREAM,
      {
        fn: "__inet_stream_connect",
        file: "net/ipv4/af_inet.c",
        does: "SS_CONNECTED, or a socket not in CLOSE (a listener): EISCONN",
      },
    ],
    structures: ["nothing changes"],
    wire: "nothing",
    blocking: "never blocks: the state alone decides, at once",
  },
];

const DGRAM: StepInput = {
  fn: "inet_dgram_connect",
  file: "net/ipv4/af_inet.c",
  does: "AF_UNSPEC would dissolve the association; binds an ephemeral port first if the socket has none",
};

const UDP_STRUCT = [
  "the destination (daddr, dport), a concrete source address (and port, if it had none), the cached route, sk_state ESTABLISHED",
  "nothing at the other end: it does not know",
];

const UDP_WIRE =
  "nothing: connecting a datagram socket (UDP, ping, raw) sends no packet; the first datagram leaves with the first send";

const DATAGRAM: PathInput[] = [
  {
    id: "udp-no-port",
    title: "UDP (or ping, raw) socket, no free port to bind",
    when: { family: ["AF_INET", "AF_INET6"], transport: ["udp", "ping", "raw"], result: ["EAGAIN"] },
    steps: [
      ...SYSCALL,
      { ...DGRAM, does: "the socket has no port, and binding an ephemeral one fails: EAGAIN" },
      {
        fn: "inet_autobind",
        file: "net/ipv4/af_inet.c",
        does: "asks the protocol for a free port; none is left",
      },
    ],
    structures: ["nothing changes"],
    wire: "nothing",
  },
  {
    id: "udp4-ok",
    title: "UDP (or ping, raw) over IPv4: the default peer is recorded",
    when: { family: ["AF_INET"], transport: ["udp", "ping", "raw"], result: ["ok"] },
    steps: [
      ...SYSCALL,
      DGRAM,
      { fn: "ip4_datagram_connect", file: "net/ipv4/datagram.c", does: "takes the socket lock" },
      {
        fn: "__ip4_datagram_connect",
        file: "net/ipv4/datagram.c",
        does: "route lookup, source address, destination, state ESTABLISHED, route cached; no packet",
      },
      {
        fn: "ip_route_output_flow",
        file: "net/ipv4/route.c",
        does: "the route lookup (through ip_route_connect): the output route and, if unbound, the source address",
      },
    ],
    structures: UDP_STRUCT,
    wire: UDP_WIRE,
    blocking: "never blocks",
  },
  {
    id: "udp4-failed",
    title: "UDP (or ping, raw) over IPv4: the route lookup refuses",
    when: { family: ["AF_INET"], transport: ["udp", "ping", "raw"], result: ["error"] },
    steps: [
      ...SYSCALL,
      DGRAM,
      { fn: "ip4_datagram_connect", file: "net/ipv4/datagram.c", does: "takes the socket lock" },
      {
        fn: "__ip4_datagram_connect",
        file: "net/ipv4/datagram.c",
        does: "no route (ENETUNREACH), or a broadcast route without SO_BROADCAST (EACCES)",
      },
    ],
    structures: ["nothing changes"],
    wire: "nothing",
  },
  {
    id: "udp6-mapped-ok",
    title: "UDP on an IPv6 socket to an IPv4-mapped address: the default peer is recorded",
    when: { family: ["AF_INET6"], transport: ["udp"], mapped: true, result: ["ok"] },
    steps: [
      ...SYSCALL,
      DGRAM,
      { fn: "ip6_datagram_connect", file: "net/ipv6/datagram.c", does: "takes the socket lock" },
      {
        fn: "__ip6_datagram_connect",
        file: "net/ipv6/datagram.c",
        does: "a ::ffff:a.b.c.d peer: hands over to the IPv4 code, then stores the mapped addresses",
      },
      {
        fn: "__ip4_datagram_connect",
        file: "net/ipv4/datagram.c",
        does: "route lookup, source address, destination, state ESTABLISHED; no packet",
      },
      {
        fn: "ip_route_output_flow",
        file: "net/ipv4/route.c",
        does: "the route lookup (through ip_route_connect): the output route and, if unbound, the source address",
      },
    ],
    structures: UDP_STRUCT,
    wire: UDP_WIRE,
    blocking: "never blocks",
  },
  {
    id: "udp6-ok",
    title: "UDP over IPv6: the default peer is recorded",
    when: { family: ["AF_INET6"], transport: ["udp"], result: ["ok"] },
    steps: [
      ...SYSCALL,
      DGRAM,
      { fn: "ip6_datagram_connect", file: "net/ipv6/datagram.c", does: "takes the socket lock" },
      {
        fn: "__ip6_datagram_connect",
        file: "net/ipv6/datagram.c",
        does: "checks the address, stores the destination and flow label",
      },
      {
        fn: "ip6_datagram_dst_update",
        file: "net/ipv6/datagram.c",
        does: "route lookup (ip6_dst_lookup_flow), source address, route cached; then ESTABLISHED, and no packet",
      },
      {
        fn: "ip6_dst_lookup_flow",
        file: "net/ipv6/ip6_output.c",
        does: "the route lookup: the output route and, if unbound, the source address",
      },
    ],
    structures: UDP_STRUCT,
    wire: UDP_WIRE,
    blocking: "never blocks",
  },
  {
    id: "udp6-failed",
    title: "UDP over IPv6: the connect is refused before anything is stored",
    when: { family: ["AF_INET6"], transport: ["udp"], result: ["error"] },
    steps: [
      ...SYSCALL,
      DGRAM,
      { fn: "ip6_datagram_connect", file: "net/ipv6/datagram.c", does: "takes the socket lock" },
      {
        fn: "__ip6_datagram_connect",
        file: "net/ipv6/datagram.c",
        does: "a bad address, or the route lookup fails (ENETUNREACH…): the peer is not kept",
      },
    ],
    structures: ["nothing that lasts: the socket stays unconnected"],
    wire: "nothing",
  },
];

const UNIX_STREAM = ["unix-stream" as const, "unix-seqpacket" as const];

const UNIX_START: StepInput[] = [
  ...SYSCALL,
  {
    fn: "unix_stream_connect",
    file: "net/unix/af_unix.c",
    does: "one call, the steps below run inside it: first the server-side sock and an skb to carry it",
  },
  { fn: "unix_create1", file: "net/unix/af_unix.c", does: "the new sock that accept() will return" },
];

const UNIX: PathInput[] = [
  {
    id: "unix-stream-ok",
    title: "unix stream or seqpacket: linked to the listener, no handshake",
    when: { family: ["AF_UNIX"], transport: UNIX_STREAM, result: ["ok"] },
    steps: [
      ...UNIX_START,
      {
        fn: "unix_find_other",
        file: "net/unix/af_unix.c",
        does: "finds the listener by path (a socket inode) or by abstract name",
      },
      {
        fn: "unix_recvq_full_lockless",
        file: "net/unix/af_unix.c",
        does: "checks whether the listener's queue is over its backlog; if it is, a blocking connect sleeps in unix_wait_for_peer until there is room, then looks the name up again",
      },
      {
        fn: "init_peercred",
        file: "net/unix/af_unix.c",
        does: "the new server-side sock gets this process's pid and credentials",
      },
      {
        fn: "copy_peercred",
        file: "net/unix/af_unix.c",
        does: "this socket gets the listener's credentials (those recorded at listen()); then both ESTABLISHED",
      },
      {
        fn: "sock_def_readable",
        file: "net/core/sock.c",
        does: "the skb carrying the new sock is on the listener's queue: wakes accept() and poll",
      },
      {
        fn: "unix_accept",
        file: "net/unix/af_unix.c",
        does: "the server's accept() takes the queued sock off the listener",
        at: "peer",
      },
    ],
    structures: [
      "a new server-side unix_sock, peer of this one, queued (as an skb) on the listener's receive queue until accept()",
      "this socket: peer set, state ESTABLISHED, SS_CONNECTED; the peer's credentials copied for SO_PEERCRED",
    ],
    wire: "nothing: unix sockets never reach the network stack",
    blocking: "sleeps only while the listener's accept queue holds more than its backlog",
  },
  {
    id: "unix-stream-enoent",
    title: "unix stream or seqpacket: no file at that path",
    when: { family: ["AF_UNIX"], transport: UNIX_STREAM, result: ["ENOENT"] },
    steps: [
      ...UNIX_START,
      { fn: "unix_find_other", file: "net/unix/af_unix.c", does: "a pathname address: looks the path up" },
      {
        fn: "unix_find_bsd",
        file: "net/unix/af_unix.c",
        does: "the path lookup fails with ENOENT; the sock allocated earlier is freed",
      },
    ],
    structures: ["nothing that lasts: the sock made in advance is freed"],
    wire: "nothing",
    blocking: "does not block: the name lookup fails at once",
  },
  {
    id: "unix-stream-refused",
    title: "unix stream or seqpacket: no live listener at that name",
    when: { family: ["AF_UNIX"], transport: UNIX_STREAM, result: ["ECONNREFUSED"] },
    steps: [
      ...UNIX_START,
      {
        fn: "unix_find_other",
        file: "net/unix/af_unix.c",
        does: "no socket at the name (stale file, non-socket, unknown abstract name) or not listening: ECONNREFUSED",
      },
    ],
    structures: ["nothing that lasts: the sock made in advance is freed"],
    wire: "nothing",
  },
  {
    id: "unix-stream-eagain",
    title: "unix stream or seqpacket, non-blocking: the listener's queue is full",
    when: { family: ["AF_UNIX"], transport: UNIX_STREAM, result: ["EAGAIN"] },
    steps: [
      ...UNIX_START,
      { fn: "unix_find_other", file: "net/unix/af_unix.c", does: "finds the listener" },
      {
        fn: "unix_recvq_full_lockless",
        file: "net/unix/af_unix.c",
        does: "its queue holds more than the backlog; non-blocking, so EAGAIN instead of sleeping",
      },
    ],
    structures: ["nothing that lasts: the sock made in advance is freed"],
    wire: "nothing",
  },
  {
    id: "unix-dgram-ok",
    title: "unix datagram: the default peer is recorded",
    when: { family: ["AF_UNIX"], transport: ["unix-dgram"], result: ["ok"] },
    steps: [
      ...SYSCALL,
      {
        fn: "unix_dgram_connect",
        file: "net/unix/af_unix.c",
        does: "binds an autobind name first if SO_PASSCRED asks for one",
      },
      { fn: "unix_find_other", file: "net/unix/af_unix.c", does: "finds the socket bound to the name" },
      {
        fn: "unix_may_send",
        file: "net/unix/af_unix.c",
        does: "refuses (EPERM) a peer that is connected to some other socket",
      },
      {
        fn: "unix_dgram_connect",
        file: "net/unix/af_unix.c",
        does: "records the peer; this socket ESTABLISHED; nothing is queued anywhere",
      },
    ],
    structures: [
      "unix_peer(sk) = the socket bound to that name; sk_state ESTABLISHED; from now on only that peer's datagrams are received",
    ],
    wire: "nothing: unix sockets never reach the network stack",
    blocking: "never blocks",
  },
  {
    id: "unix-dgram-failed",
    title: "unix datagram: no socket at that name",
    when: { family: ["AF_UNIX"], transport: ["unix-dgram"], result: ["error"] },
    steps: [
      ...SYSCALL,
      { fn: "unix_dgram_connect", file: "net/unix/af_unix.c", does: "looks the name up" },
      {
        fn: "unix_find_other",
        file: "net/unix/af_unix.c",
        does: "ENOENT (no such file), ECONNREFUSED (no live socket), EACCES (no write permission)",
      },
    ],
    structures: ["nothing changes"],
    wire: "nothing",
  },
];

export const CONNECT: PathSetInput = {
  syscall: "connect",
  paths: [
    ...TCP_AGAIN,
    ...tcpPaths(TCP4),
    ...tcpPaths(TCP6_MAPPED),
    ...tcpPaths(TCP6),
    ...DATAGRAM,
    ...UNIX,
    {
      id: "netlink",
      title: "netlink: the default destination is recorded",
      when: { family: ["AF_NETLINK"], transport: ["netlink"] },
      steps: [
        ...SYSCALL,
        {
          fn: "netlink_connect",
          file: "net/netlink/af_netlink.c",
          does: "checks permission for a group or a non-kernel port id (EPERM), stores the destination",
        },
        {
          fn: "netlink_autobind",
          file: "net/netlink/af_netlink.c",
          does: "only if the socket has no port id yet: gives it one",
        },
      ],
      structures: ["dst_portid and dst_group of the netlink sock, state CONNECTED; a port id if it had none"],
      wire: "nothing: netlink messages stay inside the kernel",
      blocking: "never blocks",
    },
    {
      id: "any",
      title: "a socket of a family this log does not show",
      when: {},
      steps: SYSCALL,
      structures: [
        "depends on the family: TCP starts a handshake, UDP and unix datagram record a peer, unix stream links to a listener",
      ],
      wire: "depends on the family: a SYN for TCP; nothing for UDP, unix and netlink",
    },
  ],
};
