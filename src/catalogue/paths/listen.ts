import type { PathSetInput } from "../schema.js";

export const LISTEN: PathSetInput = {
  syscall: "listen",
  paths: [
    {
      id: "any",
      title: "any socket",
      when: {},
      steps: [
        {
          fn: "__sys_listen",
          file: "net/socket.c",
          does: "fd → socket; caps the backlog at net.core.somaxconn, compared as unsigned so a negative backlog becomes somaxconn (newer kernels do this in __sys_listen_socket)",
        },
        {
          fn: "inet_listen",
          file: "net/ipv4/af_inet.c",
          does: "TCP: EINVAL unless an unconnected SOCK_STREAM in CLOSE or LISTEN; stores sk_max_ack_backlog; a repeat call only changes the backlog",
        },
        {
          fn: "inet_csk_listen_start",
          file: "net/ipv4/inet_connection_sock.c",
          does: "sets up the accept queue, moves the state to LISTEN, makes sure the port is held, hashes the listener",
        },
        {
          fn: "reqsk_queue_alloc",
          file: "net/core/request_sock.c",
          does: "initialises icsk_accept_queue, empty",
        },
        {
          fn: "inet_csk_get_port",
          file: "net/ipv4/inet_connection_sock.c",
          does: "if the socket was never bound, auto-binds the wildcard address and a free (odd) port; EADDRINUSE if another socket already listens on the port",
        },
        {
          fn: "inet_hash",
          file: "net/ipv4/inet_hashtables.c",
          does: "inserts the socket into the listening hash, where arriving SYNs look for a listener",
        },
        {
          fn: "unix_listen",
          file: "net/unix/af_unix.c",
          does: "AF_UNIX: EOPNOTSUPP for datagram sockets, EINVAL if not bound (no auto-bind), else sets the backlog and LISTEN",
        },
      ],
      structures: [
        "sk_state CLOSE → LISTEN",
        "the accept queue icsk_accept_queue (struct request_sock_queue): a FIFO (rskq_accept_head/tail) of connections whose handshake has finished, waiting for accept(); sk_ack_backlog counts them against sk_max_ack_backlog, the capped backlog",
        "no separate SYN-queue list: each half-open connection becomes a request_sock (state NEW_SYN_RECV) in the established hash; their number (the queue's qlen) is limited by the same backlog",
        "an entry in the listening hash, plus the bind buckets when listen() had to auto-bind",
      ],
      wire: "nothing: listen() sends no packet. From now on the kernel itself answers SYNs to this port with SYN-ACKs, without the program doing anything",
    },
  ],
};
