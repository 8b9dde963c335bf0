import type { PathSetInput } from "../schema.js";

export const GETSOCKOPT: PathSetInput = {
  syscall: "getsockopt",
  paths: [
    {
      id: "any",
      title: "any socket",
      when: {},
      steps: [
        {
          fn: "__sys_getsockopt",
          file: "net/socket.c",
          does: "finds the socket from the fd (in 6.1 it also dispatches)",
        },
        {
          fn: "do_sock_getsockopt",
          file: "net/socket.c",
          does: "newer kernels, not 6.1: security hook, then SOL_SOCKET to sk_getsockopt and every other level to the family's getsockopt; the cgroup BPF hook sees the result",
        },
        {
          fn: "sk_getsockopt",
          file: "net/core/sock.c",
          does: "SOL_SOCKET (in 6.1 reached through sock_getsockopt): copies out the value, at most optlen bytes; SO_ERROR takes and clears the pending error",
        },
        {
          fn: "sock_common_getsockopt",
          file: "net/core/sock.c",
          does: "other levels on INET sockets: calls the protocol's getsockopt",
        },
        {
          fn: "tcp_getsockopt",
          file: "net/ipv4/tcp.c",
          does: "TCP socket: SOL_TCP to do_tcp_getsockopt, IP levels to ip_getsockopt",
        },
        {
          fn: "do_tcp_getsockopt",
          file: "net/ipv4/tcp.c",
          does: "TCP_NODELAY, TCP_MAXSEG, TCP_INFO (a snapshot of RTT, congestion window, retransmits…)…",
        },
        {
          fn: "udp_getsockopt",
          file: "net/ipv4/udp.c",
          does: "UDP socket: SOL_UDP options, IP levels to ip_getsockopt",
        },
        {
          fn: "ip_getsockopt",
          file: "net/ipv4/ip_sockglue.c",
          does: "IPPROTO_IP options: IP_TTL, IP_TOS, IP_MTU…",
        },
      ],
      structures: [
        "reads fields of struct sock and the protocol's state; nothing changes, except that SO_ERROR takes and clears sk_err (or, if that is empty, sk_err_soft)",
      ],
      wire: "Nothing.",
    },
  ],
};
