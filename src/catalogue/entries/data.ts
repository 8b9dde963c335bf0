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
import type { Case, EntryInput } from "../schema.js";

// ---- Shared text ----

const SEND_BLOCKING =
  "TCP: waits while a connect is still in progress and while sk_wmem_queued has reached sk_sndbuf, until ACKs free space; SO_SNDTIMEO bounds the wait (then EAGAIN, or the count copied so far). UDP: waits only in the rare case that its datagrams still held by the device fill sk_sndbuf. Unix stream: waits while this socket's sent-but-unread data fills sk_sndbuf; unix datagram: while the receiver's queue is full.";

const SEND_NONBLOCKING =
  "With O_NONBLOCK (or MSG_DONTWAIT) the call copies what fits and returns that count; if nothing fits it fails with EAGAIN (EWOULDBLOCK is the same number). Wait for POLLOUT/EPOLLOUT before trying the rest.";

// Family-neutral: what ends the wait for each protocol (a TCP FIN, a unix peer's close, a netlink
// reply) is said by that protocol's path (catalogue/paths/recvfrom.ts), whose text wins.
const RECV_BLOCKING =
  "Waits only while nothing is queued, until there is something to return: data (on a datagram or message socket, one whole message), the end of a byte stream (then 0), or an error. SO_RCVTIMEO bounds the wait and turns a timeout into EAGAIN. On a byte stream (TCP, unix stream), MSG_WAITALL keeps waiting until the whole buffer is filled (a signal, an error or end of stream still end it early).";

const RECV_NONBLOCKING =
  "With O_NONBLOCK (or MSG_DONTWAIT) an empty queue gives EAGAIN (EWOULDBLOCK) at once. Wait for POLLIN/EPOLLIN and read again; with edge-triggered epoll, read until EAGAIN.";

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

/** write() and writev() when the call could not wait (the same kernel checks behind both). */
const WRITE_WOULD_BLOCK: Case[] = [
  {
    when: { transport: ["unix-dgram"], result: ["EAGAIN"] },
    summary:
      "Nothing was written: the receiving socket's queue is full (more than net.unix.max_dgram_qlen messages) or this socket's unread messages fill its send buffer, and fd {fd} could not wait.",
  },
  {
    when: { result: ["EAGAIN"] },
    summary:
      "Nothing was written: fd {fd} is non-blocking and its send buffer is full (or SO_SNDTIMEO ran out).",
  },
];

/** A send on a unix seqpacket socket whose peer is gone: EPIPE without SIGPIPE. */
const SEQPACKET_EPIPE: Case = {
  when: { transport: ["unix-seqpacket"], result: ["EPIPE"] },
  summary:
    "The peer socket of fd {fd} is closed (or this end shut down writing); a seqpacket socket gets no SIGPIPE for it, unlike a stream socket.",
};

export const DATA_ENTRIES: EntryInput[] = [
  {
    kind: "syscall",
    name: "sendto",
    aliases: ["send"],
    summary:
      "Hand bytes to the kernel to send on a socket, optionally to a given address (send() is sendto() with no address).",
    blocking: SEND_BLOCKING,
    nonblocking: SEND_NONBLOCKING,
    pitfalls: [
      ...SEND_PITFALLS,
      "sendto() with an address on a connected TCP socket: Linux ignores the address and sends to the connected peer. A connected unix stream socket answers EISCONN instead.",
    ],
    cases: [
      {
        when: { transport: ["tcp"], result: ["ok"] },
        summary:
          "{bytes} bytes were copied into fd {fd}'s send buffer, bound for {remote}. This is not a delivery receipt: TCP transmits them as its windows allow.",
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
      },
      {
        when: { transport: ["unix-stream", "unix-seqpacket"], result: ["ok"] },
        summary:
          "{bytes} bytes were queued directly on the peer socket's receive queue; the network stack was not involved.",
      },
      {
        when: { transport: ["unix-dgram"], result: ["ok"] },
        summary:
          "A {bytes}-byte datagram was queued on the receiving socket's queue; the network stack was not involved.",
      },
      {
        when: { transport: ["netlink"], result: ["ok"] },
        summary:
          "A {bytes}-byte netlink message was passed to the kernel subsystem (or process) at the other end of fd {fd}.",
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
          "Nothing was sent: the send timeout (SO_SNDTIMEO) ran out while the call waited for room in the send buffer.",
      },
      {
        when: { transport: ["tcp"], result: ["EPIPE"] },
        summary:
          "fd {fd} cannot send any more: this end shut down writing, the connection was closed or reset, or it never connected (Linux reports EPIPE there, not ENOTCONN). SIGPIPE was raised too unless MSG_NOSIGNAL was passed.",
      },
      {
        when: { transport: ["unix-stream"], result: ["EPIPE"] },
        summary:
          "The peer socket of fd {fd} is closed (or this end shut down writing). SIGPIPE was raised too unless MSG_NOSIGNAL was passed.",
      },
      {
        when: { transport: ["unix-seqpacket"], result: ["EPIPE"] },
        summary:
          "The peer socket of fd {fd} is closed (or this end shut down writing). A seqpacket socket gets no SIGPIPE for it, unlike a unix stream socket.",
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
  },

  {
    kind: "syscall",
    name: "recvfrom",
    aliases: ["recv"],
    summary:
      "Take received data out of a socket's receive queue, optionally learning the sender's address (recv() is recvfrom() with no address).",
    blocking: RECV_BLOCKING,
    nonblocking: RECV_NONBLOCKING,
    pitfalls: [
      ...RECV_PITFALLS,
      "MSG_PEEK copies without dequeuing: the same bytes (or the same datagram) come back on the next call. On TCP and unix stream it can also return fewer bytes than are queued.",
    ],
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
        when: { transport: ["tcp"], result: ["eof"], state: ["half-closed-write"] },
        summary:
          "recv returned 0, end of stream: {remote} sent its FIN after this end's own shutdown(SHUT_WR), so both directions are finished. The kernel acknowledged that FIN; once this end's own FIN is acknowledged too (usually already), the connection passes to TIME_WAIT (tcp_fin → tcp_time_wait) and the socket itself is closed: only close() is left to do.",
      },
      {
        when: { transport: ["tcp"], result: ["eof"], state: ["half-closed-read", "half-closed-both"] },
        summary:
          "recv returned 0 again: reading had already ended on this socket (an end of stream read earlier, or this end's shutdown(SHUT_RD)), so every further read returns 0 at once.",
      },
      {
        when: { transport: ["tcp"], result: ["eof"] },
        summary:
          "recv returned 0, end of stream: {remote} sent FIN and will send nothing more, or this end shut down reading (shutdown SHUT_RD). This end can still send; a peer that called close() rather than shutdown() answers new data with RST.",
      },
      {
        when: { transport: ["tcp"], result: ["eof"] },
        summary:
          "recv returned 0, end of stream: the peer sent FIN and will send nothing more, or this end shut down reading (shutdown SHUT_RD). This end can still send; a peer that called close() rather than shutdown() answers new data with RST.",
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
          "One datagram of {bytes} bytes was taken from fd {fd}'s queue (0 is a real, empty datagram). If it was longer than the buffer, only what fit was copied and the rest discarded (with the MSG_TRUNC flag the call returns the full length).",
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
          "A datagram this socket sent earlier drew an ICMP port unreachable from {remote}: nothing listens there. Linux stores that error only on a connected socket (or with IP_RECVERR), and reports it once.",
      },
      {
        when: { transport: ["udp"], result: ["ECONNREFUSED"] },
        summary:
          "A datagram this socket sent earlier drew an ICMP port unreachable: nothing listens there. Linux stores that error only on a connected socket (or with IP_RECVERR), and reports it once.",
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
        when: { transport: ["unix-stream"], result: ["EINVAL"] },
        summary: "fd {fd} is a unix stream socket that is not connected; Linux answers EINVAL here.",
      },
      {
        when: { transport: ["unix-seqpacket"], result: ["ENOTCONN"] },
        summary: "fd {fd} is a unix seqpacket socket that is not connected.",
      },
      {
        when: { transport: ["unix-stream"], result: ["ECONNRESET"] },
        summary:
          "The peer socket was closed while data it had received was still unread, so the kernel marked this end reset. Reported once; the next recv returns 0.",
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
  },

  {
    kind: "syscall",
    name: "sendmsg",
    aliases: [],
    summary:
      "Send data gathered from several buffers, with an optional destination and ancillary data (passed fds and credentials on unix sockets, IP-level options on inet ones) in one call.",
    blocking: SEND_BLOCKING,
    nonblocking: SEND_NONBLOCKING,
    pitfalls: [
      ...SEND_PITFALLS,
      "On a stream socket the iovec is just bytes: the pieces are joined, and the call may accept only some of them (a short write that can end in the middle of an element).",
      "Passing fds (SCM_RIGHTS) works only on AF_UNIX; the receiver gets new fd numbers, and only when its recvmsg provides room for the control data.",
    ],
    cases: [
      {
        when: { transport: ["tcp"], result: ["ok"] },
        summary:
          "{bytes} bytes, gathered from the iovec, were copied into fd {fd}'s send buffer. TCP transmits them as its windows allow; this is not a delivery receipt.",
      },
      {
        when: { transport: ["udp"], result: ["ok"] },
        summary: "The iovec pieces became one UDP datagram of {bytes} bytes, handed to IP.",
      },
      {
        when: { transport: ["unix-stream", "unix-dgram", "unix-seqpacket"], result: ["ok"] },
        summary:
          "{bytes} bytes were queued on the peer's receive queue, with any passed fds or credentials attached to that message.",
      },
      {
        when: { result: ["EAGAIN"], nonblocking: true },
        summary: "Nothing was sent: fd {fd} is non-blocking and the data does not fit right now.",
        note: "Wait for POLLOUT/EPOLLOUT on fd {fd}, then retry.",
      },
      {
        when: { transport: ["tcp", "unix-stream"], result: ["EPIPE"] },
        summary:
          "fd {fd} cannot send any more (closed or shut down, or a TCP socket that never connected); SIGPIPE was raised too unless MSG_NOSIGNAL was passed.",
      },
      {
        when: { transport: ["unix-seqpacket"], result: ["EPIPE"] },
        summary:
          "The peer socket of fd {fd} is closed (or this end shut down writing). A seqpacket socket gets no SIGPIPE for it, unlike a unix stream socket.",
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
  },

  {
    kind: "syscall",
    name: "recvmsg",
    aliases: [],
    summary:
      "Receive into several buffers in one call, together with the sender's address, result flags (MSG_TRUNC…) and ancillary data (passed fds, credentials, packet info).",
    blocking: RECV_BLOCKING,
    nonblocking: RECV_NONBLOCKING,
    pitfalls: [
      ...RECV_PITFALLS,
      "MSG_PEEK copies without dequeuing: the same bytes (or the same datagram) come back on the next call. On TCP and unix stream it can also return fewer bytes than are queued.",
      "Check msg_flags after the call: MSG_TRUNC means the datagram was cut, MSG_CTRUNC means control data (possibly passed fds) was lost for lack of room.",
      "On a unix socket, receiving without a control buffer while fds are in flight closes those fds; the data still arrives.",
    ],
    cases: [
      {
        when: { transport: ["tcp"], result: ["ok"] },
        summary:
          "{bytes} bytes of the stream were scattered into the iovec buffers; TCP returns no sender address (msg_namelen is set to 0).",
      },
      {
        when: { transport: ["udp"], result: ["ok"] },
        summary:
          "One datagram of {bytes} bytes was scattered into the iovec (its sender goes into msg_name when the call passes one); if it was cut, msg_flags has MSG_TRUNC.",
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
        when: { transport: ["tcp"], result: ["eof"], state: ["half-closed-write"] },
        summary:
          "recvmsg returned 0, end of stream: the peer sent its FIN after this end's own shutdown(SHUT_WR), so both directions are finished. The kernel acknowledged that FIN; once this end's own FIN is acknowledged too (usually already), the connection passes to TIME_WAIT (tcp_fin → tcp_time_wait) and the socket itself is closed: only close() is left to do.",
      },
      {
        when: { transport: ["tcp"], result: ["eof"], state: ["half-closed-read", "half-closed-both"] },
        summary:
          "recvmsg returned 0 again: reading had already ended on this socket (an end of stream read earlier, or this end's shutdown(SHUT_RD)), so every further read returns 0 at once.",
      },
      {
        when: { transport: ["tcp", "unix-stream"], result: ["eof"] },
        summary:
          "recvmsg returned 0, end of stream: the peer finished sending (FIN, or its socket closed), or this end shut down reading; no more data will come.",
      },
      {
        when: { transport: ["unix-dgram", "unix-seqpacket"], result: ["eof"] },
        summary:
          "0 bytes: an empty message, the peer closed (seqpacket), or this end shut down reading; on a datagram socket it is not an end of connection.",
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
  },

  {
    kind: "syscall",
    name: "sendmmsg",
    aliases: [],
    summary:
      "Send several messages (each a full msghdr) in one system call; returns how many messages went, not bytes.",
    blocking: SEND_BLOCKING,
    nonblocking: `${SEND_NONBLOCKING} The batch stops at the first entry that does not fit; the return value says how many went.`,
    pitfalls: [
      "The return value is a count of messages. Compare it with vlen and resend the rest starting at the first unsent entry.",
      "An error is returned only if the first message fails. A failure later in the batch just ends it early, and that error code is lost.",
      "UDP: each datagram is still fire-and-forget; a successful count means handed to IP, not delivered.",
    ],
    cases: [
      {
        when: { transport: ["udp"], result: ["ok"] },
        summary:
          "{bytes} datagrams were sent from fd {fd}, one per entry; each entry's msg_len holds its size. If that is fewer than requested, the rest were not sent.",
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
        summary:
          "No message was sent: the first one failed ({errno}), or the call was refused before any (a bad fd, a bad flag).",
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
  },

  {
    kind: "syscall",
    name: "recvmmsg",
    aliases: [],
    summary:
      "Receive several messages into an array of msghdrs in one system call; returns how many arrived.",
    blocking:
      "Without MSG_WAITFORONE or O_NONBLOCK it waits until all vlen entries are filled. The timeout is checked only after a message arrives, so with fewer messages than vlen the call can wait indefinitely; MSG_WAITFORONE is the usual fix.",
    nonblocking:
      "Non-blocking (or MSG_DONTWAIT) it returns the messages already queued, or fails with EAGAIN if there is none.",
    pitfalls: [
      "The timeout argument is not a receive timeout: it is only checked between messages, so it cannot end a wait for the next one. Use MSG_WAITFORONE, SO_RCVTIMEO or poll first.",
      "An error that happens after some messages were received is not returned now: it is stored as the socket's error and comes back from the next call (EAGAIN excepted).",
      "Each entry's msg_len and msg_hdr.msg_flags must be checked: a datagram can be cut (MSG_TRUNC) in one entry only.",
    ],
    cases: [
      {
        when: { transport: ["udp"], result: ["ok"] },
        summary:
          "{bytes} datagrams were received on fd {fd}, one per entry; each msg_len holds that datagram's length.",
      },
      {
        when: { transport: ["tcp", "unix-stream"], result: ["ok"] },
        summary:
          "{bytes} entries were filled from fd {fd}'s byte stream; each msg_len holds that entry's byte count. An entry of length 0 means end of stream (the peer's FIN, or this end's SHUT_RD): once there, every remaining entry gets 0 too.",
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
  },

  {
    kind: "syscall",
    name: "setsockopt",
    aliases: [],
    summary: "Change a socket's behaviour: buffer limits, timeouts, address reuse, TCP and IP options.",
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
    cases: [
      {
        when: { transport: ["tcp"], result: ["ok"] },
        summary:
          "{option} was set to {value} on fd {fd}; the kernel changed a field of the socket or of its TCP state.",
      },
      {
        when: { result: ["ok"] },
        summary:
          "{option} was set to {value} on fd {fd}; the kernel recorded it in the socket or its protocol's state.",
      },
      {
        when: { result: ["ok"] },
        summary:
          "The option was set on fd {fd}; the kernel recorded it in the socket or its protocol's state.",
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
      {
        when: { transport: ["unix-stream", "unix-dgram", "unix-seqpacket"], result: ["EOPNOTSUPP"] },
        summary: "A unix socket has options only at the SOL_SOCKET level; any other level is refused.",
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
  },

  {
    kind: "syscall",
    name: "getsockopt",
    aliases: [],
    summary:
      "Read a socket option or status value: buffer sizes, the pending error (SO_ERROR), the socket type, TCP state (TCP_INFO).",
    blocking: "Does not block.",
    nonblocking: "Same as blocking: O_NONBLOCK makes no difference here.",
    pitfalls: [
      "SO_ERROR reads and clears: the first call gets the error, the next gets 0. It is how a non-blocking connect's result is collected once POLLOUT arrives.",
      "SO_RCVBUF/SO_SNDBUF read back twice what setsockopt was given (and a default TCP buffer can grow later through autotuning).",
      "optlen is in/out: pass the size of your buffer, and read the length actually written; a shorter buffer silently gets a truncated value for integer options.",
    ],
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
        when: { family: ["AF_INET"], result: ["EOPNOTSUPP"] },
        summary:
          "An IPv4 socket hands every level it does not own to the IP code, which answers a level other than SOL_IP with EOPNOTSUPP (an IPv6 socket says ENOPROTOOPT).",
      },
      {
        when: { transport: ["unix-stream", "unix-dgram", "unix-seqpacket"], result: ["EOPNOTSUPP"] },
        summary: "A unix socket has options only at the SOL_SOCKET level; any other level is refused.",
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
  },

  {
    kind: "syscall",
    name: "read",
    aliases: [],
    summary: "read() on a socket fd: the VFS passes it to the socket layer, where it is recv() with flags 0.",
    blocking:
      "Waits only while nothing is queued, until there is something to return: data (on a datagram or message socket, one whole message), the end of a byte stream (then 0), or an error. SO_RCVTIMEO bounds the wait and turns a timeout into EAGAIN.",
    nonblocking:
      "With O_NONBLOCK an empty queue gives EAGAIN at once; there is no per-call MSG_DONTWAIT with read().",
    pitfalls: [
      "read() is recv() with flags 0: same queues, same blocking rules, same errors. Only the flags (MSG_PEEK, MSG_WAITALL…) and the sender's address are out of reach.",
      "0 means end of stream on TCP and unix stream sockets; on a datagram socket it is an empty datagram.",
      "On a datagram socket read() discards the sender's address, and a datagram longer than the buffer is cut with no sign of it (no MSG_TRUNC).",
      "A read can return fewer bytes than asked at any time on a stream; loop, and frame your messages.",
    ],
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
        when: { transport: ["tcp"], result: ["eof"], state: ["half-closed-write"] },
        summary:
          "read returned 0, end of stream: {remote} sent its FIN after this end's own shutdown(SHUT_WR), so both directions are finished. The kernel acknowledged that FIN; once this end's own FIN is acknowledged too (usually already), the connection passes to TIME_WAIT (tcp_fin → tcp_time_wait) and the socket itself is closed: only close() is left to do.",
      },
      {
        when: { transport: ["tcp"], result: ["eof"], state: ["half-closed-read", "half-closed-both"] },
        summary:
          "read returned 0 again: reading had already ended on this socket (an end of stream read earlier, or this end's shutdown(SHUT_RD)), so every further read returns 0 at once.",
      },
      {
        when: { transport: ["tcp"], result: ["eof"] },
        summary:
          "read returned 0, end of stream: {remote} sent FIN, so no more data will come, or this end shut down reading (shutdown SHUT_RD). This end can still write. (A read asking for 0 bytes also returns 0.)",
      },
      {
        when: { transport: ["tcp", "unix-stream", "unix-seqpacket"], result: ["eof"] },
        summary:
          "read returned 0: end of stream — the peer finished sending or closed, or this end shut down reading (or the read asked for 0 bytes).",
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
  },

  {
    kind: "syscall",
    name: "write",
    aliases: [],
    summary:
      "write() on a socket fd: the VFS passes it to the socket layer, where it is send() with flags 0.",
    blocking: SEND_BLOCKING,
    nonblocking:
      "With O_NONBLOCK the call writes what fits and returns that count, or fails with EAGAIN if nothing fits; wait for POLLOUT before writing the rest.",
    pitfalls: [
      "write() is send() with flags 0: the count is bytes accepted by the kernel, not bytes delivered.",
      "write() cannot pass MSG_NOSIGNAL, so writing to a broken connection raises SIGPIPE, which kills the process unless SIGPIPE is ignored or handled. Use send(…, MSG_NOSIGNAL) or ignore SIGPIPE.",
      "Short writes happen on stream sockets (non-blocking, or a signal during a partial write): loop until all is written.",
      "On UDP, write(fd, buf, 0) sends an empty datagram.",
    ],
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
        summary:
          "{bytes} bytes became one UDP datagram to the connected peer, handed to IP (unless UDP_CORK holds it to be joined with the next write).",
      },
      {
        when: { transport: ["unix-stream", "unix-dgram", "unix-seqpacket"], result: ["ok"] },
        summary: "{bytes} bytes were queued directly on the peer socket's receive queue.",
      },
      ...WRITE_WOULD_BLOCK,
      {
        when: { transport: ["tcp", "unix-stream"], result: ["EPIPE"] },
        summary:
          "The connection on fd {fd} can no longer carry data (peer gone, reset, shut down, or never connected), and SIGPIPE was raised: write() cannot pass MSG_NOSIGNAL.",
      },
      SEQPACKET_EPIPE,
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
  },

  {
    kind: "syscall",
    name: "readv",
    aliases: [],
    summary:
      "Scatter-read from a socket into several buffers in one call; on a socket it is recvmsg() with an iovec and flags 0.",
    blocking: "As read(): waits until data, end of stream or an error, bounded by SO_RCVTIMEO.",
    nonblocking: "With O_NONBLOCK an empty queue gives EAGAIN at once.",
    pitfalls: [
      "The buffers are filled in order; on a stream the call can return after filling only some of them. The return value is the total byte count, not a count per buffer.",
      "On a datagram socket one readv takes one datagram, spread over the buffers; what does not fit is lost without any flag.",
      "0 is end of stream only on stream sockets.",
    ],
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
  },

  {
    kind: "syscall",
    name: "writev",
    aliases: [],
    summary:
      "Gather-write several buffers to a socket in one call; on a socket it is sendmsg() with an iovec and flags 0.",
    blocking: SEND_BLOCKING,
    nonblocking:
      "With O_NONBLOCK the call writes what fits and returns that count (possibly ending inside one of the buffers), or EAGAIN if nothing fits.",
    pitfalls: [
      "writev() is the way to send a header and a body without copying them together and without two small segments: one call, one queue append.",
      "A short write can stop in the middle of any buffer: work out from the count where to resume.",
      "SIGPIPE as with write(): no MSG_NOSIGNAL is possible.",
      "On UDP, a writev whose buffers add up to 0 bytes sends nothing and returns 0, while write(fd, buf, 0) would send an empty datagram.",
    ],
    cases: [
      {
        when: { transport: ["tcp"], result: ["ok"] },
        summary:
          "{bytes} bytes from the buffers were appended, in order, to fd {fd}'s send stream; not a delivery receipt.",
      },
      {
        when: { transport: ["udp"], result: ["ok"] },
        summary: "The buffers became one UDP datagram of {bytes} bytes to the connected peer.",
      },
      {
        when: { transport: ["unix-stream", "unix-dgram", "unix-seqpacket"], result: ["ok"] },
        summary: "{bytes} bytes were queued on the peer socket's receive queue.",
      },
      ...WRITE_WOULD_BLOCK,
      {
        when: { transport: ["tcp", "unix-stream"], result: ["EPIPE"] },
        summary:
          "The connection on fd {fd} can no longer carry data, and SIGPIPE was raised (writev cannot pass MSG_NOSIGNAL).",
      },
      SEQPACKET_EPIPE,
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
  },

  {
    kind: "syscall",
    name: "sendfile",
    aliases: [],
    summary:
      "Send part of a file out of a socket without copying it through user memory: the kernel moves page-cache pages to the socket.",
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
  },

  {
    kind: "syscall",
    name: "splice",
    aliases: [],
    summary:
      "Move data between a pipe and another fd (a socket, a file) inside the kernel, without copying it through user memory; one of the two fds must be a pipe.",
    blocking:
      "From a socket into a pipe: waits for room in the pipe, then for data on the socket (SO_RCVTIMEO bounds that wait). From a pipe into a socket: waits for data in the pipe, then for room in the socket's send buffer, as send() does.",
    nonblocking:
      "SPLICE_F_NONBLOCK makes the pipe side not wait; the socket side follows the socket's own O_NONBLOCK. Either can end the call with EAGAIN when nothing could move, or with the count that did.",
    pitfalls: [
      "One of the two fds must be a pipe: socket to socket, or file to socket, takes two splice calls through a pipe (or sendfile for file to socket).",
      "splice can move fewer bytes than asked, for instance a pipe's worth (64 KiB by default) at a time; loop, and drain the pipe before refilling it.",
      "An offset cannot be given for a pipe (ESPIPE), nor for a socket (EINVAL: it cannot be read or written at a position).",
      "From a pipe into a socket the pages are referenced, not copied: whoever filled the pipe (vmsplice, a file) must not change them until they are sent.",
      "SPLICE_F_MORE is a hint like MSG_MORE: more data follows, so TCP may hold a partial segment back.",
    ],
    cases: [
      {
        when: { transport: ["tcp"], result: ["ok"], dir: ["in"] },
        summary:
          "{bytes} bytes of the data received on fd {fd} were moved into the pipe without passing through user memory; the freed receive space may reopen the window.",
      },
      {
        when: { transport: ["unix-stream"], result: ["ok"], dir: ["in"] },
        summary:
          "{bytes} bytes queued on fd {fd} were moved into the pipe without passing through user memory.",
      },
      {
        when: { transport: ["tcp"], result: ["ok"], dir: ["out"] },
        summary:
          "{bytes} bytes of the pipe's pages were handed to fd {fd}'s send queue by reference, without passing through user memory; they go out as TCP segments as the windows allow.",
      },
      {
        when: { transport: ["unix-stream"], result: ["ok"], dir: ["out"] },
        summary:
          "{bytes} bytes of the pipe's pages were queued on the peer of fd {fd} without passing through user memory.",
      },
      {
        when: { result: ["ok"] },
        summary: "{bytes} bytes were moved between the pipe and the other fd inside the kernel.",
      },
      {
        when: { transport: ["tcp"], result: ["EAGAIN"] },
        summary:
          "Nothing moved: fd {fd} had no data and could not wait (O_NONBLOCK or SO_RCVTIMEO), or the pipe was full and SPLICE_F_NONBLOCK was set.",
      },
      {
        when: { result: ["EAGAIN"] },
        summary: "Nothing moved: one side was not ready and the call could not wait.",
      },
      {
        when: { result: ["EINVAL"] },
        summary:
          "Neither fd is a pipe, the same pipe is at both ends, the flags are wrong, or one of the files cannot be spliced.",
      },
      {
        when: { result: ["ESPIPE"] },
        summary: "An offset was given for a pipe (or another fd that cannot seek).",
      },
    ],
    man: ["splice(2)", "pipe(7)", "tcp(7)"],
    sources: [
      {
        repo: "torvalds/linux",
        path: "fs/splice.c",
        symbols: ["__do_splice", "do_splice", "splice_file_to_pipe", "splice_to_socket"],
      },
      { repo: "torvalds/linux", path: "net/socket.c", symbols: ["sock_splice_read", "sock_sendmsg"] },
      { ...TCP_SRC, symbols: ["tcp_splice_read", "tcp_read_sock"] },
      { repo: "torvalds/linux", path: "net/unix/af_unix.c", symbols: ["unix_stream_splice_read"] },
      { man: "splice(2)" },
    ],
  },

  {
    kind: "syscall",
    name: "poll",
    aliases: ["ppoll"],
    summary:
      "Wait until one of several fds is ready (readable, writable, or in error), or a timeout passes; ppoll also swaps the signal mask atomically.",
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
    cases: [
      {
        when: { result: ["ok"] },
        summary:
          "{bytes} of the polled fds have events (0 means the timeout ran out first). For a socket, POLLIN is data, end of stream or a pending connection; POLLOUT is send-buffer space or a finished connect.",
      },
      {
        when: { result: ["EINTR", "ERESTART_RESTARTBLOCK", "ERESTARTNOHAND"] },
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
  },

  {
    kind: "syscall",
    name: "pselect6",
    aliases: ["select"],
    summary:
      "Wait until fds in three bitmaps (read, write, exceptional) are ready, or a timeout passes; glibc's select() calls pselect6.",
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
        when: { result: ["EINTR", "ERESTARTNOHAND"] },
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
  },

  {
    kind: "syscall",
    name: "epoll_wait",
    aliases: ["epoll_pwait", "epoll_pwait2"],
    summary:
      "Wait for events on the fds registered in an epoll instance; returns only the ready ones, whatever the number watched.",
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
  },
];
