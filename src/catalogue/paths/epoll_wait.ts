import type { PathSetInput } from "../schema.js";

export const EPOLL_WAIT: PathSetInput = {
  syscall: "epoll_wait",
  paths: [
    {
      id: "any",
      title: "any socket",
      when: {},
      steps: [
        {
          fn: "do_epoll_wait",
          file: "fs/eventpoll.c",
          does: "checks maxevents > 0 and that epfd is an epoll instance (epoll_pwait/epoll_pwait2 come here after setting the signal mask)",
        },
        {
          fn: "ep_poll",
          file: "fs/eventpoll.c",
          does: "if the ready list is empty, sleeps on the epoll instance's own wait queue until an item is added, the timeout or a signal",
        },
        {
          fn: "ep_send_events",
          file: "fs/eventpoll.c",
          does: "for each ready item, re-polls the file to get its current mask and copies the event out; a level-triggered item goes back on the ready list, an EPOLLET one does not, EPOLLONESHOT disarms it",
        },
        {
          fn: "ep_item_poll",
          file: "fs/eventpoll.c",
          does: "asks the file for its current events (vfs_poll)",
        },
        {
          fn: "sock_poll",
          file: "net/socket.c",
          does: "socket_file_ops.poll",
        },
        {
          fn: "tcp_poll",
          file: "net/ipv4/tcp.c",
          does: "TCP readiness mask (data, FIN, send space, error, accept queue)",
        },
        {
          fn: "ep_poll_callback",
          file: "fs/eventpoll.c",
          does: "wake side: the entry epoll_ctl(ADD) hung on the socket's wait queue; when the socket is woken it adds the item to the ready list and wakes the waiter",
        },
        {
          fn: "sock_def_readable",
          file: "net/core/sock.c",
          does: "wake side: called in softirq when data or a connection arrives (sk_write_space when ACKs free space)",
        },
      ],
      structures: [
        "struct eventpoll: the registered fds in a red-black tree (rbr), the ready list (rdllist), and the wait queue epoll_wait sleeps on",
        "one struct epitem per registered fd, with an eppoll_entry on that socket's wait queue (added by epoll_ctl, not by this call)",
        "the caller's epoll_event array receives at most maxevents entries",
      ],
      wire: "Nothing.",
    },
  ],
};
