import type { PathSetInput } from "../schema.js";

export const POLL: PathSetInput = {
  syscall: "poll",
  paths: [
    {
      id: "any",
      title: "any socket",
      when: {},
      steps: [
        {
          fn: "do_sys_poll",
          file: "fs/select.c",
          does: "copies the pollfd array in (nfds above RLIMIT_NOFILE: EINVAL), writes revents back",
        },
        {
          fn: "do_poll",
          file: "fs/select.c",
          does: "polls every fd; if none is ready, sleeps (poll_schedule_timeout) until a wakeup or the timeout, then polls them all again",
        },
        {
          fn: "do_pollfd",
          file: "fs/select.c",
          does: "per fd: a negative fd is skipped, a closed one gets POLLNVAL; POLLERR and POLLHUP are always added to what was asked",
        },
        {
          fn: "sock_poll",
          file: "net/socket.c",
          does: "socket_file_ops.poll: busy-polling if enabled, then the family's poll",
        },
        {
          fn: "tcp_poll",
          file: "net/ipv4/tcp.c",
          does: "TCP: listening → POLLIN if the accept queue has a connection; POLLIN for data or FIN (with POLLRDHUP); POLLOUT for send space; POLLHUP when both directions are shut or the socket is closed; POLLERR for a pending error",
        },
        {
          fn: "udp_poll",
          file: "net/ipv4/udp.c",
          does: "UDP: datagram_poll; for a blocking socket it drops POLLIN if the first queued datagram fails its checksum",
        },
        {
          fn: "datagram_poll",
          file: "net/core/datagram.c",
          does: "datagram sockets: POLLIN for a queued datagram, POLLOUT while under half of sk_sndbuf is in use, POLLERR for a pending error or error-queue entry",
        },
        {
          fn: "unix_poll",
          file: "net/unix/af_unix.c",
          does: "AF_UNIX stream (unix_dgram_poll for datagrams)",
        },
        {
          fn: "__pollwait",
          file: "fs/select.c",
          does: "first pass only: hangs an entry on each socket's wait queue (through poll_wait), so the socket can wake this task",
        },
        {
          fn: "poll_schedule_timeout",
          file: "fs/select.c",
          does: "sleeps until woken, the timeout or a signal",
        },
        {
          fn: "sock_def_readable",
          file: "net/core/sock.c",
          does: "wake side: runs when data or a connection arrives (softirq) and wakes the wait queue; sk_write_space does the same when ACKs free space",
        },
        {
          fn: "pollwake",
          file: "fs/select.c",
          does: "wake side: the entry's callback, wakes the polling task",
        },
      ],
      structures: [
        "a kernel copy of the pollfd array, and a struct poll_wqueues with one wait-queue entry per polled file",
        "the socket's wait queue (struct socket_wq), which gets a temporary entry for the duration of the call",
        "nothing on the socket itself changes: poll only looks",
      ],
      wire: "Nothing.",
    },
  ],
};
