// The calls that change how a socket is waited on or how its fd behaves, without touching the
// socket's protocol state: epoll_ctl (the interest list of an epoll instance), fcntl (file status
// flags such as O_NONBLOCK, close-on-exec, duplicates) and ioctl (FIONBIO, FIOCLEX, and the queue
// sizes FIONREAD/SIOCINQ and SIOCOUTQ). Checked in the Linux 6.1 and 6.12 sources: fs/eventpoll.c,
// fs/fcntl.c, fs/file.c, fs/ioctl.c, net/socket.c, net/ipv4/af_inet.c, net/ipv4/tcp.c, udp.c,
// net/unix/af_unix.c. The misconceptions this file corrects: O_NONBLOCK belongs to the open file
// (shared across dup and fork), not to the socket; F_SETFL replaces the flags rather than adding;
// epoll watches the open file, not the fd number; FIONREAD on UDP is one datagram, not the queue.
import type { EntryInput } from "../schema.js";

export const CONTROL_ENTRIES: EntryInput[] = [
  {
    kind: "syscall",
    name: "epoll_ctl",
    aliases: [],
    summary:
      "Add, change or remove an fd in an epoll instance's interest list; adding hooks the epoll instance on the socket's wait queue.",
    blocking: "Does not block (it may wait briefly for the instance's lock).",
    nonblocking: "Same as blocking: O_NONBLOCK on either fd makes no difference here.",
    pitfalls: [
      "epoll watches the open file, not the fd number: close() ends the registration only when no other fd (a dup, a child's copy) still refers to that file, and events can keep arriving for the closed number. Remove it with EPOLL_CTL_DEL before closing.",
      "Adding a socket that is already ready is not too late: the kernel polls it during EPOLL_CTL_ADD and puts it on the ready list at once.",
      "EPOLLERR and EPOLLHUP are always watched, whatever the events mask says.",
      "EPOLLET reports a socket when it is woken again, not while it stays ready: read or write until EAGAIN each time, on a non-blocking fd.",
      "EPOLLONESHOT disarms the fd after one event; it stays registered but silent until EPOLL_CTL_MOD arms it again.",
      "A regular file cannot be added (EPERM): it is always ready, so there is nothing to wait for.",
    ],
    cases: [
      {
        when: { result: ["ok"] },
        summary:
          "The interest list changed: ADD hooked the epoll instance on the socket's wait queue (and queued it as ready if it already was), MOD changed the events, DEL unhooked it.",
      },
      {
        when: { result: ["EEXIST"] },
        summary: "EPOLL_CTL_ADD of an fd that is already registered (the same file at the same fd number).",
        note: "Use EPOLL_CTL_MOD to change its events.",
      },
      {
        when: { result: ["ENOENT"] },
        summary:
          "EPOLL_CTL_MOD or EPOLL_CTL_DEL of an fd that is not registered (or was registered under another fd number).",
      },
      {
        when: { result: ["EPERM"] },
        summary:
          "The target fd does not support poll (a regular file or a directory), so epoll cannot watch it.",
      },
      {
        when: { result: ["EINVAL"] },
        summary:
          "epfd is not an epoll instance, the target is the instance itself, or EPOLLEXCLUSIVE was used where it is not allowed (with MOD, or on an epoll fd).",
      },
      {
        when: { result: ["ENOSPC"] },
        summary: "This user has reached the limit of watched fds (/proc/sys/fs/epoll/max_user_watches).",
      },
      {
        when: { result: ["ELOOP"] },
        summary: "Adding this epoll fd would make a loop of epoll instances, or nest them too deep.",
      },
      {
        when: { result: ["EBADF"] },
        summary: "epfd or the target fd is not open.",
      },
    ],
    man: ["epoll_ctl(2)", "epoll(7)"],
    sources: [
      {
        repo: "torvalds/linux",
        path: "fs/eventpoll.c",
        symbols: [
          "do_epoll_ctl",
          "ep_insert",
          "ep_modify",
          "ep_remove",
          "ep_ptable_queue_proc",
          "ep_poll_callback",
        ],
      },
      { repo: "torvalds/linux", path: "net/socket.c", symbols: ["sock_poll"] },
      { man: "epoll_ctl(2)" },
      { man: "epoll(7)" },
    ],
  },

  {
    kind: "syscall",
    name: "fcntl",
    aliases: ["fcntl64"],
    summary:
      "Read or change an fd's flags: F_SETFL/F_GETFL for the open file's status flags (O_NONBLOCK), F_SETFD/F_GETFD for close-on-exec, F_DUPFD for a copy of the fd.",
    blocking: "Does not block for the commands used on sockets.",
    nonblocking: "Same as blocking; F_SETFL is how a socket is made non-blocking after it was created.",
    pitfalls: [
      "F_SETFL replaces the changeable flags: read them first with F_GETFL and add O_NONBLOCK, or a flag set earlier (O_ASYNC, O_APPEND) is cleared.",
      "O_NONBLOCK belongs to the open file, which dup(), fork() and SCM_RIGHTS share: setting it through one fd changes the socket's mode for every holder, in every process.",
      "Only O_APPEND, O_ASYNC, O_DIRECT, O_NOATIME and O_NONBLOCK can change; the access mode given to F_SETFL (O_RDWR) is ignored.",
      "On Linux a socket returned by accept() does not inherit O_NONBLOCK from the listener: pass SOCK_NONBLOCK to accept4(), or call fcntl on the new fd.",
      "FD_CLOEXEC is a property of the fd, not of the open file: a dup() of the fd does not have it. Setting it after socket() leaves a window in which another thread can fork() and exec(); SOCK_CLOEXEC at creation closes it.",
    ],
    cases: [
      {
        when: { result: ["ok"], nonblocking: true },
        summary:
          "After this call fd {fd} is non-blocking (O_NONBLOCK in its open file): a recv, send, accept or connect that would wait returns EAGAIN or EINPROGRESS instead.",
      },
      {
        when: { result: ["ok"], nonblocking: false },
        summary: "fd {fd} is in blocking mode after this call: its socket calls wait until they can proceed.",
      },
      {
        when: { result: ["EINVAL"] },
        summary:
          "The command is unknown, or F_DUPFD's starting fd is negative or not below the open-file limit (RLIMIT_NOFILE).",
      },
      {
        when: { result: ["EMFILE"] },
        summary:
          "F_DUPFD found no free fd at or above the one asked for: the process has reached its open-file limit.",
      },
      {
        when: { result: ["EBADF"] },
        summary: "fd {fd} is not open.",
      },
      {
        when: { result: ["EPERM"] },
        summary:
          "F_SETFL tried to clear O_APPEND on an append-only file, or to set O_NOATIME on a file this process does not own.",
      },
    ],
    man: ["fcntl(2)", "socket(7)"],
    sources: [
      {
        repo: "torvalds/linux",
        path: "fs/fcntl.c",
        symbols: ["do_fcntl", "setfl", "f_setown"],
      },
      {
        repo: "torvalds/linux",
        path: "fs/file.c",
        symbols: ["f_dupfd", "set_close_on_exec", "get_close_on_exec"],
      },
      {
        repo: "torvalds/linux",
        path: "net/socket.c",
        symbols: ["sock_fasync", "sock_read_iter", "__sys_recvfrom"],
      },
      { man: "fcntl(2)" },
    ],
  },

  {
    kind: "syscall",
    name: "ioctl",
    aliases: [],
    summary:
      "A device-specific request on an fd; on a socket: FIONBIO (non-blocking mode), FIOCLEX (close-on-exec), FIONREAD/SIOCINQ and SIOCOUTQ (bytes queued to read, and sent but not yet done with).",
    blocking: "The requests used on sockets do not block.",
    nonblocking: "Same as blocking; FIONBIO is itself a way to switch a socket to non-blocking mode.",
    pitfalls: [
      "FIONBIO changes the same O_NONBLOCK file flag as fcntl(F_SETFL): the two see each other's changes, and the flag is shared by every dup of the fd.",
      "FIONREAD on a UDP socket gives the size of the next datagram, not the total queued; on TCP and unix stream sockets it counts every unread byte.",
      "SIOCOUTQ on TCP counts bytes not yet acknowledged by the peer, including those already sent; SIOCOUTQNSD counts the ones not yet sent.",
      "The answer of FIONREAD or SIOCOUTQ is written through the third argument; the return value is 0.",
      "isatty() on a socket asks for TCGETS, which fails with ENOTTY: that line in a trace is a library checking whether the fd is a terminal, not an error.",
    ],
    cases: [
      {
        when: { result: ["ENOTTY"] },
        summary:
          "fd {fd}'s socket does not know this request (a terminal request such as TCGETS, or a queue request on netlink): ENOTTY. isatty() on a socket ends this way.",
      },
      {
        when: { transport: ["tcp"], result: ["EINVAL"] },
        summary:
          "SIOCINQ or SIOCOUTQ on a listening TCP socket, which has no byte queues, or a bad argument.",
      },
      {
        when: { result: ["ok"], nonblocking: true },
        summary:
          "The request on fd {fd} was answered; the socket is non-blocking after it (FIONBIO sets the same O_NONBLOCK flag as fcntl).",
      },
      {
        when: { result: ["ok"] },
        summary:
          "The request on fd {fd} was answered; a count (FIONREAD, SIOCOUTQ) is in the int the third argument points to, not in the return value.",
      },
      {
        when: { result: ["EFAULT"] },
        summary: "The third argument does not point to memory of this process.",
      },
      {
        when: { result: ["EBADF"] },
        summary: "fd {fd} is not open.",
      },
    ],
    man: ["ioctl(2)", "socket(7)", "tcp(7)", "udp(7)", "unix(7)"],
    sources: [
      { repo: "torvalds/linux", path: "fs/ioctl.c", symbols: ["do_vfs_ioctl", "ioctl_fionbio", "vfs_ioctl"] },
      { repo: "torvalds/linux", path: "net/socket.c", symbols: ["sock_ioctl", "sock_do_ioctl"] },
      { repo: "torvalds/linux", path: "net/ipv4/tcp.c", symbols: ["tcp_ioctl"] },
      { repo: "torvalds/linux", path: "net/ipv4/udp.c", symbols: ["udp_ioctl"] },
      { repo: "torvalds/linux", path: "net/unix/af_unix.c", symbols: ["unix_ioctl"] },
      { man: "ioctl(2)" },
    ],
  },
];
