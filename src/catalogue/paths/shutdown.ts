import type { PathSetInput } from "../schema.js";

type StepInput = PathSetInput["paths"][number]["steps"][number];

const SYSCALL: StepInput[] = [
  { fn: "__sys_shutdown", file: "net/socket.c", does: "fd → socket (ENOTSOCK for another kind of file)" },
  { fn: "__sys_shutdown_sock", file: "net/socket.c", does: "LSM check, then the family's shutdown" },
];

const INET = ["AF_INET", "AF_INET6"];

/** inet_shutdown is shared by IPv4 and IPv6 sockets (inet6_stream_ops and inet6_dgram_ops use it too). */
const inet = (does: string): StepInput => ({ fn: "inet_shutdown", file: "net/ipv4/af_inet.c", does });

const KEEPS = "the fd, the struct file and the socket all stay: shutdown() releases nothing";

export const SHUTDOWN: PathSetInput = {
  syscall: "shutdown",
  selector: 1,
  paths: [
    {
      id: "tcp-listener-stop",
      title: "TCP listener, SHUT_RD or SHUT_RDWR: it stops listening",
      when: {
        family: INET,
        transport: ["tcp"],
        state: ["listening"],
        arg: ["SHUT_RD", "SHUT_RDWR"],
        result: ["ok"],
      },
      steps: [
        ...SYSCALL,
        inet("a listener asked to stop reading: disconnects it"),
        { fn: "tcp_disconnect", file: "net/ipv4/tcp.c", does: "state LISTEN → CLOSE" },
        {
          fn: "inet_csk_listen_stop",
          file: "net/ipv4/inet_connection_sock.c",
          does: "disconnects each child still waiting for accept() (tcp_migrate_req may move it to a reuseport sibling)",
        },
        { fn: "tcp_disconnect", file: "net/ipv4/tcp.c", does: "for each such child: aborts it" },
        { fn: "tcp_send_active_reset", file: "net/ipv4/tcp_output.c", does: "a RST to each child's client" },
      ],
      structures: [
        "sk_state LISTEN → CLOSE; the socket leaves the listening hash; blocked accept() calls wake with EINVAL",
        "queued, not yet accepted connections: reset and freed; half-open requests die when they next find no listener",
        KEEPS,
      ],
      wire: "a RST to each connection still waiting to be accepted; nothing if the queue was empty",
      blocking:
        "never blocks: the listener is closed and its queued connections reset at once; no FIN is sent",
    },
    {
      id: "tcp-listener-wr",
      title: "TCP listener, SHUT_WR: nothing to shut",
      when: { family: INET, transport: ["tcp"], state: ["listening"], arg: ["SHUT_WR"], result: ["ok"] },
      steps: [...SYSCALL, inet("a listener with only the send side asked: changes nothing, wakes pollers")],
      structures: ["nothing changes; the socket keeps listening"],
      wire: "nothing",
      blocking: "never blocks: a listener has no send side to shut, so nothing is sent",
    },
    {
      id: "tcp-fin",
      title: "TCP, SHUT_WR or SHUT_RDWR on an open connection: a FIN",
      when: {
        family: INET,
        transport: ["tcp"],
        state: ["connected", "half-closed-read"],
        arg: ["SHUT_WR", "SHUT_RDWR"],
        result: ["ok"],
      },
      steps: [
        ...SYSCALL,
        inet("sets SEND_SHUTDOWN (and RCV_SHUTDOWN for SHUT_RDWR) in sk_shutdown, calls TCP, wakes pollers"),
        {
          fn: "tcp_shutdown",
          file: "net/ipv4/tcp.c",
          does: "the send side is shut in ESTABLISHED or CLOSE_WAIT",
        },
        {
          fn: "tcp_close_state",
          file: "net/ipv4/tcp.c",
          does: "ESTABLISHED → FIN_WAIT1, or CLOSE_WAIT → LAST_ACK when the peer's FIN came first",
        },
        {
          fn: "tcp_send_fin",
          file: "net/ipv4/tcp_output.c",
          does: "marks the last queued segment FIN (or queues a new one) and pushes it out",
        },
      ],
      structures: [
        "sk_shutdown gets SEND_SHUTDOWN (SHUT_RDWR: and RCV_SHUTDOWN)",
        "sk_state ESTABLISHED → FIN_WAIT1 (or CLOSE_WAIT → LAST_ACK), a FIN behind any unsent data",
        KEEPS,
      ],
      wire: "FIN, after any data still queued; the peer's next read returns 0 once it has read the rest",
      blocking:
        "never blocks: the FIN is queued and the call returns without waiting for its acknowledgement",
    },
    {
      id: "tcp-fin-again",
      title: "TCP, SHUT_WR again: the FIN was already sent",
      when: {
        family: INET,
        transport: ["tcp"],
        state: ["half-closed-write", "half-closed-both"],
        arg: ["SHUT_WR", "SHUT_RDWR"],
        result: ["ok"],
      },
      steps: [
        ...SYSCALL,
        inet("sets the bits (already set for sending), calls TCP, wakes pollers"),
        {
          fn: "tcp_shutdown",
          file: "net/ipv4/tcp.c",
          does: "state FIN_WAIT or LAST_ACK, not ESTABLISHED/CLOSE_WAIT: no second FIN",
        },
      ],
      structures: ["sk_shutdown may gain RCV_SHUTDOWN (SHUT_RDWR); nothing else", KEEPS],
      wire: "nothing: the FIN went out with the earlier shutdown",
      blocking: "never blocks: the FIN already went out, so there is nothing to queue or wait for",
    },
    {
      id: "tcp-rd",
      title: "TCP, SHUT_RD: only this end stops reading",
      when: { family: INET, transport: ["tcp"], arg: ["SHUT_RD"], result: ["ok"] },
      steps: [
        ...SYSCALL,
        inet("sets RCV_SHUTDOWN, calls TCP, wakes readers (they now get 0)"),
        { fn: "tcp_shutdown", file: "net/ipv4/tcp.c", does: "the send side is untouched: returns at once" },
      ],
      structures: [
        "sk_shutdown gets RCV_SHUTDOWN: recv() returns queued data, then 0 instead of waiting",
        "the connection state does not change, and data the peer still sends is accepted and acknowledged",
        KEEPS,
      ],
      wire: "nothing: SHUT_RD is not signalled to the peer",
      blocking: "never blocks: SHUT_RD only sets a flag on this socket; nothing is sent",
    },
    {
      id: "inet-enotconn",
      title: "TCP or UDP socket not connected: ENOTCONN",
      when: { family: INET, transport: ["tcp", "udp"], result: ["ENOTCONN"] },
      steps: [
        ...SYSCALL,
        inet(
          "state CLOSE (never connected, failed, or both FINs done): ENOTCONN, yet sets the bits and wakes waiters",
        ),
      ],
      structures: ["sk_shutdown gets the bits anyway (a recv() blocked on the socket returns)", KEEPS],
      wire: "nothing",
      blocking: "never blocks: with no connection there is nothing to send; only flags change",
    },
    {
      id: "tcp",
      title: "TCP, how or state not shown",
      when: { family: INET, transport: ["tcp"] },
      steps: [
        ...SYSCALL,
        inet(
          "sets the bits for how in sk_shutdown, calls TCP (a listener or a SYN_SENT socket is disconnected)",
        ),
        {
          fn: "tcp_shutdown",
          file: "net/ipv4/tcp.c",
          does: "SHUT_WR/SHUT_RDWR in ESTABLISHED or CLOSE_WAIT: next state, and tcp_send_fin sends a FIN",
        },
      ],
      structures: [
        "sk_shutdown gets RCV_SHUTDOWN, SEND_SHUTDOWN or both",
        "with SHUT_WR or SHUT_RDWR on an open connection: ESTABLISHED → FIN_WAIT1 (or CLOSE_WAIT → LAST_ACK)",
        KEEPS,
      ],
      wire: "a FIN if how included SHUT_WR and the connection was open (after queued data); nothing for SHUT_RD",
      blocking:
        "never blocks: flags change at once, and a FIN, when one is due, is queued without waiting for its acknowledgement",
    },
    {
      id: "udp",
      title: "UDP: only flags on this socket",
      when: { family: INET, transport: ["udp"] },
      steps: [
        ...SYSCALL,
        inet("connected UDP: sets the bits in sk_shutdown and wakes waiters; UDP has no shutdown of its own"),
      ],
      structures: [
        "sk_shutdown gets the bits: recv() returns 0 instead of waiting after SHUT_RD, send() fails with EPIPE after SHUT_WR",
        KEEPS,
      ],
      wire: "nothing: UDP has no connection to close, and the peer learns nothing",
      blocking: "never blocks: UDP only records flags on this socket and sends nothing",
    },
    {
      id: "unix-stream",
      title: "unix stream or seqpacket: recorded here and mirrored on the peer",
      when: { family: ["AF_UNIX"], transport: ["unix-stream", "unix-seqpacket"] },
      steps: [
        ...SYSCALL,
        {
          fn: "unix_shutdown",
          file: "net/unix/af_unix.c",
          does: "sets the bits here, the mirror bits on the peer (our SHUT_WR is its end of input), wakes both",
        },
      ],
      structures: [
        "this socket's sk_shutdown gets the bits for how",
        "the peer's sk_shutdown gets the mirror bits: SHUT_WR here → its reads return 0 once drained; SHUT_RD here → its writes fail with EPIPE",
        KEEPS,
      ],
      wire: "nothing: unix sockets never reach the network stack",
      blocking:
        "never blocks: only the flags of this socket and its peer change, under their locks; nothing is sent",
    },
    {
      id: "unix-dgram",
      title: "unix datagram: only flags on this socket",
      when: { family: ["AF_UNIX"], transport: ["unix-dgram"] },
      steps: [
        ...SYSCALL,
        {
          fn: "unix_shutdown",
          file: "net/unix/af_unix.c",
          does: "sets the bits here and wakes waiters; a datagram peer gets no mirror bits",
        },
      ],
      structures: ["this socket's sk_shutdown gets the bits; the peer is not told", KEEPS],
      wire: "nothing",
      blocking: "never blocks: only this socket's flags change; nothing is sent",
    },
    {
      id: "netlink",
      title: "netlink: not supported",
      when: { family: ["AF_NETLINK"], transport: ["netlink"] },
      steps: [
        ...SYSCALL,
        { fn: "sock_no_shutdown", file: "net/core/sock.c", does: "netlink has no shutdown: EOPNOTSUPP" },
      ],
      structures: ["nothing changes"],
      wire: "nothing",
      blocking: "never blocks: EOPNOTSUPP at once",
    },
    {
      id: "any",
      title: "a socket of a family this log does not show",
      when: {},
      steps: SYSCALL,
      structures: ["the family's shutdown bits, as far as it has any", KEEPS],
      wire: "depends on the family: a FIN for TCP with SHUT_WR or SHUT_RDWR; nothing for UDP, unix and netlink",
      blocking:
        "never blocks: shutdown only changes the socket's state; where the family sends something (a TCP FIN), it is queued without waiting for an answer",
    },
  ],
};
