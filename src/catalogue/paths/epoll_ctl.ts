// epoll_ctl: ADD builds an epitem for the target file and polls it once through its family's
// callback, with a poll table whose queue function (ep_ptable_queue_proc) hangs an entry on the
// socket's wait queue: from then on the socket's wake-ups call ep_poll_callback. MOD polls again
// without hooking; DEL unhooks and frees the item. The fd the trace decorates is the epoll
// instance, and the socket is the third argument: a family path shows that socket's callback.
// Checked in fs/eventpoll.c (do_epoll_ctl, ep_insert, ep_modify, ep_remove) in 6.1 and 6.12.
import type { PathSetInput, Step } from "../schema.js";
import { type Family, maskSteps } from "./poll.js";

const CTL: Step = {
  fn: "do_epoll_ctl",
  file: "fs/eventpoll.c",
  does: "checks both fds (the target must support poll, else EPERM), locks the instance, looks the item up",
};

const QUEUE: Step = {
  fn: "ep_ptable_queue_proc",
  file: "fs/eventpoll.c",
  does: "adds an eppoll_entry with ep_poll_callback to the socket's wait queue (exclusive if EPOLLEXCLUSIVE)",
};

const HOOK: Step[] = [
  {
    fn: "sock_poll_wait",
    file: "include/net/sock.h",
    does: "calls poll_wait on the socket's wait queue with epoll's poll table",
  },
  QUEUE,
];

const INSERT: Step[] = [
  CTL,
  {
    fn: "ep_insert",
    file: "fs/eventpoll.c",
    does: "ADD of an fd not yet watched: builds the epitem (do_epoll_ctl added EPOLLERR and EPOLLHUP)",
  },
  {
    fn: "ep_rbtree_insert",
    file: "fs/eventpoll.c",
    does: "files the item in the instance's red-black tree (6.12 from ep_register_epitem)",
  },
  {
    fn: "ep_item_poll",
    file: "fs/eventpoll.c",
    does: "polls the socket once with epoll's poll table; if it is ready now, the item goes on the ready list",
  },
  { fn: "vfs_poll", file: "include/linux/poll.h", does: "calls the file's poll operation" },
  {
    fn: "sock_poll",
    file: "net/socket.c",
    does: "socket_file_ops.poll: the family's proto_ops.poll",
  },
];

function add(f: Family): Step[] {
  return [...INSERT, ...maskSteps(f, HOOK)];
}

const ADD_STRUCTURES = [
  "a new struct epitem in the instance's red-black tree, holding the fd, the file and the events asked for",
  "an eppoll_entry on the socket's wait queue (sock->wq.wait) whose wake function is ep_poll_callback",
  "the instance's ready list, if the socket is ready already",
];
const WIRE = "Nothing: epoll_ctl only registers interest.";
const ADD = ["EPOLL_CTL_ADD"];

export const EPOLL_CTL: PathSetInput = {
  syscall: "epoll_ctl",
  selector: 1,
  paths: [
    {
      id: "not-registered",
      title: "ADD of an fd already watched (EEXIST), or MOD/DEL of one not watched (ENOENT)",
      when: { result: ["EEXIST", "ENOENT"] },
      steps: [
        CTL,
        {
          fn: "ep_find",
          file: "fs/eventpoll.c",
          does: "looks the (file, fd) pair up in the red-black tree",
        },
        {
          ...CTL,
          does: "found for ADD: EEXIST; not found for MOD or DEL: ENOENT; nothing changes",
        },
      ],
      structures: ["nothing changes"],
      wire: WIRE,
    },
    {
      id: "add-tcp-listening",
      title: "ADD of a listening TCP socket",
      when: { transport: ["tcp"], state: ["listening"], arg: ADD },
      steps: add("tcpListen"),
      structures: ADD_STRUCTURES,
      wire: WIRE,
    },
    {
      id: "add-tcp",
      title: "ADD of a TCP socket, IPv4 or IPv6",
      when: { transport: ["tcp"], arg: ADD },
      steps: add("tcp"),
      structures: ADD_STRUCTURES,
      wire: WIRE,
    },
    {
      id: "add-udp",
      title: "ADD of a UDP socket, IPv4 or IPv6",
      when: { transport: ["udp"], arg: ADD },
      steps: add("udp"),
      structures: ADD_STRUCTURES,
      wire: WIRE,
    },
    {
      id: "add-unix-stream",
      title: "ADD of a unix stream socket",
      when: { transport: ["unix-stream"], arg: ADD },
      steps: add("unixStream"),
      structures: ADD_STRUCTURES,
      wire: WIRE,
    },
    {
      id: "add-unix-dgram-seqpacket",
      title: "ADD of a unix datagram or seqpacket socket",
      when: { transport: ["unix-dgram", "unix-seqpacket"], arg: ADD },
      steps: add("unixDgram"),
      structures: ADD_STRUCTURES,
      wire: WIRE,
    },
    {
      id: "add-netlink",
      title: "ADD of a netlink socket",
      when: { transport: ["netlink"], arg: ADD },
      steps: add("netlink"),
      structures: ADD_STRUCTURES,
      wire: WIRE,
    },
    {
      id: "add",
      title: "ADD of a socket whose family the log does not show",
      when: { arg: ADD },
      steps: [
        ...INSERT,
        {
          ...QUEUE,
          does: "from the family's poll: hangs an entry with ep_poll_callback on the socket's wait queue",
        },
      ],
      structures: ADD_STRUCTURES,
      wire: WIRE,
    },
    {
      id: "mod",
      title: "MOD: new events for a watched fd",
      when: { arg: ["EPOLL_CTL_MOD"] },
      steps: [
        CTL,
        {
          fn: "ep_modify",
          file: "fs/eventpoll.c",
          does: "stores the new events and data (an item added with EPOLLEXCLUSIVE never gets here: EINVAL)",
        },
        {
          fn: "ep_item_poll",
          file: "fs/eventpoll.c",
          does: "polls the file again, with no queue function: no new wait-queue entry",
        },
        { fn: "vfs_poll", file: "include/linux/poll.h", does: "calls the file's poll operation" },
        { fn: "sock_poll", file: "net/socket.c", does: "socket_file_ops.poll: the family's proto_ops.poll" },
      ],
      structures: [
        "the epitem's event mask and data; the item goes on the ready list if the socket is ready for the new events",
        "an EPOLLONESHOT item disarmed by an earlier event is armed again",
      ],
      wire: WIRE,
    },
    {
      id: "del",
      title: "DEL: stop watching an fd",
      when: { arg: ["EPOLL_CTL_DEL"] },
      steps: [
        CTL,
        { fn: "ep_remove", file: "fs/eventpoll.c", does: "unhooks the item and frees it" },
        {
          fn: "ep_unregister_pollwait",
          file: "fs/eventpoll.c",
          does: "takes the eppoll_entry off the socket's wait queue",
        },
      ],
      structures: [
        "the epitem leaves the red-black tree and the ready list and is freed",
        "the socket's wait queue loses epoll's entry",
      ],
      wire: WIRE,
    },
    {
      id: "any",
      title: "an operation or target the trace does not show",
      when: {},
      steps: [CTL],
      structures: ["the instance's red-black tree of watched items"],
      wire: WIRE,
    },
  ],
};
