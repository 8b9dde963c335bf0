// Setting sockets up and tearing them down: socketpair, bind, listen, accept, accept4, connect,
// getsockname, getpeername, shutdown, close. Every function named below was found, with that name,
// in the file given, in both Linux 6.1.192 and 6.12.117 (Debian linux-source packages), unless its
// `does` says it is version-specific; behaviour comes from reading those sources and from
// shared/research/kernel-notes.md §2–§7, §15, §16, §21, §22.
// What naive explanations get wrong, and these entries must not: bind, listen, accept and UDP
// connect send nothing; the kernel, not accept(), completes the TCP handshake; the backlog counts
// finished connections and is capped by somaxconn; close() acts only on the last reference, and
// then sends FIN, RST (unread data, linger 0) or nothing (UDP, unix).
import type { EntryInput } from "../schema.js";

const LINUX = "torvalds/linux";

export const SETUP_ENTRIES: EntryInput[] = [
  // ---------------------------------------------------------------------------------- socketpair
  {
    kind: "syscall",
    name: "socketpair",
    summary:
      "Create two sockets that are already connected to each other (in practice AF_UNIX; AF_TIPC is the only other family that has it), and return one fd for each end.",
    blocking: "never blocks",
    nonblocking:
      "SOCK_NONBLOCK sets O_NONBLOCK on both new files; it changes the reads and writes that follow, not this call",
    pitfalls: [
      "only AF_UNIX (and the rarely used AF_TIPC) implement it: socketpair(AF_INET, …), AF_INET6 or AF_NETLINK fails with EOPNOTSUPP; for a TCP pair, connect two sockets over loopback yourself",
      "after fork() each process holds both ends; each side must close the end it does not use, or it never reads end-of-file, because its own copy keeps the other end open",
      "SOCK_STREAM loses message boundaries; SOCK_DGRAM and SOCK_SEQPACKET keep each send as one message",
      "neither end has a name: getsockname() and getpeername() return only the address family (length 2)",
      "without SOCK_CLOEXEC both fds leak into programs started with execve()",
    ],
    cases: [
      {
        when: { transport: ["unix-stream"], result: ["ok"] },
        summary:
          "Two connected unix stream sockets, linked as peers inside the kernel: bytes written to one end are read from the other, with no packets and no network stack.",
      },
      {
        when: { transport: ["unix-dgram"], result: ["ok"] },
        summary:
          "Two unix datagram sockets, each the other's fixed peer: every send on one end arrives whole, as one message, on the other.",
      },
      {
        when: { transport: ["unix-seqpacket"], result: ["ok"] },
        summary:
          "Two connected unix seqpacket sockets: a connection like a stream pair, but each send arrives as one message with its boundaries kept.",
      },
      {
        when: { result: ["EOPNOTSUPP"] },
        note: "This family has no socketpair() (IPv4, IPv6, netlink, packet…: only AF_UNIX and AF_TIPC have one); the kernel built both sockets, then freed them. Use AF_UNIX, or create a listener on 127.0.0.1 and connect to it.",
      },
      {
        when: { result: ["EMFILE"] },
        note: "socketpair() needs two free fds and the process reached RLIMIT_NOFILE (ulimit -n): no socket was created.",
      },
      {
        when: { result: ["EINVAL"] },
        note: "The type carried flags other than SOCK_NONBLOCK and SOCK_CLOEXEC.",
      },
    ],
    man: ["socketpair(2)", "unix(7)"],
    sources: [
      { repo: LINUX, path: "net/socket.c", symbols: ["__sys_socketpair", "sock_create", "sock_alloc_file"] },
      {
        repo: LINUX,
        path: "net/unix/af_unix.c",
        symbols: ["unix_create", "unix_socketpair", "unix_getname"],
      },
      { repo: LINUX, path: "net/core/sock.c", symbols: ["sock_no_socketpair"] },
      { repo: LINUX, path: "net/tipc/socket.c", symbols: ["tipc_socketpair"] },
      { repo: LINUX, path: "fs/file.c", symbols: ["get_unused_fd_flags", "fd_install"] },
      { man: "socketpair(2)" },
      { man: "unix(7)" },
    ],
  },

  // ---------------------------------------------------------------------------------------- bind
  {
    kind: "syscall",
    name: "bind",
    summary: "Give a socket its local address: an IP address and port, or a unix socket name.",
    blocking: "never blocks (a unix pathname bind does ordinary filesystem work)",
    nonblocking: "no difference",
    pitfalls: [
      "port 0 makes the kernel choose a free port from net.ipv4.ip_local_port_range during bind() itself (unless IP_BIND_ADDRESS_NO_PORT defers it to connect()); getsockname() tells which",
      "EADDRINUSE just after restarting a server is usually its old connections in TIME_WAIT: set SO_REUSEADDR before bind(). On Linux SO_REUSEADDR does not let two sockets listen on one port; SO_REUSEPORT does",
      "ports below net.ipv4.ip_unprivileged_port_start (1024 by default) need CAP_NET_BIND_SERVICE, otherwise EACCES",
      "binding a specific IP works only if that address is configured on this host (EADDRNOTAVAIL otherwise, unless IP_FREEBIND or net.ipv4.ip_nonlocal_bind); 0.0.0.0 means every local address",
      "a socket is bound once: a second bind() fails with EINVAL",
      "an IPv6 socket bound to [::] without IPV6_V6ONLY also holds the IPv4 port, so an IPv4 bind to the same port fails with EADDRINUSE",
      "bind() never removes an existing unix socket file, even a stale one from a crashed server: unlink() it first. Abstract names (leading NUL byte) disappear with the socket",
      "clients rarely need bind(): connect() and the first sendto() choose a local address and port by themselves",
    ],
    cases: [
      {
        when: { transport: ["tcp"], result: ["ok"] },
        summary:
          "fd {fd} asked for {local}: the kernel reserved it in TCP's bind tables, which later bind(), listen() and connect() calls check for conflicts. Nothing was sent.",
      },
      {
        when: { transport: ["udp"], result: ["ok"] },
        summary:
          "fd {fd} asked for {local}: the kernel entered the socket in UDP's lookup tables, so datagrams for that address and port now reach it. Nothing was sent.",
      },
      {
        when: { transport: ["tcp", "udp"], result: ["ok"], port0: true },
        note: "Port 0 was asked for, so the kernel picked a free port from net.ipv4.ip_local_port_range during this call (unless IP_BIND_ADDRESS_NO_PORT defers it to connect()); getsockname() tells which.",
      },
      {
        when: { transport: ["unix-stream", "unix-dgram", "unix-seqpacket"], result: ["ok"] },
        summary:
          "fd {fd} is now named {local}: a path creates a socket file in the filesystem, an abstract name (leading NUL byte, shown as @) lives only inside the kernel. Nothing was sent.",
      },
      { when: { result: ["ok"] }, summary: "fd {fd} now has a local address; bind() sends nothing." },
      {
        when: { transport: ["unix-stream", "unix-dgram", "unix-seqpacket"], result: ["EADDRINUSE"] },
        summary:
          "The unix name is already taken: a file exists at that path (often a socket file left by an earlier run) or the abstract name is in use. bind() never replaces it; unlink the path first.",
      },
      {
        when: { result: ["EADDRINUSE"] },
        summary:
          "The address and port conflict with a socket that already holds them: a listener, another socket bound there, or connections in TIME_WAIT (SO_REUSEADDR allows reusing those).",
      },
      {
        when: { result: ["EADDRINUSE"], port0: true },
        note: "Port 0 was asked for: no free port was left in net.ipv4.ip_local_port_range for this address.",
      },
      {
        when: { transport: ["unix-stream", "unix-dgram", "unix-seqpacket"], result: ["EACCES"] },
        summary:
          "No permission to create the socket file: the process cannot write to the directory, or cannot search a directory above it.",
      },
      {
        when: { result: ["EACCES"] },
        summary:
          "The port is below net.ipv4.ip_unprivileged_port_start (1024 by default) and the process lacks CAP_NET_BIND_SERVICE.",
      },
      {
        when: { result: ["EADDRNOTAVAIL"] },
        summary:
          "That IP address is not configured on this host: the kernel's local routing table has no such address (IP_FREEBIND or net.ipv4.ip_nonlocal_bind would allow it).",
      },
      {
        when: { result: ["EINVAL"] },
        summary:
          "fd {fd} already has a local address (a second bind(), or a socket that is already connected or listening), or the address length is wrong.",
      },
      {
        when: { result: ["EAFNOSUPPORT"] },
        summary:
          "The address family does not match the socket: for example an IPv6 address given to an AF_INET socket.",
      },
      {
        when: { transport: ["unix-stream", "unix-dgram", "unix-seqpacket"], result: ["ENOENT", "ENOTDIR"] },
        summary:
          "A directory in the socket path does not exist: bind() creates the socket file, not the directories above it.",
      },
    ],
    man: ["bind(2)", "ip(7)", "unix(7)", "socket(7)"],
    sources: [
      { repo: LINUX, path: "net/socket.c", symbols: ["__sys_bind", "move_addr_to_kernel"] },
      { repo: LINUX, path: "net/ipv4/af_inet.c", symbols: ["inet_bind", "__inet_bind"] },
      { repo: LINUX, path: "net/ipv4/fib_frontend.c", symbols: ["inet_addr_type_table"] },
      {
        repo: LINUX,
        path: "net/ipv4/inet_connection_sock.c",
        symbols: ["inet_csk_get_port", "inet_csk_find_open_port", "inet_csk_bind_conflict"],
      },
      { repo: LINUX, path: "net/ipv4/udp.c", symbols: ["udp_v4_get_port", "udp_lib_get_port"] },
      { repo: LINUX, path: "net/ipv6/af_inet6.c", symbols: ["inet6_bind"] },
      {
        repo: LINUX,
        path: "net/unix/af_unix.c",
        symbols: ["unix_bind", "unix_bind_bsd", "unix_bind_abstract", "unix_autobind"],
      },
      { man: "bind(2)" },
      { man: "ip(7)" },
    ],
  },

  // -------------------------------------------------------------------------------------- listen
  {
    kind: "syscall",
    name: "listen",
    summary:
      "Make a stream socket a listener: from now on the kernel accepts connections to its address and queues them for accept().",
    blocking: "never blocks",
    nonblocking: "no difference; O_NONBLOCK on the listener matters later, for accept()",
    pitfalls: [
      "the backlog limits finished connections waiting for accept(), not clients in total; Linux lets backlog + 1 wait, and silently caps the value at net.core.somaxconn",
      "when the accept queue is full Linux drops new SYNs without answering (no RST): clients retry and can end with ETIMEDOUT. nstat's TcpExtListenOverflows/ListenDrops count it; ss -ltn shows the queue as Recv-Q and the backlog as Send-Q",
      "listen() on an unbound TCP socket succeeds and picks 0.0.0.0 and a random port (Windows returns WSAEINVAL; unix sockets return EINVAL)",
      "the same backlog also bounds half-open connections; with net.ipv4.tcp_syncookies=1 (the default) the kernel answers with SYN cookies when that limit is reached instead of dropping",
      "a client whose final ACK arrives while the accept queue is full believes it is connected; the server drops that ACK and later resends its SYN-ACK (net.ipv4.tcp_abort_on_overflow=1 would reset instead)",
      "two sockets can share a port with SO_REUSEADDR, but only one of them may listen: the second listen() fails with EADDRINUSE; several listeners need SO_REUSEPORT on all of them",
    ],
    cases: [
      {
        when: { transport: ["tcp"], result: ["ok"] },
        summary:
          "fd {fd} is listening with backlog {backlog} (the kernel caps it at net.core.somaxconn = {somaxconn}). Nothing was sent: from now on the kernel itself completes handshakes and queues the connections for accept().",
      },
      {
        when: { transport: ["tcp"], result: ["ok"] },
        summary:
          "fd {fd} is listening with backlog {backlog}, capped at net.core.somaxconn. Nothing was sent: the kernel now completes handshakes itself and queues the connections for accept().",
      },
      {
        when: { transport: ["unix-stream", "unix-seqpacket"], result: ["ok"] },
        summary:
          "Unix socket fd {fd} is listening (backlog {backlog}): each client connect() now builds a server-side socket and queues it here for accept(). No packets are involved.",
      },
      {
        when: { result: ["EADDRINUSE"] },
        summary:
          "Another socket already listens on this port (SO_REUSEADDR shares a port for binding, not for listening), or listen() had to auto-bind and found no free port.",
      },
      {
        when: { transport: ["unix-stream", "unix-seqpacket"], result: ["EINVAL"] },
        summary: "Unix socket fd {fd} has no name: unlike TCP, unix sockets must be bound before listen().",
      },
      {
        when: { result: ["EINVAL"] },
        summary: "fd {fd} cannot listen: it is already connected, or a connect is in progress.",
      },
      {
        when: { result: ["EOPNOTSUPP"] },
        summary: "Datagram sockets (UDP, unix datagram) have no connections, so they cannot listen.",
      },
    ],
    man: ["listen(2)", "tcp(7)", "unix(7)"],
    sources: [
      { repo: LINUX, path: "net/socket.c", symbols: ["__sys_listen"] },
      { repo: LINUX, path: "net/ipv4/af_inet.c", symbols: ["inet_listen"] },
      {
        repo: LINUX,
        path: "net/ipv4/inet_connection_sock.c",
        symbols: ["inet_csk_listen_start", "inet_csk_get_port"],
      },
      { repo: LINUX, path: "net/core/request_sock.c", symbols: ["reqsk_queue_alloc"] },
      { repo: LINUX, path: "net/ipv4/inet_hashtables.c", symbols: ["inet_hash"] },
      { repo: LINUX, path: "include/net/sock.h", symbols: ["sk_acceptq_is_full"] },
      { repo: LINUX, path: "include/net/inet_connection_sock.h", symbols: ["inet_csk_reqsk_queue_is_full"] },
      { repo: LINUX, path: "net/ipv4/tcp_input.c", symbols: ["tcp_conn_request"] },
      { repo: LINUX, path: "net/unix/af_unix.c", symbols: ["unix_listen"] },
      { man: "listen(2)" },
    ],
  },

  // -------------------------------------------------------------------------------------- accept
  {
    kind: "syscall",
    name: "accept",
    summary:
      "Take the oldest finished connection off a listening socket's accept queue and return a new fd for it.",
    blocking:
      "sleeps while the accept queue is empty, until a connection completes, a signal arrives (EINTR, or a restart with SA_RESTART), SO_RCVTIMEO expires (EAGAIN), or the listener is shut down with SHUT_RD (EINVAL)",
    nonblocking:
      "a non-blocking listener returns EAGAIN at once when no connection is ready; the listener polls readable (POLLIN) while its accept queue is not empty",
    pitfalls: [
      "on Linux the new fd never inherits O_NONBLOCK from the listener (BSD and macOS do): use accept4(…, SOCK_NONBLOCK) or fcntl() on it",
      "accept() does not perform the handshake: clients are connected, and may already have sent data, before the program accepts them; a slow accept loop fills the queue, and then new SYNs are dropped",
      "a connection reset by its client while it waited in the queue is still handed out; reading from it reports ECONNRESET once any data that arrived before the reset has been read",
      "close() of the listening fd in another thread does not wake a thread blocked in accept() (that call holds its own reference to the file); shutdown(fd, SHUT_RD) does, and accept() returns EINVAL",
      "EMFILE leaves the connection in the queue: a level-triggered poll loop then wakes up again and again without making progress",
      "on x86_64 glibc's accept() is the accept syscall; strace shows accept4 only when the program calls accept4()",
    ],
    cases: [
      {
        when: { transport: ["tcp"], result: ["ok"] },
        summary:
          "Took a TCP connection from {peer} off the accept queue of listener fd {fd}. The kernel had already completed its handshake; accept() only gave it a socket and an fd.",
      },
      {
        when: { transport: ["tcp"], result: ["ok"] },
        summary:
          "Took an established TCP connection off the accept queue of listener fd {fd}. The kernel had already completed its handshake; accept() only gave it a socket and an fd.",
      },
      {
        when: { transport: ["unix-stream", "unix-seqpacket"], result: ["ok"] },
        summary:
          "Took a pending unix connection off listener fd {fd}: the server-side socket was created by the client's connect(); accept() only attached it to a new fd.",
      },
      {
        when: { result: ["EAGAIN"], nonblocking: true },
        summary:
          "No finished connection is waiting on listener fd {fd}, and the listener is non-blocking, so accept() returned at once.",
        note: "Wait until the listener is readable (POLLIN/EPOLLIN), then accept again; with edge-triggered epoll keep accepting until EAGAIN.",
      },
      {
        when: { result: ["EAGAIN"], nonblocking: false },
        summary:
          "accept() waited on listener fd {fd} until its SO_RCVTIMEO ran out, and no connection arrived.",
      },
      {
        when: { result: ["EINVAL"] },
        summary:
          "fd {fd} is not listening: listen() was never called or failed, or the listener was shut down with SHUT_RD (accept4 also says EINVAL for unknown flags).",
      },
      {
        when: { result: ["EMFILE", "ENFILE"] },
        summary:
          "No fd could be made for the new connection, so it stays in the accept queue of fd {fd}; the listener will keep polling readable until the program frees an fd.",
      },
      {
        when: { result: ["EINTR", "ERESTARTSYS"] },
        summary: "A signal interrupted accept() while it slept on fd {fd}; no connection was taken.",
      },
      {
        when: { result: ["ECONNABORTED"] },
        summary:
          "A connection was taken off the queue of fd {fd}, but reading its peer address for the program failed, so the kernel dropped it with its new fd (do_accept, in Linux 6.1 and 6.12 alike); accept again for the next one.",
        note: "Linux does not return ECONNABORTED for a connection the client reset while it waited in the queue: that one is handed out normally, and a later read or write reports ECONNRESET (after any data that arrived before the reset).",
      },
      {
        when: { result: ["EOPNOTSUPP"] },
        summary: "fd {fd} is a datagram socket: UDP and unix datagram sockets have no connections to accept.",
      },
    ],
    man: ["accept(2)", "tcp(7)", "unix(7)"],
    sources: [
      { repo: LINUX, path: "net/socket.c", symbols: ["__sys_accept4", "__sys_accept4_file", "do_accept"] },
      { repo: LINUX, path: "net/ipv4/af_inet.c", symbols: ["inet_accept"] },
      {
        repo: LINUX,
        path: "net/ipv4/inet_connection_sock.c",
        symbols: ["inet_csk_accept", "inet_csk_wait_for_connect"],
      },
      {
        repo: LINUX,
        path: "net/ipv4/tcp_minisocks.c",
        symbols: ["tcp_check_req", "tcp_create_openreq_child"],
      },
      { repo: LINUX, path: "net/ipv4/tcp_ipv4.c", symbols: ["tcp_v4_syn_recv_sock"] },
      { repo: LINUX, path: "net/unix/af_unix.c", symbols: ["unix_accept", "unix_stream_connect"] },
      { repo: LINUX, path: "fs/file.c", symbols: ["fd_install"] },
      { man: "accept(2)" },
    ],
  },

  // ------------------------------------------------------------------------------------- accept4
  {
    kind: "syscall",
    name: "accept4",
    summary: "accept() with flags: SOCK_NONBLOCK and SOCK_CLOEXEC are set on the new fd in the same step.",
    blocking:
      "blocks exactly like accept(): whether it waits depends on the listener's O_NONBLOCK, not on the SOCK_NONBLOCK flag",
    nonblocking:
      "a non-blocking listener gives EAGAIN when nothing is queued; SOCK_NONBLOCK only makes the returned fd non-blocking",
    pitfalls: [
      "the flags describe the new fd: accept4(fd, …, SOCK_NONBLOCK) on a blocking listener still sleeps until a connection is ready",
      "SOCK_CLOEXEC here closes the race in which another thread fork()s and exec()s between accept() and a later fcntl(FD_CLOEXEC)",
      "not portable to macOS, which has no accept4()",
      "all of accept()'s pitfalls apply: no handshake is done here, and a full queue drops new SYNs",
    ],
    cases: [
      {
        when: { transport: ["tcp"], result: ["ok"] },
        summary:
          "Took a TCP connection from {peer} off the accept queue of listener fd {fd} and gave it an fd with the requested flags; the kernel had already completed the handshake.",
      },
      {
        when: { transport: ["tcp"], result: ["ok"] },
        summary:
          "Took an established TCP connection off the accept queue of listener fd {fd} and gave it an fd with the requested flags; the handshake was already done.",
      },
      {
        when: { transport: ["unix-stream", "unix-seqpacket"], result: ["ok"] },
        summary:
          "Took a pending unix connection off listener fd {fd}; its server-side socket was made by the client's connect(), and the new fd carries the requested flags.",
      },
      {
        when: { result: ["EAGAIN"], nonblocking: true },
        summary:
          "No finished connection is waiting on non-blocking listener fd {fd}; accept4() returned at once.",
        note: "Wait for the listener to become readable, then call accept4() again.",
      },
      {
        when: { result: ["EINVAL"] },
        summary:
          "Either the flags contain something other than SOCK_NONBLOCK and SOCK_CLOEXEC, or fd {fd} is not a listening socket.",
      },
      {
        when: { result: ["EMFILE", "ENFILE"] },
        summary: "No fd was available for the new connection; it stays queued on listener fd {fd}.",
      },
      {
        when: { result: ["EINTR", "ERESTARTSYS"] },
        summary: "A signal interrupted accept4() while it waited on fd {fd}; no connection was taken.",
      },
      {
        when: { result: ["ECONNABORTED"] },
        summary:
          "A connection was taken off the queue of fd {fd}, but reading its peer address for the program failed, so the kernel dropped it with its new fd; accept4() again for the next one.",
      },
    ],
    man: ["accept(2)"],
    sources: [
      { repo: LINUX, path: "net/socket.c", symbols: ["__sys_accept4", "__sys_accept4_file", "do_accept"] },
      { repo: LINUX, path: "net/ipv4/af_inet.c", symbols: ["inet_accept"] },
      { repo: LINUX, path: "net/ipv4/inet_connection_sock.c", symbols: ["inet_csk_accept"] },
      { repo: LINUX, path: "net/unix/af_unix.c", symbols: ["unix_accept"] },
      { man: "accept(2)" },
    ],
  },

  // ------------------------------------------------------------------------------------- connect
  {
    kind: "syscall",
    name: "connect",
    summary:
      "Connect a socket to a remote address: TCP runs the three-way handshake, UDP and unix datagram sockets only record a default peer, unix stream sockets link to a listener.",
    blocking:
      "TCP sleeps until the handshake ends, an error arrives, or SO_SNDTIMEO passes (then EINPROGRESS); a signal ends the wait with EINTR (unless SA_RESTART restarts the call) but the handshake carries on. UDP never blocks. A unix stream connect sleeps only while the listener's accept queue is full",
    nonblocking:
      "TCP returns EINPROGRESS right after the SYN has been sent, even on loopback; the socket becomes writable when the attempt ends, connected or failed, and getsockopt(SO_ERROR) gives the result (0 or the errno). Calling connect() again reports EALREADY while pending; once it ended, 0 then EISCONN after a success, or after a failure the errno (ECONNABORTED if SO_ERROR already took it), and a further connect() starts a new attempt. A unix stream connect returns EAGAIN when the listener's queue is full, never EINPROGRESS",
    pitfalls: [
      "SO_ERROR is read-and-clear: read it once after the socket turns writable; a second connect() call also consumes the error",
      "a UDP connect() sends nothing and cannot tell whether anyone listens; errors (ECONNREFUSED from an ICMP port unreachable) show up later, on send() or recv()",
      "connecting a UDP socket has two effects beyond the default address: datagrams from other addresses are no longer delivered to it, and ICMP errors are reported to it",
      "ETIMEDOUT can take minutes: the SYN is retransmitted within a time budget set by net.ipv4.tcp_syn_retries (6 by default, about two minutes) or TCP_SYNCNT; set a timeout of your own with a non-blocking connect and poll()",
      "a full accept queue on the server drops SYNs silently: the client sees a slow connect or ETIMEDOUT, not ECONNREFUSED",
      "connect() with an AF_UNSPEC address disconnects: UDP forgets its peer, a connected TCP socket is reset (RST)",
      "after a failed connect, POSIX leaves the socket's state unspecified (Linux resets it so connect() can be called again): for portable code, close it and create a new socket",
    ],
    cases: [
      {
        when: { transport: ["tcp"], result: ["EINPROGRESS"], nonblocking: true },
        summary:
          "Non-blocking connect to {remote}: the kernel sent the SYN and returned at once with EINPROGRESS. Whatever answers it (a SYN-ACK: connected; a RST: refused; nothing: the SYN is retried until ETIMEDOUT) is handled without the program, and was not known when the call returned.",
        note: "Wait until fd {fd} is writable (POLLOUT/EPOLLOUT), then read getsockopt(SO_ERROR): 0 means connected, anything else is the connect's errno. Reading it clears it.",
      },
      {
        when: { transport: ["tcp"], result: ["EINPROGRESS"], nonblocking: false },
        summary:
          "connect() to {remote} sent the SYN and waited, but the socket's SO_SNDTIMEO ran out first; the attempt carries on without the program, and its outcome is not known yet.",
        note: "Wait until fd {fd} is writable, then read getsockopt(SO_ERROR) for the result.",
      },
      {
        when: { transport: ["tcp"], result: ["ECONNREFUSED"] },
        summary:
          "Nothing accepts connections on {remote}: the SYN was answered by a RST (or an ICMP port-unreachable, as a firewall REJECT rule sends), which the kernel reports as ECONNREFUSED.",
      },
      {
        when: { transport: ["tcp"], result: ["ETIMEDOUT"] },
        summary:
          "No answer from {remote}: the kernel retransmitted the SYN until its time budget (net.ipv4.tcp_syn_retries or TCP_SYNCNT) ran out.",
        note: "Silence usually means a firewall dropping packets, a host that is down, or a server whose accept queue is full (a full queue drops SYNs instead of refusing them).",
      },
      {
        when: { transport: ["tcp"], result: ["ENETUNREACH", "EHOSTUNREACH"] },
        summary:
          "{remote} cannot be reached: the routing table has no route to it, or an ICMP unreachable answered the SYN.",
      },
      {
        when: { transport: ["tcp"], result: ["EADDRNOTAVAIL"] },
        summary:
          "No free local port for a connection to {remote}: every port of net.ipv4.ip_local_port_range is already in use toward that address and port (a port only has to be unique per 4-tuple).",
      },
      {
        when: { transport: ["tcp"], result: ["EALREADY"] },
        summary:
          "The earlier non-blocking connect of fd {fd} is still in progress; this call changed nothing.",
      },
      {
        when: { transport: ["tcp"], result: ["EISCONN"] },
        summary:
          "fd {fd} is already connected (or is listening); this connect() changed nothing and sent nothing.",
      },
      {
        when: { transport: ["tcp"], result: ["EINTR"] },
        summary:
          "A signal interrupted connect() while it waited; the handshake with {remote} continues in the background.",
        note: "Wait for writability and read SO_ERROR; calling connect() again on a blocking socket simply resumes waiting.",
      },
      {
        when: { transport: ["tcp"], result: ["ok"], nonblocking: true },
        summary:
          "The connection to {remote} that the kernel was setting up in the background is established; this connect() call only reported it.",
      },
      {
        when: { transport: ["tcp"], result: ["ok"] },
        summary:
          "Connected to {remote}: the kernel sent a SYN, got the SYN-ACK and answered with the final ACK, then connect() returned. fd {fd} is ESTABLISHED.",
      },
      {
        when: { transport: ["udp"], result: ["ok"] },
        summary:
          "UDP connect: no packet was sent. The kernel looked up the route to {remote}, chose the source address (and a port if the socket had none), and made {remote} the socket's default and only peer.",
        note: "Now connected, fd {fd} gets ICMP errors from {remote}: a port-unreachable becomes ECONNREFUSED on a later send or recv. Datagrams from other addresses are no longer delivered to it.",
      },
      {
        when: { transport: ["udp"], result: ["EACCES"] },
        summary: "{remote} is a broadcast address and the socket does not have SO_BROADCAST set.",
      },
      {
        when: { transport: ["udp"], result: ["EAGAIN"] },
        summary: "The socket needed a local port and no free ephemeral port was left.",
      },
      {
        when: { transport: ["unix-stream", "unix-seqpacket"], result: ["ok"] },
        summary:
          "Connected to the unix socket {remote}: the kernel created the server-side socket now, linked it with this one, and queued it on the listener for accept(). No handshake, no packets.",
      },
      {
        when: { transport: ["unix-dgram"], result: ["ok"] },
        summary:
          "{remote} is now the default destination of this unix datagram socket, and the only sender it accepts datagrams from; nothing was sent.",
      },
      {
        when: { transport: ["unix-stream", "unix-seqpacket"], result: ["ECONNREFUSED"] },
        summary:
          "Nothing is listening at {remote}: the name exists but belongs to no live listener (a socket file left by a server that exited, a socket that is bound but not listening, or a file that is not a socket).",
      },
      {
        when: { transport: ["unix-dgram"], result: ["ECONNREFUSED"] },
        summary:
          "No live socket is bound to {remote}: a socket file left behind by a process that exited, or a file that is not a socket.",
      },
      {
        when: { transport: ["unix-stream", "unix-seqpacket", "unix-dgram"], result: ["ENOENT"] },
        summary:
          "There is no socket file at {remote}: usually no server of that kind runs here at all (glibc probes nscd's socket and falls back, for instance), or it has not bound yet, or it listens on an abstract name (leading NUL byte) instead of a path.",
      },
      {
        when: { transport: ["unix-stream", "unix-seqpacket"], result: ["EAGAIN"] },
        summary:
          "The listener at {remote} has a full accept queue and this socket is non-blocking: unix sockets report EAGAIN here, never EINPROGRESS. Retry later.",
      },
      {
        when: { transport: ["unix-stream", "unix-seqpacket", "unix-dgram"], result: ["EACCES"] },
        summary:
          "No write permission on the socket file {remote} (or no search permission on a directory above it).",
      },
      { when: { result: ["ok"] }, summary: "fd {fd} is now connected to {remote}." },
    ],
    man: ["connect(2)", "tcp(7)", "udp(7)", "unix(7)", "socket(7)"],
    sources: [
      { repo: LINUX, path: "net/socket.c", symbols: ["__sys_connect", "__sys_connect_file"] },
      {
        repo: LINUX,
        path: "net/ipv4/af_inet.c",
        symbols: [
          "inet_stream_connect",
          "__inet_stream_connect",
          "inet_wait_for_connect",
          "inet_dgram_connect",
        ],
      },
      {
        repo: LINUX,
        path: "net/ipv4/tcp_ipv4.c",
        symbols: ["tcp_v4_connect", "tcp_v4_send_synack", "tcp_v4_syn_recv_sock"],
      },
      {
        repo: LINUX,
        path: "net/ipv4/inet_hashtables.c",
        symbols: ["inet_hash_connect", "__inet_hash_connect"],
      },
      { repo: LINUX, path: "net/ipv4/tcp_output.c", symbols: ["tcp_connect"] },
      {
        repo: LINUX,
        path: "net/ipv4/tcp_input.c",
        symbols: ["tcp_conn_request", "tcp_rcv_synsent_state_process", "tcp_finish_connect", "tcp_reset"],
      },
      { repo: LINUX, path: "net/ipv4/tcp_minisocks.c", symbols: ["tcp_check_req"] },
      {
        repo: LINUX,
        path: "net/ipv4/inet_connection_sock.c",
        symbols: ["inet_csk_complete_hashdance", "inet_csk_reqsk_queue_add"],
      },
      {
        repo: LINUX,
        path: "net/ipv4/datagram.c",
        symbols: ["ip4_datagram_connect", "__ip4_datagram_connect"],
      },
      {
        repo: LINUX,
        path: "net/unix/af_unix.c",
        symbols: ["unix_stream_connect", "unix_dgram_connect", "unix_find_other"],
      },
      { man: "connect(2)" },
      { man: "socket(7)" },
    ],
  },

  // --------------------------------------------------------------------------------- getsockname
  {
    kind: "syscall",
    name: "getsockname",
    summary: "Ask the kernel which local address and port (or unix name) a socket has right now.",
    blocking: "never blocks",
    nonblocking: "no difference",
    pitfalls: [
      "a socket that was never bound is not an error: it reports 0.0.0.0:0 (or [::]:0); Windows fails with WSAEINVAL instead",
      "this is how to learn a port the kernel chose: after bind() to port 0, after listen() auto-bound, after connect() or the first sendto()",
      "a wildcard-bound or unbound UDP socket keeps reporting 0.0.0.0 as its address after sendto(); connect() (TCP or UDP) fixes a concrete source address, which then shows here",
      "the length is in/out: the kernel writes back the full length, so a value larger than the buffer you passed means the address was cut short (strace shows both as [in => out])",
    ],
    cases: [
      {
        when: { transport: ["tcp", "udp"], result: ["ok"] },
        summary: "fd {fd}'s local address is {local} (0.0.0.0:0 or [::]:0 would mean: not bound yet).",
      },
      {
        when: { transport: ["unix-stream", "unix-dgram", "unix-seqpacket"], result: ["ok"] },
        summary:
          "fd {fd}'s unix name is {local}; a socket without a name (unbound, socketpair) returns only the family.",
      },
      {
        when: { result: ["ok"] },
        summary: "The kernel copied fd {fd}'s current local address; nothing was changed or sent.",
      },
      { when: { result: ["EINVAL"] }, summary: "The length passed in was negative." },
    ],
    man: ["getsockname(2)"],
    sources: [
      { repo: LINUX, path: "net/socket.c", symbols: ["__sys_getsockname", "move_addr_to_user"] },
      { repo: LINUX, path: "net/ipv4/af_inet.c", symbols: ["inet_getname"] },
      { repo: LINUX, path: "net/ipv6/af_inet6.c", symbols: ["inet6_getname"] },
      { repo: LINUX, path: "net/unix/af_unix.c", symbols: ["unix_getname"] },
      { man: "getsockname(2)" },
    ],
  },

  // --------------------------------------------------------------------------------- getpeername
  {
    kind: "syscall",
    name: "getpeername",
    summary: "Ask the kernel for the address of the peer a socket is connected to.",
    blocking: "never blocks",
    nonblocking: "no difference",
    pitfalls: [
      "ENOTCONN while a non-blocking connect is still in SYN_SENT: some programs use getpeername() to ask 'has my connect finished?'; it does not say why a connect failed, SO_ERROR does",
      "after a TCP connection was reset or failed (state CLOSE) it returns ENOTCONN; after the peer only closed its side (FIN received, CLOSE_WAIT) it still returns the peer",
      "it works on a connected UDP socket and returns the default peer that connect() set",
      "accept() and recvfrom() can return the peer's address directly, which saves this call",
    ],
    cases: [
      { when: { transport: ["tcp"], result: ["ok"] }, summary: "fd {fd} is connected to {remote}." },
      {
        when: { transport: ["udp"], result: ["ok"] },
        summary: "fd {fd}'s default peer, set by connect(), is {remote}.",
      },
      {
        when: { transport: ["unix-stream", "unix-dgram", "unix-seqpacket"], result: ["ok"] },
        summary:
          "fd {fd}'s peer is {remote}; a peer without a name (a client that never bound, a socketpair end) shows only the family.",
      },
      {
        when: { transport: ["tcp"], result: ["ENOTCONN"] },
        summary:
          "fd {fd} has no peer: it was never connected, its connect is still in progress (SYN_SENT), or the connection has been reset or has failed.",
      },
      {
        when: { transport: ["udp"], result: ["ENOTCONN"] },
        summary:
          "UDP fd {fd} has no default peer: connect() was never called on it (or was undone with AF_UNSPEC).",
      },
      { when: { result: ["ENOTCONN"] }, summary: "fd {fd} is not connected to anything." },
      {
        when: { result: ["ok"] },
        summary: "The kernel copied the address of fd {fd}'s peer; nothing was sent.",
      },
    ],
    man: ["getpeername(2)"],
    sources: [
      { repo: LINUX, path: "net/socket.c", symbols: ["__sys_getpeername", "move_addr_to_user"] },
      { repo: LINUX, path: "net/ipv4/af_inet.c", symbols: ["inet_getname"] },
      { repo: LINUX, path: "net/ipv6/af_inet6.c", symbols: ["inet6_getname"] },
      { repo: LINUX, path: "net/unix/af_unix.c", symbols: ["unix_getname"] },
      { man: "getpeername(2)" },
    ],
  },

  // ------------------------------------------------------------------------------------ shutdown
  {
    kind: "syscall",
    name: "shutdown",
    summary:
      "Close the receiving side, the sending side or both sides of a connection, without giving up the fd.",
    blocking:
      "never blocks: it only changes the socket's state; where a FIN is due (TCP, SHUT_WR or SHUT_RDWR on an open connection) it is queued and the call returns without waiting for its acknowledgement",
    nonblocking: "no difference",
    pitfalls: [
      "it acts on the socket, not on the fd: on TCP the FIN goes out even if other fds or processes (dup, fork) still refer to the socket, which close() would not do",
      "shutdown() frees nothing: the fd still has to be closed",
      "SHUT_RD sends nothing and the peer is not told; recv() returns what is already queued, then 0 instead of waiting, and Linux keeps accepting and acknowledging data the peer sends afterwards (Windows resets the connection instead)",
      "after SHUT_WR, send() fails with EPIPE and raises SIGPIPE (unless MSG_NOSIGNAL is used)",
      "SHUT_RD (or SHUT_RDWR) on a listening socket stops it listening: blocked accept() calls return EINVAL and connections still in its queue are reset",
      "the usual clean close: shutdown(SHUT_WR), read until recv() returns 0, then close(); this avoids the RST that close() sends when unread data remains",
    ],
    cases: [
      {
        when: { transport: ["tcp"], result: ["ok"] },
        summary:
          "shutdown() on TCP fd {fd}: SHUT_WR or SHUT_RDWR on an open connection queues a FIN behind any unsent data (ESTABLISHED → FIN_WAIT1, or CLOSE_WAIT → LAST_ACK), unless an earlier shutdown already sent it; SHUT_RD sends nothing, except on a listener, which stops listening and resets the connections it still queued. The fd stays open.",
      },
      {
        when: { transport: ["unix-stream", "unix-seqpacket"], result: ["ok"] },
        summary:
          "The shutdown was recorded on unix fd {fd} and mirrored on its peer: after SHUT_WR the peer reads end-of-file once it has drained what was sent. No packets exist.",
      },
      {
        when: { transport: ["udp", "unix-dgram"], result: ["ok"] },
        summary:
          "On a datagram socket shutdown() only sets flags on fd {fd}: nothing is sent and the peer learns nothing.",
      },
      {
        when: { transport: ["tcp", "udp"], result: ["ENOTCONN"] },
        summary:
          "fd {fd} has no connection to shut down (never connected, its connect failed, or both sides have already closed); the kernel still recorded the shutdown and woke threads waiting on the socket (a recv() blocked on an unconnected UDP socket returns 0 after SHUT_RD). Nothing was sent.",
      },
      { when: { result: ["EINVAL"] }, summary: "how must be SHUT_RD (0), SHUT_WR (1) or SHUT_RDWR (2)." },
      {
        when: { result: ["EOPNOTSUPP"] },
        summary: "This kind of socket (netlink, for one) has no shutdown(); nothing changed.",
      },
    ],
    man: ["shutdown(2)", "tcp(7)"],
    sources: [
      { repo: LINUX, path: "net/socket.c", symbols: ["__sys_shutdown", "__sys_shutdown_sock"] },
      { repo: LINUX, path: "net/ipv4/af_inet.c", symbols: ["inet_shutdown"] },
      { repo: LINUX, path: "net/ipv4/tcp.c", symbols: ["tcp_shutdown", "tcp_close_state"] },
      { repo: LINUX, path: "net/ipv4/tcp_output.c", symbols: ["tcp_send_fin"] },
      { repo: LINUX, path: "net/unix/af_unix.c", symbols: ["unix_shutdown"] },
      { man: "shutdown(2)" },
    ],
  },

  // --------------------------------------------------------------------------------------- close
  {
    kind: "syscall",
    name: "close",
    summary:
      "Drop an fd; when it was the last reference to the socket, release the socket and end its connection.",
    blocking:
      "does not wait for the peer: whatever the family sends (for TCP, the FIN or RST) is queued and the call returns. The exception is TCP with SO_LINGER {1, N>0}: it waits up to N seconds for the FIN to be acknowledged, and Linux returns 0 even when the time runs out",
    nonblocking:
      "O_NONBLOCK makes no difference on Linux: a lingering close waits even on a non-blocking socket (Windows returns WSAEWOULDBLOCK instead)",
    pitfalls: [
      "only the last reference counts: after fork(), dup() or passing the fd, close() of one copy sends nothing; shutdown(SHUT_WR) sends the FIN regardless",
      "closing with unread received data sends RST, not FIN: the peer can lose data it already sent and sees ECONNRESET. Read until end-of-file (or shutdown(SHUT_WR), then drain) before close()",
      "close() returns 0 without saying whether the data arrived: delivery errors after it are lost; for certainty, shutdown(SHUT_WR) and wait for the peer's end-of-file",
      "do not retry close() after EINTR on Linux: the fd is already gone, and a retry could close an fd another thread has just been given",
      "the side that closes first keeps the 4-tuple in TIME_WAIT for 60 s (fixed; net.ipv4.tcp_fin_timeout is about FIN_WAIT2, not TIME_WAIT); a server that closed first needs SO_REUSEADDR to bind its port again while those entries last",
      "a pathname unix socket's file survives close(): unlink() it, or the next bind() to that path fails with EADDRINUSE",
      "closing a unix stream socket with unread data makes the peer's next read fail with ECONNRESET instead of returning end-of-file",
      "SO_LINGER {1, 0} turns the last close of a TCP connection into an abort: a RST instead of the FIN, unsent data thrown away, no TIME_WAIT; the trace shows the setsockopt, but not which close it applied to, so the path shown assumes the normal FIN",
      "the socket's release runs in the calling thread before close() returns: directly in close() since Linux 6.6 (__fput_sync), in task_work on the way back to user space before that (fput, ____fput)",
    ],
    cases: [
      {
        when: { result: ["ok"], last: false },
        summary:
          "Closed fd {fd}. Another fd or process still holds the socket, so only this reference went: the socket stays open and nothing is sent.",
      },
      {
        when: { transport: ["tcp"], result: ["ok"] },
        summary:
          "Closed fd {fd}. If it was the socket's last reference the socket goes too: an open connection queues its FIN behind unsent data (a RST instead if received data was left unread or SO_LINGER was {1, 0}) and lives on without an fd until the closing handshake ends, a listener resets the connections still queued, a socket never connected sends nothing. While another fd holds it, nothing else happens.",
      },
      {
        when: { transport: ["udp"], result: ["ok"], last: true },
        summary:
          "Closed fd {fd}. For a UDP socket the last close only unhashes it and frees its queues: nothing is sent and the peer is not told.",
      },
      {
        when: { transport: ["unix-stream", "unix-seqpacket"], result: ["ok"] },
        summary:
          "Closed fd {fd}. If it was the last reference to a connected socket, the peer reads end-of-file once it has drained its queue (ECONNRESET instead if this end left data unread) and its writes fail with EPIPE; a listener's clients not yet accepted get ECONNRESET. No packets are involved.",
      },
      {
        when: { transport: ["unix-dgram"], result: ["ok"] },
        summary:
          "Closed fd {fd}. A unix datagram socket connected to this one gets ECONNREFUSED on its next send; nothing else is signalled.",
      },
      {
        when: { result: ["ok"] },
        summary: "Closed fd {fd}; the socket itself is released only when its last fd is closed.",
      },
      {
        when: { result: ["EINTR"] },
        summary: "A signal interrupted close() on fd {fd}; on Linux the fd is released anyway.",
        note: "Do not call close() again on this number: it may already belong to a new file.",
      },
      {
        when: { result: ["EBADF"] },
        summary:
          "fd {fd} was not open: often a double close, which can close someone else's fd in a threaded program.",
      },
    ],
    man: ["close(2)", "socket(7)", "tcp(7)", "unix(7)"],
    sources: [
      { repo: LINUX, path: "fs/open.c", symbols: ["filp_close"] },
      { repo: LINUX, path: "fs/file.c", symbols: ["file_close_fd", "close_fd"] },
      { repo: LINUX, path: "fs/file_table.c", symbols: ["fput", "__fput", "__fput_sync"] },
      { repo: LINUX, path: "net/socket.c", symbols: ["sock_close", "__sock_release"] },
      { repo: LINUX, path: "net/ipv4/af_inet.c", symbols: ["inet_release"] },
      {
        repo: LINUX,
        path: "net/ipv4/tcp.c",
        symbols: ["tcp_close", "__tcp_close", "tcp_close_state", "tcp_disconnect"],
      },
      { repo: LINUX, path: "net/ipv4/inet_connection_sock.c", symbols: ["inet_csk_listen_stop"] },
      { repo: LINUX, path: "net/ipv4/tcp_output.c", symbols: ["tcp_send_fin", "tcp_send_active_reset"] },
      { repo: LINUX, path: "net/core/stream.c", symbols: ["sk_stream_wait_close"] },
      { repo: LINUX, path: "include/net/udp.h", symbols: ["udp_lib_close"] },
      { repo: LINUX, path: "net/unix/af_unix.c", symbols: ["unix_release", "unix_release_sock"] },
      { man: "close(2)" },
      { man: "socket(7)" },
    ],
  },
];
