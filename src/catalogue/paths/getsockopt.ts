// getsockopt: SOL_SOCKET is answered by sk_getsockopt for every family (6.1 through
// sock_getsockopt); any other level goes to the family's proto_ops.getsockopt: on inet sockets
// sock_common_getsockopt → the protocol's getsockopt, which keeps its own level and passes the IP
// levels to ip_getsockopt or ipv6_getsockopt; netlink has netlink_getsockopt; unix has none.
// Checked in net/socket.c, net/core/sock.c, net/ipv4/tcp.c, udp.c, ip_sockglue.c, net/ipv6/udp.c,
// ipv6_sockglue.c, net/netlink/af_netlink.c (6.1 and 6.12).
import type { PathSetInput, Step } from "../schema.js";
import { except, LEVEL } from "./setsockopt.js";

const HEAD: Step[] = [
  {
    fn: "__sys_getsockopt",
    file: "net/socket.c",
    does: "finds the socket; 6.1 then runs the hooks and calls the level's handler itself (no do_sock_getsockopt)",
  },
  {
    fn: "do_sock_getsockopt",
    file: "net/socket.c",
    kernels: "6.12",
    does: "6.12: LSM hook, dispatch by level, then the cgroup-BPF hook may rewrite the result",
  },
];

const COMMON: Step = {
  fn: "sock_common_getsockopt",
  file: "net/core/sock.c",
  does: "inet proto_ops.getsockopt: calls the protocol's getsockopt (sk->sk_prot)",
};
const TCP: Step = {
  fn: "tcp_getsockopt",
  file: "net/ipv4/tcp.c",
  does: "SOL_TCP to do_tcp_getsockopt; any other level to icsk_af_ops (ip_ or ipv6_getsockopt)",
};
const UDP4: Step = {
  fn: "udp_getsockopt",
  file: "net/ipv4/udp.c",
  does: "SOL_UDP and SOL_UDPLITE to udp_lib_getsockopt, other levels to ip_getsockopt",
};
const UDP6: Step = {
  fn: "udpv6_getsockopt",
  file: "net/ipv6/udp.c",
  does: "SOL_UDP and SOL_UDPLITE to udp_lib_getsockopt, other levels to ipv6_getsockopt",
};
const UDP_LIB: Step = {
  fn: "udp_lib_getsockopt",
  file: "net/ipv4/udp.c",
  does: "UDP_CORK, UDP_SEGMENT, UDP_GRO, UDP_ENCAP…",
};
const IP4: Step = { fn: "ip_getsockopt", file: "net/ipv4/ip_sockglue.c", does: "calls do_ip_getsockopt" };
const DO_IP4: Step = {
  fn: "do_ip_getsockopt",
  file: "net/ipv4/ip_sockglue.c",
  does: "IP_TTL, IP_TOS, IP_MTU (connected only), IP_PKTINFO…; a level other than SOL_IP: EOPNOTSUPP",
};
const IP6: Step = {
  fn: "ipv6_getsockopt",
  file: "net/ipv6/ipv6_sockglue.c",
  does: "SOL_IPV6 to do_ipv6_getsockopt; SOL_IP to the IPv4 code; any other level: ENOPROTOOPT",
};
const DO_IP6: Step = {
  fn: "do_ipv6_getsockopt",
  file: "net/ipv6/ipv6_sockglue.c",
  does: "IPV6_V6ONLY, IPV6_UNICAST_HOPS, IPV6_TCLASS, IPV6_MTU (connected only)…",
};
const NETLINK: Step = {
  fn: "netlink_getsockopt",
  file: "net/netlink/af_netlink.c",
  does: "SOL_NETLINK: NETLINK_LIST_MEMBERSHIPS, NETLINK_EXT_ACK, NETLINK_PKTINFO…",
};

const READS = [
  "reads the option's value from the protocol's state and copies it out (at most optlen bytes); nothing changes",
];
const REFUSED = ["nothing: the level is refused"];

export const GETSOCKOPT: PathSetInput = {
  syscall: "getsockopt",
  selector: 1,
  paths: [
    {
      id: "not-a-socket",
      title: "the fd is not open (EBADF) or not a socket (ENOTSOCK)",
      when: { result: ["EBADF", "ENOTSOCK"] },
      steps: [
        {
          fn: "__sys_getsockopt",
          file: "net/socket.c",
          does: "the fd lookup fails before any level is looked at",
        },
      ],
      structures: ["nothing changes"],
      wire: "Nothing.",
    },
    {
      id: "sol-socket",
      title: "any socket, SOL_SOCKET",
      when: { arg: LEVEL.socket },
      steps: [
        ...HEAD,
        {
          fn: "sk_getsockopt",
          file: "net/core/sock.c",
          does: "(6.1 gets here from __sys_getsockopt through sock_getsockopt) the SOL_SOCKET switch: SO_ERROR takes and clears the pending error, buffer sizes read doubled…",
        },
      ],
      structures: [
        "reads only the value this option names (a struct sock field; for SO_PASSCRED a bit in struct socket's flags); SO_ERROR also clears sk_err (or, if that is 0, sk_err_soft)",
      ],
      wire: "Nothing.",
    },
    {
      id: "tcp-sol-tcp",
      title: "TCP (IPv4 or IPv6), SOL_TCP",
      when: { transport: ["tcp"], arg: LEVEL.tcp },
      steps: [
        ...HEAD,
        COMMON,
        TCP,
        {
          fn: "do_tcp_getsockopt",
          file: "net/ipv4/tcp.c",
          does: "TCP_NODELAY, TCP_MAXSEG, TCP_INFO (a snapshot of RTT, cwnd, retransmits…); unknown: ENOPROTOOPT",
        },
      ],
      structures: READS,
      wire: "Nothing.",
    },
    {
      id: "tcp4-sol-ip",
      title: "TCP over IPv4, SOL_IP",
      when: { family: ["AF_INET"], transport: ["tcp"], arg: LEVEL.ip },
      steps: [...HEAD, COMMON, TCP, IP4, DO_IP4],
      structures: READS,
      wire: "Nothing.",
    },
    {
      id: "udp4-sol-ip",
      title: "UDP over IPv4, SOL_IP",
      when: { family: ["AF_INET"], transport: ["udp"], arg: LEVEL.ip },
      steps: [...HEAD, COMMON, UDP4, IP4, DO_IP4],
      structures: READS,
      wire: "Nothing.",
    },
    {
      id: "tcp6-sol-ipv6",
      title: "TCP over IPv6, SOL_IPV6",
      when: { family: ["AF_INET6"], transport: ["tcp"], arg: LEVEL.ipv6 },
      steps: [...HEAD, COMMON, TCP, IP6, DO_IP6],
      structures: READS,
      wire: "Nothing.",
    },
    {
      id: "udp6-sol-ipv6",
      title: "UDP over IPv6, SOL_IPV6",
      when: { family: ["AF_INET6"], transport: ["udp"], arg: LEVEL.ipv6 },
      steps: [...HEAD, COMMON, UDP6, IP6, DO_IP6],
      structures: READS,
      wire: "Nothing.",
    },
    {
      id: "tcp6-sol-ip",
      title: "TCP over IPv6, SOL_IP (the IPv4 settings kept for mapped traffic)",
      when: { family: ["AF_INET6"], transport: ["tcp"], arg: LEVEL.ip },
      steps: [
        ...HEAD,
        COMMON,
        TCP,
        {
          ...IP6,
          does: "SOL_IP on a non-raw socket: hands it to the IPv4 code (ip_getsockopt; 6.1 via udp_prot)",
        },
      ],
      structures: READS,
      wire: "Nothing.",
    },
    {
      id: "udp6-sol-ip",
      title: "UDP over IPv6, SOL_IP (the IPv4 settings kept for mapped traffic)",
      when: { family: ["AF_INET6"], transport: ["udp"], arg: LEVEL.ip },
      steps: [
        ...HEAD,
        COMMON,
        UDP6,
        {
          ...IP6,
          does: "SOL_IP on a non-raw socket: hands it to the IPv4 code (ip_getsockopt; 6.1 via udp_prot)",
        },
      ],
      structures: READS,
      wire: "Nothing.",
    },
    {
      id: "udp4-sol-udp",
      title: "UDP over IPv4, SOL_UDP",
      when: { family: ["AF_INET"], transport: ["udp"], arg: LEVEL.udp },
      steps: [...HEAD, COMMON, UDP4, UDP_LIB],
      structures: READS,
      wire: "Nothing.",
    },
    {
      id: "udp6-sol-udp",
      title: "UDP over IPv6, SOL_UDP",
      when: { family: ["AF_INET6"], transport: ["udp"], arg: LEVEL.udp },
      steps: [...HEAD, COMMON, UDP6, UDP_LIB],
      structures: READS,
      wire: "Nothing.",
    },
    {
      id: "tcp4-other-level",
      title: "TCP over IPv4, a level it does not serve (SOL_IPV6, SOL_UDP…): EOPNOTSUPP",
      when: { family: ["AF_INET"], transport: ["tcp"], arg: except(LEVEL.tcp, LEVEL.ip) },
      steps: [...HEAD, COMMON, TCP, IP4, { ...DO_IP4, does: "the level is not SOL_IP: EOPNOTSUPP" }],
      structures: REFUSED,
      wire: "Nothing.",
    },
    {
      id: "udp4-other-level",
      title: "UDP over IPv4, a level it does not serve (SOL_TCP, SOL_IPV6…): EOPNOTSUPP",
      when: { family: ["AF_INET"], transport: ["udp"], arg: except(LEVEL.udp, LEVEL.ip) },
      steps: [...HEAD, COMMON, UDP4, IP4, { ...DO_IP4, does: "the level is not SOL_IP: EOPNOTSUPP" }],
      structures: REFUSED,
      wire: "Nothing.",
    },
    {
      id: "tcp6-other-level",
      title: "TCP over IPv6, a level it does not serve (SOL_UDP…): ENOPROTOOPT",
      when: { family: ["AF_INET6"], transport: ["tcp"], arg: except(LEVEL.tcp, LEVEL.ip, LEVEL.ipv6) },
      steps: [...HEAD, COMMON, TCP, { ...IP6, does: "neither SOL_IPV6 nor SOL_IP: ENOPROTOOPT" }],
      structures: REFUSED,
      wire: "Nothing.",
    },
    {
      id: "udp6-other-level",
      title: "UDP over IPv6, a level it does not serve (SOL_TCP…): ENOPROTOOPT",
      when: { family: ["AF_INET6"], transport: ["udp"], arg: except(LEVEL.udp, LEVEL.ip, LEVEL.ipv6) },
      steps: [...HEAD, COMMON, UDP6, { ...IP6, does: "neither SOL_IPV6 nor SOL_IP: ENOPROTOOPT" }],
      structures: REFUSED,
      wire: "Nothing.",
    },
    {
      id: "netlink-sol-netlink",
      title: "netlink, SOL_NETLINK",
      when: { transport: ["netlink"], arg: LEVEL.netlink },
      steps: [...HEAD, NETLINK],
      structures: READS,
      wire: "Nothing: netlink is a channel inside this machine.",
    },
    {
      id: "netlink-other-level",
      title: "netlink, a level other than SOL_SOCKET or SOL_NETLINK: ENOPROTOOPT",
      when: { transport: ["netlink"], arg: except(LEVEL.netlink) },
      steps: [...HEAD, { ...NETLINK, does: "the level is not SOL_NETLINK: ENOPROTOOPT" }],
      structures: REFUSED,
      wire: "Nothing: netlink is a channel inside this machine.",
    },
    {
      id: "unix-other-level",
      title: "unix socket, a level other than SOL_SOCKET: EOPNOTSUPP",
      when: { transport: ["unix-stream", "unix-dgram", "unix-seqpacket"], arg: except() },
      steps: [
        {
          ...(HEAD[0] as Step),
          does: "finds the socket; 6.1: AF_UNIX has no proto_ops.getsockopt, so EOPNOTSUPP",
        },
        { ...(HEAD[1] as Step), does: "6.12: AF_UNIX has no proto_ops.getsockopt, so EOPNOTSUPP" },
      ],
      structures: REFUSED,
      wire: "Nothing: AF_UNIX stays in memory.",
    },
    {
      id: "level-not-named",
      title: "a socket of a family the log shows, at a level the trace gives only as a number",
      when: { family: ["AF_INET", "AF_INET6", "AF_UNIX", "AF_NETLINK", "AF_PACKET"] },
      steps: [
        HEAD[0] as Step,
        {
          ...(HEAD[1] as Step),
          does: "6.12: SOL_SOCKET (1) goes to sk_getsockopt, any other level to the family's getsockopt",
        },
      ],
      structures: ["reads a field of the socket or of its protocol's state; only SO_ERROR changes anything"],
      wire: "Nothing.",
    },
    {
      id: "any",
      title: "a socket whose family this log does not show",
      when: {},
      steps: [
        HEAD[0] as Step,
        {
          ...(HEAD[1] as Step),
          does: "6.12: SOL_SOCKET goes to sk_getsockopt, any other level to the family's getsockopt",
        },
      ],
      structures: ["reads a field of the socket or of its protocol's state; only SO_ERROR changes anything"],
      wire: "Nothing.",
    },
  ],
};
