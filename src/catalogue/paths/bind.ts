import type { PathSetInput } from "../schema.js";

export const BIND: PathSetInput = {
  syscall: "bind",
  paths: [
    {
      id: "any",
      title: "any socket",
      when: {},
      steps: [
        {
          fn: "__sys_bind",
          file: "net/socket.c",
          does: "fd → socket; then an LSM check and the family's bind",
        },
        {
          fn: "move_addr_to_kernel",
          file: "net/socket.c",
          does: "copies the sockaddr in: EINVAL for a negative or oversized length, EFAULT for a bad pointer",
        },
        {
          fn: "inet_bind",
          file: "net/ipv4/af_inet.c",
          does: "AF_INET entry (newer kernels route it through inet_bind_sk); IPv6 has inet6_bind in net/ipv6/af_inet6.c",
        },
        {
          fn: "__inet_bind",
          file: "net/ipv4/af_inet.c",
          does: "checks in order: family (EAFNOSUPPORT), address is local (EADDRNOTAVAIL), port below net.ipv4.ip_unprivileged_port_start without CAP_NET_BIND_SERVICE (EACCES), already bound (EINVAL); then takes the port",
        },
        {
          fn: "inet_addr_type_table",
          file: "net/ipv4/fib_frontend.c",
          does: "the locality check: a lookup in the local routing (FIB) table",
        },
        {
          fn: "inet_csk_get_port",
          file: "net/ipv4/inet_connection_sock.c",
          does: "TCP: finds or creates the port's bind buckets and runs the conflict check (EADDRINUSE); port 0 searches the ephemeral range, odd ports first",
        },
        {
          fn: "udp_lib_get_port",
          file: "net/ipv4/udp.c",
          does: "UDP: claims the port in the UDP hash tables (EADDRINUSE); port 0 scans the ephemeral range from a random point",
        },
        {
          fn: "unix_bind",
          file: "net/unix/af_unix.c",
          does: "AF_UNIX: a path makes a socket inode in the filesystem, a leading NUL byte an abstract name, a bare family an automatic abstract name",
        },
      ],
      structures: [
        "inet_sock: inet_rcv_saddr and inet_saddr (the address), inet_num and inet_sport (the port); struct sock's sk_userlocks remembers whether the program fixed the address and the port",
        "TCP: the socket joins an inet_bind_bucket in the bind hash (bhash, keyed by port) and, since 6.1, an inet_bind2_bucket in bhash2 (keyed by port and address); later bind(), listen() and connect() calls check these for conflicts",
        "UDP: the socket enters the UDP lookup tables, which incoming datagrams are matched against",
        "unix: unix_sock->addr; for a pathname also a new S_IFSOCK inode in the filesystem, for an abstract name only an entry in the kernel's unix hash",
        "sk_state does not change: a bound TCP socket is still CLOSE",
      ],
      wire: "nothing: bind() only reserves an address on this host",
    },
  ],
};
