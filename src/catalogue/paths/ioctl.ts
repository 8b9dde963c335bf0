// ioctl on a socket: the generic requests (FIONBIO, FIOCLEX) are handled by the VFS before the
// socket sees them; FIONREAD (= SIOCINQ) and SIOCOUTQ go to the socket's ioctl and on to the
// family: inet_ioctl or inet6_ioctl → the protocol's ioctl (tcp_ioctl, udp_ioctl), unix_ioctl;
// netlink answers none of them. Checked in fs/ioctl.c, net/socket.c, net/ipv4/af_inet.c,
// net/ipv6/af_inet6.c, net/core/sock.c, net/ipv4/tcp.c, net/ipv4/udp.c, net/unix/af_unix.c and
// net/netlink/af_netlink.c, 6.1 and 6.12.
import type { PathSetInput, Step } from "../schema.js";

const QUEUES = ["FIONREAD", "SIOCINQ", "SIOCOUTQ", "TIOCOUTQ", "SIOCOUTQNSD"];

const VFS: Step = {
  fn: "do_vfs_ioctl",
  file: "fs/ioctl.c",
  does: "the requests every file shares; FIONREAD on a non-regular file goes on to the file's own ioctl",
};
const TO_SOCKET: Step[] = [
  VFS,
  { fn: "vfs_ioctl", file: "fs/ioctl.c", does: "calls the file's unlocked_ioctl: sock_ioctl" },
  {
    fn: "sock_ioctl",
    file: "net/socket.c",
    does: "answers the socket-wide requests (owner, bridge, VLAN, timestamps, SIOCGIFCONF); others: sock_do_ioctl",
  },
  { fn: "sock_do_ioctl", file: "net/socket.c", does: "calls the family's proto_ops.ioctl" },
];
const SK_IOCTL: Step = {
  fn: "sk_ioctl",
  file: "net/core/sock.c",
  kernels: "6.12",
  does: "6.12 only: calls the protocol's ioctl with a kernel int and copies the answer out",
};
const TCP: Step = {
  fn: "tcp_ioctl",
  file: "net/ipv4/tcp.c",
  does: "SIOCINQ: bytes received not yet read; SIOCOUTQ: sent not yet ACKed; on a listener: EINVAL",
};
const UDP: Step = {
  fn: "udp_ioctl",
  file: "net/ipv4/udp.c",
  does: "SIOCINQ: the size of the next datagram (not the total); SIOCOUTQ: bytes sent not yet freed",
};
const INET4: Step = {
  fn: "inet_ioctl",
  file: "net/ipv4/af_inet.c",
  does: "not a routing or interface request: the protocol's ioctl (sk_prot->ioctl)",
};
const INET6: Step = {
  fn: "inet6_ioctl",
  file: "net/ipv6/af_inet6.c",
  does: "not a routing or interface request: the protocol's ioctl (sk_prot->ioctl)",
};

const READS = ["nothing changes: the answer is read from the socket's queues"];
const WIRE = "Nothing.";

export const IOCTL: PathSetInput = {
  syscall: "ioctl",
  selector: 1,
  paths: [
    {
      id: "fionbio",
      title: "FIONBIO: switch non-blocking mode (as fcntl F_SETFL O_NONBLOCK)",
      when: { arg: ["FIONBIO"] },
      steps: [
        VFS,
        {
          fn: "ioctl_fionbio",
          file: "fs/ioctl.c",
          does: "sets or clears O_NONBLOCK in file->f_flags; the socket is not consulted",
        },
      ],
      structures: [
        "file->f_flags of the open file (shared by every dup): each later call on the socket reads O_NONBLOCK from it",
      ],
      wire: WIRE,
    },
    {
      id: "fioclex",
      title: "FIOCLEX / FIONCLEX: set or clear close-on-exec",
      when: { arg: ["FIOCLEX", "FIONCLEX"] },
      steps: [
        VFS,
        {
          fn: "set_close_on_exec",
          file: "fs/file.c",
          does: "sets or clears this fd's close_on_exec bit, as fcntl F_SETFD does",
        },
      ],
      structures: ["the close_on_exec bitmap of this process's fd table"],
      wire: WIRE,
    },
    {
      id: "tcp4-queues",
      title: "TCP over IPv4: bytes waiting to be read (FIONREAD) or not yet acknowledged (SIOCOUTQ)",
      when: { family: ["AF_INET"], transport: ["tcp"], arg: QUEUES },
      steps: [...TO_SOCKET, INET4, SK_IOCTL, TCP],
      structures: READS,
      wire: WIRE,
    },
    {
      id: "tcp6-queues",
      title: "TCP over IPv6: bytes waiting to be read (FIONREAD) or not yet acknowledged (SIOCOUTQ)",
      when: { family: ["AF_INET6"], transport: ["tcp"], arg: QUEUES },
      steps: [...TO_SOCKET, INET6, SK_IOCTL, TCP],
      structures: READS,
      wire: WIRE,
    },
    {
      id: "udp4-queues",
      title: "UDP over IPv4: the next datagram's size (FIONREAD) or bytes still held by sends (SIOCOUTQ)",
      when: { family: ["AF_INET"], transport: ["udp"], arg: QUEUES },
      steps: [...TO_SOCKET, INET4, SK_IOCTL, UDP],
      structures: READS,
      wire: WIRE,
    },
    {
      id: "udp6-queues",
      title: "UDP over IPv6: the next datagram's size (FIONREAD) or bytes still held by sends (SIOCOUTQ)",
      when: { family: ["AF_INET6"], transport: ["udp"], arg: QUEUES },
      steps: [...TO_SOCKET, INET6, SK_IOCTL, UDP],
      structures: READS,
      wire: WIRE,
    },
    {
      id: "unix-queues",
      title:
        "unix socket: bytes waiting to be read (FIONREAD) or sent and not yet read by the peer (SIOCOUTQ)",
      when: { transport: ["unix-stream", "unix-dgram", "unix-seqpacket"], arg: QUEUES },
      steps: [
        ...TO_SOCKET,
        {
          fn: "unix_ioctl",
          file: "net/unix/af_unix.c",
          does: "SIOCINQ: all queued bytes (stream, seqpacket) or the next datagram's size; SIOCOUTQ: sk_wmem_alloc",
        },
      ],
      structures: READS,
      wire: "Nothing: AF_UNIX stays in memory.",
    },
    {
      id: "netlink-queues",
      title: "netlink socket: FIONREAD and SIOCOUTQ are not supported (ENOTTY)",
      when: { transport: ["netlink"], arg: QUEUES },
      steps: [
        ...TO_SOCKET,
        {
          fn: "netlink_ioctl",
          file: "net/netlink/af_netlink.c",
          does: "answers no request; sock_do_ioctl then refuses a non-socket request number: ENOTTY",
        },
      ],
      structures: ["nothing changes"],
      wire: "Nothing: netlink is a channel inside this machine.",
    },
    {
      id: "request-not-named",
      title:
        "a socket of a family the log shows, a request the trace gives only as a number or this catalogue does not follow",
      when: { family: ["AF_INET", "AF_INET6", "AF_UNIX", "AF_NETLINK", "AF_PACKET"] },
      steps: [{ ...VFS, does: "a request every file shares is answered here; any other goes to sock_ioctl" }],
      structures: ["depends on the request"],
      wire: "Usually nothing.",
    },
    {
      id: "any",
      title: "a socket whose family this log does not show",
      when: {},
      steps: [{ ...VFS, does: "a request every file shares is answered here; any other goes to sock_ioctl" }],
      structures: ["depends on the request"],
      wire: "Usually nothing.",
    },
  ],
};
