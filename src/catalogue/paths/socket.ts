// socket(): checked against Linux 6.1 and 6.12 (net/socket.c __sys_socket, __sys_socket_create,
// __sock_create, sock_alloc, sock_map_fd, sock_alloc_file; net/ipv4/af_inet.c inet_create;
// net/ipv6/af_inet6.c inet6_create; net/unix/af_unix.c unix_create/unix_create1; net/netlink
// netlink_create; net/ipv4/ping.c ping_init_sock; net/ipv4/raw.c; net/packet/af_packet.c
// packet_create). The socket and its protocol state are built first; the fd is reserved and the
// file made only at the end (sock_map_fd), so EMFILE tears down a finished socket.
// A failed socket() leaves no socket behind, so the trace gives no family for it: the failure
// paths of a family come first (for `sockscope explain`), then the ones told from the errno alone.
import type { PathSetInput, Step } from "../schema.js";

const SYS: Step[] = [
  {
    fn: "__sys_socket",
    file: "net/socket.c",
    does: "entry from the syscall table; splits the type from the SOCK_NONBLOCK/SOCK_CLOEXEC flags",
  },
  {
    fn: "__sys_socket_create",
    file: "net/socket.c",
    does: "EINVAL for any other flag bit in the type, then sock_create() with the bare type",
  },
  {
    fn: "__sock_create",
    file: "net/socket.c",
    does: "range checks, the LSM hook, then finds the family (loading its module if needed) and calls its create",
  },
  {
    fn: "sock_alloc",
    file: "net/socket.c",
    does: "a struct socket inside a new sockfs inode; __sock_create does this before the family's create",
  },
];

const FD: Step[] = [
  {
    fn: "sock_map_fd",
    file: "net/socket.c",
    does: "only now, with the socket complete: reserves an fd and makes the file",
  },
  {
    fn: "get_unused_fd_flags",
    file: "fs/file.c",
    does: "the lowest free fd number, close-on-exec with SOCK_CLOEXEC",
  },
  {
    fn: "sock_alloc_file",
    file: "net/socket.c",
    does: "the struct file (O_RDWR, plus O_NONBLOCK with SOCK_NONBLOCK) pointing at the socket",
  },
  { fn: "fd_install", file: "fs/file.c", does: "publishes the fd in the process's fd table" },
];

const SK_ALLOC = (what: string): Step => ({
  fn: "sk_alloc",
  file: "net/core/sock.c",
  does: `allocates the protocol's struct sock (${what}) from its slab`,
});

const INIT_DATA: Step = {
  fn: "sock_init_data",
  file: "net/core/sock.c",
  does: "sk_state CLOSE, empty queues, sk_rcvbuf/sk_sndbuf from net.core.rmem_default/wmem_default",
};

const FILE_STRUCT =
  "struct file (O_RDWR, plus O_NONBLOCK with SOCK_NONBLOCK) and an fd, close-on-exec with SOCK_CLOEXEC";
const NO_MEMORY = "buffer limits only: no buffer memory is allocated until data is queued";
const DEFAULT_LIMITS = `sk_rcvbuf/sk_sndbuf from net.core.rmem_default/wmem_default; ${NO_MEMORY}`;
const NOTHING = "nothing: creating a socket sends no packet and assigns no address or port";

const TCP_STRUCTURES = [
  "struct socket with its sockfs inode (SS_UNCONNECTED, ops = inet_stream_ops)",
  "a tcp_sock in state CLOSE: retransmit and delayed-ACK timers set up (not armed), initial cwnd, the default congestion control",
  `sk_sndbuf/sk_rcvbuf from net.ipv4.tcp_wmem[1]/tcp_rmem[1]; ${NO_MEMORY}`,
  FILE_STRUCT,
];

const UDP_STRUCTURES = [
  "struct socket with its sockfs inode (SS_UNCONNECTED, ops = inet_dgram_ops)",
  "a udp_sock with empty queues and no port: it is in no UDP lookup table until bind(), connect() or the first send",
  `sk_rcvbuf/sk_sndbuf from net.core.rmem_default/wmem_default; ${NO_MEMORY}`,
  FILE_STRUCT,
];

export const SOCKET: PathSetInput = {
  syscall: "socket",
  paths: [
    {
      id: "tcp4",
      title: "TCP over IPv4",
      when: { family: ["AF_INET"], transport: ["tcp"], result: ["ok"] },
      steps: [
        ...SYS,
        {
          fn: "inet_create",
          file: "net/ipv4/af_inet.c",
          does: "finds SOCK_STREAM/IPPROTO_TCP in inetsw[] and sets the inet stream ops",
        },
        SK_ALLOC("a tcp_sock"),
        INIT_DATA,
        {
          fn: "tcp_v4_init_sock",
          file: "net/ipv4/tcp_ipv4.c",
          does: "TCP's init hook for IPv4: tcp_init_sock(), then the IPv4 connection ops (ipv4_specific)",
        },
        {
          fn: "tcp_init_sock",
          file: "net/ipv4/tcp.c",
          does: "timers, initial cwnd, congestion control; buffer limits from tcp_wmem[1]/tcp_rmem[1]",
        },
        ...FD,
      ],
      structures: TCP_STRUCTURES,
      wire: NOTHING,
    },
    {
      id: "tcp6",
      title: "TCP over IPv6",
      when: { family: ["AF_INET6"], transport: ["tcp"], result: ["ok"] },
      steps: [
        ...SYS,
        {
          fn: "inet6_create",
          file: "net/ipv6/af_inet6.c",
          does: "finds SOCK_STREAM/IPPROTO_TCP in inetsw6[]; IPV6_V6ONLY starts as net.ipv6.bindv6only",
        },
        SK_ALLOC("a tcp6_sock"),
        INIT_DATA,
        {
          fn: "tcp_v6_init_sock",
          file: "net/ipv6/tcp_ipv6.c",
          does: "TCP's init hook for IPv6: tcp_init_sock(), then the IPv6 connection ops (ipv6_specific)",
        },
        {
          fn: "tcp_init_sock",
          file: "net/ipv4/tcp.c",
          does: "the shared TCP setup: timers, initial cwnd, congestion control, tcp_wmem/tcp_rmem limits",
        },
        ...FD,
      ],
      structures: [
        "struct socket with its sockfs inode (SS_UNCONNECTED, ops = inet6_stream_ops: IPv6's own release, bind and getname)",
        "a tcp6_sock (a tcp_sock plus its ipv6_pinfo) in state CLOSE, with TCP's timers, cwnd and congestion control set up",
        "IPV6_V6ONLY from net.ipv6.bindv6only (0 by default: the socket may also reach IPv4 peers through ::ffff: mapped addresses)",
        ...TCP_STRUCTURES.slice(2),
      ],
      wire: NOTHING,
    },
    {
      id: "udp4",
      title: "UDP over IPv4",
      when: { family: ["AF_INET"], transport: ["udp"], result: ["ok"] },
      steps: [
        ...SYS,
        {
          fn: "inet_create",
          file: "net/ipv4/af_inet.c",
          does: "finds SOCK_DGRAM/IPPROTO_UDP in inetsw[] and sets the inet dgram ops",
        },
        SK_ALLOC("a udp_sock"),
        INIT_DATA,
        {
          fn: "udp_init_sock",
          file: "net/ipv4/udp.c",
          does: "UDP's init hook: its reader queue and destructor; no port yet",
        },
        ...FD,
      ],
      structures: UDP_STRUCTURES,
      wire: NOTHING,
    },
    {
      id: "udp6",
      title: "UDP over IPv6",
      when: { family: ["AF_INET6"], transport: ["udp"], result: ["ok"] },
      steps: [
        ...SYS,
        {
          fn: "inet6_create",
          file: "net/ipv6/af_inet6.c",
          does: "finds SOCK_DGRAM/IPPROTO_UDP in inetsw6[]; IPV6_V6ONLY starts as net.ipv6.bindv6only",
        },
        SK_ALLOC("a udp6_sock"),
        INIT_DATA,
        {
          fn: "udpv6_init_sock",
          file: "net/ipv6/udp.c",
          does: "UDP's init hook for IPv6: its reader queue and destructor; no port yet",
        },
        ...FD,
      ],
      structures: [
        "struct socket with its sockfs inode (SS_UNCONNECTED, ops = inet6_dgram_ops: IPv6's own release, bind and getname)",
        "a udp6_sock (a udp_sock plus its ipv6_pinfo) with empty queues and no port; IPV6_V6ONLY from net.ipv6.bindv6only",
        ...UDP_STRUCTURES.slice(2),
      ],
      wire: NOTHING,
    },
    {
      id: "unix",
      title: "a unix socket (stream, datagram or seqpacket)",
      when: {
        family: ["AF_UNIX"],
        transport: ["unix-stream", "unix-dgram", "unix-seqpacket"],
        result: ["ok"],
      },
      steps: [
        ...SYS,
        {
          fn: "unix_create",
          file: "net/unix/af_unix.c",
          does: "protocol must be 0 (EPROTONOSUPPORT); picks the stream, dgram or seqpacket ops by type",
        },
        {
          fn: "unix_create1",
          file: "net/unix/af_unix.c",
          does: "ENFILE past twice fs.file-max unix sockets; builds the unix_sock and files it as unbound",
        },
        SK_ALLOC("a unix_sock"),
        INIT_DATA,
        ...FD,
      ],
      structures: [
        "struct socket with its sockfs inode (SS_UNCONNECTED, ops = unix stream, dgram or seqpacket proto_ops)",
        "a unix_sock with no name and no peer, in the kernel's table of unbound unix sockets",
        `sk_rcvbuf/sk_sndbuf from net.core defaults; a datagram socket's queue limit from net.unix.max_dgram_qlen; ${NO_MEMORY}`,
        FILE_STRUCT,
      ],
      wire: "nothing, ever: unix sockets never reach the network stack",
    },
    {
      id: "netlink",
      title: "a netlink socket",
      when: { family: ["AF_NETLINK"], transport: ["netlink"], result: ["ok"] },
      steps: [
        ...SYS,
        {
          fn: "netlink_create",
          file: "net/netlink/af_netlink.c",
          does: "SOCK_RAW or SOCK_DGRAM only; the netlink protocol must be registered (EPROTONOSUPPORT)",
        },
        {
          fn: "__netlink_create",
          file: "net/netlink/af_netlink.c",
          does: "sets the netlink ops and builds the netlink_sock",
        },
        SK_ALLOC("a netlink_sock"),
        INIT_DATA,
        ...FD,
      ],
      structures: [
        "struct socket with its sockfs inode (ops = netlink_ops)",
        "a netlink_sock for one netlink protocol (NETLINK_ROUTE…), with no port id yet: bind() or the first send gives it one",
        DEFAULT_LIMITS,
        FILE_STRUCT,
      ],
      wire: "nothing: netlink messages go between this process and the kernel, never onto a network",
    },
    {
      id: "ping4",
      title: "an ICMP echo ('ping') datagram socket over IPv4",
      when: { family: ["AF_INET"], transport: ["ping"], result: ["ok"] },
      steps: [
        ...SYS,
        {
          fn: "inet_create",
          file: "net/ipv4/af_inet.c",
          does: "SOCK_DGRAM with IPPROTO_ICMP matches ping_prot in inetsw[]",
        },
        SK_ALLOC("a ping socket"),
        INIT_DATA,
        {
          fn: "ping_init_sock",
          file: "net/ipv4/ping.c",
          does: "allowed: the caller's group or a supplementary group lies in net.ipv4.ping_group_range",
        },
        ...FD,
      ],
      structures: [
        "struct socket with its sockfs inode",
        "a ping socket (an inet_sock on ping_prot) with no echo identifier yet: bind() or the first send picks one",
        DEFAULT_LIMITS,
        FILE_STRUCT,
      ],
      wire: NOTHING,
    },
    {
      id: "ping6",
      title: "an ICMPv6 echo ('ping') datagram socket",
      when: { family: ["AF_INET6"], transport: ["ping"], result: ["ok"] },
      steps: [
        ...SYS,
        {
          fn: "inet6_create",
          file: "net/ipv6/af_inet6.c",
          does: "SOCK_DGRAM with IPPROTO_ICMPV6 matches the IPv6 ping proto in inetsw6[]",
        },
        SK_ALLOC("a ping socket"),
        INIT_DATA,
        {
          fn: "ping_init_sock",
          file: "net/ipv4/ping.c",
          does: "makes it IPv6-only; allowed because a group of the caller is in net.ipv4.ping_group_range",
        },
        ...FD,
      ],
      structures: [
        "struct socket with its sockfs inode",
        "a ping socket for ICMPv6, IPV6_V6ONLY set, with no echo identifier yet",
        DEFAULT_LIMITS,
        FILE_STRUCT,
      ],
      wire: NOTHING,
    },
    {
      id: "raw4",
      title: "a raw IPv4 socket",
      when: { family: ["AF_INET"], transport: ["raw"], result: ["ok"] },
      steps: [
        ...SYS,
        {
          fn: "inet_create",
          file: "net/ipv4/af_inet.c",
          does: "SOCK_RAW: passes only with CAP_NET_RAW; the protocol number becomes the socket's 'port'",
        },
        SK_ALLOC("a raw_sock"),
        INIT_DATA,
        {
          fn: "raw_hash_sk",
          file: "net/ipv4/raw.c",
          does: "enters the raw table under its protocol: it receives copies of matching packets from now on",
        },
        {
          fn: "raw_sk_init",
          file: "net/ipv4/raw.c",
          does: "raw's init hook: for IPPROTO_ICMP, an empty ICMP type filter",
        },
        ...FD,
      ],
      structures: [
        "struct socket with its sockfs inode (ops = the inet raw proto_ops)",
        "a raw_sock already in the raw hash under its protocol number; IPPROTO_RAW also turns on IP_HDRINCL",
        DEFAULT_LIMITS,
        FILE_STRUCT,
      ],
      wire: "nothing is sent; but the socket already receives a copy of each arriving IPv4 packet of its protocol",
    },
    {
      id: "raw6",
      title: "a raw IPv6 socket",
      when: { family: ["AF_INET6"], transport: ["raw"], result: ["ok"] },
      steps: [
        ...SYS,
        {
          fn: "inet6_create",
          file: "net/ipv6/af_inet6.c",
          does: "SOCK_RAW: passes only with CAP_NET_RAW; the protocol number becomes the socket's 'port'",
        },
        SK_ALLOC("a raw6_sock"),
        INIT_DATA,
        {
          fn: "raw_hash_sk",
          file: "net/ipv4/raw.c",
          does: "the shared raw hashing (IPv6 uses its own table): it receives matching packets from now on",
        },
        {
          fn: "rawv6_init_sk",
          file: "net/ipv6/raw.c",
          does: "IPv6 raw init: for ICMPv6 and MH sockets the kernel will fill in the checksum",
        },
        ...FD,
      ],
      structures: [
        "struct socket with its sockfs inode (ops = the inet6 raw proto_ops)",
        "a raw6_sock already in the IPv6 raw hash under its protocol number",
        DEFAULT_LIMITS,
        FILE_STRUCT,
      ],
      wire: "nothing is sent; but the socket already receives a copy of each arriving IPv6 packet of its protocol",
    },
    {
      id: "packet",
      title: "a packet socket (AF_PACKET)",
      when: { family: ["AF_PACKET"], transport: ["packet"], result: ["ok"] },
      steps: [
        ...SYS,
        {
          fn: "packet_create",
          file: "net/packet/af_packet.c",
          does: "needs CAP_NET_RAW (EPERM); SOCK_RAW, SOCK_DGRAM or the old SOCK_PACKET",
        },
        SK_ALLOC("a packet_sock"),
        INIT_DATA,
        {
          fn: "__register_prot_hook",
          file: "net/packet/af_packet.c",
          does: "with a protocol given (ETH_P_ALL…): dev_add_pack() taps the devices for it now, not at bind()",
        },
        ...FD,
      ],
      structures: [
        "struct socket with its sockfs inode (ops = packet_ops)",
        "a packet_sock on the namespace's list of packet sockets; with a protocol, its packet_type hook is registered with the device layer",
        DEFAULT_LIMITS,
        FILE_STRUCT,
      ],
      wire: "nothing is sent; with a non-zero protocol the socket receives copies of frames from every device at once",
    },
    {
      id: "raw4-eperm",
      title: "a raw IPv4 socket without CAP_NET_RAW",
      when: { family: ["AF_INET"], transport: ["raw"], result: ["EPERM"] },
      steps: [
        ...SYS,
        {
          fn: "inet_create",
          file: "net/ipv4/af_inet.c",
          does: "SOCK_RAW and no CAP_NET_RAW in the netns' user namespace: EPERM before any sock exists",
        },
        {
          fn: "sock_release",
          file: "net/socket.c",
          does: "__sock_create frees the bare struct socket",
        },
      ],
      structures: ["none left: the struct socket made for the attempt is freed"],
      wire: "nothing",
    },
    {
      id: "raw6-eperm",
      title: "a raw IPv6 socket without CAP_NET_RAW",
      when: { family: ["AF_INET6"], transport: ["raw"], result: ["EPERM"] },
      steps: [
        ...SYS,
        {
          fn: "inet6_create",
          file: "net/ipv6/af_inet6.c",
          does: "SOCK_RAW and no CAP_NET_RAW in the netns' user namespace: EPERM before any sock exists",
        },
        {
          fn: "sock_release",
          file: "net/socket.c",
          does: "__sock_create frees the bare struct socket",
        },
      ],
      structures: ["none left: the struct socket made for the attempt is freed"],
      wire: "nothing",
    },
    {
      id: "ping4-eacces",
      title: "an ICMP ping socket for a process outside ping_group_range",
      when: { family: ["AF_INET"], transport: ["ping"], result: ["EACCES"] },
      steps: [
        ...SYS,
        {
          fn: "inet_create",
          file: "net/ipv4/af_inet.c",
          does: "IPPROTO_ICMP needs no capability: builds the sock (sk_alloc, sock_init_data), calls ping's init",
        },
        {
          fn: "ping_init_sock",
          file: "net/ipv4/ping.c",
          does: "none of the caller's groups is in net.ipv4.ping_group_range (default '1 0', empty): EACCES",
        },
        {
          fn: "sk_common_release",
          file: "net/core/sock.c",
          does: "inet_create drops the half-built sock; __sock_create then frees the socket",
        },
      ],
      structures: ["none left: the sock and the socket built for the attempt are freed"],
      wire: "nothing",
    },
    {
      id: "ping6-eacces",
      title: "an ICMPv6 ping socket for a process outside ping_group_range",
      when: { family: ["AF_INET6"], transport: ["ping"], result: ["EACCES"] },
      steps: [
        ...SYS,
        {
          fn: "inet6_create",
          file: "net/ipv6/af_inet6.c",
          does: "IPPROTO_ICMPV6 needs no capability: builds the sock (sk_alloc, sock_init_data), calls ping's init",
        },
        {
          fn: "ping_init_sock",
          file: "net/ipv4/ping.c",
          does: "none of the caller's groups is in net.ipv4.ping_group_range (it covers ICMPv6 too): EACCES",
        },
        {
          fn: "sk_common_release",
          file: "net/core/sock.c",
          does: "inet6_create drops the half-built sock; __sock_create then frees the socket",
        },
      ],
      structures: ["none left: the sock and the socket built for the attempt are freed"],
      wire: "nothing",
    },
    {
      id: "packet-eperm",
      title: "a packet socket without CAP_NET_RAW",
      when: { family: ["AF_PACKET"], transport: ["packet"], result: ["EPERM"] },
      steps: [
        ...SYS,
        {
          fn: "packet_create",
          file: "net/packet/af_packet.c",
          does: "first check: no CAP_NET_RAW in the netns' user namespace, EPERM",
        },
        {
          fn: "sock_release",
          file: "net/socket.c",
          does: "__sock_create frees the bare struct socket",
        },
      ],
      structures: ["none left: the struct socket made for the attempt is freed"],
      wire: "nothing",
    },
    // The trace shows no family for a failed socket(): these are told from the errno alone.
    {
      id: "emfile",
      title: "no free fd in the process (EMFILE)",
      when: { result: ["EMFILE"] },
      steps: [
        ...SYS,
        {
          fn: "sock_map_fd",
          file: "net/socket.c",
          does: "the socket is already complete when the fd is reserved",
        },
        {
          fn: "get_unused_fd_flags",
          file: "fs/file.c",
          does: "the process already has RLIMIT_NOFILE fds open: EMFILE",
        },
        {
          fn: "sock_release",
          file: "net/socket.c",
          does: "the finished socket is torn down again",
        },
      ],
      structures: ["none left: the socket was built, then released when no fd could be had"],
      wire: "nothing",
    },
    {
      id: "enfile",
      title: "the system-wide file or socket limit (ENFILE)",
      when: { result: ["ENFILE"] },
      steps: [
        ...SYS,
        {
          fn: "sock_map_fd",
          file: "net/socket.c",
          does: "reserves the fd, then makes the file",
        },
        {
          fn: "get_unused_fd_flags",
          file: "fs/file.c",
          does: "the fd number is reserved",
        },
        {
          fn: "sock_alloc_file",
          file: "net/socket.c",
          does: "asks for a file; on failure releases the socket",
        },
        {
          fn: "alloc_file_pseudo",
          file: "fs/file_table.c",
          does: "a file for the sockfs inode",
        },
        {
          fn: "alloc_empty_file",
          file: "fs/file_table.c",
          does: "ENFILE: fs.file-max files are open and the caller lacks CAP_SYS_ADMIN",
        },
      ],
      structures: [
        "none left. ENFILE can also come earlier: sock_alloc() finding no inode, or unix_create1() past its socket limit",
      ],
      wire: "nothing",
    },
    {
      id: "rejected",
      title: "a flag, type or family the socket layer rejects",
      when: { result: ["EINVAL", "EAFNOSUPPORT"] },
      steps: [
        {
          fn: "__sys_socket",
          file: "net/socket.c",
          does: "entry from the syscall table",
        },
        {
          fn: "__sys_socket_create",
          file: "net/socket.c",
          does: "EINVAL for flag bits other than SOCK_NONBLOCK and SOCK_CLOEXEC in the type",
        },
        {
          fn: "__sock_create",
          file: "net/socket.c",
          does: "EAFNOSUPPORT for a family out of range or not in this kernel; EINVAL for a type out of range",
        },
      ],
      structures: [
        "none (for an unknown family a bare struct socket is made and freed at once); inet_create also says EINVAL for a protocol number out of range",
      ],
      wire: "nothing",
    },
    {
      id: "no-such-protocol",
      title: "a type or protocol the family does not have",
      when: { result: ["EPROTONOSUPPORT", "ESOCKTNOSUPPORT"] },
      steps: [
        ...SYS,
        {
          fn: "sock_release",
          file: "net/socket.c",
          does: "the family's create (inet_create, unix_create…) found no such type/protocol; the socket is freed",
        },
      ],
      structures: ["none left: the struct socket made for the attempt is freed"],
      wire: "nothing",
    },
    {
      id: "any",
      title: "a socket of a family this log does not show",
      when: {},
      steps: [...SYS, ...FD],
      structures: [
        "struct socket with its sockfs inode (SS_UNCONNECTED, ops = the family's proto_ops), and the family's struct sock, built by the family's create function",
        "buffer limits only; no buffer memory is allocated until data is queued",
        FILE_STRUCT,
      ],
      wire: "nothing for the socket itself: socket() assigns no address and sends no packet",
    },
  ],
};
