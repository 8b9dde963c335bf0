// The data calls: send/recv and their msg/mmsg forms, read/write/readv/writev/sendfile on a socket,
// setsockopt/getsockopt, and the readiness calls poll, pselect6 and epoll_wait. Every kernel function
// named here was checked in the Linux 6.1.192 and 6.12.117 sources (net/socket.c, net/ipv4/af_inet.c,
// net/ipv4/tcp.c, tcp_output.c, tcp_input.c, udp.c, ip_output.c, ip_sockglue.c, net/core/sock.c,
// stream.c, datagram.c, scm.c, dev.c, net/unix/af_unix.c, fs/read_write.c, fs/splice.c, fs/select.c,
// fs/eventpoll.c, mm/filemap.c) and against shared/research/kernel-notes.md §8–§18. Where 6.1 and
// 6.12 differ (do_sock_setsockopt, sendfile's splice_to_socket), the text says which is which.
// The misconceptions this file exists to correct: a send's return value is bytes accepted by this
// kernel, not bytes delivered; recv returning 0 is end-of-stream only on stream sockets; the
// buffer sizes are limits that memory is charged against as data moves, and SO_RCVBUF/SO_SNDBUF
// are stored doubled; read/write on a socket are recv/send with no flags.
import type { EntryInput } from "../schema.js";

interface Fn {
  fn: string;
  file: string;
  does: string;
}

// ---- Shared pieces of the kernel paths ----

const INET_SEND: Fn = {
  fn: "inet_sendmsg",
  file: "net/ipv4/af_inet.c",
  does: "INET sockets: binds a UDP socket that has no port yet to an ephemeral one, then calls the protocol's sendmsg (IPv6: inet6_sendmsg)",
};

const TCP_SEND: Fn[] = [
  { fn: "tcp_sendmsg", file: "net/ipv4/tcp.c", does: "TCP: takes the socket lock around tcp_sendmsg_locked" },
  {
    fn: "tcp_sendmsg_locked",
    file: "net/ipv4/tcp.c",
    does: "TCP: waits for a handshake still in progress, then copies the bytes into sk_buffs at the tail of sk_write_queue, charging sk_wmem_queued against sk_sndbuf",
  },
  {
    fn: "sk_stream_wait_memory",
    file: "net/core/stream.c",
    does: "TCP, only when sk_sndbuf is used up: sleeps until ACKs free space; non-blocking, it ends the call (EAGAIN, or the count copied so far)",
  },
  {
    fn: "sk_stream_error",
    file: "net/core/stream.c",
    does: "TCP, on failure: reports a pending socket error instead of EPIPE if there is one, and raises SIGPIPE with EPIPE unless MSG_NOSIGNAL",
  },
  {
    fn: "tcp_push",
    file: "net/ipv4/tcp.c",
    does: "TCP: marks the last segment PSH (not with MSG_MORE) and starts output; autocork may hold a small tail back while earlier packets are still queued below",
  },
  {
    fn: "__tcp_push_pending_frames",
    file: "net/ipv4/tcp_output.c",
    does: "TCP: runs the output engine on the unsent part of the queue",
  },
  {
    fn: "tcp_write_xmit",
    file: "net/ipv4/tcp_output.c",
    does: "TCP: sends the segments that the congestion window, the peer's receive window, Nagle/TCP_CORK and TCP small queues allow; the rest waits for ACKs or timers",
  },
  {
    fn: "__tcp_transmit_skb",
    file: "net/ipv4/tcp_output.c",
    does: "TCP: builds the header on a clone; the original stays queued until it is ACKed, for retransmission",
  },
  {
    fn: "ip_queue_xmit",
    file: "net/ipv4/ip_output.c",
    does: "TCP over IPv4: adds the IP header, using the route cached in the socket (IPv6: inet6_csk_xmit, ip6_xmit)",
  },
];

const UDP_SEND: Fn[] = [
  {
    fn: "udp_sendmsg",
    file: "net/ipv4/udp.c",
    does: "UDP: destination from the address argument, else the connected peer (EDESTADDRREQ if neither); route lookup, cached when connected. With MSG_MORE or UDP_CORK the data is appended and sent later as one datagram",
  },
  {
    fn: "ip_make_skb",
    file: "net/ipv4/ip_output.c",
    does: "UDP: builds the datagram; its memory is charged to sk_wmem_alloc against sk_sndbuf (sock_alloc_send_pskb may wait, or fail with EAGAIN or a pending error)",
  },
  { fn: "udp_send_skb", file: "net/ipv4/udp.c", does: "UDP: writes the 8-byte UDP header and checksum" },
  {
    fn: "ip_send_skb",
    file: "net/ipv4/ip_output.c",
    does: "UDP: hands the finished datagram to ip_local_out",
  },
];

const IP_OUT: Fn[] = [
  {
    fn: "ip_local_out",
    file: "net/ipv4/ip_output.c",
    does: "TCP and UDP: netfilter OUTPUT hook, then the route's output function",
  },
  {
    fn: "ip_output",
    file: "net/ipv4/ip_output.c",
    does: "POSTROUTING hook, fragmentation if needed, neighbour (ARP) lookup in ip_finish_output2",
  },
  {
    fn: "__dev_queue_xmit",
    file: "net/core/dev.c",
    does: "queues the packet on the device (qdisc, then driver); on lo it is received again at once, usually still inside this call",
  },
];

const UNIX_SEND: Fn[] = [
  {
    fn: "unix_stream_sendmsg",
    file: "net/unix/af_unix.c",
    does: "AF_UNIX stream, instead of the INET path: allocates sk_buffs charged to this socket's sk_sndbuf, appends them to the peer's sk_receive_queue and wakes the peer; no headers, no IP",
  },
  {
    fn: "unix_dgram_sendmsg",
    file: "net/unix/af_unix.c",
    does: "AF_UNIX datagram: finds the receiver by path or connection and queues one sk_buff on its receive queue; waits (or EAGAIN) while that queue is full",
  },
];

const TCP_RECV: Fn[] = [
  {
    fn: "inet_recvmsg",
    file: "net/ipv4/af_inet.c",
    does: "INET sockets: calls the protocol's recvmsg (IPv6: inet6_recvmsg)",
  },
  {
    fn: "tcp_recvmsg",
    file: "net/ipv4/tcp.c",
    does: "TCP: MSG_ERRQUEUE reads the error queue instead; otherwise takes the socket lock",
  },
  {
    fn: "tcp_recvmsg_locked",
    file: "net/ipv4/tcp.c",
    does: "TCP: copies in-order bytes from sk_receive_queue; with none, returns a pending error, 0 after FIN or SHUT_RD, ENOTCONN if never connected, EAGAIN if non-blocking, or sleeps",
  },
  {
    fn: "sk_wait_data",
    file: "net/core/sock.c",
    does: "TCP, queue empty: sleeps on the socket's wait queue until data, FIN, an error, a signal or the SO_RCVTIMEO timeout",
  },
  {
    fn: "skb_copy_datagram_iter",
    file: "net/core/datagram.c",
    does: "copies payload out of the sk_buffs into the caller's buffer",
  },
  {
    fn: "tcp_rcv_space_adjust",
    file: "net/ipv4/tcp_input.c",
    does: "TCP: receive-buffer autotuning, may raise sk_rcvbuf (not once SO_RCVBUF was set)",
  },
  {
    fn: "tcp_cleanup_rbuf",
    file: "net/ipv4/tcp.c",
    does: "TCP: decides whether an ACK is due now (a delayed ACK, or a window update because reading freed much space) and sends it with tcp_send_ack",
  },
];

const UDP_RECV: Fn[] = [
  {
    fn: "udp_recvmsg",
    file: "net/ipv4/udp.c",
    does: "UDP: takes exactly one datagram and copies it out; a smaller buffer truncates it (MSG_TRUNC) and the rest is discarded",
  },
  {
    fn: "__skb_recv_udp",
    file: "net/ipv4/udp.c",
    does: "UDP: returns a pending error (ICMP on a connected socket) first; dequeues the next datagram (moved in batches from sk_receive_queue to a private reader queue), or waits",
  },
];

const UNIX_RECV: Fn[] = [
  {
    fn: "unix_stream_recvmsg",
    file: "net/unix/af_unix.c",
    does: "AF_UNIX stream: reads what the peer queued on this socket (unix_stream_read_generic); 0 once the peer closed or shut down writing",
  },
  {
    fn: "unix_dgram_recvmsg",
    file: "net/unix/af_unix.c",
    does: "AF_UNIX datagram and seqpacket: dequeues one message",
  },
];

const SOCK_RECVMSG: Fn = {
  fn: "sock_recvmsg",
  file: "net/socket.c",
  does: "security hook (security_socket_recvmsg), then the family's recvmsg through sock->ops",
};

const SOCK_SENDMSG_STATIC: Fn = {
  fn: "__sock_sendmsg",
  file: "net/socket.c",
  does: "security hook (security_socket_sendmsg), then the family's sendmsg through sock->ops",
};

// ---- Shared text ----

const SEND_STRUCTURES = [
  "TCP: sk_buffs appended to sk_write_queue, the data in page fragments; tcp_sock.write_seq moves on at once, snd_nxt only when segments actually leave",
  "sk_wmem_queued (TCP) or sk_wmem_alloc (UDP, unix) grows by the data plus sk_buff overhead, against the limit sk_sndbuf; the memory is released when TCP data is ACKed or a datagram has left the device",
  "AF_UNIX: the sk_buff goes straight onto the peer's sk_receive_queue, still charged to the sender until the peer reads it",
  "the socket's wait queue (struct socket_wq): a blocked sender sleeps there and sk_write_space wakes it",
];

const RECV_STRUCTURES = [
  "sk_receive_queue: the sk_buffs that arrived (for TCP only in-order data; out-of-order segments wait in out_of_order_queue)",
  "sk_rmem_alloc, charged when a packet arrived against the limit sk_rcvbuf, drops as sk_buffs are consumed and freed",
  "TCP: copied_seq advances; the window advertised to the peer can open again",
  "the socket's wait queue, where a blocked reader sleeps until sk_data_ready (sock_def_readable) wakes it",
];

const SEND_BLOCKING =
  "TCP: waits while a connect is still in progress and while sk_wmem_queued has reached sk_sndbuf, until ACKs free space; SO_SNDTIMEO bounds the wait (then EAGAIN, or the count copied so far). UDP: waits only in the rare case that its datagrams still held by the device fill sk_sndbuf. Unix stream: waits while this socket's sent-but-unread data fills sk_sndbuf; unix datagram: while the receiver's queue is full.";

const SEND_NONBLOCKING =
  "With O_NONBLOCK (or MSG_DONTWAIT) the call copies what fits and returns that count; if nothing fits it fails with EAGAIN (EWOULDBLOCK is the same number). Wait for POLLOUT/EPOLLOUT before trying the rest.";

const RECV_BLOCKING =
  "Waits until there is something to return: data, the peer's FIN (then 0), or an error. SO_RCVTIMEO bounds the wait and turns a timeout into EAGAIN. On TCP, MSG_WAITALL keeps waiting until the whole buffer is filled (a signal, an error or EOF still end it early).";

const RECV_NONBLOCKING =
  "With O_NONBLOCK (or MSG_DONTWAIT) an empty queue gives EAGAIN (EWOULDBLOCK) at once. Wait for POLLIN/EPOLLIN and read again; with edge-triggered epoll, read until EAGAIN.";

const SEND_WIRE =
  "TCP: the bytes are queued and go out in segments now or later; Nagle, autocork, TCP_CORK, the congestion window and the peer's window decide when. UDP: one datagram per call. AF_UNIX: nothing, the data moves between the two sockets' queues in memory.";

const RECV_WIRE =
  "Nothing of its own. On TCP, reading can let the kernel send an ACK that opens the receive window again (tcp_cleanup_rbuf); the data itself was ACKed when it arrived, not when it is read.";

const SEND_PITFALLS = [
  "The return value counts bytes accepted into this kernel's send buffer. It says nothing about delivery: the peer may not have them yet, and never will if the connection is later reset.",
  "Short writes: a non-blocking send returns what fitted, and a blocking one interrupted by a signal after some bytes were copied returns that count. Loop until every byte is accepted.",
  "Writing to a peer that has closed: the first send usually succeeds and draws an RST; a later one fails with EPIPE and raises SIGPIPE, which kills a process that does not ignore it. Pass MSG_NOSIGNAL or ignore SIGPIPE.",
  "On a TCP socket that never connected, Linux returns EPIPE (and raises SIGPIPE), not ENOTCONN.",
  "TCP has no message boundaries: two sends can arrive as one read, and one send as several.",
  "UDP: a send to a port where nothing listens still succeeds. The ICMP error that comes back is only reported later, and only on a connected socket (or with IP_RECVERR).",
];

const RECV_PITFALLS = [
  "recv returning 0 means end of stream on TCP and unix stream sockets: the peer sent FIN (or this end did shutdown(SHUT_RD)). On UDP it is an empty datagram, a normal message.",
  "TCP has no message boundaries: one recv can return part of a send, or the end of one send and the start of the next. Frame the data yourself (length prefix, delimiter).",
  "A UDP datagram bigger than the buffer is cut to fit and the rest is lost; recvmsg reports MSG_TRUNC, and passing MSG_TRUNC to recv makes it return the real length.",
  "ECONNRESET is reported once; the next recv on the same socket returns 0.",
  "UDP: a datagram that arrives while sk_rmem_alloc is over sk_rcvbuf is dropped without notice (counted as RcvbufErrors in /proc/net/snmp). Read faster or raise SO_RCVBUF.",
  "On TCP, recvfrom does not fill in the sender's address: the kernel returns an address length of 0. Use getpeername().",
];

const TCP_SRC = { repo: "torvalds/linux", path: "net/ipv4/tcp.c" };

// ---- Entries ----

export const DATA_ENTRIES: EntryInput[] = [
  {
    kind: "syscall",
    name: "sendto",
    aliases: ["send"],
    summary:
      "Hand bytes to the kernel to send on a socket, optionally to a given address (send() is sendto() with no address).",
    kernel: [
      {
        fn: "__sys_sendto",
        file: "net/socket.c",
        does: "makes an iov_iter of the user buffer, finds the socket from the fd, copies the address in if one is given, adds MSG_DONTWAIT for an O_NONBLOCK file",
      },
      SOCK_SENDMSG_STATIC,
      INET_SEND,
      ...TCP_SEND,
      ...UDP_SEND,
      ...IP_OUT,
      ...UNIX_SEND,
    ],
    structures: SEND_STRUCTURES,
    wire: SEND_WIRE,
    blocking: SEND_BLOCKING,
    nonblocking: SEND_NONBLOCKING,
    pitfalls: [
      ...SEND_PITFALLS,
      "sendto() with an address on a connected TCP socket: Linux ignores the address and sends to the connected peer. A connected unix stream socket answers EISCONN instead.",
    ],
    layer: "device",
    cases: [
      {
        when: { transport: ["tcp"], result: ["ok"] },
        summary:
          "{bytes} bytes were copied into fd {fd}'s send buffer, bound for {remote}. This is not a delivery receipt: TCP transmits them as its windows allow.",
        wire: "Zero or more TCP segments with these bytes, now or a little later (Nagle, autocork, the congestion and receive windows decide); {remote}'s ACKs come back on their own.",
      },
      {
        when: { transport: ["tcp"], result: ["ok"] },
        summary:
          "{bytes} bytes were copied into fd {fd}'s send buffer. This is not a delivery receipt: TCP transmits them as its windows allow.",
      },
      {
        when: { transport: ["udp"], result: ["ok"] },
        summary:
          "{bytes} bytes became one UDP datagram handed to IP (unless MSG_MORE or UDP_CORK held it to be joined with the next send).",
        wire: "One UDP datagram, IP-fragmented if it is larger than the path MTU. Nothing is ever acknowledged; if no one listens, an ICMP port unreachable comes back.",
      },
      {
        when: { transport: ["unix-stream", "unix-seqpacket"], result: ["ok"] },
        summary:
          "{bytes} bytes were queued directly on the peer socket's receive queue; the network stack was not involved.",
        wire: "Nothing: AF_UNIX moves the data between the two sockets in memory.",
      },
      {
        when: { transport: ["unix-dgram"], result: ["ok"] },
        summary:
          "A {bytes}-byte datagram was queued on the receiving socket's queue; the network stack was not involved.",
        wire: "Nothing: AF_UNIX moves the data between the two sockets in memory.",
      },
      {
        when: { transport: ["netlink"], result: ["ok"] },
        summary:
          "A {bytes}-byte netlink message was passed to the kernel subsystem (or process) at the other end of fd {fd}.",
        wire: "Nothing: netlink is a channel inside this machine.",
      },
      {
        when: { transport: ["unix-dgram"], result: ["EAGAIN"] },
        summary:
          "Nothing was sent: usually the receiving socket's queue already holds its maximum of messages (net.unix.max_dgram_qlen), and fd {fd} could not wait.",
      },
      {
        when: { result: ["EAGAIN"], nonblocking: true },
        summary:
          "Nothing was sent: fd {fd} is non-blocking and there is no room in its send buffer (on TCP, also while a connect is still in progress).",
        note: "Wait for POLLOUT/EPOLLOUT on fd {fd}, then send the rest.",
      },
      {
        when: { result: ["EAGAIN"], nonblocking: false },
        summary:
          "Nothing was sent: the send timeout (SO_SNDTIMEO) ran out while waiting for buffer space, or the call passed MSG_DONTWAIT.",
      },
      {
        when: { transport: ["tcp"], result: ["EPIPE"] },
        summary:
          "fd {fd} cannot send any more: this end shut down writing, the connection was closed or reset, or it never connected (Linux reports EPIPE there, not ENOTCONN). SIGPIPE was raised too unless MSG_NOSIGNAL was passed.",
      },
      {
        when: { transport: ["unix-stream", "unix-seqpacket"], result: ["EPIPE"] },
        summary:
          "The peer socket of fd {fd} is closed (or this end shut down writing). SIGPIPE was raised too unless MSG_NOSIGNAL was passed.",
      },
      {
        when: { transport: ["tcp"], result: ["ECONNRESET"] },
        summary:
          "{remote} had reset the connection (an RST arrived earlier); this send reported that stored error and sent nothing. No SIGPIPE comes with it; the next send gets EPIPE.",
      },
      {
        when: { transport: ["tcp"], result: ["ECONNRESET"] },
        summary:
          "The peer had reset the connection (an RST arrived earlier); this send reported that stored error and sent nothing. No SIGPIPE comes with it; the next send gets EPIPE.",
      },
      {
        when: { transport: ["tcp"], result: ["ETIMEDOUT"] },
        summary:
          "The connection on fd {fd} was already dead: retransmissions or keepalive probes went unanswered until the kernel gave up, and this send reported it.",
      },
      {
        when: { transport: ["udp"], result: ["ECONNREFUSED"] },
        summary:
          "An earlier datagram from this connected socket drew an ICMP port unreachable from {remote}; that stored error was reported here and this datagram was not sent.",
      },
      {
        when: { transport: ["udp"], result: ["ECONNREFUSED"] },
        summary:
          "An earlier datagram from this connected socket drew an ICMP port unreachable; that stored error was reported here and this datagram was not sent.",
      },
      {
        when: { transport: ["udp"], result: ["EMSGSIZE"] },
        summary:
          "The datagram is too big to send: over 65,507 bytes of payload on IPv4 (65,535 minus the headers), or over the path MTU when fragmentation is forbidden (IP_PMTUDISC_DO). Nothing was sent.",
      },
      {
        when: { transport: ["unix-dgram"], result: ["EMSGSIZE"] },
        summary:
          "The message is larger than this socket's send buffer allows (sk_sndbuf minus 32 bytes); nothing was sent.",
      },
      {
        when: { transport: ["udp"], result: ["EDESTADDRREQ"] },
        summary:
          "fd {fd} is not connected and the call named no destination, so the kernel has nowhere to send the datagram.",
      },
      {
        when: { transport: ["unix-stream", "unix-dgram", "unix-seqpacket"], result: ["ENOTCONN"] },
        summary:
          "fd {fd} is not connected, and no address was given (a unix datagram socket needs one of the two; a stream socket must connect).",
      },
      {
        when: { transport: ["unix-stream", "unix-seqpacket"], result: ["EISCONN"] },
        summary: "An address was passed to a connected unix stream socket; it can only send to its peer.",
      },
      {
        when: { transport: ["unix-dgram"], result: ["ECONNREFUSED", "ENOENT"] },
        summary:
          "ENOENT: nothing exists at the destination path. ECONNREFUSED: the path is not a live socket (a socket file left behind after its owner closed, or not a socket at all), or the connected peer has closed.",
      },
      {
        when: { transport: ["udp"], result: ["EACCES"] },
        summary: "The destination is a broadcast address and SO_BROADCAST is not set on fd {fd}.",
      },
      {
        when: { result: ["EINTR"] },
        summary:
          "A signal handler ran while the send was waiting, before any byte was copied (had some been copied, their count would have been returned).",
        note: "With SA_RESTART the kernel restarts the call itself, except when a send timeout (SO_SNDTIMEO) is set.",
      },
    ],
    man: ["send(2)", "socket(7)", "tcp(7)", "udp(7)", "unix(7)"],
    sources: [
      { repo: "torvalds/linux", path: "net/socket.c", symbols: ["__sys_sendto", "__sock_sendmsg"] },
      { repo: "torvalds/linux", path: "net/ipv4/af_inet.c", symbols: ["inet_sendmsg", "inet_send_prepare"] },
      { ...TCP_SRC, symbols: ["tcp_sendmsg", "tcp_sendmsg_locked", "tcp_push"] },
      {
        repo: "torvalds/linux",
        path: "net/core/stream.c",
        symbols: ["sk_stream_wait_memory", "sk_stream_error", "sk_stream_wait_connect"],
      },
      {
        repo: "torvalds/linux",
        path: "net/ipv4/tcp_output.c",
        symbols: ["__tcp_push_pending_frames", "tcp_write_xmit", "__tcp_transmit_skb"],
      },
      { repo: "torvalds/linux", path: "net/ipv4/udp.c", symbols: ["udp_sendmsg", "udp_send_skb"] },
      {
        repo: "torvalds/linux",
        path: "net/ipv4/ip_output.c",
        symbols: ["ip_queue_xmit", "ip_make_skb", "ip_send_skb", "ip_local_out", "ip_output"],
      },
      { repo: "torvalds/linux", path: "net/core/dev.c", symbols: ["__dev_queue_xmit"] },
      {
        repo: "torvalds/linux",
        path: "net/unix/af_unix.c",
        symbols: ["unix_stream_sendmsg", "unix_dgram_sendmsg"],
      },
      { man: "send(2)" },
    ],
    os: {
      windows:
        "send()/sendto() on a SOCKET, or WSASend()/WSASendTo() with an array of WSABUF buffers and optional overlapped I/O. Failure is SOCKET_ERROR with the reason from WSAGetLastError() (WSAEWOULDBLOCK when non-blocking). There are no signals: a broken connection comes back as WSAECONNRESET or WSAESHUTDOWN, never SIGPIPE.",
      macos:
        "send()/sendto() on an fd, with BSD semantics. A write to a broken stream raises SIGPIPE unless the socket has SO_NOSIGPIPE set, the per-socket switch Apple documents.",
      freebsd:
        "send()/sendto() on an fd, as on Linux. SIGPIPE can be suppressed per call with MSG_NOSIGNAL or per socket with SO_NOSIGPIPE.",
      lwip: "lwip_send()/lwip_sendto(): for TCP the bytes are copied and handed to the tcpip thread (netconn_write_partly, then tcp_write and tcp_output) while the caller waits on a semaphore (MSG_DONTWAIT and MSG_MORE are honoured there); for UDP one netbuf is sent as one datagram. No signals, so no SIGPIPE.",
      plan9:
        "No send(): a program write()s to the connection's data file (/net/tcp/N/data). On UDP each write is one datagram. Failures are error strings (errstr), and the connection's err file holds the reason. APE's BSD library provides send()/sendto() on top of write.",
    },
  },

  {
    kind: "syscall",
    name: "recvfrom",
    aliases: ["recv"],
    summary:
      "Take received data out of a socket's receive queue, optionally learning the sender's address (recv() is recvfrom() with no address).",
    kernel: [
      {
        fn: "__sys_recvfrom",
        file: "net/socket.c",
        does: "makes an iov_iter of the user buffer, finds the socket from the fd, adds MSG_DONTWAIT for an O_NONBLOCK file; afterwards copies the sender's address out if asked",
      },
      SOCK_RECVMSG,
      ...TCP_RECV,
      ...UDP_RECV,
      ...UNIX_RECV,
    ],
    structures: RECV_STRUCTURES,
    wire: RECV_WIRE,
    blocking: RECV_BLOCKING,
    nonblocking: RECV_NONBLOCKING,
    pitfalls: RECV_PITFALLS,
    layer: "transport",
    cases: [
      {
        when: { transport: ["tcp"], result: ["ok"] },
        summary:
          "{bytes} bytes were taken from fd {fd}'s receive queue, in stream order from {remote}. They may be part of one send, or several sends joined.",
      },
      {
        when: { transport: ["tcp"], result: ["ok"] },
        summary:
          "{bytes} bytes were taken from fd {fd}'s receive queue, in stream order. They may be part of one send, or several sends joined.",
      },
      {
        when: { transport: ["tcp"], result: ["eof"] },
        summary:
          "recv returned 0: {remote} sent FIN and will send nothing more (or this end did shutdown(SHUT_RD)). This end can still send; a peer that called close() rather than shutdown() will answer new data with RST.",
        wire: "Nothing new: the kernel ACKed the FIN when it arrived, not at this call.",
      },
      {
        when: { transport: ["tcp"], result: ["eof"] },
        summary:
          "recv returned 0: the peer sent FIN and will send nothing more (or this end did shutdown(SHUT_RD)). This end can still send; a peer that called close() rather than shutdown() will answer new data with RST.",
        wire: "Nothing new: the kernel ACKed the FIN when it arrived, not at this call.",
      },
      {
        when: { transport: ["unix-stream"], result: ["eof"] },
        summary:
          "0: the peer socket was closed or shut down writing, so no more data will come (or this end shut down reading).",
      },
      {
        when: { transport: ["unix-seqpacket"], result: ["eof"] },
        summary:
          "0: usually the peer closed or shut down writing, so no more records will come; an empty record also reads as 0.",
      },
      {
        when: { transport: ["unix-dgram"], result: ["eof"] },
        summary:
          "0 bytes: on a datagram socket this is an empty datagram (or this end shut down reading), not the end of a connection.",
      },
      {
        when: { transport: ["udp"], result: ["ok"] },
        summary:
          "One datagram of {bytes} bytes was taken from fd {fd}'s queue (0 is a real, empty datagram). If it was longer than the buffer, the rest was discarded.",
      },
      {
        when: { transport: ["unix-stream", "unix-seqpacket", "unix-dgram"], result: ["ok"] },
        summary: "{bytes} bytes were taken from what the peer had queued on fd {fd}.",
      },
      {
        when: { result: ["EAGAIN"], nonblocking: true },
        summary: "Nothing to read on fd {fd} right now, and it is non-blocking.",
        note: "Wait for POLLIN/EPOLLIN on fd {fd} before reading again.",
      },
      {
        when: { result: ["EAGAIN"], nonblocking: false },
        summary:
          "Nothing arrived before the receive timeout (SO_RCVTIMEO) ran out, or the call passed MSG_DONTWAIT.",
      },
      {
        when: { transport: ["tcp"], result: ["ECONNRESET"] },
        summary:
          "{remote} reset the connection (RST): typically it closed with unread data in its receive queue, or aborted with SO_LINGER 0. Reported once; the next recv returns 0.",
      },
      {
        when: { transport: ["tcp"], result: ["ECONNRESET"] },
        summary:
          "The peer reset the connection (RST): typically it closed with unread data in its receive queue, or aborted with SO_LINGER 0. Reported once; the next recv returns 0.",
      },
      {
        when: { transport: ["udp"], result: ["ECONNREFUSED"] },
        summary:
          "A datagram this connected socket sent earlier drew an ICMP port unreachable from {remote}: nothing listens there. The error is reported once.",
      },
      {
        when: { transport: ["udp"], result: ["ECONNREFUSED"] },
        summary:
          "A datagram this connected socket sent earlier drew an ICMP port unreachable: nothing listens there. The error is reported once.",
      },
      {
        when: { transport: ["tcp"], result: ["ECONNREFUSED"] },
        summary:
          "A non-blocking connect on fd {fd} was refused (the SYN drew an RST), and this recv reported it.",
      },
      {
        when: { transport: ["tcp"], result: ["ENOTCONN"] },
        summary: "fd {fd} never connected (or it is a listening socket): there is no stream to read from.",
      },
      {
        when: { transport: ["unix-stream", "unix-seqpacket"], result: ["EINVAL"] },
        summary: "fd {fd} is a unix stream socket that is not connected; Linux answers EINVAL here.",
      },
      {
        when: { transport: ["tcp"], result: ["ETIMEDOUT"] },
        summary:
          "The connection died: retransmissions, keepalive probes or TCP_USER_TIMEOUT ran out without an answer from the peer.",
      },
      {
        when: { result: ["EINTR"] },
        summary: "A signal handler ran while recv was waiting, before any data arrived.",
        note: "With SA_RESTART the kernel restarts the call itself, except when a receive timeout (SO_RCVTIMEO) is set.",
      },
    ],
    man: ["recv(2)", "socket(7)", "tcp(7)", "udp(7)", "unix(7)"],
    sources: [
      { repo: "torvalds/linux", path: "net/socket.c", symbols: ["__sys_recvfrom", "sock_recvmsg"] },
      { repo: "torvalds/linux", path: "net/ipv4/af_inet.c", symbols: ["inet_recvmsg"] },
      { ...TCP_SRC, symbols: ["tcp_recvmsg", "tcp_recvmsg_locked", "tcp_cleanup_rbuf"] },
      {
        repo: "torvalds/linux",
        path: "net/ipv4/tcp_input.c",
        symbols: ["tcp_rcv_space_adjust", "tcp_fin", "tcp_reset"],
      },
      { repo: "torvalds/linux", path: "net/core/sock.c", symbols: ["sk_wait_data"] },
      { repo: "torvalds/linux", path: "net/core/datagram.c", symbols: ["skb_copy_datagram_iter"] },
      { repo: "torvalds/linux", path: "net/ipv4/udp.c", symbols: ["udp_recvmsg", "__skb_recv_udp"] },
      {
        repo: "torvalds/linux",
        path: "net/unix/af_unix.c",
        symbols: ["unix_stream_recvmsg", "unix_dgram_recvmsg"],
      },
      { man: "recv(2)" },
    ],
    os: {
      windows:
        "recv()/recvfrom() on a SOCKET, or WSARecv()/WSARecvFrom() with WSABUF arrays and overlapped I/O. 0 means the peer closed gracefully; errors come from WSAGetLastError() (WSAEWOULDBLOCK, WSAECONNRESET…). A UDP datagram longer than the buffer fails with WSAEMSGSIZE after filling it. An ICMP port unreachable can make a later recvfrom() fail with WSAECONNRESET even on an unconnected UDP socket (SIO_UDP_CONNRESET turns that off).",
      macos:
        "recv()/recvfrom() on an fd with BSD semantics: 0 is end of stream on TCP, a datagram keeps its boundaries and is cut to the buffer. kqueue's EVFILT_READ tells how many bytes are waiting.",
      freebsd:
        "recv()/recvfrom() as on Linux: 0 is end of stream, one datagram per call, EAGAIN (EWOULDBLOCK) when non-blocking or when SO_RCVTIMEO runs out.",
      lwip: "lwip_recv()/lwip_recvfrom(): TCP data is taken from the connection's receive mailbox as pbufs and copied out; 0 means the connection was closed. MSG_PEEK and MSG_DONTWAIT work, MSG_WAITALL is not implemented, and SO_RCVTIMEO exists only when built with LWIP_SO_RCVTIMEO.",
      plan9:
        "read() on the connection's data file: TCP returns what has arrived (0 at end of stream); a UDP read returns one datagram and drops what does not fit. The peer's address is in the remote file, or in a Udphdr before each datagram after the ctl message 'headers'.",
    },
  },

  {
    kind: "syscall",
    name: "sendmsg",
    aliases: [],
    summary:
      "Send data gathered from several buffers, with an optional destination and ancillary data (passed fds, credentials, IP options) in one call.",
    kernel: [
      { fn: "__sys_sendmsg", file: "net/socket.c", does: "finds the socket from the fd" },
      {
        fn: "___sys_sendmsg",
        file: "net/socket.c",
        does: "copies the user msghdr and its iovec into the kernel (more than 1024 iovec entries: EMSGSIZE)",
      },
      {
        fn: "____sys_sendmsg",
        file: "net/socket.c",
        does: "copies msg_control (the ancillary data) into the kernel, adds MSG_DONTWAIT for an O_NONBLOCK file",
      },
      SOCK_SENDMSG_STATIC,
      INET_SEND,
      {
        fn: "tcp_sendmsg_locked",
        file: "net/ipv4/tcp.c",
        does: "TCP: parses SOL_SOCKET control messages (sock_cmsg_send), then queues the data exactly as for send()",
      },
      {
        fn: "sock_cmsg_send",
        file: "net/core/sock.c",
        does: "SOL_SOCKET control messages such as SO_MARK and timestamping requests",
      },
      { fn: "tcp_push", file: "net/ipv4/tcp.c", does: "TCP: starts transmission, as for send()" },
      {
        fn: "udp_sendmsg",
        file: "net/ipv4/udp.c",
        does: "UDP: one datagram from all the iovec pieces; IP-level control messages (IP_PKTINFO, IP_TTL…) go through ip_cmsg_send",
      },
      {
        fn: "ip_cmsg_send",
        file: "net/ipv4/ip_sockglue.c",
        does: "UDP/IPv4: applies per-datagram IP options from the control data",
      },
      {
        fn: "ip_make_skb",
        file: "net/ipv4/ip_output.c",
        does: "UDP: builds the datagram, charged against sk_sndbuf",
      },
      ...IP_OUT,
      UNIX_SEND[0]!,
      {
        fn: "__scm_send",
        file: "net/core/scm.c",
        does: "AF_UNIX: parses SCM_RIGHTS and SCM_CREDENTIALS (reached through scm_send from the unix sendmsg functions)",
      },
      {
        fn: "scm_fp_copy",
        file: "net/core/scm.c",
        does: "SCM_RIGHTS: takes a reference on each passed file (at most 253 per message); they travel attached to the sk_buff",
      },
      UNIX_SEND[1]!,
    ],
    structures: [
      ...SEND_STRUCTURES,
      "a kernel copy of the msghdr, its iovec and its control data (kept on the stack when small)",
      "SCM_RIGHTS: a struct scm_fp_list holding file references, attached to the sk_buff until the receiver takes them; no fd exists for them in between",
    ],
    wire: `${SEND_WIRE} Ancillary data is never sent as such: IP options change the datagram's headers, and passed fds stay inside this machine.`,
    blocking: SEND_BLOCKING,
    nonblocking: SEND_NONBLOCKING,
    pitfalls: [
      ...SEND_PITFALLS,
      "On a stream socket the iovec is just bytes: the pieces are joined, and the call may accept only some of them (a short write that can end in the middle of an element).",
      "Passing fds (SCM_RIGHTS) works only on AF_UNIX; the receiver gets new fd numbers, and only when its recvmsg provides room for the control data.",
    ],
    layer: "device",
    cases: [
      {
        when: { transport: ["tcp"], result: ["ok"] },
        summary:
          "{bytes} bytes, gathered from the iovec, were copied into fd {fd}'s send buffer. TCP transmits them as its windows allow; this is not a delivery receipt.",
      },
      {
        when: { transport: ["udp"], result: ["ok"] },
        summary: "The iovec pieces became one UDP datagram of {bytes} bytes, handed to IP.",
        wire: "One UDP datagram; options from the control data (source address, TTL…) only change its IP header.",
      },
      {
        when: { transport: ["unix-stream", "unix-dgram", "unix-seqpacket"], result: ["ok"] },
        summary:
          "{bytes} bytes were queued on the peer's receive queue, with any passed fds or credentials attached to that message.",
        wire: "Nothing: AF_UNIX stays in memory, and passed fds are file references, not bytes.",
      },
      {
        when: { result: ["EAGAIN"], nonblocking: true },
        summary: "Nothing was sent: fd {fd} is non-blocking and the data does not fit right now.",
        note: "Wait for POLLOUT/EPOLLOUT on fd {fd}, then retry.",
      },
      {
        when: { transport: ["tcp", "unix-stream", "unix-seqpacket"], result: ["EPIPE"] },
        summary:
          "fd {fd} cannot send any more (closed or shut down, or a TCP socket that never connected); SIGPIPE was raised too unless MSG_NOSIGNAL was passed.",
      },
      {
        when: { result: ["EMSGSIZE"] },
        summary:
          "Too big: a datagram over the protocol's limit, or more than 1024 iovec entries. Nothing was sent.",
      },
      {
        when: { transport: ["unix-stream", "unix-dgram", "unix-seqpacket"], result: ["ETOOMANYREFS"] },
        summary:
          "This user already has more fds in flight over unix sockets than RLIMIT_NOFILE allows (CAP_SYS_RESOURCE lifts the limit); nothing was sent.",
      },
      {
        when: { transport: ["unix-stream", "unix-dgram", "unix-seqpacket"], result: ["EBADF"] },
        summary: "An fd listed in the SCM_RIGHTS control message is not open (or fd {fd} itself is not).",
      },
      {
        when: { result: ["EINVAL"] },
        summary:
          "The msghdr or its control data is malformed (a bad cmsg length, an unknown control message, more than 253 fds in one SCM_RIGHTS).",
      },
      {
        when: { transport: ["udp"], result: ["ECONNREFUSED"] },
        summary:
          "An earlier datagram from this connected socket drew an ICMP port unreachable; that stored error was reported here and nothing was sent.",
      },
      {
        when: { transport: ["tcp"], result: ["ECONNRESET"] },
        summary:
          "The peer had reset the connection earlier; this call reported that stored error and sent nothing.",
      },
    ],
    man: ["sendmsg(2)", "send(2)", "cmsg(3)", "unix(7)", "ip(7)"],
    sources: [
      {
        repo: "torvalds/linux",
        path: "net/socket.c",
        symbols: ["__sys_sendmsg", "___sys_sendmsg", "____sys_sendmsg", "__sock_sendmsg"],
      },
      { repo: "torvalds/linux", path: "net/core/scm.c", symbols: ["__scm_send", "scm_fp_copy"] },
      { repo: "torvalds/linux", path: "net/core/sock.c", symbols: ["sock_cmsg_send"] },
      { repo: "torvalds/linux", path: "net/ipv4/ip_sockglue.c", symbols: ["ip_cmsg_send"] },
      { ...TCP_SRC, symbols: ["tcp_sendmsg_locked", "tcp_push"] },
      { repo: "torvalds/linux", path: "net/ipv4/udp.c", symbols: ["udp_sendmsg"] },
      {
        repo: "torvalds/linux",
        path: "net/unix/af_unix.c",
        symbols: ["unix_stream_sendmsg", "unix_dgram_sendmsg", "unix_attach_fds"],
      },
      { man: "send(2)" },
      { man: "cmsg(3)" },
    ],
    os: {
      windows:
        "WSASendMsg() takes a WSAMSG (Winsock's msghdr) with WSABUF buffers and control data such as IP_PKTINFO. There is no SCM_RIGHTS; a socket is handed to another process with WSADuplicateSocket().",
      macos: "sendmsg() as in BSD; SCM_RIGHTS passes fds over unix sockets.",
      freebsd:
        "sendmsg() as on Linux. Unix sockets pass fds with SCM_RIGHTS; credentials use FreeBSD's own SCM_CREDS format rather than Linux's SCM_CREDENTIALS.",
      lwip: "lwip_sendmsg(): gathers the iovec (for TCP through netconn_write_vectors_partly) but ignores control data; only MSG_DONTWAIT and MSG_MORE are accepted, other flags give EOPNOTSUPP.",
      plan9:
        "No sendmsg(): one write() of one buffer to the data file, with no ancillary data. On UDP with 'headers' set, the destination travels in the Udphdr at the front of the buffer.",
    },
  },

  {
    kind: "syscall",
    name: "recvmsg",
    aliases: [],
    summary:
      "Receive into several buffers in one call, together with the sender's address, result flags (MSG_TRUNC…) and ancillary data (passed fds, credentials, packet info).",
    kernel: [
      { fn: "__sys_recvmsg", file: "net/socket.c", does: "finds the socket from the fd" },
      { fn: "___sys_recvmsg", file: "net/socket.c", does: "copies the user msghdr and imports its iovec" },
      {
        fn: "____sys_recvmsg",
        file: "net/socket.c",
        does: "adds MSG_DONTWAIT for O_NONBLOCK, receives, then writes back the address, msg_flags (MSG_TRUNC, MSG_CTRUNC…) and the control length used",
      },
      SOCK_RECVMSG,
      ...TCP_RECV.slice(0, 5),
      UDP_RECV[0]!,
      {
        fn: "ip_cmsg_recv_offset",
        file: "net/ipv4/ip_sockglue.c",
        does: "UDP/IPv4: adds the control messages the socket asked for (IP_PKTINFO, IP_TTL, IP_TOS…)",
      },
      {
        fn: "ip_recv_error",
        file: "net/ipv4/ip_sockglue.c",
        does: "MSG_ERRQUEUE: returns one queued error (ICMP with IP_RECVERR, timestamps, zerocopy notices) from sk_error_queue",
      },
      ...UNIX_RECV,
      {
        fn: "scm_detach_fds",
        file: "net/core/scm.c",
        does: "SCM_RIGHTS: installs the passed files as new fds in this process (close-on-exec with MSG_CMSG_CLOEXEC); what does not fit the control buffer is dropped with MSG_CTRUNC",
      },
    ],
    structures: [
      ...RECV_STRUCTURES,
      "sk_error_queue, read only with MSG_ERRQUEUE",
      "SCM_RIGHTS: new entries in this process's fd table for the files that travelled with the message",
    ],
    wire: RECV_WIRE,
    blocking: RECV_BLOCKING,
    nonblocking: RECV_NONBLOCKING,
    pitfalls: [
      ...RECV_PITFALLS,
      "Check msg_flags after the call: MSG_TRUNC means the datagram was cut, MSG_CTRUNC means control data (possibly passed fds) was lost for lack of room.",
      "On a unix socket, receiving without a control buffer while fds are in flight closes those fds; the data still arrives.",
    ],
    layer: "transport",
    cases: [
      {
        when: { transport: ["tcp"], result: ["ok"] },
        summary:
          "{bytes} bytes of the stream were scattered into the iovec buffers; TCP returns no sender address (msg_namelen is set to 0).",
      },
      {
        when: { transport: ["udp"], result: ["ok"] },
        summary:
          "One datagram of {bytes} bytes was scattered into the iovec, with its sender in msg_name; if it was cut, msg_flags has MSG_TRUNC.",
      },
      {
        when: { transport: ["unix-stream", "unix-dgram", "unix-seqpacket"], result: ["ok"] },
        summary:
          "{bytes} bytes were received on fd {fd}, plus any passed fds (now new fds in this process) or credentials in the control buffer.",
      },
      {
        when: { transport: ["netlink"], result: ["ok"] },
        summary:
          "{bytes} bytes of netlink messages arrived on fd {fd} from the kernel (or another process); MSG_TRUNC means the buffer was too small.",
      },
      {
        when: { transport: ["tcp", "unix-stream"], result: ["eof"] },
        summary:
          "recvmsg returned 0: the peer finished sending (FIN, or its socket closed); no more data will come.",
      },
      {
        when: { transport: ["unix-dgram", "unix-seqpacket"], result: ["eof"] },
        summary:
          "0 bytes: an empty message, or the peer closed (seqpacket) — on a datagram socket it is not an end of connection.",
      },
      {
        when: { result: ["EAGAIN"], nonblocking: true },
        summary:
          "Nothing to receive on fd {fd} right now, and it is non-blocking (with MSG_ERRQUEUE: the error queue is empty).",
      },
      {
        when: { result: ["EAGAIN"], nonblocking: false },
        summary:
          "Nothing arrived before the receive timeout (SO_RCVTIMEO) ran out, or the call passed MSG_DONTWAIT / MSG_ERRQUEUE with nothing queued.",
      },
      {
        when: { transport: ["tcp"], result: ["ECONNRESET"] },
        summary: "The peer reset the connection (RST); reported once, the next call returns 0.",
      },
      {
        when: { transport: ["udp"], result: ["ECONNREFUSED"] },
        summary:
          "An earlier datagram from this connected socket drew an ICMP port unreachable; the stored error is reported once.",
      },
      {
        when: { transport: ["tcp"], result: ["ENOTCONN"] },
        summary: "fd {fd} is not connected (never connected, or listening).",
      },
      {
        when: { result: ["EINTR"] },
        summary: "A signal handler ran while recvmsg was waiting, before anything arrived.",
      },
    ],
    man: ["recvmsg(2)", "recv(2)", "cmsg(3)", "unix(7)", "ip(7)"],
    sources: [
      {
        repo: "torvalds/linux",
        path: "net/socket.c",
        symbols: ["__sys_recvmsg", "___sys_recvmsg", "____sys_recvmsg", "sock_recvmsg"],
      },
      { repo: "torvalds/linux", path: "net/core/scm.c", symbols: ["scm_detach_fds"] },
      {
        repo: "torvalds/linux",
        path: "net/ipv4/ip_sockglue.c",
        symbols: ["ip_cmsg_recv_offset", "ip_recv_error"],
      },
      { ...TCP_SRC, symbols: ["tcp_recvmsg", "tcp_recvmsg_locked"] },
      { repo: "torvalds/linux", path: "net/ipv4/udp.c", symbols: ["udp_recvmsg"] },
      {
        repo: "torvalds/linux",
        path: "net/unix/af_unix.c",
        symbols: ["unix_stream_recvmsg", "unix_dgram_recvmsg"],
      },
      { man: "recv(2)" },
      { man: "cmsg(3)" },
    ],
    os: {
      windows:
        "WSARecvMsg() is an extension function: a program first fetches its pointer with WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER, WSAID_WSARECVMSG). It returns control data such as IP_PKTINFO; there is no fd passing.",
      macos: "recvmsg() as in BSD: MSG_TRUNC/MSG_CTRUNC in msg_flags, SCM_RIGHTS fds installed on receipt.",
      freebsd:
        "recvmsg() as on Linux, with SCM_RIGHTS over unix sockets and MSG_TRUNC/MSG_CTRUNC in msg_flags.",
      lwip: "lwip_recvmsg(): scatters into the iovec; for UDP it can return IP_PKTINFO as control data when built with LWIP_NETBUF_RECVINFO.",
      plan9:
        "No recvmsg(): read() the data file. With UDP 'headers' set, each datagram arrives behind a Udphdr holding the remote and local addresses and ports.",
    },
  },

  {
    kind: "syscall",
    name: "sendmmsg",
    aliases: [],
    summary:
      "Send several messages (each a full msghdr) in one system call; returns how many messages went, not bytes.",
    kernel: [
      {
        fn: "__sys_sendmmsg",
        file: "net/socket.c",
        does: "caps vlen at 1024, then loops once per entry, storing each byte count in msg_len; stops at the first failure or at a message only partly accepted",
      },
      { fn: "___sys_sendmsg", file: "net/socket.c", does: "per entry: copies that msghdr and its iovec in" },
      {
        fn: "____sys_sendmsg",
        file: "net/socket.c",
        does: "per entry: control data, MSG_DONTWAIT for O_NONBLOCK; skips the security hook when the destination repeats the previous one",
      },
      SOCK_SENDMSG_STATIC,
      INET_SEND,
      ...UDP_SEND,
      ...IP_OUT,
      {
        fn: "tcp_sendmsg",
        file: "net/ipv4/tcp.c",
        does: "TCP: each entry appends to the byte stream, as send() would",
      },
    ],
    structures: [
      ...SEND_STRUCTURES,
      "one kernel copy of each msghdr in turn; the user's msg_len fields are written as it goes",
    ],
    wire: "UDP: one datagram per entry, each going through the whole UDP/IP path; the batching saves system-call entries, not protocol work. TCP: the entries are simply appended to the byte stream.",
    blocking: SEND_BLOCKING,
    nonblocking: `${SEND_NONBLOCKING} The batch stops at the first entry that does not fit; the return value says how many went.`,
    pitfalls: [
      "The return value is a count of messages. Compare it with vlen and resend the rest starting at the first unsent entry.",
      "An error is returned only if the first message fails. A failure later in the batch just ends it early, and that error code is lost.",
      "UDP: each datagram is still fire-and-forget; a successful count means handed to IP, not delivered.",
    ],
    layer: "device",
    cases: [
      {
        when: { transport: ["udp"], result: ["ok"] },
        summary:
          "{bytes} datagrams were sent from fd {fd}, one per entry; each entry's msg_len holds its size. If that is fewer than requested, the rest were not sent.",
        wire: "{bytes} UDP datagrams, one per message.",
      },
      {
        when: { result: ["ok"] },
        summary:
          "{bytes} messages were sent from fd {fd}; each entry's msg_len holds its byte count. If that is fewer than requested, the rest were not sent.",
      },
      {
        when: { result: ["EAGAIN"], nonblocking: true },
        summary:
          "Not even the first message fitted: fd {fd} is non-blocking and its send buffer has no room.",
      },
      {
        when: { result: ["error"] },
        summary: "The first message failed ({errno}), so nothing was sent.",
      },
    ],
    man: ["sendmmsg(2)", "send(2)"],
    sources: [
      {
        repo: "torvalds/linux",
        path: "net/socket.c",
        symbols: ["__sys_sendmmsg", "___sys_sendmsg", "____sys_sendmsg"],
      },
      { repo: "torvalds/linux", path: "net/ipv4/udp.c", symbols: ["udp_sendmsg", "udp_send_skb"] },
      { man: "sendmmsg(2)" },
    ],
    os: {
      windows:
        "No batch send call. Registered I/O (RIOSend and friends, Windows 8 and later) and overlapped WSASendTo() are the ways to cut the cost per datagram.",
      macos:
        "No public sendmmsg(). XNU has a private sendmsg_x() system call for batches of datagrams, outside the supported API.",
      freebsd:
        "libc provides sendmmsg(), but it is a loop calling sendmsg() once per message in user space, so it saves no system calls.",
      lwip: "No sendmmsg(): call lwip_sendto() for each datagram.",
      plan9: "No batch call: one write() per datagram on the data file.",
    },
  },

  {
    kind: "syscall",
    name: "recvmmsg",
    aliases: [],
    summary:
      "Receive several messages into an array of msghdrs in one system call; returns how many arrived.",
    kernel: [
      {
        fn: "__sys_recvmmsg",
        file: "net/socket.c",
        does: "reads the optional timeout, writes the time left back afterwards",
      },
      {
        fn: "do_recvmmsg",
        file: "net/socket.c",
        does: "returns a pending socket error first; loops per entry; MSG_WAITFORONE adds MSG_DONTWAIT after the first message; checks the timeout only after each message",
      },
      {
        fn: "___sys_recvmsg",
        file: "net/socket.c",
        does: "per entry: copies that msghdr in (the security hook is asked only for the first)",
      },
      {
        fn: "____sys_recvmsg",
        file: "net/socket.c",
        does: "per entry: receives and writes back address, flags and control length",
      },
      SOCK_RECVMSG,
      TCP_RECV[0]!,
      ...UDP_RECV,
    ],
    structures: [
      ...RECV_STRUCTURES,
      "sk_err: an error hit after some messages were received is stored here for the next call",
    ],
    wire: "Nothing: it only dequeues what has already arrived.",
    blocking:
      "Without MSG_WAITFORONE or O_NONBLOCK it waits until all vlen entries are filled. The timeout is checked only after a message arrives, so with fewer messages than vlen the call can wait indefinitely; MSG_WAITFORONE is the usual fix.",
    nonblocking:
      "Non-blocking (or MSG_DONTWAIT) it returns the messages already queued, or fails with EAGAIN if there is none.",
    pitfalls: [
      "The timeout argument is not a receive timeout: it is only checked between messages, so it cannot end a wait for the next one. Use MSG_WAITFORONE, SO_RCVTIMEO or poll first.",
      "An error that happens after some messages were received is not returned now: it is stored as the socket's error and comes back from the next call (EAGAIN excepted).",
      "Each entry's msg_len and msg_hdr.msg_flags must be checked: a datagram can be cut (MSG_TRUNC) in one entry only.",
    ],
    layer: "transport",
    cases: [
      {
        when: { transport: ["udp"], result: ["ok"] },
        summary:
          "{bytes} datagrams were received on fd {fd}, one per entry; each msg_len holds that datagram's length.",
      },
      {
        when: { result: ["ok"] },
        summary: "{bytes} messages were received on fd {fd}; each entry's msg_len holds its length.",
      },
      {
        when: { result: ["EAGAIN"], nonblocking: true },
        summary: "No message was waiting on fd {fd}, and it is non-blocking.",
      },
      {
        when: { transport: ["udp"], result: ["ECONNREFUSED"] },
        summary:
          "A stored error came first: an earlier datagram from this connected socket drew an ICMP port unreachable (or a previous recvmmsg deferred this error).",
      },
      {
        when: { result: ["EINVAL"] },
        summary: "The timeout is not a valid time, or an argument is malformed.",
      },
      {
        when: { result: ["EINTR"] },
        summary: "A signal handler ran before the first message arrived.",
      },
    ],
    man: ["recvmmsg(2)", "recv(2)"],
    sources: [
      {
        repo: "torvalds/linux",
        path: "net/socket.c",
        symbols: ["__sys_recvmmsg", "do_recvmmsg", "___sys_recvmsg", "____sys_recvmsg"],
      },
      { repo: "torvalds/linux", path: "net/ipv4/udp.c", symbols: ["udp_recvmsg", "__skb_recv_udp"] },
      { man: "recvmmsg(2)" },
    ],
    os: {
      windows:
        "No batch receive call; Registered I/O (RIOReceive…) or many overlapped WSARecvFrom() calls serve the same purpose.",
      macos: "No public recvmmsg(). XNU has a private recvmsg_x() system call, outside the supported API.",
      freebsd:
        "libc provides recvmmsg() as a loop over recvmsg() in user space, so it saves no system calls.",
      lwip: "No recvmmsg(): call lwip_recvfrom() per datagram.",
      plan9: "No batch call: one read() of the data file per datagram.",
    },
  },

  {
    kind: "syscall",
    name: "setsockopt",
    aliases: [],
    summary: "Change a socket's behaviour: buffer limits, timeouts, address reuse, TCP and IP options.",
    kernel: [
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
      { fn: "sock_setsockopt", file: "net/core/sock.c", does: "SOL_SOCKET: passes on to sk_setsockopt" },
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
      { fn: "udp_lib_setsockopt", file: "net/ipv4/udp.c", does: "UDP_CORK, UDP_SEGMENT, UDP_GRO…" },
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
    blocking: "Does not block (it may briefly wait for the socket lock).",
    nonblocking: "Same as blocking: O_NONBLOCK makes no difference here.",
    pitfalls: [
      "SO_RCVBUF and SO_SNDBUF are stored doubled (to leave room for sk_buff overhead), capped first by net.core.rmem_max/wmem_max unless the FORCE variants are used with CAP_NET_ADMIN; getsockopt reads back the doubled number.",
      "Setting SO_RCVBUF turns off TCP receive-buffer autotuning for the socket, which can lower throughput. The window scale is fixed at the handshake, so set it before connect() or listen().",
      "A buffer size is a limit on how much memory may be charged to the socket, not an allocation.",
      "SO_REUSEADDR on Linux does not let two sockets listen on one port; that is SO_REUSEPORT.",
      "Options that must come before bind() or connect() (IPV6_V6ONLY, SO_REUSEPORT, TCP_FASTOPEN_CONNECT…) have no effect, or fail, when set afterwards.",
      "SO_RCVTIMEO/SO_SNDTIMEO take a struct timeval; an expired timeout shows up as EAGAIN, not ETIMEDOUT.",
    ],
    layer: "ip",
    cases: [
      {
        when: { transport: ["tcp"], result: ["ok"] },
        summary:
          "{option} was set to {value} on fd {fd}; the kernel changed a field of the socket or of its TCP state.",
        wire: "Usually nothing. Turning TCP_NODELAY on or TCP_CORK off also sends any data that was being held back.",
      },
      {
        when: { result: ["ok"] },
        summary:
          "{option} was set to {value} on fd {fd}; the kernel recorded it in the socket and sent nothing.",
      },
      {
        when: { result: ["ok"] },
        summary: "The option was set on fd {fd}; the kernel recorded it in the socket and sent nothing.",
      },
      {
        when: { result: ["ENOPROTOOPT"] },
        summary:
          "{option} is not known at that level, or belongs to another protocol (a TCP option on a UDP socket, for example).",
      },
      {
        when: { result: ["ENOPROTOOPT"] },
        summary:
          "The option is not known at that level, or belongs to another protocol (a TCP option on a UDP socket, for example).",
      },
      {
        when: { result: ["EINVAL"] },
        summary:
          "The value or its length does not suit {option} (optlen too short, or a value out of range).",
      },
      {
        when: { result: ["EINVAL"] },
        summary:
          "The value or its length does not suit the option (optlen too short, or a value out of range).",
      },
      {
        when: { result: ["EPERM"] },
        summary:
          "{option} needs a privilege this process lacks (SO_RCVBUFFORCE and SO_SNDBUFFORCE need CAP_NET_ADMIN, for example).",
      },
    ],
    man: ["setsockopt(2)", "socket(7)", "tcp(7)", "udp(7)", "ip(7)"],
    sources: [
      { repo: "torvalds/linux", path: "net/socket.c", symbols: ["__sys_setsockopt", "do_sock_setsockopt"] },
      {
        repo: "torvalds/linux",
        path: "net/core/sock.c",
        symbols: ["sock_setsockopt", "sk_setsockopt", "__sock_set_rcvbuf", "sock_common_setsockopt"],
      },
      {
        ...TCP_SRC,
        symbols: ["tcp_setsockopt", "do_tcp_setsockopt", "__tcp_sock_set_nodelay", "__tcp_sock_set_cork"],
      },
      { repo: "torvalds/linux", path: "net/ipv4/udp.c", symbols: ["udp_setsockopt", "udp_lib_setsockopt"] },
      {
        repo: "torvalds/linux",
        path: "net/ipv4/ip_sockglue.c",
        symbols: ["ip_setsockopt", "do_ip_setsockopt"],
      },
      { repo: "torvalds/linux", path: "net/ipv4/tcp_input.c", symbols: ["tcp_rcv_space_adjust"] },
      { man: "setsockopt(2)" },
      { man: "socket(7)" },
    ],
    os: {
      windows:
        "setsockopt() takes the value as a const char* with an int length. SO_RCVTIMEO/SO_SNDTIMEO are a DWORD of milliseconds, not a struct timeval. Linux's doubling of SO_RCVBUF does not happen. SO_REUSEADDR lets another socket take over a port in use; SO_EXCLUSIVEADDRUSE prevents that.",
      macos:
        "setsockopt() as in BSD: SO_RCVBUF/SO_SNDBUF are kept as given (too large fails with ENOBUFS rather than being capped) and turn off that buffer's automatic sizing; SO_NOSIGPIPE exists; the TCP keepalive idle time is TCP_KEEPALIVE rather than TCP_KEEPIDLE.",
      freebsd:
        "setsockopt() as in BSD: SO_RCVBUF/SO_SNDBUF are kept as given, and a size over kern.ipc.maxsockbuf fails with ENOBUFS instead of being capped; setting one turns off that buffer's automatic sizing.",
      lwip: "lwip_setsockopt(): only the options compiled in exist. SO_RCVBUF needs LWIP_SO_RCVBUF and SO_RCVTIMEO/SO_SNDTIMEO need LWIP_SO_RCVTIMEO/LWIP_SO_SNDTIMEO; there is no SO_SNDBUF. The change is made by the tcpip thread.",
      plan9:
        "No setsockopt(): options are text messages written to the connection's ctl file, such as 'ttl n', 'tos n', 'keepalive n' (TCP) or 'ignoreadvice' and 'headers' (UDP).",
    },
  },

  {
    kind: "syscall",
    name: "getsockopt",
    aliases: [],
    summary:
      "Read a socket option or status value: buffer sizes, the pending error (SO_ERROR), the socket type, TCP state (TCP_INFO).",
    kernel: [
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
    blocking: "Does not block.",
    nonblocking: "Same as blocking: O_NONBLOCK makes no difference here.",
    pitfalls: [
      "SO_ERROR reads and clears: the first call gets the error, the next gets 0. It is how a non-blocking connect's result is collected once POLLOUT arrives.",
      "SO_RCVBUF/SO_SNDBUF read back twice what setsockopt was given (and a default TCP buffer can grow later through autotuning).",
      "optlen is in/out: pass the size of your buffer, and read the length actually written; a shorter buffer silently gets a truncated value for integer options.",
    ],
    layer: "ip",
    cases: [
      {
        when: { result: ["ok"] },
        summary: "{option} on fd {fd} reads {value}.",
      },
      {
        when: { result: ["ok"] },
        summary: "The option's current value was copied out of fd {fd}'s socket.",
      },
      {
        when: { result: ["ENOPROTOOPT"] },
        summary: "{option} is not known at that level, or belongs to another protocol.",
      },
      {
        when: { result: ["ENOPROTOOPT"] },
        summary: "The option is not known at that level, or belongs to another protocol.",
      },
      {
        when: { result: ["EINVAL"] },
        summary:
          "optlen is negative, or smaller than this option's minimum (plain integer options are truncated instead).",
      },
      {
        when: { result: ["EFAULT"] },
        summary: "optval or optlen points outside this process's memory (for example NULL).",
      },
    ],
    man: ["getsockopt(2)", "socket(7)", "tcp(7)", "ip(7)"],
    sources: [
      { repo: "torvalds/linux", path: "net/socket.c", symbols: ["__sys_getsockopt", "do_sock_getsockopt"] },
      {
        repo: "torvalds/linux",
        path: "net/core/sock.c",
        symbols: ["sk_getsockopt", "sock_common_getsockopt"],
      },
      { ...TCP_SRC, symbols: ["tcp_getsockopt", "do_tcp_getsockopt"] },
      { repo: "torvalds/linux", path: "net/ipv4/udp.c", symbols: ["udp_getsockopt"] },
      { repo: "torvalds/linux", path: "net/ipv4/ip_sockglue.c", symbols: ["ip_getsockopt"] },
      { repo: "torvalds/linux", path: "include/net/sock.h", symbols: ["sock_error"] },
      { man: "getsockopt(2)" },
    ],
    os: {
      windows:
        "getsockopt() with a char* buffer; errors through WSAGetLastError(). SO_ERROR works for a failed non-blocking connect; buffer sizes read back as set, not doubled.",
      macos:
        "getsockopt() as in BSD; SO_RCVBUF/SO_SNDBUF read back the value that was set. TCP_CONNECTION_INFO plays the role of TCP_INFO.",
      freebsd:
        "getsockopt() as in BSD; buffer sizes read back as set. TCP_INFO exists, with FreeBSD's own struct tcp_info layout.",
      lwip: "lwip_getsockopt(): answered by the tcpip thread, for the options compiled in; SO_ERROR returns and clears the socket's last error.",
      plan9:
        "No getsockopt(): read the connection's status, local and remote files (and err after a failure).",
    },
  },

  {
    kind: "syscall",
    name: "read",
    aliases: [],
    summary: "read() on a socket fd: the VFS passes it to the socket layer, where it is recv() with flags 0.",
    kernel: [
      { fn: "ksys_read", file: "fs/read_write.c", does: "finds the file for the fd" },
      {
        fn: "vfs_read",
        file: "fs/read_write.c",
        does: "checks the file is readable and the range, then the file's read_iter",
      },
      { fn: "new_sync_read", file: "fs/read_write.c", does: "wraps the buffer in an iov_iter and a kiocb" },
      {
        fn: "sock_read_iter",
        file: "net/socket.c",
        does: "socket_file_ops.read_iter: a 0-byte read returns 0 at once, an offset is refused (ESPIPE), O_NONBLOCK becomes MSG_DONTWAIT; no other flags exist",
      },
      SOCK_RECVMSG,
      ...TCP_RECV.slice(0, 5),
      ...UDP_RECV,
      ...UNIX_RECV,
    ],
    structures: RECV_STRUCTURES,
    wire: RECV_WIRE,
    blocking:
      "Waits until there is something to return: data, the peer's FIN (then 0), or an error. SO_RCVTIMEO bounds the wait and turns a timeout into EAGAIN.",
    nonblocking:
      "With O_NONBLOCK an empty queue gives EAGAIN at once; there is no per-call MSG_DONTWAIT with read().",
    pitfalls: [
      "read() is recv() with flags 0: same queues, same blocking rules, same errors. Only the flags (MSG_PEEK, MSG_WAITALL…) and the sender's address are out of reach.",
      "0 means end of stream on TCP and unix stream sockets; on a datagram socket it is an empty datagram.",
      "On a datagram socket read() discards the sender's address, and a datagram longer than the buffer is cut with no sign of it (no MSG_TRUNC).",
      "A read can return fewer bytes than asked at any time on a stream; loop, and frame your messages.",
    ],
    layer: "transport",
    cases: [
      {
        when: { transport: ["tcp"], result: ["ok"] },
        summary:
          "{bytes} bytes were read from fd {fd}'s receive queue (the TCP stream from {remote}); exactly what recv() would have returned.",
      },
      {
        when: { transport: ["tcp"], result: ["ok"] },
        summary:
          "{bytes} bytes were read from fd {fd}'s receive queue; exactly what recv() would have returned.",
      },
      {
        when: { transport: ["udp"], result: ["ok"] },
        summary:
          "One datagram of {bytes} bytes was read from fd {fd}; its sender's address was discarded, and anything past the buffer was lost.",
      },
      {
        when: { transport: ["unix-stream", "unix-dgram", "unix-seqpacket"], result: ["ok"] },
        summary: "{bytes} bytes the peer queued were read from fd {fd}.",
      },
      {
        when: { transport: ["tcp"], result: ["eof"] },
        summary:
          "read returned 0: {remote} sent FIN, so no more data will come (or this end did shutdown(SHUT_RD)). This end can still write.",
      },
      {
        when: { transport: ["tcp", "unix-stream", "unix-seqpacket"], result: ["eof"] },
        summary:
          "read returned 0: end of stream — the peer finished sending or closed (or this end shut down reading).",
      },
      {
        when: { transport: ["unix-dgram"], result: ["eof"] },
        summary: "0 bytes: an empty datagram (or this end shut down reading), not the end of a connection.",
      },
      {
        when: { result: ["EAGAIN"] },
        summary:
          "Nothing to read on fd {fd}: it is non-blocking and the queue is empty (or SO_RCVTIMEO ran out).",
      },
      {
        when: { transport: ["tcp"], result: ["ECONNRESET"] },
        summary: "The peer reset the connection (RST); reported once, the next read returns 0.",
      },
      {
        when: { transport: ["udp"], result: ["ECONNREFUSED"] },
        summary:
          "An earlier datagram from this connected socket drew an ICMP port unreachable; the stored error is reported once.",
      },
      {
        when: { transport: ["tcp"], result: ["ENOTCONN"] },
        summary: "fd {fd} is a TCP socket that never connected (or is listening).",
      },
      {
        when: { transport: ["tcp"], result: ["ETIMEDOUT"] },
        summary: "The connection died after retransmissions or keepalive probes went unanswered.",
      },
      {
        when: { result: ["EINTR"] },
        summary: "A signal handler ran while read was waiting, before any data arrived.",
      },
    ],
    man: ["read(2)", "recv(2)", "socket(7)"],
    sources: [
      {
        repo: "torvalds/linux",
        path: "fs/read_write.c",
        symbols: ["ksys_read", "vfs_read", "new_sync_read"],
      },
      {
        repo: "torvalds/linux",
        path: "net/socket.c",
        symbols: ["socket_file_ops", "sock_read_iter", "sock_recvmsg"],
      },
      { ...TCP_SRC, symbols: ["tcp_recvmsg", "tcp_recvmsg_locked"] },
      { repo: "torvalds/linux", path: "net/ipv4/udp.c", symbols: ["udp_recvmsg"] },
      { man: "read(2)" },
    ],
    os: {
      windows:
        "A SOCKET is not a C runtime fd, so _read() does not work on it; use recv()/WSARecv(). ReadFile() does accept socket handles from the standard providers.",
      macos: "read() on a socket fd works as on Linux: it is a receive with no flags.",
      freebsd: "read() on a socket fd is a receive with no flags, as on Linux.",
      lwip: "lwip_read() is lwip_recvfrom() with no flags and no address (read() with LWIP_POSIX_SOCKETS_IO_NAMES).",
      plan9:
        "read() on the connection's data file is the only way to receive; there is no separate recv() system call.",
    },
  },

  {
    kind: "syscall",
    name: "write",
    aliases: [],
    summary:
      "write() on a socket fd: the VFS passes it to the socket layer, where it is send() with flags 0.",
    kernel: [
      { fn: "ksys_write", file: "fs/read_write.c", does: "finds the file for the fd" },
      {
        fn: "vfs_write",
        file: "fs/read_write.c",
        does: "checks the file is writable and the range, then the file's write_iter",
      },
      { fn: "new_sync_write", file: "fs/read_write.c", does: "wraps the buffer in an iov_iter and a kiocb" },
      {
        fn: "sock_write_iter",
        file: "net/socket.c",
        does: "socket_file_ops.write_iter: refuses an offset (ESPIPE), O_NONBLOCK becomes MSG_DONTWAIT, SOCK_SEQPACKET gets MSG_EOR; no MSG_NOSIGNAL is possible",
      },
      SOCK_SENDMSG_STATIC,
      INET_SEND,
      ...TCP_SEND,
      ...UDP_SEND,
      ...IP_OUT,
      UNIX_SEND[0]!,
    ],
    structures: SEND_STRUCTURES,
    wire: SEND_WIRE,
    blocking: SEND_BLOCKING,
    nonblocking:
      "With O_NONBLOCK the call writes what fits and returns that count, or fails with EAGAIN if nothing fits; wait for POLLOUT before writing the rest.",
    pitfalls: [
      "write() is send() with flags 0: the count is bytes accepted by the kernel, not bytes delivered.",
      "write() cannot pass MSG_NOSIGNAL, so writing to a broken connection raises SIGPIPE, which kills the process unless SIGPIPE is ignored or handled. Use send(…, MSG_NOSIGNAL) or ignore SIGPIPE.",
      "Short writes happen on stream sockets (non-blocking, or a signal during a partial write): loop until all is written.",
      "On UDP, write(fd, buf, 0) sends an empty datagram.",
    ],
    layer: "device",
    cases: [
      {
        when: { transport: ["tcp"], result: ["ok"] },
        summary:
          "{bytes} bytes were copied into fd {fd}'s send buffer, bound for {remote}; TCP sends them as its windows allow. Not a delivery receipt.",
      },
      {
        when: { transport: ["tcp"], result: ["ok"] },
        summary:
          "{bytes} bytes were copied into fd {fd}'s send buffer; TCP sends them as its windows allow. Not a delivery receipt.",
      },
      {
        when: { transport: ["udp"], result: ["ok"] },
        summary: "{bytes} bytes went out as one UDP datagram to the connected peer.",
        wire: "One UDP datagram; no acknowledgement will come.",
      },
      {
        when: { transport: ["unix-stream", "unix-dgram", "unix-seqpacket"], result: ["ok"] },
        summary: "{bytes} bytes were queued directly on the peer socket's receive queue.",
        wire: "Nothing: AF_UNIX stays in memory.",
      },
      {
        when: { result: ["EAGAIN"] },
        summary:
          "Nothing was written: fd {fd} is non-blocking and its send buffer is full (or SO_SNDTIMEO ran out).",
      },
      {
        when: { transport: ["tcp", "unix-stream", "unix-seqpacket"], result: ["EPIPE"] },
        summary:
          "The connection on fd {fd} can no longer carry data (peer gone, reset, shut down, or never connected), and SIGPIPE was raised: write() cannot pass MSG_NOSIGNAL.",
      },
      {
        when: { transport: ["tcp"], result: ["ECONNRESET"] },
        summary:
          "The peer had reset the connection; this write reported the stored error. The next write gets EPIPE and SIGPIPE.",
      },
      {
        when: { transport: ["udp"], result: ["EDESTADDRREQ"] },
        summary: "write() has no address argument, and this UDP socket is not connected.",
      },
      {
        when: { transport: ["unix-dgram"], result: ["ENOTCONN"] },
        summary: "write() has no address argument, and this unix datagram socket is not connected.",
      },
      {
        when: { transport: ["udp"], result: ["ECONNREFUSED"] },
        summary:
          "An earlier datagram from this connected socket drew an ICMP port unreachable; that stored error was reported here.",
      },
      {
        when: { result: ["EINTR"] },
        summary: "A signal handler ran while write was waiting for buffer space, before any byte was copied.",
      },
    ],
    man: ["write(2)", "send(2)", "socket(7)"],
    sources: [
      {
        repo: "torvalds/linux",
        path: "fs/read_write.c",
        symbols: ["ksys_write", "vfs_write", "new_sync_write"],
      },
      {
        repo: "torvalds/linux",
        path: "net/socket.c",
        symbols: ["socket_file_ops", "sock_write_iter", "__sock_sendmsg"],
      },
      { ...TCP_SRC, symbols: ["tcp_sendmsg", "tcp_sendmsg_locked", "tcp_push"] },
      { repo: "torvalds/linux", path: "net/core/stream.c", symbols: ["sk_stream_error"] },
      { repo: "torvalds/linux", path: "net/ipv4/udp.c", symbols: ["udp_sendmsg"] },
      { man: "write(2)" },
    ],
    os: {
      windows:
        "A SOCKET is not a C runtime fd, so _write() does not work on it; use send()/WSASend(). WriteFile() does accept socket handles from the standard providers. No SIGPIPE on Windows.",
      macos:
        "write() on a socket fd is a send with no flags; a broken stream raises SIGPIPE unless SO_NOSIGPIPE is set on the socket.",
      freebsd:
        "write() on a socket fd is a send with no flags; SO_NOSIGPIPE on the socket suppresses SIGPIPE, since write() cannot pass MSG_NOSIGNAL.",
      lwip: "lwip_write() is lwip_send() with flags 0 (write() with LWIP_POSIX_SOCKETS_IO_NAMES); no signals exist.",
      plan9:
        "write() on the data file is how all data is sent; each write on UDP is one datagram. No signals: a failed write returns -1 with an error string.",
    },
  },

  {
    kind: "syscall",
    name: "readv",
    aliases: [],
    summary:
      "Scatter-read from a socket into several buffers in one call; on a socket it is recvmsg() with an iovec and flags 0.",
    kernel: [
      { fn: "do_readv", file: "fs/read_write.c", does: "finds the file for the fd" },
      {
        fn: "vfs_readv",
        file: "fs/read_write.c",
        does: "imports the iovec (more than 1024 entries: EINVAL); a total length of 0 returns 0 without touching the socket",
      },
      {
        fn: "do_iter_readv_writev",
        file: "fs/read_write.c",
        does: "calls the file's read_iter with the whole iovec (6.1 goes through do_iter_read first)",
      },
      {
        fn: "sock_read_iter",
        file: "net/socket.c",
        does: "refuses an offset, O_NONBLOCK becomes MSG_DONTWAIT, then sock_recvmsg",
      },
      SOCK_RECVMSG,
      ...TCP_RECV.slice(0, 5),
      UDP_RECV[0]!,
      UNIX_RECV[0]!,
    ],
    structures: RECV_STRUCTURES,
    wire: RECV_WIRE,
    blocking: "As read(): waits until data, end of stream or an error, bounded by SO_RCVTIMEO.",
    nonblocking: "With O_NONBLOCK an empty queue gives EAGAIN at once.",
    pitfalls: [
      "The buffers are filled in order; on a stream the call can return after filling only some of them. The return value is the total byte count, not a count per buffer.",
      "On a datagram socket one readv takes one datagram, spread over the buffers; what does not fit is lost without any flag.",
      "0 is end of stream only on stream sockets.",
    ],
    layer: "transport",
    cases: [
      {
        when: { transport: ["tcp", "unix-stream"], result: ["ok"] },
        summary:
          "{bytes} bytes of the stream were spread over the buffers, in order, from fd {fd}'s receive queue.",
      },
      {
        when: { transport: ["udp", "unix-dgram", "unix-seqpacket"], result: ["ok"] },
        summary:
          "One message of {bytes} bytes was spread over the buffers; anything longer than their total was lost.",
      },
      {
        when: { transport: ["tcp", "unix-stream", "unix-seqpacket"], result: ["eof"] },
        summary:
          "readv returned 0: end of stream, the peer will send nothing more (or the buffers' total length was 0).",
      },
      {
        when: { transport: ["unix-dgram"], result: ["eof"] },
        summary: "0 bytes: an empty datagram, or buffers of total length 0; not an end of connection.",
      },
      {
        when: { result: ["EAGAIN"] },
        summary:
          "Nothing to read on fd {fd}: it is non-blocking and the queue is empty (or SO_RCVTIMEO ran out).",
      },
      {
        when: { transport: ["tcp"], result: ["ECONNRESET"] },
        summary: "The peer reset the connection; reported once.",
      },
      {
        when: { result: ["EINVAL"] },
        summary: "The iovec has more than 1024 entries (IOV_MAX).",
      },
      {
        when: { result: ["EINTR"] },
        summary: "A signal handler ran while readv was waiting, before any data arrived.",
      },
    ],
    man: ["readv(2)", "recv(2)", "socket(7)"],
    sources: [
      {
        repo: "torvalds/linux",
        path: "fs/read_write.c",
        symbols: ["do_readv", "vfs_readv", "do_iter_readv_writev"],
      },
      { repo: "torvalds/linux", path: "net/socket.c", symbols: ["sock_read_iter", "sock_recvmsg"] },
      { ...TCP_SRC, symbols: ["tcp_recvmsg_locked"] },
      { man: "readv(2)" },
    ],
    os: {
      windows:
        "No readv() on a SOCKET; WSARecv() takes an array of WSABUF buffers and scatters into them the same way.",
      macos: "readv() on a socket fd works as on Linux.",
      freebsd: "readv() on a socket fd works as on Linux.",
      lwip: "lwip_readv() builds a msghdr and calls lwip_recvmsg().",
      plan9:
        "No readv() system call: read() into one buffer and split it. APE's BSD library provides a readv() emulation.",
    },
  },

  {
    kind: "syscall",
    name: "writev",
    aliases: [],
    summary:
      "Gather-write several buffers to a socket in one call; on a socket it is sendmsg() with an iovec and flags 0.",
    kernel: [
      { fn: "do_writev", file: "fs/read_write.c", does: "finds the file for the fd" },
      {
        fn: "vfs_writev",
        file: "fs/read_write.c",
        does: "imports the iovec (more than 1024 entries: EINVAL); a total length of 0 returns 0 without touching the socket",
      },
      {
        fn: "do_iter_readv_writev",
        file: "fs/read_write.c",
        does: "calls the file's write_iter with the whole iovec (6.1 goes through do_iter_write first)",
      },
      {
        fn: "sock_write_iter",
        file: "net/socket.c",
        does: "refuses an offset, O_NONBLOCK becomes MSG_DONTWAIT, SOCK_SEQPACKET gets MSG_EOR",
      },
      SOCK_SENDMSG_STATIC,
      INET_SEND,
      ...TCP_SEND.filter((f) => f.fn !== "sk_stream_wait_memory"),
      UDP_SEND[0]!,
      UDP_SEND[1]!,
      ...IP_OUT,
      UNIX_SEND[0]!,
    ],
    structures: SEND_STRUCTURES,
    wire: `${SEND_WIRE} On TCP the pieces are joined into one stream and may go out in a single segment; on UDP they form one datagram.`,
    blocking: SEND_BLOCKING,
    nonblocking:
      "With O_NONBLOCK the call writes what fits and returns that count (possibly ending inside one of the buffers), or EAGAIN if nothing fits.",
    pitfalls: [
      "writev() is the way to send a header and a body without copying them together and without two small segments: one call, one queue append.",
      "A short write can stop in the middle of any buffer: work out from the count where to resume.",
      "SIGPIPE as with write(): no MSG_NOSIGNAL is possible.",
      "On UDP, a writev whose buffers add up to 0 bytes sends nothing and returns 0, while write(fd, buf, 0) would send an empty datagram.",
    ],
    layer: "device",
    cases: [
      {
        when: { transport: ["tcp"], result: ["ok"] },
        summary:
          "{bytes} bytes from the buffers were appended, in order, to fd {fd}'s send stream; not a delivery receipt.",
      },
      {
        when: { transport: ["udp"], result: ["ok"] },
        summary: "The buffers became one UDP datagram of {bytes} bytes to the connected peer.",
        wire: "One UDP datagram.",
      },
      {
        when: { transport: ["unix-stream", "unix-dgram", "unix-seqpacket"], result: ["ok"] },
        summary: "{bytes} bytes were queued on the peer socket's receive queue.",
        wire: "Nothing: AF_UNIX stays in memory.",
      },
      {
        when: { result: ["EAGAIN"] },
        summary:
          "Nothing was written: fd {fd} is non-blocking and its send buffer is full (or SO_SNDTIMEO ran out).",
      },
      {
        when: { transport: ["tcp", "unix-stream", "unix-seqpacket"], result: ["EPIPE"] },
        summary:
          "The connection on fd {fd} can no longer carry data, and SIGPIPE was raised (writev cannot pass MSG_NOSIGNAL).",
      },
      {
        when: { transport: ["tcp"], result: ["ECONNRESET"] },
        summary: "The peer had reset the connection; this call reported the stored error.",
      },
      {
        when: { result: ["EINVAL"] },
        summary: "The iovec has more than 1024 entries (IOV_MAX).",
      },
      {
        when: { transport: ["udp"], result: ["EMSGSIZE"] },
        summary: "The buffers add up to more than one UDP datagram can carry; nothing was sent.",
      },
    ],
    man: ["writev(2)", "send(2)", "socket(7)"],
    sources: [
      {
        repo: "torvalds/linux",
        path: "fs/read_write.c",
        symbols: ["do_writev", "vfs_writev", "do_iter_readv_writev"],
      },
      { repo: "torvalds/linux", path: "net/socket.c", symbols: ["sock_write_iter", "__sock_sendmsg"] },
      { ...TCP_SRC, symbols: ["tcp_sendmsg_locked", "tcp_push"] },
      { man: "writev(2)" },
    ],
    os: {
      windows:
        "No writev() on a SOCKET; WSASend() takes an array of WSABUF buffers and gathers them the same way.",
      macos: "writev() on a socket fd works as on Linux.",
      freebsd: "writev() on a socket fd works as on Linux.",
      lwip: "lwip_writev() builds a msghdr and calls lwip_sendmsg(); for TCP the pieces go to netconn_write_vectors_partly.",
      plan9:
        "No writev() system call: build one buffer and write() it (on UDP that is one datagram). APE's BSD library provides a writev() emulation.",
    },
  },

  {
    kind: "syscall",
    name: "sendfile",
    aliases: [],
    summary:
      "Send part of a file out of a socket without copying it through user memory: the kernel moves page-cache pages to the socket.",
    kernel: [
      {
        fn: "do_sendfile",
        file: "fs/read_write.c",
        does: "in_fd must be readable, out_fd writable; an offset pointer needs a seekable in_fd (else ESPIPE); caps the count just under 2 GiB; out_fd is not a pipe, so it goes through do_splice_direct",
      },
      {
        fn: "do_splice_direct",
        file: "fs/splice.c",
        does: "splices through the task's private internal pipe",
      },
      {
        fn: "splice_direct_to_actor",
        file: "fs/splice.c",
        does: "requires a seekable in_fd (on current kernels a socket as input gives EINVAL); loops: fill the pipe from the file, then drain it into the socket",
      },
      {
        fn: "filemap_splice_read",
        file: "mm/filemap.c",
        does: "newer kernels, for most file systems: puts references to the file's page-cache pages into the pipe, reading from disk if needed (6.1: generic_file_splice_read)",
      },
      {
        fn: "direct_splice_actor",
        file: "fs/splice.c",
        does: "hands the pipe's contents to the output file",
      },
      {
        fn: "splice_to_socket",
        file: "fs/splice.c",
        does: "newer kernels (6.1 used generic_splice_sendpage and sock_sendpage instead): sends the pipe's pages with MSG_SPLICE_PAGES, MSG_MORE while more follows, MSG_DONTWAIT if the socket is O_NONBLOCK",
      },
      { fn: "sock_sendmsg", file: "net/socket.c", does: "security hook, then the socket's sendmsg" },
      {
        fn: "tcp_sendmsg_locked",
        file: "net/ipv4/tcp.c",
        does: "TCP with MSG_SPLICE_PAGES: attaches the pages to sk_buffs by reference when the route supports scatter-gather, otherwise copies them; charged against sk_sndbuf as usual",
      },
      { fn: "tcp_push", file: "net/ipv4/tcp.c", does: "starts transmission, as for send()" },
      { fn: "tcp_write_xmit", file: "net/ipv4/tcp_output.c", does: "sends what the windows allow" },
      { fn: "ip_queue_xmit", file: "net/ipv4/ip_output.c", does: "IP header" },
      IP_OUT[2]!,
    ],
    structures: [
      "the task's private splice pipe (current->splice_pipe), reused across calls",
      "page-cache pages of the input file, referenced (not copied) by the pipe and then by the socket's sk_buffs",
      "sk_write_queue and sk_wmem_queued, charged against sk_sndbuf as for send()",
      "the input file's offset (or *offset) advances by the bytes sent",
    ],
    wire: "TCP segments carrying the file's bytes, sent as the windows allow, exactly as if they had been written with send().",
    blocking:
      "Waits while the socket's send buffer is full (and while file pages are read from disk). A signal after some data went returns the partial count.",
    nonblocking:
      "A non-blocking socket returns the count that fitted, or EAGAIN if none did. O_NONBLOCK on the input file is ignored.",
    pitfalls: [
      "sendfile can send fewer bytes than asked; call it again with the remaining count (and the updated offset).",
      "in_fd should be a regular file (something that can be read like mmap'ed memory); sockets and pipes are not valid inputs, and current kernels refuse a socket there with EINVAL.",
      "The pages are referenced, not copied: changing or truncating the file before the data has been sent (or retransmitted) can change what goes on the wire.",
      "Like write(), sendfile has no MSG_NOSIGNAL: a broken connection raises SIGPIPE.",
      "It is meant for stream sockets; to add a header, send it first (or use TCP_CORK / MSG_MORE so header and file share segments).",
    ],
    layer: "device",
    cases: [
      {
        when: { transport: ["tcp"], result: ["ok"] },
        summary:
          "{bytes} bytes of the file were queued on fd {fd}'s send buffer without passing through user memory; TCP sends them to {remote} as its windows allow.",
      },
      {
        when: { transport: ["tcp"], result: ["ok"] },
        summary:
          "{bytes} bytes of the file were queued on fd {fd}'s send buffer without passing through user memory.",
      },
      {
        when: { result: ["ok"] },
        summary: "{bytes} bytes were moved from the file to fd {fd} inside the kernel.",
      },
      {
        when: { result: ["EAGAIN"] },
        summary: "Nothing was sent: fd {fd} is non-blocking and its send buffer is full.",
      },
      {
        when: { result: ["EINVAL"] },
        summary:
          "The input fd cannot be spliced from (not a seekable file: a socket, for example), or an argument is out of range.",
      },
      {
        when: { result: ["ESPIPE"] },
        summary: "An offset was given but the input fd is not seekable.",
      },
      {
        when: { transport: ["tcp"], result: ["EPIPE"] },
        summary: "The connection on fd {fd} can no longer carry data, and SIGPIPE was raised.",
      },
      {
        when: { transport: ["tcp"], result: ["ECONNRESET"] },
        summary: "The peer had reset the connection; nothing more can be sent.",
      },
      {
        when: { result: ["EOVERFLOW"] },
        summary: "The range asked for goes past the largest offset the file or the file system allows.",
      },
    ],
    man: ["sendfile(2)", "splice(2)", "tcp(7)"],
    sources: [
      { repo: "torvalds/linux", path: "fs/read_write.c", symbols: ["do_sendfile"] },
      {
        repo: "torvalds/linux",
        path: "fs/splice.c",
        symbols: ["do_splice_direct", "splice_direct_to_actor", "direct_splice_actor", "splice_to_socket"],
      },
      { repo: "torvalds/linux", path: "mm/filemap.c", symbols: ["filemap_splice_read"] },
      { repo: "torvalds/linux", path: "net/socket.c", symbols: ["sock_sendmsg"] },
      { ...TCP_SRC, symbols: ["tcp_sendmsg_locked"] },
      { man: "sendfile(2)" },
    ],
    os: {
      windows:
        "TransmitFile() (mswsock) sends a file handle's contents on a connected socket from the system cache, optionally with head and tail buffers; client editions of Windows limit how many run at once.",
      macos:
        "sendfile(fd, s, offset, &len, hdtr, flags): the file comes first, the socket second, the length is in/out, and header/trailer buffers can be sent in the same call.",
      freebsd:
        "sendfile(fd, s, offset, nbytes, hdtr, &sbytes, flags): file first, socket second, bytes sent returned through sbytes, optional headers/trailers, and flags such as SF_NODISKIO.",
      lwip: "No sendfile(): read the file into a buffer and lwip_send() it (or use the netconn/raw API to reference static data).",
      plan9:
        "No sendfile(): read() the file and write() the data file of the connection (or let a program such as cat copy between them).",
    },
  },

  {
    kind: "syscall",
    name: "poll",
    aliases: ["ppoll"],
    summary:
      "Wait until one of several fds is ready (readable, writable, or in error), or a timeout passes; ppoll also swaps the signal mask atomically.",
    kernel: [
      {
        fn: "do_sys_poll",
        file: "fs/select.c",
        does: "copies the pollfd array in (nfds above RLIMIT_NOFILE: EINVAL), writes revents back",
      },
      {
        fn: "do_poll",
        file: "fs/select.c",
        does: "polls every fd; if none is ready, sleeps (poll_schedule_timeout) until a wakeup or the timeout, then polls them all again",
      },
      {
        fn: "do_pollfd",
        file: "fs/select.c",
        does: "per fd: a negative fd is skipped, a closed one gets POLLNVAL; POLLERR and POLLHUP are always added to what was asked",
      },
      {
        fn: "sock_poll",
        file: "net/socket.c",
        does: "socket_file_ops.poll: busy-polling if enabled, then the family's poll",
      },
      {
        fn: "tcp_poll",
        file: "net/ipv4/tcp.c",
        does: "TCP: listening → POLLIN if the accept queue has a connection; POLLIN for data or FIN (with POLLRDHUP); POLLOUT for send space; POLLHUP when both directions are shut or the socket is closed; POLLERR for a pending error",
      },
      {
        fn: "udp_poll",
        file: "net/ipv4/udp.c",
        does: "UDP: datagram_poll; for a blocking socket it drops POLLIN if the first queued datagram fails its checksum",
      },
      {
        fn: "datagram_poll",
        file: "net/core/datagram.c",
        does: "datagram sockets: POLLIN for a queued datagram, POLLOUT while under half of sk_sndbuf is in use, POLLERR for a pending error or error-queue entry",
      },
      { fn: "unix_poll", file: "net/unix/af_unix.c", does: "AF_UNIX stream (unix_dgram_poll for datagrams)" },
      {
        fn: "__pollwait",
        file: "fs/select.c",
        does: "first pass only: hangs an entry on each socket's wait queue (through poll_wait), so the socket can wake this task",
      },
      {
        fn: "poll_schedule_timeout",
        file: "fs/select.c",
        does: "sleeps until woken, the timeout or a signal",
      },
      {
        fn: "sock_def_readable",
        file: "net/core/sock.c",
        does: "wake side: runs when data or a connection arrives (softirq) and wakes the wait queue; sk_write_space does the same when ACKs free space",
      },
      {
        fn: "pollwake",
        file: "fs/select.c",
        does: "wake side: the entry's callback, wakes the polling task",
      },
    ],
    structures: [
      "a kernel copy of the pollfd array, and a struct poll_wqueues with one wait-queue entry per polled file",
      "the socket's wait queue (struct socket_wq), which gets a temporary entry for the duration of the call",
      "nothing on the socket itself changes: poll only looks",
    ],
    wire: "Nothing.",
    blocking:
      "Waits until an fd has an event, the timeout (ms; -1 is forever, 0 returns at once) or a signal. Never restarted after a signal handler, even with SA_RESTART: it fails with EINTR.",
    nonblocking:
      "O_NONBLOCK on the polled fds changes nothing here; a timeout of 0 makes poll a non-blocking check.",
    pitfalls: [
      "Ready is a hint, not a promise: another thread (or a checksum failure on UDP) can take the data away. Use non-blocking fds and handle EAGAIN after a wakeup.",
      "For a socket, POLLIN means data, end of stream (recv will return 0), or a pending connection on a listener. It does not mean there are bytes to read.",
      "POLLOUT means enough send-buffer space (for TCP: free space at least half of what is queued), or that a non-blocking connect has finished — check SO_ERROR to learn whether it succeeded.",
      "POLLERR and POLLHUP are reported even when not asked for. A never-connected TCP socket reports POLLOUT|POLLHUP at once.",
      "poll is level-triggered: an fd that stays ready is reported on every call.",
    ],
    layer: "transport",
    cases: [
      {
        when: { result: ["ok"] },
        summary:
          "{bytes} of the polled fds have events (0 means the timeout ran out first). For a socket, POLLIN is data, end of stream or a pending connection; POLLOUT is send-buffer space or a finished connect.",
      },
      {
        when: { result: ["EINTR"] },
        summary:
          "A signal handler ran before any fd became ready; poll is not restarted, even with SA_RESTART.",
      },
      {
        when: { result: ["EINVAL"] },
        summary: "nfds is larger than the RLIMIT_NOFILE limit, or ppoll's timeout is not a valid time.",
      },
      {
        when: { result: ["EFAULT"] },
        summary: "The pollfd array lies outside this process's memory.",
      },
    ],
    man: ["poll(2)", "socket(7)", "signal(7)"],
    sources: [
      {
        repo: "torvalds/linux",
        path: "fs/select.c",
        symbols: ["do_sys_poll", "do_poll", "do_pollfd", "__pollwait", "pollwake", "poll_schedule_timeout"],
      },
      { repo: "torvalds/linux", path: "net/socket.c", symbols: ["sock_poll"] },
      { ...TCP_SRC, symbols: ["tcp_poll"] },
      { repo: "torvalds/linux", path: "net/ipv4/udp.c", symbols: ["udp_poll"] },
      { repo: "torvalds/linux", path: "net/core/datagram.c", symbols: ["datagram_poll"] },
      { repo: "torvalds/linux", path: "net/unix/af_unix.c", symbols: ["unix_poll", "unix_dgram_poll"] },
      { repo: "torvalds/linux", path: "net/core/sock.c", symbols: ["sock_def_readable"] },
      { man: "poll(2)" },
    ],
    os: {
      windows:
        "WSAPoll() (Vista and later) takes a WSAPOLLFD array of SOCKETs with the same POLLRDNORM/POLLWRNORM style flags; it works only on sockets.",
      macos: "poll() exists, and kqueue/kevent is the scalable alternative.",
      freebsd: "poll() exists, and kqueue/kevent is the scalable alternative.",
      lwip: "lwip_poll() (with LWIP_SOCKET_POLL) works on lwIP sockets only; the waiting task is woken by a callback from the tcpip thread.",
      plan9:
        "No poll(): a program waits with one process (or thread) per connection doing blocking reads. APE's select() emulates readiness by forking a reader process per fd.",
    },
  },

  {
    kind: "syscall",
    name: "pselect6",
    aliases: ["select"],
    summary:
      "Wait until fds in three bitmaps (read, write, exceptional) are ready, or a timeout passes; glibc's select() calls pselect6.",
    kernel: [
      {
        fn: "do_pselect",
        file: "fs/select.c",
        does: "reads the timeout, installs the temporary signal mask if one is given",
      },
      {
        fn: "core_sys_select",
        file: "fs/select.c",
        does: "copies the three fd bitmaps in (bounded by n and the fd table size)",
      },
      {
        fn: "do_select",
        file: "fs/select.c",
        does: "polls each fd whose bit is set (a bit for a closed fd: EBADF); readable = POLLIN, POLLHUP or POLLERR, writable = POLLOUT or POLLERR, exceptional = POLLPRI; sleeps if none is ready",
      },
      { fn: "sock_poll", file: "net/socket.c", does: "socket_file_ops.poll: the family's poll" },
      {
        fn: "tcp_poll",
        file: "net/ipv4/tcp.c",
        does: "TCP readiness mask (data, FIN, send space, error, accept queue)",
      },
      {
        fn: "datagram_poll",
        file: "net/core/datagram.c",
        does: "UDP and other datagram sockets (udp_poll calls it)",
      },
      {
        fn: "__pollwait",
        file: "fs/select.c",
        does: "first pass only: hangs an entry on each socket's wait queue",
      },
      {
        fn: "poll_schedule_timeout",
        file: "fs/select.c",
        does: "sleeps until a socket callback wakes the task, the timeout or a signal",
      },
      {
        fn: "poll_select_finish",
        file: "fs/select.c",
        does: "restores the signal mask and writes the time left back into the timeout",
      },
    ],
    structures: [
      "kernel copies of the three bitmaps (in and out), sized by n",
      "a struct poll_wqueues with one wait-queue entry per polled file, on each socket's wait queue for the duration of the call",
    ],
    wire: "Nothing.",
    blocking:
      "Waits until a bit can be set, the timeout or a signal (EINTR; never restarted, even with SA_RESTART). A zero timeout only checks.",
    nonblocking: "O_NONBLOCK on the fds changes nothing here; a zero timeout makes it a non-blocking check.",
    pitfalls: [
      "glibc's fd_set holds fds 0–1023 (FD_SETSIZE). FD_SET on a higher fd writes past the set and corrupts memory; use poll or epoll.",
      "The sets are overwritten with the result: rebuild them before every call. n is the highest fd plus one, not a count.",
      "An error on a socket makes it both readable and writable; the exceptional set is for urgent (out-of-band) data, not errors.",
      "The return value counts set bits over all three sets, so one fd can count twice.",
      "On Linux, select() updates the timeout to the time not slept; set it again before every call.",
    ],
    layer: "transport",
    cases: [
      {
        when: { result: ["ok"] },
        summary:
          "{bytes} bits are set across the returned sets (0: the timeout ran out). A socket is readable for data, end of stream, an error or a pending connection, writable for send space, an error or a finished connect.",
      },
      {
        when: { result: ["EBADF"] },
        summary: "One of the sets has a bit for an fd that is not open (often a stale set after close()).",
      },
      {
        when: { result: ["EINTR"] },
        summary:
          "A signal handler ran before any fd became ready; select is not restarted, even with SA_RESTART.",
      },
      {
        when: { result: ["EINVAL"] },
        summary: "n is negative, or the timeout is not a valid time.",
      },
    ],
    man: ["select(2)", "select_tut(2)", "signal(7)"],
    sources: [
      {
        repo: "torvalds/linux",
        path: "fs/select.c",
        symbols: [
          "do_pselect",
          "core_sys_select",
          "do_select",
          "max_select_fd",
          "poll_select_finish",
          "__pollwait",
        ],
      },
      { repo: "torvalds/linux", path: "net/socket.c", symbols: ["sock_poll"] },
      { ...TCP_SRC, symbols: ["tcp_poll"] },
      { repo: "torvalds/linux", path: "net/core/datagram.c", symbols: ["datagram_poll"] },
      { man: "select(2)" },
    ],
    os: {
      windows:
        "select() takes fd_sets that are arrays of SOCKET handles with a count (FD_SETSIZE 64 unless redefined); the first argument is ignored. A failed non-blocking connect shows up in the exceptfds set.",
      macos: "select() and pselect() as in BSD; kqueue/kevent is the scalable alternative.",
      freebsd: "select() and pselect() are system calls; kqueue/kevent is the scalable alternative.",
      lwip: "lwip_select() (LWIP_SOCKET_SELECT) works on lwIP sockets only, with lwIP's own fd_set over its socket indexes.",
      plan9:
        "No select system call. APE's select() emulation forks a process per fd that reads ahead into a shared buffer, and reports every fd in the write set as ready.",
    },
  },

  {
    kind: "syscall",
    name: "epoll_wait",
    aliases: ["epoll_pwait", "epoll_pwait2"],
    summary:
      "Wait for events on the fds registered in an epoll instance; returns only the ready ones, whatever the number watched.",
    kernel: [
      {
        fn: "do_epoll_wait",
        file: "fs/eventpoll.c",
        does: "checks maxevents > 0 and that epfd is an epoll instance (epoll_pwait/epoll_pwait2 come here after setting the signal mask)",
      },
      {
        fn: "ep_poll",
        file: "fs/eventpoll.c",
        does: "if the ready list is empty, sleeps on the epoll instance's own wait queue until an item is added, the timeout or a signal",
      },
      {
        fn: "ep_send_events",
        file: "fs/eventpoll.c",
        does: "for each ready item, re-polls the file to get its current mask and copies the event out; a level-triggered item goes back on the ready list, an EPOLLET one does not, EPOLLONESHOT disarms it",
      },
      { fn: "ep_item_poll", file: "fs/eventpoll.c", does: "asks the file for its current events (vfs_poll)" },
      { fn: "sock_poll", file: "net/socket.c", does: "socket_file_ops.poll" },
      {
        fn: "tcp_poll",
        file: "net/ipv4/tcp.c",
        does: "TCP readiness mask (data, FIN, send space, error, accept queue)",
      },
      {
        fn: "ep_poll_callback",
        file: "fs/eventpoll.c",
        does: "wake side: the entry epoll_ctl(ADD) hung on the socket's wait queue; when the socket is woken it adds the item to the ready list and wakes the waiter",
      },
      {
        fn: "sock_def_readable",
        file: "net/core/sock.c",
        does: "wake side: called in softirq when data or a connection arrives (sk_write_space when ACKs free space)",
      },
    ],
    structures: [
      "struct eventpoll: the registered fds in a red-black tree (rbr), the ready list (rdllist), and the wait queue epoll_wait sleeps on",
      "one struct epitem per registered fd, with an eppoll_entry on that socket's wait queue (added by epoll_ctl, not by this call)",
      "the caller's epoll_event array receives at most maxevents entries",
    ],
    wire: "Nothing.",
    blocking:
      "Waits until the ready list is non-empty, the timeout (ms; -1 forever, 0 returns at once; epoll_pwait2 takes a timespec) or a signal (EINTR, never restarted).",
    nonblocking:
      "A timeout of 0 makes it a non-blocking check; O_NONBLOCK on the watched fds matters only for the reads and writes that follow.",
    pitfalls: [
      "Level-triggered (the default): an fd is reported again on every call while it stays ready.",
      "Edge-triggered (EPOLLET): an fd is reported when the socket is woken again (new data, new space), not while it merely stays ready. Read or write until EAGAIN each time, with non-blocking fds, or you can wait forever on data already queued.",
      "For a socket, EPOLLIN means data, end of stream or a pending connection; EPOLLRDHUP (when asked for) signals the peer's FIN; EPOLLOUT means send space or a finished connect; EPOLLERR and EPOLLHUP are always reported.",
      "epoll watches the open file, not the fd number: after close() the registration lives on if a dup of the fd keeps the file open.",
    ],
    layer: "transport",
    cases: [
      {
        when: { result: ["ok"] },
        summary:
          "{bytes} ready events were copied out (0: the timeout ran out). Each names a watched fd and what it is ready for: EPOLLIN data/EOF/connection, EPOLLOUT space or connect done, EPOLLERR/EPOLLHUP trouble.",
      },
      {
        when: { result: ["EINTR"] },
        summary:
          "A signal handler ran before any event arrived; epoll_wait is not restarted, even with SA_RESTART.",
      },
      {
        when: { result: ["EINVAL"] },
        summary: "epfd is not an epoll instance, or maxevents is 0 or negative.",
      },
      {
        when: { result: ["EBADF"] },
        summary: "epfd is not an open fd.",
      },
      {
        when: { result: ["EFAULT"] },
        summary: "The events array is not writable memory of this process.",
      },
    ],
    man: ["epoll_wait(2)", "epoll(7)", "epoll_ctl(2)", "signal(7)"],
    sources: [
      {
        repo: "torvalds/linux",
        path: "fs/eventpoll.c",
        symbols: [
          "do_epoll_wait",
          "ep_poll",
          "ep_send_events",
          "ep_item_poll",
          "ep_poll_callback",
          "ep_insert",
          "ep_ptable_queue_proc",
        ],
      },
      { repo: "torvalds/linux", path: "net/socket.c", symbols: ["sock_poll"] },
      { ...TCP_SRC, symbols: ["tcp_poll"] },
      { repo: "torvalds/linux", path: "net/core/sock.c", symbols: ["sock_def_readable"] },
      { man: "epoll_wait(2)" },
      { man: "epoll(7)" },
    ],
    os: {
      windows:
        "No epoll. I/O completion ports (IOCP) report finished operations rather than readiness; WSAEventSelect() and WSAPoll() cover readiness, and libraries such as wepoll emulate epoll on top.",
      macos:
        "kqueue/kevent: EVFILT_READ and EVFILT_WRITE filters per socket, with the byte count in data and EV_EOF when the peer shut down; EV_CLEAR gives edge-triggered behaviour.",
      freebsd:
        "kqueue/kevent, as on macOS: EVFILT_READ reports the bytes waiting and EV_EOF at end of stream; EV_CLEAR makes an event edge-triggered.",
      lwip: "No epoll: lwip_select() or lwip_poll(), or the netconn callback API for event-driven code.",
      plan9:
        "No readiness interface at all: one blocking reader per connection, in its own process or thread.",
    },
  },
];
