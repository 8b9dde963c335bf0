// poll: the pollfd array is polled fd by fd; each socket answers through its family's poll
// callback (proto_ops.poll), which also hangs the caller on the socket's wait queue. The fds of
// one call may be sockets of several families: a family path shows the callback of that family,
// and every other fd in the array runs its own. Checked in fs/select.c, net/socket.c,
// net/ipv4/tcp.c, net/ipv4/udp.c, net/core/datagram.c, net/unix/af_unix.c, af_netlink.c (6.1, 6.12).
// The readiness callbacks are shared with pselect6, epoll_wait and epoll_ctl.
import type { PathSetInput, Step } from "../schema.js";

type S = Step;

/** The family callbacks that compute a socket's readiness mask, as proto_ops.poll. */
export const MASK = {
  tcp: {
    fn: "tcp_poll",
    file: "net/ipv4/tcp.c",
    does: "TCP mask: POLLIN for data or FIN (plus POLLRDHUP), POLLOUT for send space, POLLHUP, POLLERR",
  },
  tcpListenEntry: {
    fn: "tcp_poll",
    file: "net/ipv4/tcp.c",
    does: "sees TCP_LISTEN and answers from the accept queue alone",
  },
  tcpListen: {
    fn: "inet_csk_listen_poll",
    file: "include/net/inet_connection_sock.h",
    does: "POLLIN when the accept queue holds a finished connection; never POLLOUT",
  },
  udp: {
    fn: "udp_poll",
    file: "net/ipv4/udp.c",
    does: "IPv4 and IPv6: datagram_poll, POLLIN for the reader queue; blocking: bad-checksum datagrams dropped",
  },
  udpDatagram: {
    fn: "datagram_poll",
    file: "net/core/datagram.c",
    does: "POLLIN for a queued datagram, POLLOUT while under half of sk_sndbuf is in use, POLLERR",
  },
  unixStream: {
    fn: "unix_poll",
    file: "net/unix/af_unix.c",
    does: "POLLIN for queued data, a pending connection or the peer's shutdown; POLLOUT below 1/4 sk_sndbuf",
  },
  unixDgram: {
    fn: "unix_dgram_poll",
    file: "net/unix/af_unix.c",
    does: "POLLIN for a queued message; POLLOUT needs own space and, if connected, room in the peer's queue",
  },
  netlink: {
    fn: "datagram_poll",
    file: "net/core/datagram.c",
    does: "netlink's proto_ops.poll: POLLIN for a queued message, POLLOUT while send space is free, POLLERR",
  },
} satisfies Record<string, S>;

/** The socket's own hook for the waiter: only on a poll/select pass that may still sleep. */
const HOOK: S[] = [
  {
    fn: "sock_poll_wait",
    file: "include/net/sock.h",
    does: "first pass, if the call may sleep (timeout not 0, nothing ready yet): poll_wait on the socket's queue",
  },
  {
    fn: "__pollwait",
    file: "fs/select.c",
    does: "allocates a poll_table_entry whose wake function is pollwake and adds it to that queue",
  },
];

export type Family = "tcp" | "tcpListen" | "udp" | "unixStream" | "unixDgram" | "netlink";

/** The mask callback of a family, with the wait-queue hook when `hook` is given (poll, select). */
export function maskSteps(family: Family, hook: S[] = []): S[] {
  switch (family) {
    case "tcp":
      return [MASK.tcp, ...hook];
    case "tcpListen":
      return [MASK.tcpListenEntry, ...hook, MASK.tcpListen];
    case "udp":
      return [MASK.udp, MASK.udpDatagram, ...hook];
    case "unixStream":
      return [MASK.unixStream, ...hook];
    case "unixDgram":
      return [MASK.unixDgram, ...hook];
    case "netlink":
      return [MASK.netlink, ...hook];
  }
}

/** What wakes a sleeping waiter, per family, and where it runs; `then` is the waiter's callback. */
export function wakeSteps(family: Family, then: S): S[] {
  const at = (where: Step["at"], s: S): S => ({ ...s, at: where });
  switch (family) {
    case "tcp":
      return [
        at("softirq", {
          fn: "sock_def_readable",
          file: "net/core/sock.c",
          does: "a segment with data arrived (a FIN wakes through sock_def_wakeup): wakes the wait queue",
        }),
        at("softirq", {
          fn: "sk_stream_write_space",
          file: "net/core/stream.c",
          does: "an ACK freed send space: wakes once free space is at least half of what is queued",
        }),
        at("softirq", then),
      ];
    case "tcpListen":
      return [
        at("softirq", {
          fn: "sock_def_readable",
          file: "net/core/sock.c",
          does: "the handshake's last ACK put a connection on the accept queue: wakes the listener",
        }),
        at("softirq", then),
      ];
    case "udp":
      return [
        at("softirq", {
          fn: "sock_def_readable",
          file: "net/core/sock.c",
          does: "a datagram was queued on this socket: wakes its wait queue",
        }),
        at("softirq", then),
      ];
    case "unixStream":
    case "unixDgram":
      return [
        at("peer", {
          fn: "sock_def_readable",
          file: "net/core/sock.c",
          does: "the peer's send queued data here (or a connect arrived): wakes this socket's queue",
        }),
        at("peer", {
          fn: "unix_write_space",
          file: "net/unix/af_unix.c",
          does: "the peer read what this socket sent: wakes writers once usage is under 1/4 sk_sndbuf",
        }),
        at("peer", then),
      ];
    case "netlink":
      return [
        at("peer", {
          fn: "__netlink_sendskb",
          file: "net/netlink/af_netlink.c",
          does: "the kernel side queued a reply or a notification on this socket",
        }),
        at("peer", {
          fn: "sock_def_readable",
          file: "net/core/sock.c",
          does: "wakes the socket's wait queue",
        }),
        at("peer", then),
      ];
  }
}

const POLLWAKE: S = {
  fn: "pollwake",
  file: "fs/select.c",
  does: "the entry's wake function: if the event is one asked for, wakes the polling task",
};

export const POLL_HOOK = HOOK;
export const POLL_WAKE = POLLWAKE;

const HEAD: S[] = [
  {
    fn: "do_sys_poll",
    file: "fs/select.c",
    does: "copies the pollfd array in (nfds above RLIMIT_NOFILE: EINVAL)",
  },
  {
    fn: "do_poll",
    file: "fs/select.c",
    does: "polls every fd; if none is ready, sleeps, and after each wake-up polls them all again",
  },
  {
    fn: "do_pollfd",
    file: "fs/select.c",
    does: "per fd: negative is skipped, a closed fd gets POLLNVAL; POLLERR and POLLHUP are always asked",
  },
  { fn: "vfs_poll", file: "include/linux/poll.h", does: "calls the file's poll operation" },
  {
    fn: "sock_poll",
    file: "net/socket.c",
    does: "socket_file_ops.poll: one busy-poll round if enabled, then the family's proto_ops.poll",
  },
];

const SLEEP: S = {
  fn: "poll_schedule_timeout",
  file: "fs/select.c",
  does: "only if nothing is ready and time is left: sleeps until a wake-up, the timeout or a signal",
};

const TAIL: S[] = [
  {
    fn: "poll_freewait",
    file: "fs/select.c",
    does: "takes every entry off the wait queues; do_sys_poll then writes each revents back",
  },
];

function family(f: Family): S[] {
  return [...HEAD, ...maskSteps(f, HOOK), SLEEP, ...wakeSteps(f, POLLWAKE), ...TAIL];
}

const STRUCTURES = [
  "a kernel copy of the pollfd array, and a struct poll_wqueues with one poll_table_entry per polled file",
  "the socket's wait queue (sock->wq.wait) holds one of those entries until the call returns",
  "nothing on the socket itself changes: poll only looks",
];

const WIRE = "Nothing: poll only reads the sockets' state.";

export const POLL: PathSetInput = {
  syscall: "poll",
  // ppoll's entry (__x64_sys_ppoll, fs/select.c) only adds the signal mask, then calls do_sys_poll.
  alsoFor: ["ppoll"],
  paths: [
    {
      id: "interrupted",
      title: "a signal arrived while poll slept (any socket)",
      when: { result: ["EINTR", "ERESTART_RESTARTBLOCK", "ERESTARTNOHAND"] },
      steps: [
        ...HEAD,
        SLEEP,
        {
          fn: "do_poll",
          file: "fs/select.c",
          does: "sees the signal pending with nothing ready and returns ERESTARTNOHAND",
        },
        TAIL[0] as S,
        {
          fn: "handle_signal",
          file: "arch/x86/kernel/signal.c",
          does: "poll set a restart block; with a handler to run, the call ends in EINTR, even with SA_RESTART",
        },
      ],
      structures: STRUCTURES,
      wire: WIRE,
    },
    {
      id: "tcp-listening",
      title: "a listening TCP socket among the fds (each other fd answers through its own family)",
      when: { transport: ["tcp"], state: ["listening"] },
      steps: family("tcpListen"),
      structures: STRUCTURES,
      wire: WIRE,
    },
    {
      id: "tcp",
      title: "a TCP socket among the fds, IPv4 or IPv6 (each other fd answers through its own family)",
      when: { transport: ["tcp"] },
      steps: family("tcp"),
      structures: STRUCTURES,
      wire: "Nothing: poll only reads the socket's state (the segments that make it ready came earlier).",
    },
    {
      id: "udp",
      title: "a UDP socket among the fds, IPv4 or IPv6 (each other fd answers through its own family)",
      when: { transport: ["udp"] },
      steps: family("udp"),
      structures: STRUCTURES,
      wire: WIRE,
    },
    {
      id: "unix-stream",
      title: "a unix stream socket among the fds (each other fd answers through its own family)",
      when: { transport: ["unix-stream"] },
      steps: family("unixStream"),
      structures: STRUCTURES,
      wire: "Nothing: AF_UNIX stays in memory, and poll only reads the socket's state.",
    },
    {
      id: "unix-dgram-seqpacket",
      title:
        "a unix datagram or seqpacket socket among the fds (each other fd answers through its own family)",
      when: { transport: ["unix-dgram", "unix-seqpacket"] },
      steps: family("unixDgram"),
      structures: STRUCTURES,
      wire: "Nothing: AF_UNIX stays in memory, and poll only reads the socket's state.",
    },
    {
      id: "netlink",
      title: "a netlink socket among the fds (each other fd answers through its own family)",
      when: { transport: ["netlink"] },
      steps: family("netlink"),
      structures: STRUCTURES,
      wire: "Nothing: netlink is a channel inside this machine, and poll only reads the socket's state.",
    },
    {
      id: "any",
      title: "sockets whose family this log does not show",
      when: {},
      steps: [
        ...HEAD,
        {
          fn: "__pollwait",
          file: "fs/select.c",
          does: "first pass, if the call may sleep: the family's poll hangs an entry on the socket's wait queue",
        },
        SLEEP,
        {
          fn: "pollwake",
          file: "fs/select.c",
          does: "a socket's state changed (for unix, in the peer's send): wakes the task to poll again",
          at: "softirq",
        },
        ...TAIL,
      ],
      structures: STRUCTURES,
      wire: WIRE,
    },
  ],
};
