// accept() and accept4(): checked against Linux 6.1 and 6.12: net/socket.c __sys_accept4 →
// __sys_accept4_file (flags, fd reserved first) → do_accept (new socket and file before the
// family's accept; the peer address through the family's getname, ECONNABORTED if that fails),
// net/ipv4/af_inet.c inet_accept/__inet_accept (also IPv6's accept op), net/ipv4/
// inet_connection_sock.c inet_csk_accept/inet_csk_wait_for_connect, net/unix/af_unix.c
// unix_accept (→ skb_recv_datagram in net/core/datagram.c), net/core/sock.c sock_no_accept.
// ECONNABORTED: in both versions it comes only from do_accept, when the peer address was asked
// for and the new socket's getname failed; inet_accept and inet_csk_accept never return it, and a
// connection reset while it waited in the queue is handed out like any other.
// accept4() runs the same code; only the flags given to the new fd differ.
import type { PathSetInput, Step } from "../schema.js";

type PathInput = PathSetInput["paths"][number];

type Flavor = "accept" | "accept4";

function entry(flavor: Flavor): Step[] {
  return [
    {
      fn: "__sys_accept4",
      file: "net/socket.c",
      does:
        flavor === "accept"
          ? "shared by both calls: accept() is accept4() with flags 0; looks up the listener's file"
          : "looks up the listener's file; accept() comes here too, with flags 0",
    },
    {
      fn: "__sys_accept4_file",
      file: "net/socket.c",
      does:
        flavor === "accept"
          ? "reserves the new fd before the queue is touched"
          : "EINVAL for flags other than SOCK_NONBLOCK|SOCK_CLOEXEC; then reserves the new fd",
    },
    {
      fn: "get_unused_fd_flags",
      file: "fs/file.c",
      does:
        flavor === "accept"
          ? "the lowest free fd number (EMFILE at RLIMIT_NOFILE)"
          : "the lowest free fd number, close-on-exec with SOCK_CLOEXEC (EMFILE at RLIMIT_NOFILE)",
    },
    {
      fn: "do_accept",
      file: "net/socket.c",
      does: "makes the new socket and file first, then calls the family's accept with the listener's O_NONBLOCK",
    },
    {
      fn: "sock_alloc",
      file: "net/socket.c",
      does: "the new struct socket, with the listener's type and ops (ENFILE if no inode)",
    },
    {
      fn: "sock_alloc_file",
      file: "net/socket.c",
      does:
        flavor === "accept"
          ? "the new file: O_RDWR only; Linux never copies O_NONBLOCK from the listener"
          : "the new file: O_NONBLOCK only if SOCK_NONBLOCK was passed, never from the listener",
    },
  ];
}

const DROP: Step = {
  fn: "fput",
  file: "fs/file_table.c",
  does: "do_accept drops the new file and its socket; the reserved fd number is given back",
};

function tail(getname: Step): Step[] {
  return [
    { ...getname, ifArg: 1 },
    {
      fn: "move_addr_to_user",
      file: "net/socket.c",
      does: "copies at most the caller's buffer, then writes back the full length",
      ifArg: 1,
    },
    { fn: "fd_install", file: "fs/file.c", does: "publishes the new fd" },
  ];
}

const INET_ACCEPT: Step = {
  fn: "inet_accept",
  file: "net/ipv4/af_inet.c",
  does: "the accept op of IPv4 and IPv6 stream sockets: takes a child sock from TCP's accept",
};
const CSK_ACCEPT_OK: Step = {
  fn: "inet_csk_accept",
  file: "net/ipv4/inet_connection_sock.c",
  does: "EINVAL unless LISTEN; unlinks the oldest finished connection from the accept queue",
};
const GRAFT: Step = {
  fn: "__inet_accept",
  file: "net/ipv4/af_inet.c",
  does: "grafts the child sock onto the new struct socket and marks it SS_CONNECTED",
};
const CSK_WAIT = (does: string): Step => ({
  fn: "inet_csk_wait_for_connect",
  file: "net/ipv4/inet_connection_sock.c",
  does,
});

const TCP_BLOCKING =
  "with a blocking listener and an empty queue, inet_csk_accept first slept in inet_csk_wait_for_connect (an exclusive wait: one sleeper wakes per connection) until the softirq queued one";
const TCP_WIRE =
  "nothing: the three-way handshake was finished earlier by the kernel, as the client's packets arrived; accept() only collects the result";

function fileStructure(flavor: Flavor): string {
  return flavor === "accept"
    ? "a new struct socket and sockfs inode (SS_CONNECTED), a new struct file (O_RDWR, blocking whatever the listener is) and a new fd"
    : "a new struct socket and sockfs inode (SS_CONNECTED), a new struct file (O_NONBLOCK only with SOCK_NONBLOCK) and a new fd (close-on-exec only with SOCK_CLOEXEC)";
}

function tcpStructures(flavor: Flavor, child: string): string[] {
  return [
    "the listener's icsk_accept_queue: its oldest request_sock is unlinked and sk_ack_backlog drops by one",
    `the child tcp_sock, normally ESTABLISHED already (CLOSE_WAIT if the client has closed meanwhile): ${child}; accept() attaches it, it does not create it`,
    fileStructure(flavor),
  ];
}

const NONE = "none taken: the listener's queue is unchanged";

function paths(flavor: Flavor): PathInput[] {
  const E = entry(flavor);
  return [
    {
      id: "tcp4",
      title: "TCP over IPv4, a finished connection is taken",
      when: { family: ["AF_INET"], transport: ["tcp"], result: ["ok"] },
      steps: [
        ...E,
        INET_ACCEPT,
        CSK_ACCEPT_OK,
        GRAFT,
        ...tail({
          fn: "inet_getname",
          file: "net/ipv4/af_inet.c",
          does: "the client's IPv4 address and port, for the program's address buffer",
        }),
      ],
      structures: tcpStructures(
        flavor,
        "the kernel built it in softirq when the client's final ACK arrived (tcp_check_req → tcp_v4_syn_recv_sock)",
      ),
      wire: TCP_WIRE,
      blocking: TCP_BLOCKING,
    },
    {
      id: "tcp6-mapped",
      title: "TCP on an IPv6 listener, a client that came over IPv4 (::ffff: mapped)",
      when: { family: ["AF_INET6"], transport: ["tcp"], result: ["ok"], mapped: true },
      steps: [
        ...E,
        INET_ACCEPT,
        CSK_ACCEPT_OK,
        GRAFT,
        ...tail({
          fn: "inet6_getname",
          file: "net/ipv6/af_inet6.c",
          does: "the new socket has the listener's IPv6 ops: the IPv4 client appears as ::ffff:a.b.c.d",
        }),
      ],
      structures: tcpStructures(
        flavor,
        "built in softirq when the client's final ACK arrived over IPv4: tcp_v6_syn_recv_sock handed it to tcp_v4_syn_recv_sock and gave the child the ipv6_mapped ops, so it sends and receives through IPv4 code",
      ),
      wire: TCP_WIRE,
      blocking: TCP_BLOCKING,
    },
    {
      id: "tcp6",
      title: "TCP over IPv6, a finished connection is taken",
      when: { family: ["AF_INET6"], transport: ["tcp"], result: ["ok"] },
      steps: [
        ...E,
        INET_ACCEPT,
        CSK_ACCEPT_OK,
        GRAFT,
        ...tail({
          fn: "inet6_getname",
          file: "net/ipv6/af_inet6.c",
          does: "the client's IPv6 address and port, for the program's address buffer",
        }),
      ],
      structures: tcpStructures(
        flavor,
        "the kernel built it in softirq when the client's final ACK arrived (tcp_check_req → tcp_v6_syn_recv_sock)",
      ),
      wire: TCP_WIRE,
      blocking: TCP_BLOCKING,
    },
    {
      id: "tcp-eagain",
      title: "TCP, non-blocking listener, no connection waiting",
      when: { family: ["AF_INET", "AF_INET6"], transport: ["tcp"], result: ["EAGAIN"], nonblocking: true },
      steps: [
        ...E,
        INET_ACCEPT,
        {
          fn: "inet_csk_accept",
          file: "net/ipv4/inet_connection_sock.c",
          does: "the accept queue is empty and the listener is O_NONBLOCK: EAGAIN at once",
        },
        DROP,
      ],
      structures: [NONE],
      wire: "nothing",
    },
    {
      id: "tcp-timeout",
      title: "TCP, blocking listener, SO_RCVTIMEO ran out",
      when: { family: ["AF_INET", "AF_INET6"], transport: ["tcp"], result: ["EAGAIN"], nonblocking: false },
      steps: [
        ...E,
        INET_ACCEPT,
        {
          fn: "inet_csk_accept",
          file: "net/ipv4/inet_connection_sock.c",
          does: "the accept queue is empty: waits, for at most SO_RCVTIMEO",
        },
        CSK_WAIT("slept on the listener until the timeout passed with no connection: EAGAIN"),
        DROP,
      ],
      structures: [NONE],
      wire: "nothing",
      blocking: "slept until SO_RCVTIMEO expired",
    },
    {
      id: "tcp-eintr",
      title: "TCP, blocking listener, a signal ended the wait",
      when: { family: ["AF_INET", "AF_INET6"], transport: ["tcp"], result: ["EINTR", "ERESTARTSYS"] },
      steps: [
        ...E,
        INET_ACCEPT,
        {
          fn: "inet_csk_accept",
          file: "net/ipv4/inet_connection_sock.c",
          does: "the accept queue is empty and the listener blocking: waits",
        },
        CSK_WAIT(
          "a signal woke it: ERESTARTSYS with no timeout (restarted under SA_RESTART, else EINTR); EINTR with SO_RCVTIMEO",
        ),
        DROP,
      ],
      structures: [NONE],
      wire: "nothing",
      blocking: "slept with the accept queue empty until a signal arrived",
    },
    {
      id: "tcp-einval",
      title: "TCP, the socket is not listening",
      when: { family: ["AF_INET", "AF_INET6"], transport: ["tcp"], result: ["EINVAL"] },
      steps: [
        ...E,
        INET_ACCEPT,
        {
          fn: "inet_csk_accept",
          file: "net/ipv4/inet_connection_sock.c",
          does: "not in LISTEN: EINVAL (a sleeper also gets it when shutdown() ends the listening)",
        },
        DROP,
      ],
      structures: [
        flavor === "accept4"
          ? "none changed (accept4 says EINVAL for unknown flags too, before anything else)"
          : "none changed",
      ],
      wire: "nothing",
    },
    {
      id: "unix",
      title: "a unix stream or seqpacket connection is taken",
      when: { family: ["AF_UNIX"], transport: ["unix-stream", "unix-seqpacket"], result: ["ok"] },
      steps: [
        ...E,
        {
          fn: "unix_accept",
          file: "net/unix/af_unix.c",
          does: "EINVAL unless LISTEN; takes the oldest skb that a client's connect() queued on the listener",
        },
        {
          fn: "skb_recv_datagram",
          file: "net/core/datagram.c",
          does: "dequeues it; with a blocking listener and an empty queue it sleeps here first",
        },
        {
          fn: "sock_graft",
          file: "include/net/sock.h",
          does: "attaches the server-side unix_sock the client built to the new struct socket",
        },
        ...tail({
          fn: "unix_getname",
          file: "net/unix/af_unix.c",
          does: "the client's name for the program's buffer, or only the family if it has none",
        }),
      ],
      structures: [
        "the listener's receive queue (its accept queue, limited to the backlog by its length) loses the skb that carried the connection, and clients waiting on a full queue are woken",
        "the server-side unix_sock, made and linked to the client by the client's connect() (unix_stream_connect), already ESTABLISHED; accept() only wraps it",
        fileStructure(flavor),
      ],
      wire: "nothing, ever: unix sockets never reach the network stack",
      blocking:
        "with a blocking listener and an empty queue, skb_recv_datagram slept until a client's connect() queued a connection",
    },
    {
      id: "unix-eagain",
      title: "unix, non-blocking listener, no connection waiting",
      when: {
        family: ["AF_UNIX"],
        transport: ["unix-stream", "unix-seqpacket"],
        result: ["EAGAIN"],
        nonblocking: true,
      },
      steps: [
        ...E,
        {
          fn: "unix_accept",
          file: "net/unix/af_unix.c",
          does: "the listener is O_NONBLOCK, so it asks the queue with MSG_DONTWAIT",
        },
        {
          fn: "skb_recv_datagram",
          file: "net/core/datagram.c",
          does: "the queue is empty: EAGAIN at once",
        },
        DROP,
      ],
      structures: [NONE],
      wire: "nothing",
    },
    {
      id: "unix-einval",
      title: "unix, the socket is not listening",
      when: { family: ["AF_UNIX"], transport: ["unix-stream", "unix-seqpacket"], result: ["EINVAL"] },
      steps: [
        ...E,
        {
          fn: "unix_accept",
          file: "net/unix/af_unix.c",
          does: "not in LISTEN (or its receive side was shut down): EINVAL",
        },
        DROP,
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
        ...E,
        {
          fn: "sock_no_accept",
          file: "net/core/sock.c",
          does: "the family's accept op for this type is this stub: EOPNOTSUPP",
        },
        DROP,
      ],
      structures: ["none changed"],
      wire: "nothing",
    },
    {
      id: "econnaborted",
      title: "a connection was taken but its peer address could not be read",
      when: { result: ["ECONNABORTED"] },
      steps: [
        ...E,
        {
          fn: "do_accept",
          file: "net/socket.c",
          does: "the family's accept succeeded, but its getname for the peer failed: ECONNABORTED",
        },
        {
          fn: "fput",
          file: "fs/file_table.c",
          does: "the new file goes, and with it the connection just taken off the queue",
        },
      ],
      structures: [
        "the connection left the accept queue and was released with the new file: it is lost, and the next accept() takes the next one",
      ],
      wire: "for TCP, what a close() of the lost connection sends as the call returns (FIN, or RST if data was unread); otherwise nothing",
    },
    {
      id: "emfile",
      title: "no free fd in the process (EMFILE)",
      when: { result: ["EMFILE"] },
      steps: [
        E[0] as Step,
        E[1] as Step,
        {
          fn: "get_unused_fd_flags",
          file: "fs/file.c",
          does: "the process has RLIMIT_NOFILE fds open: EMFILE, before the accept queue is touched",
        },
      ],
      structures: [
        "none: the connection stays in the accept queue, so the listener stays readable and a level-triggered poll wakes again at once",
      ],
      wire: "nothing",
    },
    {
      id: "enfile",
      title: "the system-wide file limit (ENFILE)",
      when: { result: ["ENFILE"] },
      steps: [
        ...E.slice(0, 5),
        {
          fn: "sock_alloc_file",
          file: "net/socket.c",
          does: "no file: fs.file-max files are open (or sock_alloc found no inode); ENFILE",
        },
      ],
      structures: ["none: the connection stays in the accept queue"],
      wire: "nothing",
    },
    {
      id: "any",
      title: "a socket of a family this log does not show",
      when: {},
      steps: [
        ...E,
        {
          fn: "move_addr_to_user",
          file: "net/socket.c",
          does: "after the family's accept and getname: the peer address for the program",
          ifArg: 1,
        },
        { fn: "fd_install", file: "fs/file.c", does: "publishes the new fd" },
      ],
      structures: [
        "the family's accept hands over a connection that already exists (the kernel, not accept(), made it)",
        fileStructure(flavor),
      ],
      wire: "nothing: accept() only collects a connection the kernel has already set up",
    },
  ];
}

export function acceptPaths(flavor: Flavor): PathSetInput {
  return { syscall: flavor, paths: paths(flavor) };
}

export const ACCEPT: PathSetInput = acceptPaths("accept");
