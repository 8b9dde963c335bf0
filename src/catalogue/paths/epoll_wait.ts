// epoll_wait (epoll_pwait, epoll_pwait2): sleeps on the epoll instance's own wait queue; the
// sockets were hooked by epoll_ctl(ADD), and a socket's wake-up runs ep_poll_callback, which puts
// its item on the ready list. Each ready item is polled again through its family's callback (see
// poll.ts) before its event is copied out. The fd the trace shows is the epoll instance, not a
// socket: a family path shows the callback of one ready socket of that family. Checked in
// fs/eventpoll.c (6.1; 6.12 moves the per-item work into ep_deliver_event).
import type { PathSetInput, Step } from "../schema.js";
import { type Family, maskSteps, wakeSteps } from "./poll.js";

const HEAD: Step[] = [
  {
    fn: "do_epoll_wait",
    file: "fs/eventpoll.c",
    does: "checks maxevents and that epfd is an epoll instance (the pwait forms set the signal mask first)",
  },
  {
    fn: "ep_poll",
    file: "fs/eventpoll.c",
    does: "ready list empty and a timeout left: sleeps on the instance's wait queue (ep->wq)",
  },
];

const CALLBACK: Step = {
  fn: "ep_poll_callback",
  file: "fs/eventpoll.c",
  does: "the entry epoll_ctl(ADD) hung on the socket: adds its item to the ready list, wakes ep->wq",
};

const SEND: Step[] = [
  {
    fn: "ep_send_events",
    file: "fs/eventpoll.c",
    does: "takes the ready list and handles at most maxevents items",
  },
  {
    fn: "ep_deliver_event",
    file: "fs/eventpoll.c",
    kernels: "6.12",
    does: "6.12 only (6.1 does it inline): per item, re-poll, copy out, requeue unless EPOLLET/ONESHOT",
  },
  {
    fn: "ep_item_poll",
    file: "fs/eventpoll.c",
    does: "asks the file for its events now, masked by what was registered",
  },
  { fn: "vfs_poll", file: "include/linux/poll.h", does: "calls the file's poll operation" },
  {
    fn: "sock_poll",
    file: "net/socket.c",
    does: "socket_file_ops.poll: the family's proto_ops.poll (no wait-queue hook this time)",
  },
];

function family(f: Family): Step[] {
  return [...HEAD, ...wakeSteps(f, CALLBACK), ...SEND, ...maskSteps(f)];
}

const STRUCTURES = [
  "struct eventpoll: the registered items in a red-black tree (rbr), the ready list (rdllist), the wait queue ep->wq",
  "the ready list: level-triggered items that are still ready go back on it, EPOLLET ones do not, EPOLLONESHOT ones are disarmed",
  "the caller's epoll_event array receives at most maxevents entries",
];

const WIRE = "Nothing: epoll only reports the sockets' state.";

export const EPOLL_WAIT: PathSetInput = {
  syscall: "epoll_wait",
  // epoll_pwait and epoll_pwait2 set the signal mask (do_epoll_pwait, fs/eventpoll.c), then do_epoll_wait.
  alsoFor: ["epoll_pwait", "epoll_pwait2"],
  paths: [
    {
      id: "interrupted",
      title: "a signal arrived while epoll_wait slept (any socket)",
      when: { result: ["EINTR"] },
      steps: [
        ...HEAD,
        {
          fn: "ep_poll",
          file: "fs/eventpoll.c",
          does: "woken with nothing ready and a signal pending: returns EINTR, never restarted",
        },
      ],
      structures: STRUCTURES,
      wire: WIRE,
    },
    {
      id: "tcp-listening",
      title: "a listening TCP socket is ready (each other ready fd answers through its own family)",
      when: { transport: ["tcp"], state: ["listening"] },
      steps: family("tcpListen"),
      structures: STRUCTURES,
      wire: WIRE,
    },
    {
      id: "tcp",
      title: "a TCP socket is ready, IPv4 or IPv6 (each other ready fd answers through its own family)",
      when: { transport: ["tcp"] },
      steps: family("tcp"),
      structures: STRUCTURES,
      wire: "Nothing: epoll only reports the socket's state (the segments that made it ready came earlier).",
    },
    {
      id: "udp",
      title: "a UDP socket is ready, IPv4 or IPv6 (each other ready fd answers through its own family)",
      when: { transport: ["udp"] },
      steps: family("udp"),
      structures: STRUCTURES,
      wire: WIRE,
    },
    {
      id: "unix-stream",
      title: "a unix stream socket is ready (each other ready fd answers through its own family)",
      when: { transport: ["unix-stream"] },
      steps: family("unixStream"),
      structures: STRUCTURES,
      wire: "Nothing: AF_UNIX stays in memory, and epoll only reports the socket's state.",
    },
    {
      id: "unix-dgram-seqpacket",
      title:
        "a unix datagram or seqpacket socket is ready (each other ready fd answers through its own family)",
      when: { transport: ["unix-dgram", "unix-seqpacket"] },
      steps: family("unixDgram"),
      structures: STRUCTURES,
      wire: "Nothing: AF_UNIX stays in memory, and epoll only reports the socket's state.",
    },
    {
      id: "netlink",
      title: "a netlink socket is ready (each other ready fd answers through its own family)",
      when: { transport: ["netlink"] },
      steps: family("netlink"),
      structures: STRUCTURES,
      wire: "Nothing: netlink is a channel inside this machine, and epoll only reports the socket's state.",
    },
    {
      id: "any",
      title: "watched fds whose family this log does not show",
      when: {},
      steps: [
        ...HEAD,
        {
          ...CALLBACK,
          at: "softirq",
          does: "when a watched socket's state changes (for unix, in the peer's send): readies its item",
        },
        ...SEND,
      ],
      structures: STRUCTURES,
      wire: WIRE,
    },
  ],
};
