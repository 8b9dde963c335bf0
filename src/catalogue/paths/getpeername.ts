import type { PathSetInput } from "../schema.js";

export const GETPEERNAME: PathSetInput = {
  syscall: "getpeername",
  paths: [
    {
      id: "any",
      title: "any socket",
      when: {},
      steps: [
        {
          fn: "__sys_getpeername",
          file: "net/socket.c",
          does: "fd → socket, LSM check, the family's getname for the peer side",
        },
        {
          fn: "inet_getname",
          file: "net/ipv4/af_inet.c",
          does: "IPv4: ENOTCONN if there is no destination port or the state is CLOSE or SYN_SENT; else inet_daddr and inet_dport",
        },
        {
          fn: "inet6_getname",
          file: "net/ipv6/af_inet6.c",
          does: "IPv6: the same rules for AF_INET6 sockets",
        },
        {
          fn: "unix_getname",
          file: "net/unix/af_unix.c",
          does: "AF_UNIX: ENOTCONN without a peer; else the peer's name, or only the family if the peer has none",
        },
        {
          fn: "move_addr_to_user",
          file: "net/socket.c",
          does: "copies at most the caller's buffer, then writes back the full length",
        },
      ],
      structures: [
        "none changed: it reads the destination fields (inet_daddr, inet_dport) or the unix peer's name",
      ],
      wire: "nothing",
    },
  ],
};
