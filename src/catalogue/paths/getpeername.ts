// getpeername(): checked against Linux 6.1 and 6.12 net/socket.c __sys_getpeername (the family's
// getname with peer = 1), net/ipv4/af_inet.c inet_getname and net/ipv6/af_inet6.c inet6_getname
// (ENOTCONN without a destination port, or in state CLOSE or SYN_SENT), net/unix/af_unix.c
// unix_getname (ENOTCONN without a peer), net/netlink/af_netlink.c netlink_getname (never fails:
// an unconnected netlink socket reports port 0, the kernel).
import type { PathSetInput, Step } from "../schema.js";

const ENTRY: Step = {
  fn: "__sys_getpeername",
  file: "net/socket.c",
  does: "fd → socket, the LSM hook, then the family's getname for the peer side",
};
const COPY: Step = {
  fn: "move_addr_to_user",
  file: "net/socket.c",
  does: "copies at most the caller's buffer, then writes back the full length",
};

export const GETPEERNAME: PathSetInput = {
  syscall: "getpeername",
  paths: [
    {
      id: "inet4",
      title: "an IPv4 socket with a peer",
      when: { family: ["AF_INET"], result: ["ok"] },
      steps: [
        ENTRY,
        {
          fn: "inet_getname",
          file: "net/ipv4/af_inet.c",
          does: "has a destination port and is past SYN_SENT: inet_daddr and inet_dport",
        },
        COPY,
      ],
      structures: ["none changed: it reads inet_sock's destination address and port"],
      wire: "nothing",
    },
    {
      id: "inet6",
      title: "an IPv6 socket with a peer",
      when: { family: ["AF_INET6"], result: ["ok"] },
      steps: [
        ENTRY,
        {
          fn: "inet6_getname",
          file: "net/ipv6/af_inet6.c",
          does: "has a destination port and is past SYN_SENT: sk_v6_daddr (::ffff:a.b.c.d for IPv4) and the port",
        },
        COPY,
      ],
      structures: ["none changed: it reads the socket's IPv6 destination address and port"],
      wire: "nothing",
    },
    {
      id: "unix",
      title: "a unix socket with a peer",
      when: { family: ["AF_UNIX"], result: ["ok"] },
      steps: [
        ENTRY,
        {
          fn: "unix_getname",
          file: "net/unix/af_unix.c",
          does: "takes a reference on the peer and copies its name; a nameless peer gives only the family",
        },
        COPY,
      ],
      structures: ["none changed: it reads the peer unix_sock's addr"],
      wire: "nothing, ever: unix sockets never reach the network stack",
    },
    {
      id: "netlink",
      title: "a netlink socket",
      when: { family: ["AF_NETLINK"], result: ["ok"] },
      steps: [
        ENTRY,
        {
          fn: "netlink_getname",
          file: "net/netlink/af_netlink.c",
          does: "the connect()ed destination: port id and group, both 0 (the kernel) if never connected",
        },
        COPY,
      ],
      structures: ["none changed: it reads netlink_sock's dst_portid and dst_group"],
      wire: "nothing: netlink never reaches a network",
    },
    {
      id: "inet4-enotconn",
      title: "an IPv4 socket without a peer",
      when: { family: ["AF_INET"], result: ["ENOTCONN"] },
      steps: [
        ENTRY,
        {
          fn: "inet_getname",
          file: "net/ipv4/af_inet.c",
          does: "no destination port, or state CLOSE (never connected, reset, failed) or SYN_SENT: ENOTCONN",
        },
      ],
      structures: ["none changed"],
      wire: "nothing",
    },
    {
      id: "inet6-enotconn",
      title: "an IPv6 socket without a peer",
      when: { family: ["AF_INET6"], result: ["ENOTCONN"] },
      steps: [
        ENTRY,
        {
          fn: "inet6_getname",
          file: "net/ipv6/af_inet6.c",
          does: "no destination port, or state CLOSE (never connected, reset, failed) or SYN_SENT: ENOTCONN",
        },
      ],
      structures: ["none changed"],
      wire: "nothing",
    },
    {
      id: "unix-enotconn",
      title: "a unix socket without a peer",
      when: { family: ["AF_UNIX"], result: ["ENOTCONN"] },
      steps: [
        ENTRY,
        {
          fn: "unix_getname",
          file: "net/unix/af_unix.c",
          does: "the socket has no peer: never connected (or a datagram socket disconnected): ENOTCONN",
        },
      ],
      structures: ["none changed"],
      wire: "nothing",
    },
    {
      id: "any",
      title: "a socket of a family this log does not show",
      when: {},
      steps: [ENTRY, COPY],
      structures: ["none changed: the family's getname reads the peer's address, or says ENOTCONN"],
      wire: "nothing",
    },
  ],
};
