import type { PathSetInput } from "../schema.js";

type PathInput = PathSetInput["paths"][number];
type StepInput = PathInput["steps"][number];

const INET = ["AF_INET", "AF_INET6"];

/** Every close(): the fd goes, and one reference to the struct file with it. */
const FD: StepInput[] = [
  {
    fn: "file_close_fd",
    file: "fs/file.c",
    kernels: "6.12",
    does: "6.12's close(2): frees the fd slot and takes the file (6.1: close_fd → pick_file, then filp_close)",
  },
];

/** 6.12's close(2) ends in __fput_sync; 6.1's in filp_close → fput. */
const ON_612 =
  "the kernel is 6.12 (6.1 calls filp_close → fput instead; the last fput queues __fput as task_work, which runs before close() returns to the program)";

const FPUT_LAST: StepInput = {
  fn: "__fput_sync",
  file: "fs/file_table.c",
  does: "the last reference, so __fput runs now, inside close()",
  only: ON_612,
};

/** The last reference: the file is released, and with it the socket. */
const LAST: StepInput[] = [
  ...FD,
  FPUT_LAST,
  {
    fn: "__fput",
    file: "fs/file_table.c",
    does: "leaves epoll sets, calls the file's release, drops the dentry (6.1: task_work, before the return to user space)",
  },
  { fn: "sock_close", file: "net/socket.c", does: "the release operation of socket files" },
  {
    fn: "__sock_release",
    file: "net/socket.c",
    does: "calls the family's release; the struct socket and its inode go with the dentry",
  },
];

const inetRelease: StepInput = {
  fn: "inet_release",
  file: "net/ipv4/af_inet.c",
  does: "(IPv6: via inet6_release) leaves multicast groups, takes the SO_LINGER time, calls the protocol's close",
};

const TCP_CLOSE: StepInput = {
  fn: "tcp_close",
  file: "net/ipv4/tcp.c",
  does: "locks the socket and runs __tcp_close",
};

const RELEASED =
  "the struct file, struct socket and sockfs inode are freed; the fd number can be reused at once";

const ORPHAN =
  "the tcp_sock lives on as an orphan with no fd, until its FIN is acknowledged and the closing handshake ends";

const COMMON_RELEASE = (does: string): StepInput => ({
  fn: "sk_common_release",
  file: "net/core/sock.c",
  does,
});

const INET6_RELEASE: StepInput = {
  fn: "inet6_release",
  file: "net/ipv6/af_inet6.c",
  does: "the release op of IPv6 raw and ping sockets: leaves IPv6 multicast and anycast groups, then inet_release",
};

const RAW_INET_RELEASE: StepInput = {
  fn: "inet_release",
  file: "net/ipv4/af_inet.c",
  does: "leaves IPv4 multicast groups and calls the protocol's close, passing a linger time it ignores",
};

/** Ping and raw sockets (inet_sockraw_ops / inet6_sockraw_ops): no connection, nothing to send. */
function pingRaw(): PathInput[] {
  const NEVER = "never blocks: the protocol's close ignores the SO_LINGER time and waits for nothing";
  const PING_STRUCT = [
    RELEASED,
    "the socket leaves the ping hash, so its identifier is free again; queued replies are dropped",
  ];
  const RAW_STRUCT = [RELEASED, "the socket leaves the raw hash of its protocol; queued packets are dropped"];
  const ping = COMMON_RELEASE("unhashes it (ping_unhash), drops its queued replies and the last reference");
  const raw = COMMON_RELEASE("unhashes it from the raw table, drops queued packets and the last reference");
  return [
    {
      id: "ping4",
      title: "ICMP ping socket over IPv4, last reference: unhashed and freed",
      when: { family: ["AF_INET"], transport: ["ping"], last: true },
      steps: [
        ...LAST,
        RAW_INET_RELEASE,
        { fn: "ping_close", file: "net/ipv4/ping.c", does: "ping's close: straight to the common release" },
        ping,
      ],
      structures: PING_STRUCT,
      wire: "nothing: a ping socket has no connection, and closing it sends nothing",
      blocking: NEVER,
    },
    {
      id: "ping6",
      title: "ICMPv6 ping socket, last reference: unhashed and freed",
      when: { family: ["AF_INET6"], transport: ["ping"], last: true },
      steps: [
        ...LAST,
        INET6_RELEASE,
        RAW_INET_RELEASE,
        {
          fn: "ping_close",
          file: "net/ipv4/ping.c",
          does: "the close of pingv6_prot too: straight to the common release",
        },
        ping,
      ],
      structures: PING_STRUCT,
      wire: "nothing: a ping socket has no connection, and closing it sends nothing",
      blocking: NEVER,
    },
    {
      id: "raw4",
      title: "raw IPv4 socket, last reference: unhashed and freed",
      when: { family: ["AF_INET"], transport: ["raw"], last: true },
      steps: [
        ...LAST,
        RAW_INET_RELEASE,
        {
          fn: "raw_close",
          file: "net/ipv4/raw.c",
          does: "drops its IP router-alert registration, if any, then the common release",
        },
        raw,
      ],
      structures: RAW_STRUCT,
      wire: "nothing: a raw socket has no connection, and closing it sends nothing",
      blocking: NEVER,
    },
    {
      id: "raw6",
      title: "raw IPv6 socket, last reference: unhashed and freed",
      when: { family: ["AF_INET6"], transport: ["raw"], last: true },
      steps: [
        ...LAST,
        INET6_RELEASE,
        RAW_INET_RELEASE,
        {
          fn: "rawv6_close",
          file: "net/ipv6/raw.c",
          does: "drops a router-alert registration (IPPROTO_RAW) and any multicast-routing role, then the common release",
        },
        raw,
      ],
      structures: RAW_STRUCT,
      wire: "nothing: a raw socket has no connection, and closing it sends nothing",
      blocking: NEVER,
    },
  ];
}

export const CLOSE: PathSetInput = {
  syscall: "close",
  paths: [
    {
      id: "not-last",
      title: "another fd or process still holds the socket: only this fd goes",
      when: { last: false },
      steps: [
        ...FD,
        {
          fn: "__fput_sync",
          file: "fs/file_table.c",
          does: "drops one reference; others remain, so nothing else happens",
          only: ON_612,
        },
      ],
      structures: [
        "the fd table slot is freed and the struct file's reference count drops by one",
        "the socket, its state and its queues are untouched; the other holders (dup, fork, SCM_RIGHTS) still use it",
      ],
      wire: "nothing: the socket stays open through its other references (shutdown() would act on it regardless)",
      blocking: "never blocks: only a reference is dropped",
    },
    {
      id: "tcp-listener",
      title: "TCP listener, last reference: stops listening, resets the queued connections",
      when: { family: INET, transport: ["tcp"], state: ["listening"], last: true },
      steps: [
        ...LAST,
        inetRelease,
        TCP_CLOSE,
        { fn: "__tcp_close", file: "net/ipv4/tcp.c", does: "a listener: state CLOSE, then stops it" },
        {
          fn: "inet_csk_listen_stop",
          file: "net/ipv4/inet_connection_sock.c",
          does: "disconnects each child still waiting for accept() (tcp_migrate_req may move it to a reuseport sibling)",
        },
        {
          fn: "tcp_disconnect",
          file: "net/ipv4/tcp.c",
          does: "for each such child (inet_child_forget): aborts it",
          only: "connections were still waiting in the accept queue",
        },
        {
          fn: "tcp_send_active_reset",
          file: "net/ipv4/tcp_output.c",
          does: "a RST to each child's client",
          only: "connections were still waiting in the accept queue",
        },
        {
          fn: "inet_csk_destroy_sock",
          file: "net/ipv4/inet_connection_sock.c",
          does: "frees the port and the sock",
        },
      ],
      structures: [
        RELEASED,
        "the listener leaves the listening hash and frees its port; queued connections are reset and freed",
      ],
      wire: "a RST to each connection still waiting in the accept queue; nothing if it was empty",
    },
    {
      id: "tcp-open",
      title: "TCP connection, last reference: the FIN is sent",
      when: { family: INET, transport: ["tcp"], state: ["connected", "half-closed-read"], last: true },
      steps: [
        ...LAST,
        inetRelease,
        TCP_CLOSE,
        {
          fn: "__tcp_close",
          file: "net/ipv4/tcp.c",
          does: "drops the receive queue; unread data or SO_LINGER {1, 0} would mean a RST, else the FIN",
        },
        {
          fn: "tcp_close_state",
          file: "net/ipv4/tcp.c",
          does: "ESTABLISHED → FIN_WAIT1, or CLOSE_WAIT → LAST_ACK when the peer closed first",
        },
        { fn: "tcp_send_fin", file: "net/ipv4/tcp_output.c", does: "FIN after any data still unsent" },
        {
          fn: "sk_stream_wait_close",
          file: "net/core/stream.c",
          does: "only with SO_LINGER {1, N}: waits up to N s for the FIN to be acknowledged",
        },
        {
          fn: "tcp_time_wait",
          file: "net/ipv4/tcp_minisocks.c",
          does: "if this end closed first: after the peer's FIN, a small timewait sock holds the 4-tuple for 60 s",
          at: "softirq",
        },
      ],
      structures: [
        RELEASED,
        "sk_state ESTABLISHED → FIN_WAIT1 (or CLOSE_WAIT → LAST_ACK)",
        ORPHAN,
        "the side that closed first ends in TIME_WAIT for 60 s as an inet_timewait_sock",
      ],
      wire: "FIN (after unsent data); a RST instead if received data was left unread or SO_LINGER was {1, 0}, which the trace cannot show",
    },
    {
      id: "tcp-after-fin",
      title: "TCP after shutdown(SHUT_WR), last reference: no second FIN",
      when: {
        family: INET,
        transport: ["tcp"],
        state: ["half-closed-write", "half-closed-both"],
        last: true,
      },
      steps: [
        ...LAST,
        inetRelease,
        TCP_CLOSE,
        {
          fn: "__tcp_close",
          file: "net/ipv4/tcp.c",
          does: "drops the receive queue; a RST only for unread data or SO_LINGER {1, 0}; CLOSE: straight to the end",
        },
        {
          fn: "tcp_close_state",
          file: "net/ipv4/tcp.c",
          does: "FIN_WAIT1/2, CLOSING, LAST_ACK stay as they are: the FIN was already sent",
        },
      ],
      structures: [RELEASED, "an orphan until the closing handshake ends (or freed now if it already has)"],
      wire: "nothing new: the FIN went out with shutdown(); a RST only if received data was left unread or SO_LINGER was {1, 0}",
    },
    {
      id: "tcp-connecting",
      title: "TCP with a connect under way, last reference",
      when: { family: INET, transport: ["tcp"], state: ["connecting"], last: true },
      steps: [
        ...LAST,
        inetRelease,
        TCP_CLOSE,
        {
          fn: "__tcp_close",
          file: "net/ipv4/tcp.c",
          does: "still SYN_SENT: CLOSE, no FIN; if the handshake had already completed, a FIN as for an open one",
        },
        {
          fn: "tcp_close_state",
          file: "net/ipv4/tcp.c",
          does: "SYN_SENT → CLOSE (ESTABLISHED → FIN_WAIT1 if it had connected meanwhile)",
        },
      ],
      structures: [RELEASED, "the attempt is abandoned: retransmission timer stopped, port freed"],
      wire: "nothing if the handshake was still under way (a late SYN-ACK is answered with a RST); a FIN if it had completed",
    },
    {
      id: "tcp-unconnected",
      title: "TCP never connected, or its connection failed: nothing to tell anyone",
      when: { family: INET, transport: ["tcp"], state: ["created", "bound", "closed", "failed"], last: true },
      steps: [
        ...LAST,
        inetRelease,
        TCP_CLOSE,
        {
          fn: "__tcp_close",
          file: "net/ipv4/tcp.c",
          does: "state CLOSE: no FIN, no RST, straight to the end",
        },
        {
          fn: "inet_csk_destroy_sock",
          file: "net/ipv4/inet_connection_sock.c",
          does: "frees the port (if bound) and the sock",
        },
      ],
      structures: [RELEASED, "the tcp_sock and its port, if it had one, are freed at once"],
      wire: "nothing: there is no connection to close",
    },
    {
      id: "tcp",
      title: "TCP, last reference, state not shown",
      when: { family: INET, transport: ["tcp"], last: true },
      steps: [
        ...LAST,
        inetRelease,
        TCP_CLOSE,
        {
          fn: "__tcp_close",
          file: "net/ipv4/tcp.c",
          does: "listener: resets its queue; open: FIN (RST if data was unread); CLOSE: nothing; then orphans it",
        },
      ],
      structures: [RELEASED, "an open connection lives on as an orphan until its closing handshake ends"],
      wire: "depends on the state: FIN for an open connection, RST for unread data or queued connections of a listener, nothing for a socket never connected",
    },
    {
      id: "udp",
      title: "UDP, last reference: unhashed and freed",
      when: { family: INET, transport: ["udp"], last: true },
      steps: [
        ...LAST,
        inetRelease,
        {
          fn: "udp_lib_close",
          file: "include/net/udp.h",
          does: "UDP's close: hands over to the common release",
        },
        {
          fn: "sk_common_release",
          file: "net/core/sock.c",
          does: "unhashes the socket (its port is free again), orphans it, drops the last reference with its queue",
        },
      ],
      structures: [RELEASED, "the UDP sock leaves the port hash; queued datagrams are dropped"],
      wire: "nothing: UDP has no connection; the peer is not told",
      blocking: "never blocks",
    },
    {
      id: "unix-stream-listener",
      title: "unix stream or seqpacket listener, last reference: queued clients are reset",
      when: {
        family: ["AF_UNIX"],
        transport: ["unix-stream", "unix-seqpacket"],
        state: ["listening"],
        last: true,
      },
      steps: [
        ...LAST,
        { fn: "unix_release", file: "net/unix/af_unix.c", does: "AF_UNIX release: runs unix_release_sock" },
        {
          fn: "unix_release_sock",
          file: "net/unix/af_unix.c",
          does: "unhashes the name, then releases each connection still queued for accept()",
        },
        {
          fn: "unix_release_sock",
          file: "net/unix/af_unix.c",
          does: "for each queued one: its client gets ECONNRESET and end-of-file",
        },
      ],
      structures: [
        RELEASED,
        "the listener's name is unhashed (a pathname socket's file stays in the filesystem: unlink it)",
        "each connection not yet accepted is released; its client's next read fails with ECONNRESET",
      ],
      wire: "nothing: unix sockets never reach the network stack",
      blocking: "never blocks",
    },
    {
      id: "unix-stream-unconnected",
      title: "unix stream or seqpacket never connected, last reference: released",
      when: {
        family: ["AF_UNIX"],
        transport: ["unix-stream", "unix-seqpacket"],
        state: ["created", "bound", "failed", "closed"],
        last: true,
      },
      steps: [
        ...LAST,
        { fn: "unix_release", file: "net/unix/af_unix.c", does: "AF_UNIX release: runs unix_release_sock" },
        {
          fn: "unix_release_sock",
          file: "net/unix/af_unix.c",
          does: "no peer to tell: unhashes the name, if any, and frees the sock",
        },
      ],
      structures: [RELEASED, "a pathname socket's file, if it was bound to one, stays in the filesystem"],
      wire: "nothing: unix sockets never reach the network stack",
      blocking: "never blocks",
    },
    {
      id: "unix-stream",
      title: "unix stream or seqpacket, last reference: the peer sees end-of-file",
      when: { family: ["AF_UNIX"], transport: ["unix-stream", "unix-seqpacket"], last: true },
      steps: [
        ...LAST,
        { fn: "unix_release", file: "net/unix/af_unix.c", does: "AF_UNIX release: runs unix_release_sock" },
        {
          fn: "unix_release_sock",
          file: "net/unix/af_unix.c",
          does: "unlinks the peer, shuts it fully (ECONNRESET if data was left here), wakes it; drops queued data",
        },
      ],
      structures: [
        RELEASED,
        "the peer's sk_shutdown becomes SHUTDOWN_MASK: its reads return 0 once drained (ECONNRESET if this end left data unread), its writes fail with EPIPE",
        "fds in flight in queued messages are dropped; a pathname socket's file stays in the filesystem",
      ],
      wire: "nothing: unix sockets never reach the network stack",
      blocking: "never blocks",
    },
    {
      id: "unix-dgram",
      title: "unix datagram, last reference: released",
      when: { family: ["AF_UNIX"], transport: ["unix-dgram"], last: true },
      steps: [
        ...LAST,
        { fn: "unix_release", file: "net/unix/af_unix.c", does: "AF_UNIX release: runs unix_release_sock" },
        {
          fn: "unix_release_sock",
          file: "net/unix/af_unix.c",
          does: "unlinks its peer, wakes senders waiting on it, drops queued datagrams",
        },
      ],
      structures: [
        RELEASED,
        "a socket connected to this one finds it dead on its next send: ECONNREFUSED",
        "queued datagrams (and fds in flight in them) are dropped; a pathname socket's file stays",
      ],
      wire: "nothing: unix sockets never reach the network stack",
      blocking: "never blocks",
    },
    {
      id: "netlink",
      title: "netlink, last reference: released",
      when: { family: ["AF_NETLINK"], transport: ["netlink"], last: true },
      steps: [
        ...LAST,
        {
          fn: "netlink_release",
          file: "net/netlink/af_netlink.c",
          does: "unhashes the port id, leaves multicast groups, tells the subsystem (NETLINK_URELEASE)",
        },
      ],
      structures: [RELEASED, "the port id is free again; group memberships end"],
      wire: "nothing: netlink messages stay inside the kernel",
      blocking: "never blocks",
    },
    ...pingRaw(),
    {
      id: "last",
      title: "last reference to a socket of a family this log does not show",
      when: { last: true },
      steps: LAST,
      structures: [RELEASED, "the protocol sock is released as its family does it"],
      wire: "whatever the family's release sends, if anything: this log does not show the family",
      blocking:
        "whether it waits depends on the family's release (TCP may linger under SO_LINGER; most families never wait): this log does not show the family",
    },
    {
      id: "any",
      title: "a socket this log does not show",
      when: {},
      steps: [
        ...FD,
        {
          fn: "__fput_sync",
          file: "fs/file_table.c",
          does: "drops a reference, and on the last one releases the file now",
          only: ON_612,
        },
      ],
      structures: ["the fd table slot is freed; the socket is released only if this was its last reference"],
      wire: "depends on the family and on whether this was the last reference",
      blocking:
        "only a last reference can wait, and then only as the family's release does (TCP under SO_LINGER): this log does not show which",
    },
  ],
};
