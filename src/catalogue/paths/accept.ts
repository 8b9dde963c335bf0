import type { PathSetInput } from "../schema.js";

export const ACCEPT: PathSetInput = {
  syscall: "accept",
  paths: [
    {
      id: "any",
      title: "any socket",
      when: {},
      steps: [
        {
          fn: "__sys_accept4",
          file: "net/socket.c",
          does: "shared by accept() and accept4(); accept() is accept4() with flags 0",
        },
        {
          fn: "__sys_accept4_file",
          file: "net/socket.c",
          does: "rejects unknown flags (EINVAL), reserves the new fd number (EMFILE) before touching the queue",
        },
        {
          fn: "do_accept",
          file: "net/socket.c",
          does: "new struct socket (type and ops copied from the listener) and its file, then the family's accept; fills the peer address if asked",
        },
        {
          fn: "inet_accept",
          file: "net/ipv4/af_inet.c",
          does: "TCP: gets the child sock from the protocol and grafts it onto the new socket (SS_CONNECTED)",
        },
        {
          fn: "inet_csk_accept",
          file: "net/ipv4/inet_connection_sock.c",
          does: "EINVAL unless LISTEN; empty queue: EAGAIN if non-blocking, else sleep; then unlinks the oldest entry",
        },
        {
          fn: "inet_csk_wait_for_connect",
          file: "net/ipv4/inet_connection_sock.c",
          does: "the sleep: an exclusive wait, so one blocked accept() wakes per connection; EINTR on a signal, EAGAIN when SO_RCVTIMEO expires",
        },
        {
          fn: "unix_accept",
          file: "net/unix/af_unix.c",
          does: "AF_UNIX: dequeues the skb the client's connect() left on the listener; its server-side sock already exists",
        },
        {
          fn: "fd_install",
          file: "fs/file.c",
          does: "publishes the new fd",
        },
      ],
      structures: [
        "the listener's icsk_accept_queue: its oldest request_sock is unlinked and sk_ack_backlog drops by one",
        "the child tcp_sock, normally ESTABLISHED already (CLOSE_WAIT if the client has closed meanwhile): the kernel built it in softirq when the client's final ACK arrived (tcp_check_req → tcp_v4_syn_recv_sock); accept() attaches it, it does not create it",
        "a new struct socket and sockfs inode (SS_CONNECTED), a new struct file (O_RDWR) and a new fd",
        "AF_UNIX: the server-side unix_sock was allocated by the client's connect(); accept() only wraps it",
      ],
      wire: "nothing: the three-way handshake was finished earlier by the kernel, as the client's packets arrived; accept() only collects the result",
    },
  ],
};
