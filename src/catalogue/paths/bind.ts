// bind(): checked against Linux 6.1 and 6.12: net/socket.c __sys_bind (6.12 hands over to
// __sys_bind_socket), net/ipv4/af_inet.c inet_bind/__inet_bind (6.12 adds inet_bind_sk between
// them), net/ipv6/af_inet6.c inet6_bind/__inet6_bind (6.12: inet6_bind_sk), the protocols'
// get_port (inet_csk_get_port for TCP, udp_v4_get_port/udp_v6_get_port → udp_lib_get_port for
// UDP), net/unix/af_unix.c unix_bind (→ unix_bind_bsd for a path, unix_bind_abstract for a name
// starting with NUL, unix_autobind for a bare family), net/netlink/af_netlink.c netlink_bind.
// The trace does not say which kind of unix name a call used, so the unix paths tell only what
// all three kinds run.
import type { PathSetInput, Step } from "../schema.js";

const ENTRY: Step[] = [
  {
    fn: "__sys_bind",
    file: "net/socket.c",
    does: "fd → socket, the address copied in, the LSM hook, the family's bind (6.12 via __sys_bind_socket)",
  },
  {
    fn: "move_addr_to_kernel",
    file: "net/socket.c",
    does: "copies the sockaddr in: EINVAL for a bad length, EFAULT for a bad pointer",
  },
];

const INET4: Step[] = [
  ...ENTRY,
  {
    fn: "inet_bind",
    file: "net/ipv4/af_inet.c",
    does: "the AF_INET bind op (6.12 through inet_bind_sk): EINVAL for a short address, then __inet_bind",
  },
  {
    fn: "__inet_bind",
    file: "net/ipv4/af_inet.c",
    does: "checks family, local address, privileged port, not yet bound; then asks the protocol for the port",
  },
  {
    fn: "inet_addr_type_table",
    file: "net/ipv4/fib_frontend.c",
    does: "the locality check: looks the address up in the local routing table",
  },
];

const INET6: Step[] = [
  ...ENTRY,
  {
    fn: "inet6_bind",
    file: "net/ipv6/af_inet6.c",
    does: "the AF_INET6 bind op (6.12 through inet6_bind_sk): EINVAL for a short address, then __inet6_bind",
  },
  {
    fn: "__inet6_bind",
    file: "net/ipv6/af_inet6.c",
    does: "checks family, address (ipv6_chk_addr for a specific one), privileged port; then the port",
  },
];

const TCP_PORT: Step = {
  fn: "inet_csk_get_port",
  file: "net/ipv4/inet_connection_sock.c",
  does: "finds or creates the port's bind buckets (bhash, and bhash2 by port and address) and checks conflicts",
};
const TCP_HASH: Step = {
  fn: "inet_bind_hash",
  file: "net/ipv4/inet_hashtables.c",
  does: "links the socket into both buckets and records the port as inet_num",
};
const TCP_CONFLICT: Step = {
  fn: "inet_csk_bind_conflict",
  file: "net/ipv4/inet_connection_sock.c",
  does: "another socket holds the address and port and SO_REUSEADDR/SO_REUSEPORT do not allow sharing: EADDRINUSE",
};
const UDP_LIB_OK: Step = {
  fn: "udp_lib_get_port",
  file: "net/ipv4/udp.c",
  does: "port 0: scans the ephemeral range from a random point; then enters the UDP hash tables",
};
const UDP_LIB_BUSY: Step = {
  fn: "udp_lib_get_port",
  file: "net/ipv4/udp.c",
  does: "another socket has the port (and no SO_REUSEADDR/SO_REUSEPORT sharing), or port 0 found none: EADDRINUSE",
};

const TCP_STRUCTURES = [
  "inet_sock: inet_rcv_saddr and inet_saddr (the address), inet_num and inet_sport (the port); sk_userlocks records that the program fixed them",
  "an inet_bind_bucket in the bind hash (bhash, by port) and an inet_bind2_bucket in bhash2 (by port and address) now hold the socket: later bind(), listen() and connect() calls are checked against them",
  "sk_state does not change: a bound TCP socket is still CLOSE",
];
const UDP_STRUCTURES = [
  "inet_sock: inet_rcv_saddr and inet_saddr (the address), inet_num and inet_sport (the port)",
  "the socket is in the UDP hash tables (by port, and by port and address): datagrams for it are matched against them from now on",
];
/** __inet6_bind (6.1 and 6.12): the IPv6 address goes to the v6 fields; the IPv4 ones get a stand-in. */
const INET6_ADDR =
  "sk_v6_rcv_saddr and np->saddr (not for multicast) hold the IPv6 address; inet_rcv_saddr and inet_saddr get 0 for [::], the IPv4 address for ::ffff:a.b.c.d, and otherwise the stand-in 127.0.0.6 (LOOPBACK4_IPV6); inet_num and inet_sport (the port); a specific, non-mapped address also makes the socket IPv6-only";
const UDP6_STRUCTURES = [INET6_ADDR, ...UDP_STRUCTURES.slice(1)];
const NOTHING = "nothing: bind() only reserves an address on this host";
const FAILED = "none changed: the address and port are left unset";

export const BIND: PathSetInput = {
  syscall: "bind",
  paths: [
    {
      id: "tcp4",
      title: "TCP over IPv4, the port is free",
      when: { family: ["AF_INET"], transport: ["tcp"], result: ["ok"] },
      steps: [
        ...INET4,
        TCP_PORT,
        {
          fn: "inet_csk_find_open_port",
          file: "net/ipv4/inet_connection_sock.c",
          does: "port 0 only: searches net.ipv4.ip_local_port_range for a free port, odd ports first",
        },
        TCP_HASH,
      ],
      structures: TCP_STRUCTURES,
      wire: NOTHING,
    },
    {
      id: "tcp6",
      title: "TCP over IPv6, the port is free",
      when: { family: ["AF_INET6"], transport: ["tcp"], result: ["ok"] },
      steps: [
        ...INET6,
        TCP_PORT,
        {
          fn: "inet_csk_find_open_port",
          file: "net/ipv4/inet_connection_sock.c",
          does: "port 0 only: searches net.ipv4.ip_local_port_range (shared by IPv6) for a free port",
        },
        TCP_HASH,
      ],
      structures: [
        `${INET6_ADDR}; sk_userlocks records that the program fixed them`,
        ...TCP_STRUCTURES.slice(1),
      ],
      wire: NOTHING,
    },
    {
      id: "tcp-eaddrinuse-4",
      title: "TCP over IPv4, the port is taken",
      when: { family: ["AF_INET"], transport: ["tcp"], result: ["EADDRINUSE"] },
      steps: [...INET4, TCP_PORT, TCP_CONFLICT],
      structures: [FAILED],
      wire: "nothing",
    },
    {
      id: "tcp-eaddrinuse-6",
      title: "TCP over IPv6, the port is taken",
      when: { family: ["AF_INET6"], transport: ["tcp"], result: ["EADDRINUSE"] },
      steps: [...INET6, TCP_PORT, TCP_CONFLICT],
      structures: [FAILED],
      wire: "nothing",
    },
    {
      id: "udp4",
      title: "UDP over IPv4, the port is free",
      when: { family: ["AF_INET"], transport: ["udp"], result: ["ok"] },
      steps: [
        ...INET4,
        {
          fn: "udp_v4_get_port",
          file: "net/ipv4/udp.c",
          does: "UDP's get_port for IPv4: prepares the address hash, then udp_lib_get_port",
        },
        UDP_LIB_OK,
      ],
      structures: UDP_STRUCTURES,
      wire: NOTHING,
    },
    {
      id: "udp6",
      title: "UDP over IPv6, the port is free",
      when: { family: ["AF_INET6"], transport: ["udp"], result: ["ok"] },
      steps: [
        ...INET6,
        {
          fn: "udp_v6_get_port",
          file: "net/ipv6/udp.c",
          does: "UDP's get_port for IPv6: prepares the address hash, then udp_lib_get_port",
        },
        UDP_LIB_OK,
      ],
      structures: UDP6_STRUCTURES,
      wire: NOTHING,
    },
    {
      id: "udp-eaddrinuse-4",
      title: "UDP over IPv4, the port is taken",
      when: { family: ["AF_INET"], transport: ["udp"], result: ["EADDRINUSE"] },
      steps: [
        ...INET4,
        {
          fn: "udp_v4_get_port",
          file: "net/ipv4/udp.c",
          does: "UDP's get_port for IPv4",
        },
        UDP_LIB_BUSY,
      ],
      structures: [FAILED],
      wire: "nothing",
    },
    {
      id: "udp-eaddrinuse-6",
      title: "UDP over IPv6, the port is taken",
      when: { family: ["AF_INET6"], transport: ["udp"], result: ["EADDRINUSE"] },
      steps: [
        ...INET6,
        {
          fn: "udp_v6_get_port",
          file: "net/ipv6/udp.c",
          does: "UDP's get_port for IPv6",
        },
        UDP_LIB_BUSY,
      ],
      structures: [FAILED],
      wire: "nothing",
    },
    {
      id: "inet4-refused",
      title: "IPv4: an address, port or state __inet_bind refuses",
      when: {
        family: ["AF_INET"],
        transport: ["tcp", "udp"],
        result: ["EACCES", "EADDRNOTAVAIL", "EINVAL", "EAFNOSUPPORT"],
      },
      steps: [
        ...INET4.slice(0, 3),
        {
          fn: "__inet_bind",
          file: "net/ipv4/af_inet.c",
          does: "stops before any port is taken: EAFNOSUPPORT, EADDRNOTAVAIL, EACCES or EINVAL (already bound)",
        },
      ],
      structures: [FAILED],
      wire: "nothing",
    },
    {
      id: "inet6-refused",
      title: "IPv6: an address, port or state __inet6_bind refuses",
      when: {
        family: ["AF_INET6"],
        transport: ["tcp", "udp"],
        result: ["EACCES", "EADDRNOTAVAIL", "EINVAL", "EAFNOSUPPORT"],
      },
      steps: [
        ...INET6.slice(0, 3),
        {
          fn: "__inet6_bind",
          file: "net/ipv6/af_inet6.c",
          does: "stops before any port is taken: EAFNOSUPPORT, EADDRNOTAVAIL, EACCES or EINVAL (already bound)",
        },
        {
          fn: "ipv6_chk_addr",
          file: "net/ipv6/addrconf.c",
          does: "for a specific address: not configured on this host gives EADDRNOTAVAIL",
        },
      ],
      structures: [FAILED],
      wire: "nothing",
    },
    {
      id: "unix-enoent",
      title: "a unix path whose directory is missing or not reachable",
      when: {
        family: ["AF_UNIX"],
        transport: ["unix-stream", "unix-dgram", "unix-seqpacket"],
        result: ["ENOENT", "ENOTDIR", "EACCES", "EROFS"],
      },
      steps: [
        ...ENTRY,
        {
          fn: "unix_bind",
          file: "net/unix/af_unix.c",
          does: "the name starts with a non-NUL byte: a filesystem path",
        },
        {
          fn: "unix_bind_bsd",
          file: "net/unix/af_unix.c",
          does: "creates the socket file at the path",
        },
        {
          fn: "kern_path_create",
          file: "fs/namei.c",
          does: "walks to the parent directory: ENOENT, ENOTDIR or EACCES on the way, EROFS on a read-only mount",
        },
      ],
      structures: ["none: no file was created and the socket stays unnamed"],
      wire: "nothing",
    },
    {
      id: "unix-eaddrinuse",
      title: "a unix name that is already taken",
      when: {
        family: ["AF_UNIX"],
        transport: ["unix-stream", "unix-dgram", "unix-seqpacket"],
        result: ["EADDRINUSE"],
      },
      steps: [
        ...ENTRY,
        {
          fn: "unix_bind",
          file: "net/unix/af_unix.c",
          does: "a path goes to unix_bind_bsd, a name starting with NUL to unix_bind_abstract",
        },
        {
          fn: "unix_validate_addr",
          file: "net/unix/af_unix.c",
          does: "EINVAL for a wrong family or length",
        },
        {
          fn: "unix_create_addr",
          file: "net/unix/af_unix.c",
          does: "copies the name into a new unix_address, dropped again on this failure",
        },
      ],
      structures: [
        "none: a path already exists in the filesystem (unix_bind_bsd turns its EEXIST into EADDRINUSE; it may be a stale socket file), or another socket has the abstract name",
      ],
      wire: "nothing",
    },
    {
      id: "unix",
      title: "a unix socket gets its name",
      when: {
        family: ["AF_UNIX"],
        transport: ["unix-stream", "unix-dgram", "unix-seqpacket"],
        result: ["ok"],
      },
      steps: [
        ...ENTRY,
        {
          fn: "unix_bind",
          file: "net/unix/af_unix.c",
          does: "a path → unix_bind_bsd, a leading NUL → unix_bind_abstract, a bare family → unix_autobind",
        },
        {
          fn: "unix_bind_bsd",
          file: "net/unix/af_unix.c",
          does: "creates the socket file (mknod of an S_IFSOCK inode) and records its path",
          only: "the name is a path",
        },
        {
          fn: "unix_bind_abstract",
          file: "net/unix/af_unix.c",
          does: "checks the abstract name is free",
          only: "the name starts with a NUL byte (abstract, shown as @)",
        },
        {
          fn: "unix_autobind",
          file: "net/unix/af_unix.c",
          does: "picks a free abstract name of five hex digits",
          only: "the address is only the family (addrlen 2)",
        },
        {
          fn: "__unix_set_addr_hash",
          file: "net/unix/af_unix.c",
          does: "all three end here: store the name in the unix_sock and move it to its name's hash chain",
        },
      ],
      structures: [
        "unix_sock->addr holds the name; the socket moves from the unbound table to its name's hash chain",
        "a path: a new S_IFSOCK inode in the filesystem (vfs_mknod, mode from the umask), kept in unix_sock->path; it outlives the socket until unlink()",
        "an abstract name (leading NUL, shown as @): only the kernel's hash entry, gone when the socket closes; a bare family gets an automatic 5-hex-digit abstract name",
      ],
      wire: "nothing, ever: unix sockets never reach the network stack",
    },
    {
      id: "netlink",
      title: "a netlink socket gets its port id",
      when: { family: ["AF_NETLINK"], transport: ["netlink"], result: ["ok"] },
      steps: [
        ...ENTRY,
        {
          fn: "netlink_bind",
          file: "net/netlink/af_netlink.c",
          does: "EPERM for multicast groups the protocol keeps for privileged users; then the port id",
        },
        {
          fn: "netlink_autobind",
          file: "net/netlink/af_netlink.c",
          does: "nl_pid 0 (the usual case): tries the process's tgid, then random negative ids",
        },
        {
          fn: "netlink_insert",
          file: "net/netlink/af_netlink.c",
          does: "enters the socket in the protocol's port-id table, where the kernel addresses its replies",
        },
      ],
      structures: [
        "netlink_sock: portid (the process's tgid if no socket of this netlink protocol holds it yet, else a free negative number) and the multicast groups (nl_groups) it subscribes to",
        "an entry in the netlink protocol's port-id hash table; with groups, the protocol's listener bitmap",
      ],
      wire: "nothing: netlink messages go between this process and the kernel, never onto a network",
    },
    {
      id: "any",
      title: "a socket of a family this log does not show",
      when: {},
      steps: [
        ...ENTRY,
        {
          fn: "__sys_bind_socket",
          file: "net/socket.c",
          kernels: "6.12",
          does: "6.12 (6.1 inline): the LSM hook, then the family's bind op, which checks and records the address",
        },
      ],
      structures: [
        "the family's own record of the local address (for IP: address and port; for unix: the name)",
      ],
      wire: "nothing: bind() only gives the socket a local name",
    },
  ],
};
