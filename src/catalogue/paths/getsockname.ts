// getsockname(): checked against Linux 6.1 and 6.12 net/socket.c __sys_getsockname (the family's
// getname with peer = 0, then move_addr_to_user), net/ipv4/af_inet.c inet_getname (every AF_INET
// socket: TCP, UDP, raw, ping), net/ipv6/af_inet6.c inet6_getname, net/unix/af_unix.c
// unix_getname, net/netlink/af_netlink.c netlink_getname.
import type { PathSetInput, Step } from "../schema.js";

const ENTRY: Step = {
  fn: "__sys_getsockname",
  file: "net/socket.c",
  does: "fd → socket, the LSM hook, then the family's getname for the local side",
};
const COPY: Step = {
  fn: "move_addr_to_user",
  file: "net/socket.c",
  does: "copies at most the caller's buffer, then writes back the full length",
};

export const GETSOCKNAME: PathSetInput = {
  syscall: "getsockname",
  paths: [
    {
      id: "inet4",
      title: "an IPv4 socket",
      when: { family: ["AF_INET"], result: ["ok"] },
      steps: [
        ENTRY,
        {
          fn: "inet_getname",
          file: "net/ipv4/af_inet.c",
          does: "under the socket lock: inet_rcv_saddr (or inet_saddr if that is 0) and inet_sport",
        },
        COPY,
      ],
      structures: [
        "none changed: it reads inet_sock's bound address and port (0.0.0.0:0 if nothing bound it yet)",
      ],
      wire: "nothing",
    },
    {
      id: "inet6",
      title: "an IPv6 socket",
      when: { family: ["AF_INET6"], result: ["ok"] },
      steps: [
        ENTRY,
        {
          fn: "inet6_getname",
          file: "net/ipv6/af_inet6.c",
          does: "under the socket lock: sk_v6_rcv_saddr (or the source address if that is ::), inet_sport, scope id",
        },
        COPY,
      ],
      structures: [
        "none changed: it reads the socket's IPv6 address and port ([::]:0 if nothing bound it yet)",
      ],
      wire: "nothing",
    },
    {
      id: "unix",
      title: "a unix socket",
      when: { family: ["AF_UNIX"], result: ["ok"] },
      steps: [
        ENTRY,
        {
          fn: "unix_getname",
          file: "net/unix/af_unix.c",
          does: "copies unix_sock->addr; a socket without a name gives only the family (length 2)",
        },
        COPY,
      ],
      structures: ["none changed: it reads unix_sock->addr"],
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
          does: "the socket's port id (nl_pid; 0 if not yet bound) and its first 32 multicast groups",
        },
        COPY,
      ],
      structures: ["none changed: it reads netlink_sock's portid and groups"],
      wire: "nothing: netlink never reaches a network",
    },
    {
      id: "any",
      title: "a socket of a family this log does not show",
      when: {},
      steps: [ENTRY, COPY],
      structures: ["none changed: the family's getname reads the socket's local address"],
      wire: "nothing",
    },
  ],
};
