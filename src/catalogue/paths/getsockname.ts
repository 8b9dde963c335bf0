import type { PathSetInput } from "../schema.js";

export const GETSOCKNAME: PathSetInput = {
  syscall: "getsockname",
  paths: [
    {
      id: "any",
      title: "any socket",
      when: {},
      steps: [
        {
          fn: "__sys_getsockname",
          file: "net/socket.c",
          does: "fd → socket, LSM check, the family's getname for the local side",
        },
        {
          fn: "inet_getname",
          file: "net/ipv4/af_inet.c",
          does: "IPv4: inet_rcv_saddr (or inet_saddr) and inet_sport, read under the socket lock",
        },
        {
          fn: "inet6_getname",
          file: "net/ipv6/af_inet6.c",
          does: "IPv6: the same for AF_INET6 sockets",
        },
        {
          fn: "unix_getname",
          file: "net/unix/af_unix.c",
          does: "AF_UNIX: the bound name, or only the family when there is none",
        },
        {
          fn: "move_addr_to_user",
          file: "net/socket.c",
          does: "copies at most the caller's buffer, then writes back the full length",
        },
      ],
      structures: ["none changed: it reads inet_sock's address and port fields, or unix_sock->addr"],
      wire: "nothing",
    },
  ],
};
