import type { PathSetInput } from "../schema.js";

export const PSELECT6: PathSetInput = {
  syscall: "pselect6",
  paths: [
    {
      id: "any",
      title: "any socket",
      when: {},
      steps: [
        {
          fn: "do_pselect",
          file: "fs/select.c",
          does: "reads the timeout, installs the temporary signal mask if one is given",
        },
        {
          fn: "core_sys_select",
          file: "fs/select.c",
          does: "copies the three fd bitmaps in (bounded by n and the fd table size)",
        },
        {
          fn: "do_select",
          file: "fs/select.c",
          does: "polls each fd whose bit is set (a bit for a closed fd: EBADF); readable = POLLIN, POLLHUP or POLLERR, writable = POLLOUT or POLLERR, exceptional = POLLPRI; sleeps if none is ready",
        },
        {
          fn: "sock_poll",
          file: "net/socket.c",
          does: "socket_file_ops.poll: the family's poll",
        },
        {
          fn: "tcp_poll",
          file: "net/ipv4/tcp.c",
          does: "TCP readiness mask (data, FIN, send space, error, accept queue)",
        },
        {
          fn: "datagram_poll",
          file: "net/core/datagram.c",
          does: "UDP and other datagram sockets (udp_poll calls it)",
        },
        {
          fn: "__pollwait",
          file: "fs/select.c",
          does: "first pass only: hangs an entry on each socket's wait queue",
        },
        {
          fn: "poll_schedule_timeout",
          file: "fs/select.c",
          does: "sleeps until a socket callback wakes the task, the timeout or a signal",
        },
        {
          fn: "poll_select_finish",
          file: "fs/select.c",
          does: "restores the signal mask and writes the time left back into the timeout",
        },
      ],
      structures: [
        "kernel copies of the three bitmaps (in and out), sized by n",
        "a struct poll_wqueues with one wait-queue entry per polled file, on each socket's wait queue for the duration of the call",
      ],
      wire: "Nothing.",
    },
  ],
};
