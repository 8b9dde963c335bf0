// pselect6 (and select): the three bitmaps are polled bit by bit through the same file poll
// operation as poll(2); each socket answers through its family's callback (see poll.ts). A call's
// sets may hold sockets of several families: a family path shows that family's callback, and every
// other fd runs its own. Checked in fs/select.c (do_pselect, core_sys_select, do_select,
// poll_select_finish) and arch/x86/kernel/signal.c, 6.1 and 6.12.
import type { PathSetInput, Step } from "../schema.js";
import { type Family, maskSteps, POLL_HOOK, POLL_WAKE, wakeSteps } from "./poll.js";

const HEAD: Step[] = [
  {
    fn: "do_pselect",
    file: "fs/select.c",
    does: "reads the timeout (an invalid one: EINVAL) and installs the temporary signal mask, if given",
  },
  {
    fn: "core_sys_select",
    file: "fs/select.c",
    does: "copies the three fd bitmaps in, bounded by n and the size of the fd table",
  },
  {
    fn: "do_select",
    file: "fs/select.c",
    does: "polls each fd with a bit set (a closed one: EBADF); sleeps if none is ready, then polls again",
  },
  { fn: "vfs_poll", file: "include/linux/poll.h", does: "calls the file's poll operation" },
  {
    fn: "sock_poll",
    file: "net/socket.c",
    does: "socket_file_ops.poll: one busy-poll round if enabled, then the family's proto_ops.poll",
  },
];

const SLEEP: Step = {
  fn: "poll_schedule_timeout",
  file: "fs/select.c",
  does: "only if no bit is set and time is left: sleeps until a wake-up, the timeout or a signal",
};

const TAIL: Step[] = [
  {
    fn: "poll_freewait",
    file: "fs/select.c",
    does: "takes every entry off the wait queues; core_sys_select copies the result bitmaps out",
  },
  {
    fn: "poll_select_finish",
    file: "fs/select.c",
    does: "restores the signal mask and writes the time not slept back into the timeout",
  },
];

function family(f: Family): Step[] {
  return [...HEAD, ...maskSteps(f, POLL_HOOK), SLEEP, ...wakeSteps(f, POLL_WAKE), ...TAIL];
}

const STRUCTURES = [
  "kernel copies of the three bitmaps and of the three result bitmaps, sized by n",
  "a struct poll_wqueues with one wait-queue entry per polled file, on each socket's wait queue during the call",
  "nothing on the sockets changes: select only looks",
];

const WIRE = "Nothing: select only reads the sockets' state.";

export const PSELECT6: PathSetInput = {
  syscall: "pselect6",
  paths: [
    {
      id: "interrupted",
      title: "a signal arrived while select slept (any socket)",
      when: { result: ["EINTR", "ERESTARTNOHAND"] },
      steps: [
        ...HEAD,
        SLEEP,
        {
          fn: "core_sys_select",
          file: "fs/select.c",
          does: "do_select saw the signal with no bit set: returns ERESTARTNOHAND",
        },
        ...TAIL,
        {
          fn: "handle_signal",
          file: "arch/x86/kernel/signal.c",
          does: "a handler runs: the call ends in EINTR, even with SA_RESTART (no handler: it is restarted)",
        },
      ],
      structures: STRUCTURES,
      wire: WIRE,
    },
    {
      id: "tcp-listening",
      title: "a listening TCP socket in the sets (each other fd answers through its own family)",
      when: { transport: ["tcp"], state: ["listening"] },
      steps: family("tcpListen"),
      structures: STRUCTURES,
      wire: WIRE,
    },
    {
      id: "tcp",
      title: "a TCP socket in the sets, IPv4 or IPv6 (each other fd answers through its own family)",
      when: { transport: ["tcp"] },
      steps: family("tcp"),
      structures: STRUCTURES,
      wire: "Nothing: select only reads the socket's state (the segments that make it ready came earlier).",
    },
    {
      id: "udp",
      title: "a UDP socket in the sets, IPv4 or IPv6 (each other fd answers through its own family)",
      when: { transport: ["udp"] },
      steps: family("udp"),
      structures: STRUCTURES,
      wire: WIRE,
    },
    {
      id: "unix-stream",
      title: "a unix stream socket in the sets (each other fd answers through its own family)",
      when: { transport: ["unix-stream"] },
      steps: family("unixStream"),
      structures: STRUCTURES,
      wire: "Nothing: AF_UNIX stays in memory, and select only reads the socket's state.",
    },
    {
      id: "unix-dgram-seqpacket",
      title: "a unix datagram or seqpacket socket in the sets (each other fd answers through its own family)",
      when: { transport: ["unix-dgram", "unix-seqpacket"] },
      steps: family("unixDgram"),
      structures: STRUCTURES,
      wire: "Nothing: AF_UNIX stays in memory, and select only reads the socket's state.",
    },
    {
      id: "netlink",
      title: "a netlink socket in the sets (each other fd answers through its own family)",
      when: { transport: ["netlink"] },
      steps: family("netlink"),
      structures: STRUCTURES,
      wire: "Nothing: netlink is a channel inside this machine, and select only reads the socket's state.",
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
