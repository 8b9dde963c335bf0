// listen(): checked against Linux 6.1 and 6.12: net/socket.c __sys_listen (6.12 splits out
// __sys_listen_socket), net/ipv4/af_inet.c inet_listen (6.12 moves its body into
// __inet_listen_sk; inet6 sockets use the same inet_listen), net/ipv4/inet_connection_sock.c
// inet_csk_listen_start → reqsk_queue_alloc → inet_csk_get_port → the protocol's hash (inet_hash,
// or inet6_hash for IPv6), net/unix/af_unix.c unix_listen, and net/core/sock.c sock_no_listen,
// the listen op of UDP, unix datagram, raw, ping, netlink and packet sockets.
import type { PathSetInput, Step } from "../schema.js";

const ENTRY: Step = {
  fn: "__sys_listen",
  file: "net/socket.c",
  does: "fd → socket; caps the backlog at net.core.somaxconn (a negative one too); 6.12: __sys_listen_socket",
};
const INET_LISTEN: Step = {
  fn: "inet_listen",
  file: "net/ipv4/af_inet.c",
  does: "shared by IPv4 and IPv6: EINVAL unless an unconnected SOCK_STREAM socket in CLOSE or LISTEN",
};
const INET_LISTEN_SK: Step = {
  fn: "__inet_listen_sk",
  file: "net/ipv4/af_inet.c",
  kernels: "6.12",
  does: "6.12 only (6.1 does it inside inet_listen): stores the backlog, then starts listening if not yet",
};
const START: Step[] = [
  {
    fn: "inet_csk_listen_start",
    file: "net/ipv4/inet_connection_sock.c",
    does: "empties the accept queue, sets LISTEN, makes sure of the port, then hashes the listener",
  },
  {
    fn: "reqsk_queue_alloc",
    file: "net/core/request_sock.c",
    does: "initialises the accept queue (icsk_accept_queue), empty",
  },
];
const RECHECK: Step = {
  fn: "inet_csk_get_port",
  file: "net/ipv4/inet_connection_sock.c",
  does: "re-checks the bound port as a listener's: EADDRINUSE if another socket already listens there",
};
const AUTOBIND: Step[] = [
  {
    fn: "inet_csk_get_port",
    file: "net/ipv4/inet_connection_sock.c",
    does: "the socket has no port: takes one now, as bind() to port 0 would",
  },
  {
    fn: "inet_csk_find_open_port",
    file: "net/ipv4/inet_connection_sock.c",
    does: "a free port from net.ipv4.ip_local_port_range, on the wildcard address",
  },
  {
    fn: "inet_bind_hash",
    file: "net/ipv4/inet_hashtables.c",
    does: "enters the socket in the bind buckets (bhash, bhash2) under that port",
  },
];
const HASH4: Step = {
  fn: "inet_hash",
  file: "net/ipv4/inet_hashtables.c",
  does: "inserts the socket into the listening hash, where arriving SYNs look for a listener",
};
const HASH6: Step = {
  fn: "inet6_hash",
  file: "net/ipv6/inet6_hashtables.c",
  does: "IPv6's hash op: inserts the socket into the listening hash, where arriving SYNs look",
};

const TCP_STRUCTURES = [
  "sk_state CLOSE → LISTEN",
  "the accept queue icsk_accept_queue (struct request_sock_queue): a FIFO (rskq_accept_head/tail) of connections whose handshake has finished, waiting for accept(); sk_ack_backlog counts them against sk_max_ack_backlog, the capped backlog",
  "no separate SYN-queue list: each half-open connection becomes a request_sock (state NEW_SYN_RECV) in the established hash; their number (the queue's qlen) is limited by the same backlog",
  "an entry in the listening hash (lhash2)",
];
const TCP_WIRE =
  "nothing: listen() sends no packet. From now on the kernel itself answers SYNs to this port with SYN-ACKs, without the program doing anything";

export const LISTEN: PathSetInput = {
  syscall: "listen",
  paths: [
    {
      id: "tcp-again",
      title: "TCP, already listening: only the backlog changes",
      when: { family: ["AF_INET", "AF_INET6"], transport: ["tcp"], result: ["ok"], state: ["listening"] },
      steps: [
        ENTRY,
        INET_LISTEN,
        {
          fn: "__inet_listen_sk",
          file: "net/ipv4/af_inet.c",
          kernels: "6.12",
          does: "6.12 (6.1 inline): already LISTEN, so it only stores the new backlog",
        },
      ],
      structures: ["sk_max_ack_backlog takes the new (capped) backlog; the queue and its connections stay"],
      wire: "nothing",
    },
    {
      id: "tcp4-autobind",
      title: "TCP over IPv4, never bound: listen() picks a port",
      when: { family: ["AF_INET"], transport: ["tcp"], result: ["ok"], state: ["created"] },
      steps: [ENTRY, INET_LISTEN, INET_LISTEN_SK, ...START, ...AUTOBIND, HASH4],
      structures: [
        ...TCP_STRUCTURES,
        "a port from the ephemeral range on 0.0.0.0, in the bind buckets (getsockname() tells which)",
      ],
      wire: TCP_WIRE,
    },
    {
      id: "tcp4",
      title: "TCP over IPv4, bound: it starts listening",
      when: { family: ["AF_INET"], transport: ["tcp"], result: ["ok"] },
      steps: [ENTRY, INET_LISTEN, INET_LISTEN_SK, ...START, RECHECK, HASH4],
      structures: TCP_STRUCTURES,
      wire: TCP_WIRE,
    },
    {
      id: "tcp6-autobind",
      title: "TCP over IPv6, never bound: listen() picks a port",
      when: { family: ["AF_INET6"], transport: ["tcp"], result: ["ok"], state: ["created"] },
      steps: [ENTRY, INET_LISTEN, INET_LISTEN_SK, ...START, ...AUTOBIND, HASH6],
      structures: [
        ...TCP_STRUCTURES,
        "a port from the ephemeral range on [::] (which, without IPV6_V6ONLY, also takes IPv4 connections)",
      ],
      wire: TCP_WIRE,
    },
    {
      id: "tcp6",
      title: "TCP over IPv6, bound: it starts listening",
      when: { family: ["AF_INET6"], transport: ["tcp"], result: ["ok"] },
      steps: [ENTRY, INET_LISTEN, INET_LISTEN_SK, ...START, RECHECK, HASH6],
      structures: TCP_STRUCTURES,
      wire: TCP_WIRE,
    },
    {
      id: "tcp-eaddrinuse",
      title: "TCP, another socket already listens on the port",
      when: { family: ["AF_INET", "AF_INET6"], transport: ["tcp"], result: ["EADDRINUSE"] },
      steps: [
        ENTRY,
        INET_LISTEN,
        INET_LISTEN_SK,
        ...START,
        {
          fn: "inet_csk_get_port",
          file: "net/ipv4/inet_connection_sock.c",
          does: "EADDRINUSE: a listener holds the port (SO_REUSEADDR does not share it), or no free port for autobind",
        },
      ],
      structures: [
        "sk_state goes back to CLOSE; the socket keeps the binding it had (if any) and is in no listening hash",
      ],
      wire: "nothing",
    },
    {
      id: "tcp-einval",
      title: "TCP, connected or connecting: it cannot listen",
      when: { family: ["AF_INET", "AF_INET6"], transport: ["tcp"], result: ["EINVAL"] },
      steps: [
        ENTRY,
        {
          fn: "inet_listen",
          file: "net/ipv4/af_inet.c",
          does: "the socket is not unconnected, or its state is neither CLOSE nor LISTEN: EINVAL",
        },
      ],
      structures: ["none changed"],
      wire: "nothing",
    },
    {
      id: "unix",
      title: "a bound unix stream or seqpacket socket starts listening",
      when: { family: ["AF_UNIX"], transport: ["unix-stream", "unix-seqpacket"], result: ["ok"] },
      steps: [
        ENTRY,
        {
          fn: "unix_listen",
          file: "net/unix/af_unix.c",
          does: "needs a name (no autobind); stores the backlog, sets LISTEN, records the caller's credentials",
        },
      ],
      structures: [
        "sk_state CLOSE → LISTEN; sk_max_ack_backlog = the capped backlog (a larger one wakes clients waiting on a full queue)",
        "the listener's credentials, which each connecting client copies as its SO_PEERCRED",
        "its receive queue becomes the accept queue: each client connect() will put an skb there that carries the server-side socket it built",
      ],
      wire: "nothing, ever: unix sockets never reach the network stack",
    },
    {
      id: "unix-einval",
      title: "a unix socket with no name, or already connected",
      when: { family: ["AF_UNIX"], transport: ["unix-stream", "unix-seqpacket"], result: ["EINVAL"] },
      steps: [
        ENTRY,
        {
          fn: "unix_listen",
          file: "net/unix/af_unix.c",
          does: "EINVAL: the socket was never bound (unix sockets do not autobind here), or is connected",
        },
      ],
      structures: ["none changed"],
      wire: "nothing",
    },
    {
      id: "eopnotsupp",
      title: "a socket type without connections (UDP, unix datagram, raw, ping, netlink, packet)",
      when: {
        transport: ["udp", "unix-dgram", "raw", "ping", "netlink", "packet"],
        result: ["EOPNOTSUPP"],
      },
      steps: [
        ENTRY,
        {
          fn: "sock_no_listen",
          file: "net/core/sock.c",
          does: "the family's listen op for this type is this stub: EOPNOTSUPP",
        },
      ],
      structures: ["none changed"],
      wire: "nothing",
    },
    {
      id: "any",
      title: "a socket of a family this log does not show",
      when: {},
      steps: [
        ENTRY,
        {
          fn: "__sys_listen_socket",
          file: "net/socket.c",
          kernels: "6.12",
          does: "6.12 (6.1 inline): the LSM hook, then the family's listen op",
        },
      ],
      structures: ["the family's listen op records the backlog and marks the socket listening (or refuses)"],
      wire: "nothing: listen() sends nothing",
    },
  ],
};
