import type { PathSetInput } from "../schema.js";

export const SETSOCKOPT: PathSetInput = {
  syscall: "setsockopt",
  paths: [
    {
      id: "any",
      title: "any socket",
      when: {},
      steps: [
        {
          fn: "__sys_setsockopt",
          file: "net/socket.c",
          does: "finds the socket from the fd (in 6.1 it also does the dispatch itself)",
        },
        {
          fn: "do_sock_setsockopt",
          file: "net/socket.c",
          does: "newer kernels, not 6.1: security hook, cgroup BPF setsockopt hook, then SOL_SOCKET to sock_setsockopt and every other level to the family's setsockopt",
        },
        {
          fn: "sock_setsockopt",
          file: "net/core/sock.c",
          does: "SOL_SOCKET: passes on to sk_setsockopt",
        },
        {
          fn: "sk_setsockopt",
          file: "net/core/sock.c",
          does: "SOL_SOCKET options: SO_SNDBUF (capped at wmem_max, stored doubled), SO_KEEPALIVE, SO_LINGER, SO_RCVTIMEO/SO_SNDTIMEO, SO_REUSEADDR/PORT…; sets SOCK_RCVBUF_LOCK/SOCK_SNDBUF_LOCK for the buffer sizes",
        },
        {
          fn: "__sock_set_rcvbuf",
          file: "net/core/sock.c",
          does: "SO_RCVBUF: stores twice the value (after capping at rmem_max), at least SOCK_MIN_RCVBUF, and locks out autotuning",
        },
        {
          fn: "sock_common_setsockopt",
          file: "net/core/sock.c",
          does: "other levels on INET sockets: calls the protocol's setsockopt",
        },
        {
          fn: "tcp_setsockopt",
          file: "net/ipv4/tcp.c",
          does: "TCP socket: SOL_TCP options to do_tcp_setsockopt, IP-level ones to ip_setsockopt (or ipv6_setsockopt)",
        },
        {
          fn: "do_tcp_setsockopt",
          file: "net/ipv4/tcp.c",
          does: "TCP_NODELAY, TCP_CORK, TCP_KEEPIDLE/KEEPINTVL/KEEPCNT, TCP_MAXSEG, TCP_QUICKACK, TCP_USER_TIMEOUT…",
        },
        {
          fn: "__tcp_sock_set_nodelay",
          file: "net/ipv4/tcp.c",
          does: "TCP_NODELAY on: turns Nagle off and immediately pushes out data that was held back",
        },
        {
          fn: "udp_setsockopt",
          file: "net/ipv4/udp.c",
          does: "UDP socket: SOL_UDP options to udp_lib_setsockopt, IP-level ones to ip_setsockopt",
        },
        {
          fn: "udp_lib_setsockopt",
          file: "net/ipv4/udp.c",
          does: "UDP_CORK, UDP_SEGMENT, UDP_GRO…",
        },
        {
          fn: "ip_setsockopt",
          file: "net/ipv4/ip_sockglue.c",
          does: "IPPROTO_IP options: IP_TTL, IP_TOS, IP_RECVERR, IP_PKTINFO, multicast membership…; an option for another protocol ends here as ENOPROTOOPT",
        },
      ],
      structures: [
        "fields of struct sock: sk_rcvbuf/sk_sndbuf (the limits, stored doubled), sk_userlocks, sk_rcvtimeo/sk_sndtimeo, sk_reuse/sk_reuseport, flags such as SOCK_KEEPOPEN and SOCK_LINGER",
        "protocol state: tcp_sock.nonagle (Nagle and cork), keepalive times and the keepalive timer, inet_sock TTL/TOS and cmsg flags, UDP cork state",
        "no buffer memory is allocated: a larger SO_RCVBUF only lets more be charged later",
      ],
      wire: "Usually nothing: the options change what happens later (keepalive probes, TTL, the window offered in the next SYN). Exceptions on TCP: turning TCP_NODELAY on or TCP_CORK off sends data that was being held back, and TCP_QUICKACK can send a pending ACK.",
    },
  ],
};
