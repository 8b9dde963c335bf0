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
      "Create two unix sockets that are already connected to each other, and return one fd for each end.",
    kernel: [
      {
        fn: "__sys_socketpair",
        file: "net/socket.c",
        does: "checks the type flags (only SOCK_NONBLOCK/SOCK_CLOEXEC), reserves both fd numbers first",
      },
      {
        fn: "get_unused_fd_flags",
        file: "fs/file.c",
        does: "called twice: the lowest free fd numbers (EMFILE past RLIMIT_NOFILE)",
      },
      {
        fn: "sock_create",
        file: "net/socket.c",
        does: "called twice: a struct socket with its sockfs inode, then the family's create hook",
      },
      {
        fn: "unix_create",
        file: "net/unix/af_unix.c",
        does: "AF_UNIX: picks the stream, dgram or seqpacket ops and allocates a unix_sock",
      },
      {
        fn: "unix_socketpair",
        file: "net/unix/af_unix.c",
        does: "makes each unix_sock the other's peer, stores the caller as peer credentials, both ESTABLISHED",
      },
      {
        fn: "sock_alloc_file",
        file: "net/socket.c",
        does: "called twice: one struct file per socket (O_NONBLOCK with SOCK_NONBLOCK)",
      },
      {
        fn: "fd_install",
        file: "fs/file.c",
        does: "publishes both fds in the process's fd table; until then the numbers were only reserved",
      },
    ],
    structures: [
      "two struct socket (each with its sockfs inode), both SS_CONNECTED",
      "two unix_socks pointing at each other as peers, sk_state TCP_ESTABLISHED, each holding the creating process's pid and credentials as its SO_PEERCRED",
      "two struct files and two fds, written into the int[2] array the program passed",
      "no address at all: nothing in the filesystem or in the abstract namespace, so no other process can connect() to either end",
    ],
    wire: "nothing, ever: the pair never touches the network stack; a write on one end puts sk_buffs straight onto the other end's receive queue",
    blocking: "never blocks",
    nonblocking:
      "SOCK_NONBLOCK sets O_NONBLOCK on both new files; it changes the reads and writes that follow, not this call",
    pitfalls: [
      "only AF_UNIX implements it: socketpair(AF_INET, …) or AF_INET6 fails with EOPNOTSUPP; for a TCP pair, connect two sockets over loopback yourself",
      "after fork() each process holds both ends; each side must close the end it does not use, or it never reads end-of-file, because its own copy keeps the other end open",
      "SOCK_STREAM loses message boundaries; SOCK_DGRAM and SOCK_SEQPACKET keep each send as one message",
      "neither end has a name: getsockname() and getpeername() return only the address family (length 2)",
      "without SOCK_CLOEXEC both fds leak into programs started with execve()",
    ],
    layer: "socket",
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
        note: "IPv4 and IPv6 sockets have no socketpair(): use AF_UNIX, or create a listener on 127.0.0.1 and connect to it.",
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
      { repo: LINUX, path: "fs/file.c", symbols: ["get_unused_fd_flags", "fd_install"] },
      { man: "socketpair(2)" },
      { man: "unix(7)" },
    ],
    os: {
      windows:
        "Winsock has no socketpair(), and Windows' AF_UNIX support (stream sockets only) does not add one. The usual substitute is a loopback TCP listener that the program connects to and accepts from; CreatePipe gives an anonymous pipe, which is not a SOCKET.",
      macos:
        "socketpair(AF_UNIX, …) works as on Linux; SOCK_NONBLOCK and SOCK_CLOEXEC are not accepted in the type, so set them afterwards with fcntl().",
      freebsd:
        "socketpair(AF_UNIX, …) works as on Linux and accepts SOCK_NONBLOCK and SOCK_CLOEXEC in the type.",
      lwip: "lwIP's socket API has no socketpair(); a pair of sockets connected over lwIP's loopback, or the RTOS's own message queues, can stand in.",
      plan9:
        "No socketpair(): pipe() already returns two fds that each read what the other writes, and it keeps write boundaries.",
    },
  },

  // ---------------------------------------------------------------------------------------- bind
  {
    kind: "syscall",
    name: "bind",
    summary: "Give a socket its local address: an IP address and port, or a unix socket name.",
    kernel: [
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
    layer: "ip",
    cases: [
      {
        when: { transport: ["tcp"], result: ["ok"] },
        summary:
          "fd {fd} asked for {local}: the kernel reserved it in TCP's bind tables, which later bind(), listen() and connect() calls check for conflicts. Nothing was sent. With port 0 the kernel picked a free port during this call; getsockname() tells which.",
      },
      {
        when: { transport: ["udp"], result: ["ok"] },
        summary:
          "fd {fd} asked for {local}: the kernel entered the socket in UDP's lookup tables, so datagrams for that address and port now reach it. Nothing was sent. With port 0 the kernel picked a free port during this call.",
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
          "The address and port conflict with a socket that already holds them: a listener, another socket bound there, or connections in TIME_WAIT (SO_REUSEADDR allows reusing those). With port 0, the ephemeral range was exhausted.",
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
    os: {
      windows:
        "bind() on a SOCKET; port 0 takes a port from the dynamic range (49152–65535 by default). SO_REUSEADDR is much looser than on Linux: it lets a socket bind a port another socket is using, and SO_EXCLUSIVEADDRUSE exists to forbid that. Errors come from WSAGetLastError(): WSAEADDRINUSE, WSAEACCES, WSAEADDRNOTAVAIL.",
      macos:
        "bind() as on BSD: the sockaddr starts with a length byte (sin_len); ephemeral ports come from net.inet.ip.portrange.first/last. SO_REUSEPORT allows duplicate bindings.",
      freebsd:
        "bind() as on BSD (sockaddr with sin_len); ephemeral ports from net.inet.ip.portrange.first/last. SO_REUSEPORT allows duplicate bindings and SO_REUSEPORT_LB spreads connections across several listeners.",
      lwip: "lwip_bind() passes the address to netconn_bind, which the tcpip thread carries out on the TCP or UDP PCB; port 0 takes a port from 0xC000–0xFFFF by default. SO_REUSEADDR exists only when lwIP is built with SO_REUSE=1.",
      plan9:
        'There is no separate bind step: the local port is part of announce("tcp!*!port") for servers, or of dial()\'s local argument for clients. The ctl message "bind" exists for the BSD-emulation library (APE).',
    },
  },

  // -------------------------------------------------------------------------------------- listen
  {
    kind: "syscall",
    name: "listen",
    summary:
      "Make a stream socket a listener: from now on the kernel accepts connections to its address and queues them for accept().",
    kernel: [
      {
        fn: "__sys_listen",
        file: "net/socket.c",
        does: "fd → socket; caps the backlog at net.core.somaxconn, compared as unsigned so a negative backlog becomes somaxconn (newer kernels do this in __sys_listen_socket)",
      },
      {
        fn: "inet_listen",
        file: "net/ipv4/af_inet.c",
        does: "TCP: EINVAL unless an unconnected SOCK_STREAM in CLOSE or LISTEN; stores sk_max_ack_backlog; a repeat call only changes the backlog",
      },
      {
        fn: "inet_csk_listen_start",
        file: "net/ipv4/inet_connection_sock.c",
        does: "sets up the accept queue, moves the state to LISTEN, makes sure the port is held, hashes the listener",
      },
      {
        fn: "reqsk_queue_alloc",
        file: "net/core/request_sock.c",
        does: "initialises icsk_accept_queue, empty",
      },
      {
        fn: "inet_csk_get_port",
        file: "net/ipv4/inet_connection_sock.c",
        does: "if the socket was never bound, auto-binds the wildcard address and a free (odd) port; EADDRINUSE if another socket already listens on the port",
      },
      {
        fn: "inet_hash",
        file: "net/ipv4/inet_hashtables.c",
        does: "inserts the socket into the listening hash, where arriving SYNs look for a listener",
      },
      {
        fn: "unix_listen",
        file: "net/unix/af_unix.c",
        does: "AF_UNIX: EOPNOTSUPP for datagram sockets, EINVAL if not bound (no auto-bind), else sets the backlog and LISTEN",
      },
    ],
    structures: [
      "sk_state CLOSE → LISTEN",
      "the accept queue icsk_accept_queue (struct request_sock_queue): a FIFO (rskq_accept_head/tail) of connections whose handshake has finished, waiting for accept(); sk_ack_backlog counts them against sk_max_ack_backlog, the capped backlog",
      "no separate SYN-queue list: each half-open connection becomes a request_sock (state NEW_SYN_RECV) in the established hash; their number (the queue's qlen) is limited by the same backlog",
      "an entry in the listening hash, plus the bind buckets when listen() had to auto-bind",
    ],
    wire: "nothing: listen() sends no packet. From now on the kernel itself answers SYNs to this port with SYN-ACKs, without the program doing anything",
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
    layer: "transport",
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
    os: {
      windows:
        "listen() on a socket that was never bound fails with WSAEINVAL. SOMAXCONN asks for a provider-chosen maximum; SOMAXCONN_HINT(N) asks for N, kept between 200 and 65535.",
      macos: "listen() as on BSD; the backlog is capped by the kern.ipc.somaxconn sysctl.",
      freebsd:
        "listen() also auto-binds an unbound TCP socket. The queue may grow to 1.5 times the backlog (listen(2)); kern.ipc.somaxconn is the cap and a negative backlog asks for it. Half-open connections live in the syncache, which the backlog does not size.",
      lwip: "lwip_listen() clamps the backlog to 0–255 and the tcpip thread turns the PCB into a listening PCB; the backlog is enforced only when lwIP is built with TCP_LISTEN_BACKLOG=1. A second listen() only updates the backlog.",
      plan9:
        'announce("tcp!*!port", dir) writes an announce message to a new connection\'s ctl file; there is no backlog argument.',
    },
  },

  // -------------------------------------------------------------------------------------- accept
  {
    kind: "syscall",
    name: "accept",
    summary:
      "Take the oldest finished connection off a listening socket's accept queue and return a new fd for it.",
    kernel: [
      {
        fn: "__sys_accept4",
        file: "net/socket.c",
        does: "shared by accept() and accept4(); accept() is accept4() with flags 0",
      },
      {
        fn: "__sys_accept4_file",
        file: "net/socket.c",
        does: "rejects unknown flags (EINVAL), reserves the new fd number (EMFILE) before touching the queue",
      },
      {
        fn: "do_accept",
        file: "net/socket.c",
        does: "new struct socket (type and ops copied from the listener) and its file, then the family's accept; fills the peer address if asked",
      },
      {
        fn: "inet_accept",
        file: "net/ipv4/af_inet.c",
        does: "TCP: gets the child sock from the protocol and grafts it onto the new socket (SS_CONNECTED)",
      },
      {
        fn: "inet_csk_accept",
        file: "net/ipv4/inet_connection_sock.c",
        does: "EINVAL unless LISTEN; empty queue: EAGAIN if non-blocking, else sleep; then unlinks the oldest entry",
      },
      {
        fn: "inet_csk_wait_for_connect",
        file: "net/ipv4/inet_connection_sock.c",
        does: "the sleep: an exclusive wait, so one blocked accept() wakes per connection; EINTR on a signal, EAGAIN when SO_RCVTIMEO expires",
      },
      {
        fn: "unix_accept",
        file: "net/unix/af_unix.c",
        does: "AF_UNIX: dequeues the skb the client's connect() left on the listener; its server-side sock already exists",
      },
      { fn: "fd_install", file: "fs/file.c", does: "publishes the new fd" },
    ],
    structures: [
      "the listener's icsk_accept_queue: its oldest request_sock is unlinked and sk_ack_backlog drops by one",
      "the child tcp_sock, normally ESTABLISHED already (CLOSE_WAIT if the client has closed meanwhile): the kernel built it in softirq when the client's final ACK arrived (tcp_check_req → tcp_v4_syn_recv_sock); accept() attaches it, it does not create it",
      "a new struct socket and sockfs inode (SS_CONNECTED), a new struct file (O_RDWR) and a new fd",
      "AF_UNIX: the server-side unix_sock was allocated by the client's connect(); accept() only wraps it",
    ],
    wire: "nothing: the three-way handshake was finished earlier by the kernel, as the client's packets arrived; accept() only collects the result",
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
    layer: "transport",
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
        when: { result: ["EINTR"] },
        summary: "A signal interrupted accept() while it slept on fd {fd}; no connection was taken.",
      },
      {
        when: { result: ["ECONNABORTED"] },
        summary:
          "A connection was taken off the queue but died before its peer address could be read; accept again.",
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
    os: {
      windows:
        "accept() returns a new SOCKET; a non-blocking listener with nothing queued fails with WSAEWOULDBLOCK. AcceptEx() accepts with overlapped I/O (and can receive the first data in the same call); non-blocking mode for the new socket is set with ioctlsocket(FIONBIO).",
      macos:
        "accept() gives the new socket the listener's properties, O_NONBLOCK included (the opposite of Linux); there is no accept4().",
      freebsd:
        "accept() copies O_NONBLOCK (and O_ASYNC) from the listener to the new socket; accept4() exists and takes O_NONBLOCK from SOCK_NONBLOCK instead.",
      lwip: "lwip_accept() waits on the listening netconn's accept mailbox; the tcpip thread completed the handshake beforehand, as on Linux. There is no syscall for strace to see.",
      plan9:
        "listen(dir, newdir) opens the announced directory's listen file and blocks until a call arrives, returning the new line's ctl fd; accept(ctl, newdir) then opens its data file, or reject() refuses the call.",
    },
  },

  // ------------------------------------------------------------------------------------- accept4
  {
    kind: "syscall",
    name: "accept4",
    summary: "accept() with flags: SOCK_NONBLOCK and SOCK_CLOEXEC are set on the new fd in the same step.",
    kernel: [
      { fn: "__sys_accept4", file: "net/socket.c", does: "entry; looks up the listening file" },
      {
        fn: "__sys_accept4_file",
        file: "net/socket.c",
        does: "EINVAL for flags other than SOCK_NONBLOCK|SOCK_CLOEXEC; reserves the fd, close-on-exec if asked",
      },
      {
        fn: "do_accept",
        file: "net/socket.c",
        does: "new socket and file, O_NONBLOCK from the flags only (never from the listener); then the family's accept",
      },
      {
        fn: "inet_accept",
        file: "net/ipv4/af_inet.c",
        does: "TCP: grafts the child sock onto the new socket",
      },
      {
        fn: "inet_csk_accept",
        file: "net/ipv4/inet_connection_sock.c",
        does: "waits or returns EAGAIN according to the listener's O_NONBLOCK, then dequeues the oldest connection",
      },
      {
        fn: "unix_accept",
        file: "net/unix/af_unix.c",
        does: "AF_UNIX: dequeues the server-side sock the client's connect() prepared",
      },
      { fn: "fd_install", file: "fs/file.c", does: "publishes the new fd" },
    ],
    structures: [
      "as accept(): the oldest entry leaves the listener's accept queue (sk_ack_backlog − 1) and its already-established child sock gets a new struct socket, file and fd",
      "the new file carries O_NONBLOCK only if SOCK_NONBLOCK was passed; the fd is close-on-exec only with SOCK_CLOEXEC",
    ],
    wire: "nothing: the kernel completed the handshake before this call",
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
    layer: "transport",
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
        when: { result: ["EINTR"] },
        summary: "A signal interrupted accept4() while it waited on fd {fd}; no connection was taken.",
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
    os: {
      windows:
        "No accept4(): call accept() (or AcceptEx()) and then ioctlsocket(FIONBIO) on the new SOCKET if it must be non-blocking.",
      macos:
        "No accept4(). accept() copies the listener's O_NONBLOCK to the new socket; set FD_CLOEXEC afterwards with fcntl().",
      freebsd:
        "accept4() exists with SOCK_NONBLOCK and SOCK_CLOEXEC; unlike plain accept() it does not inherit O_NONBLOCK from the listener.",
      lwip: "No accept4(): use lwip_accept() and then lwip_fcntl(F_SETFL, O_NONBLOCK) or lwip_ioctl(FIONBIO); there is no exec, so no close-on-exec.",
      plan9:
        "No flags: listen() and accept() on the /net files; a process that must not block uses a separate proc for it.",
    },
  },

  // ------------------------------------------------------------------------------------- connect
  {
    kind: "syscall",
    name: "connect",
    summary:
      "Connect a socket to a remote address: TCP runs the three-way handshake, UDP only records a default peer, unix sockets link to a listener.",
    kernel: [
      { fn: "__sys_connect", file: "net/socket.c", does: "copies the sockaddr into the kernel" },
      {
        fn: "__sys_connect_file",
        file: "net/socket.c",
        does: "LSM check, then the family's connect with the file's O_NONBLOCK",
      },
      { fn: "inet_stream_connect", file: "net/ipv4/af_inet.c", does: "TCP: takes the socket lock" },
      {
        fn: "__inet_stream_connect",
        file: "net/ipv4/af_inet.c",
        does: "EISCONN / EALREADY checks, calls the protocol, then returns EINPROGRESS or waits; reports sk_err if the socket ended in CLOSE",
      },
      {
        fn: "tcp_v4_connect",
        file: "net/ipv4/tcp_ipv4.c",
        does: "route lookup (ENETUNREACH), source address, state SYN_SENT, ephemeral port, initial sequence number",
      },
      {
        fn: "inet_hash_connect",
        file: "net/ipv4/inet_hashtables.c",
        does: "picks a local port whose 4-tuple is unique (EADDRNOTAVAIL when none is left) and hashes the socket",
      },
      {
        fn: "tcp_connect",
        file: "net/ipv4/tcp_output.c",
        does: "builds and sends the SYN, arms the retransmission timer (1 s at first)",
      },
      {
        fn: "inet_wait_for_connect",
        file: "net/ipv4/af_inet.c",
        does: "blocking only: sleeps with the socket lock released while the state is SYN_SENT",
      },
      {
        fn: "tcp_conn_request",
        file: "net/ipv4/tcp_input.c",
        does: "server side, in softirq: the SYN creates a request_sock (or a SYN cookie), unless the queues are full",
      },
      { fn: "tcp_v4_send_synack", file: "net/ipv4/tcp_ipv4.c", does: "server side: sends the SYN-ACK" },
      {
        fn: "tcp_rcv_synsent_state_process",
        file: "net/ipv4/tcp_input.c",
        does: "client: handles the SYN-ACK (or a RST → ECONNREFUSED) and sends the final ACK",
      },
      {
        fn: "tcp_finish_connect",
        file: "net/ipv4/tcp_input.c",
        does: "client: state ESTABLISHED, wakes the sleeping connect()",
      },
      {
        fn: "tcp_check_req",
        file: "net/ipv4/tcp_minisocks.c",
        does: "server side: the final ACK matches the request_sock",
      },
      {
        fn: "tcp_v4_syn_recv_sock",
        file: "net/ipv4/tcp_ipv4.c",
        does: "server side: creates the child socket (dropped if the accept queue is full)",
      },
      {
        fn: "inet_csk_complete_hashdance",
        file: "net/ipv4/inet_connection_sock.c",
        does: "server side: puts the child on the listener's accept queue and wakes accept()",
      },
      {
        fn: "inet_dgram_connect",
        file: "net/ipv4/af_inet.c",
        does: "UDP: AF_UNSPEC dissolves the association; otherwise auto-binds a port if needed",
      },
      {
        fn: "__ip4_datagram_connect",
        file: "net/ipv4/datagram.c",
        does: "UDP: route lookup, source address, destination, state ESTABLISHED; no packet",
      },
      {
        fn: "unix_stream_connect",
        file: "net/unix/af_unix.c",
        does: "unix stream: finds the listener, creates the server-side sock, queues it for accept()",
      },
      { fn: "unix_dgram_connect", file: "net/unix/af_unix.c", does: "unix datagram: records the peer only" },
    ],
    structures: [
      "TCP: sk_state CLOSE → SYN_SENT → ESTABLISHED; struct socket SS_UNCONNECTED → SS_CONNECTING → SS_CONNECTED",
      "TCP: destination (inet_daddr/inet_dport), source address and ephemeral port (inet_saddr/inet_sport) with a bind bucket, and an entry in the established hash (ehash) so arriving segments find the socket",
      "TCP: the cached route (sk_dst_cache), the initial sequence number, the SYN kept on the retransmit queue until it is acknowledged",
      "TCP, server side: a request_sock for the half-open connection, then a child tcp_sock placed on the listener's accept queue",
      "UDP: inet_daddr/inet_dport, a concrete source address, sk_state ESTABLISHED and the cached route; nothing on the peer's side",
      "unix stream: a new server-side unix_sock, linked with this one as peers and queued (as an skb) on the listener's receive queue",
    ],
    wire: "TCP: SYN, SYN-ACK from the server, final ACK (or SYN answered by RST when nothing listens). UDP and unix: nothing",
    blocking:
      "TCP sleeps until the handshake ends, an error arrives, or SO_SNDTIMEO passes (then EINPROGRESS); a signal ends the wait with EINTR (unless SA_RESTART restarts the call) but the handshake carries on. UDP never blocks. A unix stream connect sleeps only while the listener's accept queue is full",
    nonblocking:
      "TCP returns EINPROGRESS right after the SYN has been sent, even on loopback; the socket becomes writable when the handshake ends, and getsockopt(SO_ERROR) gives the result (0 or the errno). Calling connect() again reports EALREADY while pending, then 0 (or the failure's errno), then EISCONN. A unix stream connect returns EAGAIN when the listener's queue is full, never EINPROGRESS",
    pitfalls: [
      "SO_ERROR is read-and-clear: read it once after the socket turns writable; a second connect() call also consumes the error",
      "a UDP connect() sends nothing and cannot tell whether anyone listens; errors (ECONNREFUSED from an ICMP port unreachable) show up later, on send() or recv()",
      "connecting a UDP socket has two effects beyond the default address: datagrams from other addresses are no longer delivered to it, and ICMP errors are reported to it",
      "ETIMEDOUT can take minutes: the SYN is retransmitted within a time budget set by net.ipv4.tcp_syn_retries (6 by default, about two minutes) or TCP_SYNCNT; set a timeout of your own with a non-blocking connect and poll()",
      "a full accept queue on the server drops SYNs silently: the client sees a slow connect or ETIMEDOUT, not ECONNREFUSED",
      "connect() with an AF_UNSPEC address disconnects: UDP forgets its peer, a connected TCP socket is reset (RST)",
      "after a failed connect, POSIX leaves the socket's state unspecified (Linux resets it so connect() can be called again): for portable code, close it and create a new socket",
    ],
    layer: "device",
    cases: [
      {
        when: { transport: ["tcp"], result: ["EINPROGRESS"] },
        summary:
          "Non-blocking connect to {remote}: the kernel sent the SYN and returned at once with EINPROGRESS; it carries on with the handshake while the program runs.",
        wire: "SYN now; the SYN-ACK and the final ACK follow in the background",
        note: "Wait until fd {fd} is writable (POLLOUT/EPOLLOUT), then read getsockopt(SO_ERROR): 0 means connected, anything else is the connect's errno. Reading it clears it.",
      },
      {
        when: { transport: ["tcp"], result: ["ECONNREFUSED"] },
        summary:
          "Nothing accepts connections on {remote}: the SYN was answered by a RST (or an ICMP port-unreachable, as a firewall REJECT rule sends), which the kernel reports as ECONNREFUSED.",
        wire: "SYN → RST (or ICMP port unreachable)",
      },
      {
        when: { transport: ["tcp"], result: ["ETIMEDOUT"] },
        summary:
          "No answer from {remote}: the kernel retransmitted the SYN until its time budget (net.ipv4.tcp_syn_retries or TCP_SYNCNT) ran out.",
        wire: "SYN, retransmitted several times, never answered",
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
        summary: "fd {fd} is already connected; a second connect() does nothing.",
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
        wire: "nothing in this call: the handshake finished earlier",
      },
      {
        when: { transport: ["tcp"], result: ["ok"] },
        summary:
          "Connected to {remote}: the kernel sent a SYN, got the SYN-ACK, answered with the final ACK and woke connect() up. fd {fd} is ESTABLISHED.",
        wire: "SYN → SYN-ACK → ACK",
      },
      {
        when: { transport: ["udp"], result: ["ok"] },
        summary:
          "UDP connect: no packet was sent. The kernel looked up the route to {remote}, chose the source address (and a port if the socket had none), and made {remote} the socket's default and only peer.",
        wire: "nothing: a UDP connect() sends no packet; the first datagram leaves with the first send",
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
        wire: "nothing: unix sockets never reach the network stack",
      },
      {
        when: { transport: ["unix-dgram"], result: ["ok"] },
        summary:
          "{remote} is now the default destination of this unix datagram socket, and the only sender it accepts datagrams from; nothing was sent.",
        wire: "nothing",
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
          "There is no socket file at {remote}: the server has not bound it yet, or it uses an abstract name (leading NUL byte) instead of a path.",
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
    os: {
      windows:
        "connect() on a non-blocking socket fails with WSAEWOULDBLOCK (not EINPROGRESS); completion shows as writable in select(), failure in its exceptfds set, or as FD_CONNECT with WSAEventSelect/WSAAsyncSelect. ConnectEx() connects with overlapped I/O. On a UDP socket connect() only sets the default destination.",
      macos:
        "connect() as on Linux: a non-blocking TCP connect returns EINPROGRESS, completion is seen with kqueue (EVFILT_WRITE) or poll(), and SO_ERROR holds the result. UDP connect sends nothing.",
      freebsd:
        "connect() as on Linux: non-blocking TCP gives EINPROGRESS, completion via kqueue or poll(), result in SO_ERROR; UDP connect sends nothing.",
      lwip: "lwip_connect() → netconn_connect, executed by the tcpip thread; a non-blocking connect returns EINPROGRESS. lwIP has no ECONNREFUSED mapping: a refused TCP connect surfaces as ECONNRESET.",
      plan9:
        'dial("tcp!host!port", …) writes a connect message to a new connection\'s ctl file and opens its data file; it blocks until connected. There is no non-blocking mode: use a separate proc.',
    },
  },

  // --------------------------------------------------------------------------------- getsockname
  {
    kind: "syscall",
    name: "getsockname",
    summary: "Ask the kernel which local address and port (or unix name) a socket has right now.",
    kernel: [
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
      { fn: "inet6_getname", file: "net/ipv6/af_inet6.c", does: "IPv6: the same for AF_INET6 sockets" },
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
    blocking: "never blocks",
    nonblocking: "no difference",
    pitfalls: [
      "a socket that was never bound is not an error: it reports 0.0.0.0:0 (or [::]:0); Windows fails with WSAEINVAL instead",
      "this is how to learn a port the kernel chose: after bind() to port 0, after listen() auto-bound, after connect() or the first sendto()",
      "a wildcard-bound or unbound UDP socket keeps reporting 0.0.0.0 as its address after sendto(); connect() (TCP or UDP) fixes a concrete source address, which then shows here",
      "the length is in/out: the kernel writes back the full length, so a value larger than the buffer you passed means the address was cut short (strace shows both as [in => out])",
    ],
    layer: "socket",
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
    os: {
      windows:
        "getsockname() on a socket that has not been bound fails with WSAEINVAL (Linux returns 0.0.0.0:0); for a socket bound to INADDR_ANY the host address is only meaningful once it is connected.",
      macos: "Same behaviour as Linux; the returned sockaddr starts with its length byte (sin_len).",
      freebsd:
        "Same behaviour as Linux; an unbound socket reads as 0.0.0.0:0, and the sockaddr carries sin_len.",
      lwip: "lwip_getsockname() asks the tcpip thread for the PCB's local address and port (netconn_getaddr); no syscall.",
      plan9: "Read the local file of the connection directory (getnetconninfo() parses it for you).",
    },
  },

  // --------------------------------------------------------------------------------- getpeername
  {
    kind: "syscall",
    name: "getpeername",
    summary: "Ask the kernel for the address of the peer a socket is connected to.",
    kernel: [
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
      { fn: "inet6_getname", file: "net/ipv6/af_inet6.c", does: "IPv6: the same rules for AF_INET6 sockets" },
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
    blocking: "never blocks",
    nonblocking: "no difference",
    pitfalls: [
      "ENOTCONN while a non-blocking connect is still in SYN_SENT: some programs use getpeername() to ask 'has my connect finished?'; it does not say why a connect failed, SO_ERROR does",
      "after a TCP connection was reset or failed (state CLOSE) it returns ENOTCONN; after the peer only closed its side (FIN received, CLOSE_WAIT) it still returns the peer",
      "it works on a connected UDP socket and returns the default peer that connect() set",
      "accept() and recvfrom() can return the peer's address directly, which saves this call",
    ],
    layer: "socket",
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
    os: {
      windows:
        "getpeername() on a socket that is not connected fails with WSAENOTCONN; the error comes from WSAGetLastError().",
      macos: "Same behaviour as Linux: ENOTCONN without a peer; the sockaddr carries sin_len.",
      freebsd: "Same behaviour as Linux: ENOTCONN without a peer; the sockaddr carries sin_len.",
      lwip: "lwip_getpeername() asks the tcpip thread for the PCB's remote address and port (netconn_getaddr); no syscall.",
      plan9: "Read the remote file of the connection directory (getnetconninfo() parses it for you).",
    },
  },

  // ------------------------------------------------------------------------------------ shutdown
  {
    kind: "syscall",
    name: "shutdown",
    summary:
      "Close the receiving side, the sending side or both sides of a connection, without giving up the fd.",
    kernel: [
      { fn: "__sys_shutdown", file: "net/socket.c", does: "fd → socket" },
      { fn: "__sys_shutdown_sock", file: "net/socket.c", does: "LSM check, then the family's shutdown" },
      {
        fn: "inet_shutdown",
        file: "net/ipv4/af_inet.c",
        does: "maps how to the RCV/SEND shutdown bits (EINVAL otherwise); CLOSE → ENOTCONN; LISTEN with a read shutdown, or SYN_SENT → disconnect; else sets sk_shutdown and calls the protocol",
      },
      {
        fn: "tcp_shutdown",
        file: "net/ipv4/tcp.c",
        does: "acts only on the send side, in ESTABLISHED or CLOSE_WAIT",
      },
      {
        fn: "tcp_close_state",
        file: "net/ipv4/tcp.c",
        does: "state step: ESTABLISHED → FIN_WAIT1, CLOSE_WAIT → LAST_ACK",
      },
      {
        fn: "tcp_send_fin",
        file: "net/ipv4/tcp_output.c",
        does: "puts a FIN after any unsent data and pushes it out",
      },
      {
        fn: "unix_shutdown",
        file: "net/unix/af_unix.c",
        does: "sets the bits on this socket and the mirror bits on its peer, and wakes the peer",
      },
    ],
    structures: [
      "sk_shutdown gets RCV_SHUTDOWN, SEND_SHUTDOWN or both",
      "TCP, write side: sk_state ESTABLISHED → FIN_WAIT1 (or CLOSE_WAIT → LAST_ACK), with a FIN queued behind unsent data",
      "unix: the peer's sk_shutdown gets the mirror bits (our SHUT_WR is its end-of-input)",
      "the fd, the struct file and the socket all stay: shutdown() releases nothing",
    ],
    wire: "TCP: a FIN for SHUT_WR or SHUT_RDWR, sent after any data still queued; nothing for SHUT_RD. UDP and unix: nothing",
    blocking: "never blocks: the FIN is queued and the call returns without waiting for its acknowledgement",
    nonblocking: "no difference",
    pitfalls: [
      "it acts on the socket, not on the fd: the FIN goes out even if other fds or processes (dup, fork) still refer to the socket, which close() would not do",
      "shutdown() frees nothing: the fd still has to be closed",
      "SHUT_RD sends nothing and the peer is not told; recv() returns what is already queued, then 0 instead of waiting, and Linux keeps accepting and acknowledging data the peer sends afterwards (Windows resets the connection instead)",
      "after SHUT_WR, send() fails with EPIPE and raises SIGPIPE (unless MSG_NOSIGNAL is used)",
      "SHUT_RD (or SHUT_RDWR) on a listening socket stops it listening: blocked accept() calls return EINVAL and connections still in its queue are reset",
      "the usual clean close: shutdown(SHUT_WR), read until recv() returns 0, then close(); this avoids the RST that close() sends when unread data remains",
    ],
    layer: "device",
    cases: [
      {
        when: { transport: ["tcp"], result: ["ok"] },
        summary:
          "shutdown() on TCP fd {fd}: for SHUT_WR or SHUT_RDWR the kernel queued a FIN behind any unsent data (ESTABLISHED → FIN_WAIT1, or CLOSE_WAIT → LAST_ACK); for SHUT_RD nothing was sent. The fd stays open.",
        wire: "FIN for SHUT_WR/SHUT_RDWR (after queued data); nothing for SHUT_RD",
      },
      {
        when: { transport: ["unix-stream", "unix-seqpacket"], result: ["ok"] },
        summary:
          "The shutdown was recorded on unix fd {fd} and mirrored on its peer: after SHUT_WR the peer reads end-of-file once it has drained what was sent. No packets exist.",
        wire: "nothing",
      },
      {
        when: { transport: ["udp", "unix-dgram"], result: ["ok"] },
        summary:
          "On a datagram socket shutdown() only sets flags on fd {fd}: nothing is sent and the peer learns nothing.",
        wire: "nothing",
      },
      {
        when: { result: ["ENOTCONN"] },
        summary:
          "fd {fd} is not connected, so there was no connection to shut down; the kernel still recorded the shutdown and woke threads waiting on the socket (a recv() blocked on an unconnected UDP socket returns 0 after SHUT_RD).",
        wire: "nothing",
      },
      { when: { result: ["EINVAL"] }, summary: "how must be SHUT_RD (0), SHUT_WR (1) or SHUT_RDWR (2)." },
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
    os: {
      windows:
        "shutdown(s, SD_RECEIVE | SD_SEND | SD_BOTH). SD_SEND sends a FIN after the queued data. SD_RECEIVE differs from Linux: on TCP, data already queued or arriving later makes Windows reset the connection. closesocket() is still needed.",
      macos: "shutdown(SHUT_RD / SHUT_WR / SHUT_RDWR) as on Linux; SHUT_WR sends a FIN.",
      freebsd: "shutdown(SHUT_RD / SHUT_WR / SHUT_RDWR) as on Linux; SHUT_WR sends a FIN.",
      lwip: "lwip_shutdown() works only on TCP sockets (EOPNOTSUPP otherwise) and maps to netconn_shutdown, closing the receive side, the send side or both in the tcpip thread.",
      plan9:
        "No half-close calls in dial(2): hangup() writes a hangup message to the ctl file, which drops the connection in both directions while the fds stay open.",
    },
  },

  // --------------------------------------------------------------------------------------- close
  {
    kind: "syscall",
    name: "close",
    summary:
      "Drop an fd; when it was the last reference to the socket, release the socket and end its connection.",
    kernel: [
      {
        fn: "file_close_fd",
        file: "fs/file.c",
        does: "takes the file out of the fd table (6.12 and later; 6.1 does this in close_fd, then filp_close → fput)",
      },
      {
        fn: "__fput_sync",
        file: "fs/file_table.c",
        does: "drops one file reference and, if it was the last, releases the file now, inside close() (since 6.6, commit 021a160abf62; before, fput deferred it to task_work that runs before close() returns to the program; the newest kernels use a close-specific variant)",
      },
      { fn: "__fput", file: "fs/file_table.c", does: "calls the file's release operation" },
      { fn: "sock_close", file: "net/socket.c", does: "release for socket files" },
      {
        fn: "__sock_release",
        file: "net/socket.c",
        does: "calls the family's release, then frees the struct socket and its inode",
      },
      {
        fn: "inet_release",
        file: "net/ipv4/af_inet.c",
        does: "IPv4/IPv6: drops multicast memberships, takes the SO_LINGER time (none when the process is exiting), calls the protocol's close",
      },
      { fn: "tcp_close", file: "net/ipv4/tcp.c", does: "locks the socket and runs __tcp_close" },
      {
        fn: "__tcp_close",
        file: "net/ipv4/tcp.c",
        does: "listener: stops listening; unread data: RST; SO_LINGER {1,0}: abort with RST; otherwise FIN; waits if linger > 0; then orphans the sock",
      },
      {
        fn: "inet_csk_listen_stop",
        file: "net/ipv4/inet_connection_sock.c",
        does: "listener only: resets the connections still waiting in the accept queue",
      },
      { fn: "tcp_send_fin", file: "net/ipv4/tcp_output.c", does: "normal close: FIN after any unsent data" },
      { fn: "tcp_send_active_reset", file: "net/ipv4/tcp_output.c", does: "close with unread data: RST" },
      {
        fn: "udp_lib_close",
        file: "include/net/udp.h",
        does: "UDP: sk_common_release: unhash, purge the queues, free; nothing sent",
      },
      { fn: "unix_release", file: "net/unix/af_unix.c", does: "AF_UNIX: calls unix_release_sock" },
      {
        fn: "unix_release_sock",
        file: "net/unix/af_unix.c",
        does: "marks the peer shut down and wakes it (ECONNRESET for it if data was left unread here); drops queued data and in-flight fds",
      },
    ],
    structures: [
      "the fd table slot is freed at once, and the struct file's reference count drops by one; nothing else happens while other references (dup, fork, fds in flight over a unix socket) remain",
      "on the last reference: the struct file, struct socket and sockfs inode are freed and the protocol sock is released",
      "TCP: sk_state ESTABLISHED → FIN_WAIT1 (or CLOSE_WAIT → LAST_ACK); the tcp_sock lives on as an orphan, attached to no fd, still sending unsent data and the FIN; the side that closed first ends in TIME_WAIT for 60 s as a small inet_timewait_sock",
      "TCP listener: removed from the listening hash, queued connections reset, the port released",
      "unix pathname socket: the socket file stays in the filesystem",
    ],
    wire: "TCP: FIN normally; RST when received data was left unread, with SO_LINGER {1, 0}, and for connections still queued on a closed listener; nothing while another fd still refers to the socket. UDP and unix: nothing",
    blocking:
      "does not wait for the peer: it returns as soon as the FIN or RST is queued. With SO_LINGER {1, N>0} it waits up to N seconds for the FIN to be acknowledged, and Linux returns 0 even when the time runs out",
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
    ],
    layer: "device",
    cases: [
      {
        when: { transport: ["tcp"], result: ["ok"] },
        summary:
          "Closed fd {fd}. If it was the last reference to a connected TCP socket, the kernel queued a FIN behind any unsent data, or sent a RST if received data was left unread or SO_LINGER was {1, 0}; the socket lives on without an fd until the closing handshake ends. (Closing a listener resets the connections still in its accept queue.)",
        wire: "FIN (normal close), RST (unread data, linger 0, or a listener's queued connections), or nothing (another fd still refers to the socket)",
      },
      {
        when: { transport: ["udp"], result: ["ok"] },
        summary:
          "Closed fd {fd}. For a UDP socket the last close only unhashes it and frees its queues: nothing is sent and the peer is not told.",
        wire: "nothing",
      },
      {
        when: { transport: ["unix-stream", "unix-seqpacket"], result: ["ok"] },
        summary:
          "Closed fd {fd}. If it was the last reference, the peer reads end-of-file once it has drained its queue (ECONNRESET instead if this end left data unread) and its writes fail with EPIPE; no packets are involved.",
        wire: "nothing",
      },
      {
        when: { transport: ["unix-dgram"], result: ["ok"] },
        summary:
          "Closed fd {fd}. A unix datagram socket connected to this one gets ECONNREFUSED on its next send; nothing else is signalled.",
        wire: "nothing",
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
    os: {
      windows:
        "closesocket(), not close(): a SOCKET is not a C runtime fd. By default the close is graceful and finishes in the background; SO_LINGER {1, 0} aborts with RST; a non-blocking socket with a non-zero linger time gets WSAEWOULDBLOCK.",
      macos:
        "close(fd) as on Linux: only the last reference ends the connection, and SO_LINGER {1, 0} aborts it with RST.",
      freebsd:
        "close(fd) as on Linux: only the last reference ends the connection, and SO_LINGER {1, 0} aborts it with RST.",
      lwip: "lwip_close() (closesocket() with LWIP_COMPAT_SOCKETS) frees the socket slot and has the tcpip thread close the PCB; like Linux, lwIP answers with RST instead of FIN when received data was never read by the application.",
      plan9: "Closing the last open fd of a connection's data and ctl files closes the connection.",
    },
  },
];
