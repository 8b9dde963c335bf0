// setsockopt: the level argument picks the code. SOL_SOCKET goes to sk_setsockopt for every family
// (except UDP in 6.12, which takes SOL_SOCKET through its own setsockopt first); any other level
// goes to the family's proto_ops.setsockopt: sock_common_setsockopt → the protocol (tcp_setsockopt,
// udp_setsockopt, udpv6_setsockopt), which keeps its own level and passes the IP levels to
// ip_setsockopt or ipv6_setsockopt; netlink has netlink_setsockopt; unix has none. Checked in
// net/socket.c, net/core/sock.c, net/ipv4/tcp.c, udp.c, ip_sockglue.c, net/ipv6/udp.c,
// ipv6_sockglue.c, net/netlink/af_netlink.c (6.1 and 6.12).
import type { PathSetInput, Step } from "../schema.js";

/** The levels strace prints, by protocol (getsockopt shares them). */
export const LEVEL = {
  socket: ["SOL_SOCKET"],
  tcp: ["SOL_TCP", "IPPROTO_TCP"],
  ip: ["SOL_IP", "IPPROTO_IP"],
  ipv6: ["SOL_IPV6", "IPPROTO_IPV6"],
  udp: ["SOL_UDP", "IPPROTO_UDP", "SOL_UDPLITE", "IPPROTO_UDPLITE"],
  netlink: ["SOL_NETLINK"],
};
/** Levels of other protocols, for the paths where a socket refuses a level it does not know. */
const OTHER = [
  ...LEVEL.tcp,
  ...LEVEL.ip,
  ...LEVEL.ipv6,
  ...LEVEL.udp,
  ...LEVEL.netlink,
  "SOL_ICMPV6",
  "IPPROTO_ICMPV6",
  "SOL_RAW",
  "SOL_PACKET",
  "SOL_SCTP",
  "IPPROTO_SCTP",
  "SOL_MPTCP",
];
/** Every other protocol's level: the ones a socket of these protocols refuses. */
export const except = (...own: string[][]) => OTHER.filter((l) => !own.flat().includes(l));

const HEAD: Step[] = [
  {
    fn: "__sys_setsockopt",
    file: "net/socket.c",
    does: "finds the socket; 6.1 then runs the checks and calls the level's handler itself (no do_sock_setsockopt)",
  },
  {
    fn: "do_sock_setsockopt",
    file: "net/socket.c",
    kernels: "6.12",
    does: "6.12: negative optlen is EINVAL, LSM and cgroup-BPF hooks, then dispatch by level",
  },
];

const SK: Step = {
  fn: "sk_setsockopt",
  file: "net/core/sock.c",
  does: "the SOL_SOCKET switch: sets the one field or flag this option names (6.12 does a few before the lock)",
};
const SOCK_SET: Step = {
  fn: "sock_setsockopt",
  file: "net/core/sock.c",
  does: "SOL_SOCKET on a socket without its own SOL_SOCKET handling: passes to sk_setsockopt",
};
const COMMON: Step = {
  fn: "sock_common_setsockopt",
  file: "net/core/sock.c",
  does: "inet proto_ops.setsockopt: calls the protocol's setsockopt (sk->sk_prot)",
};
const TCP: Step = {
  fn: "tcp_setsockopt",
  file: "net/ipv4/tcp.c",
  does: "SOL_TCP to do_tcp_setsockopt; any other level to icsk_af_ops (ip_ or ipv6_setsockopt)",
};
const DO_TCP: Step = {
  fn: "do_tcp_setsockopt",
  file: "net/ipv4/tcp.c",
  does: "TCP_NODELAY, TCP_CORK, TCP_KEEPIDLE/INTVL/CNT, TCP_USER_TIMEOUT…; an unknown name: ENOPROTOOPT",
};
const UDP4: Step = {
  fn: "udp_setsockopt",
  file: "net/ipv4/udp.c",
  does: "SOL_UDP and SOL_UDPLITE to udp_lib_setsockopt, other levels to ip_setsockopt",
};
const UDP6: Step = {
  fn: "udpv6_setsockopt",
  file: "net/ipv6/udp.c",
  does: "SOL_UDP and SOL_UDPLITE to udp_lib_setsockopt, other levels to ipv6_setsockopt",
};
const UDP_LIB: Step = {
  fn: "udp_lib_setsockopt",
  file: "net/ipv4/udp.c",
  does: "UDP_CORK, UDP_SEGMENT, UDP_GRO, UDP_ENCAP…; turning UDP_CORK off sends the corked datagram",
};
const IP4: Step = {
  fn: "ip_setsockopt",
  file: "net/ipv4/ip_sockglue.c",
  does: "a level other than SOL_IP: ENOPROTOOPT; SOL_IP goes on to do_ip_setsockopt",
};
const DO_IP4: Step = {
  fn: "do_ip_setsockopt",
  file: "net/ipv4/ip_sockglue.c",
  does: "IP_TTL, IP_TOS, IP_RECVERR, IP_PKTINFO, IP_MTU_DISCOVER, multicast membership…",
};
const IP6: Step = {
  fn: "ipv6_setsockopt",
  file: "net/ipv6/ipv6_sockglue.c",
  does: "SOL_IPV6 to do_ipv6_setsockopt; SOL_IP to the IPv4 code; any other level: ENOPROTOOPT",
};
const DO_IP6: Step = {
  fn: "do_ipv6_setsockopt",
  file: "net/ipv6/ipv6_sockglue.c",
  does: "IPV6_V6ONLY (before bind only), IPV6_UNICAST_HOPS, IPV6_TCLASS, IPV6_RECVERR, multicast…",
};

const INET_STRUCTURES = [
  "only the TCP state this option names, e.g. nonagle in struct tcp_sock for TCP_NODELAY, keepalive_intvl for TCP_KEEPINTVL",
  "only the inet_sock or ipv6_pinfo setting this option names (a TTL or hop limit, a TOS or traffic class, a cmsg flag…)",
];
const UDP_FIELDS =
  "only the struct udp_sock setting this option names (corking, GSO segment size, GRO or encapsulation)";
const SOCK_STRUCTURES = [
  "only what this option names: for most SOL_SOCKET options one field or sk_flags bit of struct sock; SO_PASSCRED and SO_PASSSEC set a bit in struct socket's flags instead, not sk_flags",
  "no buffer memory is allocated now: a buffer-size option only changes how much may be charged later",
];
const REFUSED = ["nothing changes: the option is refused"];

export const SETSOCKOPT: PathSetInput = {
  syscall: "setsockopt",
  selector: 1,
  paths: [
    {
      id: "not-a-socket",
      title: "the fd is not open (EBADF) or not a socket (ENOTSOCK)",
      when: { result: ["EBADF", "ENOTSOCK"] },
      steps: [
        {
          fn: "__sys_setsockopt",
          file: "net/socket.c",
          does: "the fd lookup fails before any level is looked at",
        },
      ],
      structures: ["nothing changes"],
      wire: "Nothing.",
    },
    {
      id: "udp4-sol-socket",
      title: "UDP over IPv4, SOL_SOCKET",
      when: { family: ["AF_INET"], transport: ["udp"], arg: LEVEL.socket },
      steps: [
        ...HEAD,
        {
          ...COMMON,
          does: "UDP sockets are marked SOCK_CUSTOM_SOCKOPT (udp_lib_init_sock), so SOL_SOCKET goes to the protocol",
          only: "the kernel is 6.12 (6.1 goes sock_setsockopt → sk_setsockopt, as for any socket)",
        },
        { ...UDP4, does: "SOL_SOCKET to udp_lib_setsockopt", only: "the kernel is 6.12" },
        {
          ...UDP_LIB,
          does: "SOL_SOCKET: calls sk_setsockopt, then resizes the receive forward threshold after SO_RCVBUF",
          only: "the kernel is 6.12",
        },
        SK,
      ],
      structures: SOCK_STRUCTURES,
      wire: "Nothing: the option only changes what later datagrams may do (SO_BROADCAST, SO_PRIORITY, buffer limits).",
    },
    {
      id: "udp6-sol-socket",
      title: "UDP over IPv6, SOL_SOCKET",
      when: { family: ["AF_INET6"], transport: ["udp"], arg: LEVEL.socket },
      steps: [
        ...HEAD,
        {
          ...COMMON,
          does: "UDP sockets are marked SOCK_CUSTOM_SOCKOPT (udp_lib_init_sock), so SOL_SOCKET goes to the protocol",
          only: "the kernel is 6.12 (6.1 goes sock_setsockopt → sk_setsockopt, as for any socket)",
        },
        { ...UDP6, does: "SOL_SOCKET to udp_lib_setsockopt", only: "the kernel is 6.12" },
        {
          ...UDP_LIB,
          does: "SOL_SOCKET: calls sk_setsockopt, then resizes the receive forward threshold after SO_RCVBUF",
          only: "the kernel is 6.12",
        },
        SK,
      ],
      structures: SOCK_STRUCTURES,
      wire: "Nothing: the option only changes what later datagrams may do (SO_PRIORITY, buffer limits).",
    },
    {
      id: "tcp-sol-socket",
      title: "TCP (IPv4 or IPv6), SOL_SOCKET",
      when: { transport: ["tcp"], arg: LEVEL.socket },
      steps: [
        ...HEAD,
        SOCK_SET,
        {
          ...SK,
          does: "the SOL_SOCKET switch; SO_KEEPALIVE also calls TCP's keepalive hook, which arms or stops its timer",
        },
      ],
      structures: SOCK_STRUCTURES,
      wire: "Nothing now. Later: SO_KEEPALIVE makes an idle connection send probes, SO_LINGER {1, 0} makes close() send RST, and SO_RCVBUF set before connect or listen sizes the window scale in the SYN.",
    },
    {
      id: "sol-socket",
      title: "unix, netlink, raw or packet socket, SOL_SOCKET",
      when: {
        transport: ["unix-stream", "unix-dgram", "unix-seqpacket", "netlink", "raw", "ping", "packet"],
        arg: LEVEL.socket,
      },
      steps: [...HEAD, SOCK_SET, SK],
      structures: SOCK_STRUCTURES,
      wire: "Nothing: the option is recorded in the socket.",
    },
    {
      id: "tcp-sol-tcp",
      title: "TCP (IPv4 or IPv6), SOL_TCP",
      when: { transport: ["tcp"], arg: LEVEL.tcp },
      steps: [...HEAD, COMMON, TCP, DO_TCP],
      structures: [INET_STRUCTURES[0] as string],
      wire: "Usually nothing. Turning TCP_NODELAY on or TCP_CORK off sends data that was being held back, and TCP_QUICKACK can send a pending ACK.",
    },
    {
      id: "tcp4-sol-ip",
      title: "TCP over IPv4, SOL_IP",
      when: { family: ["AF_INET"], transport: ["tcp"], arg: LEVEL.ip },
      steps: [...HEAD, COMMON, TCP, IP4, DO_IP4],
      structures: [INET_STRUCTURES[1] as string],
      wire: "Nothing now: later segments carry the new TTL or TOS.",
    },
    {
      id: "udp4-sol-ip",
      title: "UDP over IPv4, SOL_IP",
      when: { family: ["AF_INET"], transport: ["udp"], arg: LEVEL.ip },
      steps: [...HEAD, COMMON, UDP4, IP4, DO_IP4],
      structures: [
        INET_STRUCTURES[1] as string,
        "multicast: the membership list of the socket and of the device",
      ],
      wire: "Usually nothing; joining a multicast group (IP_ADD_MEMBERSHIP) makes the host send an IGMP report shortly after.",
    },
    {
      id: "tcp6-sol-ipv6",
      title: "TCP over IPv6, SOL_IPV6",
      when: { family: ["AF_INET6"], transport: ["tcp"], arg: LEVEL.ipv6 },
      steps: [...HEAD, COMMON, TCP, IP6, DO_IP6],
      structures: [INET_STRUCTURES[1] as string],
      wire: "Nothing now: later segments carry the new hop limit or traffic class.",
    },
    {
      id: "udp6-sol-ipv6",
      title: "UDP over IPv6, SOL_IPV6",
      when: { family: ["AF_INET6"], transport: ["udp"], arg: LEVEL.ipv6 },
      steps: [...HEAD, COMMON, UDP6, IP6, DO_IP6],
      structures: [
        INET_STRUCTURES[1] as string,
        "multicast: the membership list of the socket and of the device",
      ],
      wire: "Usually nothing; joining a multicast group (IPV6_JOIN_GROUP) makes the host send an MLD report shortly after.",
    },
    {
      id: "tcp6-sol-ip",
      title: "TCP over IPv6, SOL_IP (the option for its IPv4-mapped traffic)",
      when: { family: ["AF_INET6"], transport: ["tcp"], arg: LEVEL.ip },
      steps: [
        ...HEAD,
        COMMON,
        TCP,
        {
          ...IP6,
          does: "SOL_IP on a non-raw socket: hands it to the IPv4 code (ip_setsockopt; 6.1 via udp_prot)",
        },
      ],
      structures: ["inet_sock fields (TTL, TOS…), used for IPv4-mapped traffic only"],
      wire: "Nothing now.",
    },
    {
      id: "udp6-sol-ip",
      title: "UDP over IPv6, SOL_IP (the option for its IPv4-mapped traffic)",
      when: { family: ["AF_INET6"], transport: ["udp"], arg: LEVEL.ip },
      steps: [
        ...HEAD,
        COMMON,
        UDP6,
        {
          ...IP6,
          does: "SOL_IP on a non-raw socket: hands it to the IPv4 code (ip_setsockopt; 6.1 via udp_prot)",
        },
      ],
      structures: ["inet_sock fields (TTL, TOS…), used for IPv4-mapped traffic only"],
      wire: "Nothing now.",
    },
    {
      id: "udp4-sol-udp",
      title: "UDP over IPv4, SOL_UDP",
      when: { family: ["AF_INET"], transport: ["udp"], arg: LEVEL.udp },
      steps: [...HEAD, COMMON, UDP4, UDP_LIB],
      structures: [UDP_FIELDS],
      wire: "Usually nothing; turning UDP_CORK off sends the datagram that was being built.",
    },
    {
      id: "udp6-sol-udp",
      title: "UDP over IPv6, SOL_UDP",
      when: { family: ["AF_INET6"], transport: ["udp"], arg: LEVEL.udp },
      steps: [...HEAD, COMMON, UDP6, UDP_LIB],
      structures: [UDP_FIELDS],
      wire: "Usually nothing; turning UDP_CORK off sends the datagram that was being built.",
    },
    {
      id: "tcp4-other-level",
      title: "TCP over IPv4, a level it does not serve (SOL_IPV6, SOL_UDP…): ENOPROTOOPT",
      when: { family: ["AF_INET"], transport: ["tcp"], arg: except(LEVEL.tcp, LEVEL.ip) },
      steps: [...HEAD, COMMON, TCP, { ...IP4, does: "the level is not SOL_IP: ENOPROTOOPT" }],
      structures: REFUSED,
      wire: "Nothing.",
    },
    {
      id: "udp4-other-level",
      title: "UDP over IPv4, a level it does not serve (SOL_TCP, SOL_IPV6…): ENOPROTOOPT",
      when: { family: ["AF_INET"], transport: ["udp"], arg: except(LEVEL.udp, LEVEL.ip) },
      steps: [...HEAD, COMMON, UDP4, { ...IP4, does: "the level is not SOL_IP: ENOPROTOOPT" }],
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
      steps: [
        ...HEAD,
        {
          fn: "netlink_setsockopt",
          file: "net/netlink/af_netlink.c",
          does: "NETLINK_ADD/DROP_MEMBERSHIP (groups), NETLINK_EXT_ACK, NETLINK_GET_STRICT_CHK, NETLINK_NO_ENOBUFS…",
        },
      ],
      structures: [
        "struct netlink_sock: its flags (ext ack, strict checking, no ENOBUFS) and its multicast groups",
      ],
      wire: "Nothing: netlink is a channel inside this machine.",
    },
    {
      id: "netlink-other-level",
      title: "netlink, a level other than SOL_SOCKET or SOL_NETLINK: ENOPROTOOPT",
      when: { transport: ["netlink"], arg: except(LEVEL.netlink) },
      steps: [
        ...HEAD,
        {
          fn: "netlink_setsockopt",
          file: "net/netlink/af_netlink.c",
          does: "the level is not SOL_NETLINK: ENOPROTOOPT",
        },
      ],
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
          does: "finds the socket; 6.1: AF_UNIX has no proto_ops.setsockopt, so EOPNOTSUPP",
        },
        {
          ...(HEAD[1] as Step),
          does: "6.12: AF_UNIX has no proto_ops.setsockopt, so EOPNOTSUPP",
        },
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
          does: "6.12: checks and hooks; SOL_SOCKET then goes to sk_setsockopt, other levels to the family",
        },
      ],
      structures: ["a field of the socket, or of its protocol's state, that the option names"],
      wire: "Usually nothing: most options change what happens later.",
    },
    {
      id: "any",
      title: "a socket whose family this log does not show",
      when: {},
      steps: [
        HEAD[0] as Step,
        {
          ...(HEAD[1] as Step),
          does: "6.12: checks and hooks; SOL_SOCKET then goes to sk_setsockopt, other levels to the family",
        },
      ],
      structures: ["a field of the socket, or of its protocol's state, that the option names"],
      wire: "Usually nothing: most options change what happens later (keepalive probes, TTL, the window offered in the next SYN).",
    },
  ],
};
