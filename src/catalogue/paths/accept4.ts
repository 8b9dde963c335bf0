import type { PathSetInput } from "../schema.js";

export const ACCEPT4: PathSetInput = {
  syscall: "accept4",
  paths: [
    {
      id: "any",
      title: "any socket",
      when: {},
      steps: [
        {
          fn: "__sys_accept4",
          file: "net/socket.c",
          does: "entry; looks up the listening file",
        },
        {
          fn: "__sys_accept4_file",
          file: "net/socket.c",
          does: "EINVAL for flags other than SOCK_NONBLOCK|SOCK_CLOEXEC; reserves the fd, close-on-exec if asked",
        },
        {
          fn: "do_accept",
          file: "net/socket.c",
          does: "new socket and file, O_NONBLOCK from the flags only (never from the listener); then the family's accept",
        },
        {
          fn: "inet_accept",
          file: "net/ipv4/af_inet.c",
          does: "TCP: grafts the child sock onto the new socket",
        },
        {
          fn: "inet_csk_accept",
          file: "net/ipv4/inet_connection_sock.c",
          does: "waits or returns EAGAIN according to the listener's O_NONBLOCK, then dequeues the oldest connection",
        },
        {
          fn: "unix_accept",
          file: "net/unix/af_unix.c",
          does: "AF_UNIX: dequeues the server-side sock the client's connect() prepared",
        },
        {
          fn: "fd_install",
          file: "fs/file.c",
          does: "publishes the new fd",
        },
      ],
      structures: [
        "as accept(): the oldest entry leaves the listener's accept queue (sk_ack_backlog − 1) and its already-established child sock gets a new struct socket, file and fd",
        "the new file carries O_NONBLOCK only if SOCK_NONBLOCK was passed; the fd is close-on-exec only with SOCK_CLOEXEC",
      ],
      wire: "nothing: the kernel completed the handshake before this call",
    },
  ],
};
