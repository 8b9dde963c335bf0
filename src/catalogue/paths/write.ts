import type { PathSetInput } from "../schema.js";

export const WRITE: PathSetInput = {
  syscall: "write",
  paths: [
    {
      id: "any",
      title: "any socket",
      when: {},
      steps: [
        {
          fn: "ksys_write",
          file: "fs/read_write.c",
          does: "finds the file for the fd",
        },
        {
          fn: "vfs_write",
          file: "fs/read_write.c",
          does: "checks the file is writable and the range, then the file's write_iter",
        },
        {
          fn: "new_sync_write",
          file: "fs/read_write.c",
          does: "wraps the buffer in an iov_iter and a kiocb",
        },
        {
          fn: "sock_write_iter",
          file: "net/socket.c",
          does: "socket_file_ops.write_iter: refuses an offset (ESPIPE), O_NONBLOCK becomes MSG_DONTWAIT, SOCK_SEQPACKET gets MSG_EOR; no MSG_NOSIGNAL is possible",
        },
        {
          fn: "__sock_sendmsg",
          file: "net/socket.c",
          does: "security hook (security_socket_sendmsg), then the family's sendmsg through sock->ops",
        },
        {
          fn: "inet_sendmsg",
          file: "net/ipv4/af_inet.c",
          does: "INET sockets: binds a UDP socket that has no port yet to an ephemeral one, then calls the protocol's sendmsg (IPv6: inet6_sendmsg)",
        },
        {
          fn: "tcp_sendmsg",
          file: "net/ipv4/tcp.c",
          does: "TCP: takes the socket lock around tcp_sendmsg_locked",
        },
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
        {
          fn: "udp_send_skb",
          file: "net/ipv4/udp.c",
          does: "UDP: writes the 8-byte UDP header and checksum",
        },
        {
          fn: "ip_send_skb",
          file: "net/ipv4/ip_output.c",
          does: "UDP: hands the finished datagram to ip_local_out",
        },
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
        {
          fn: "unix_stream_sendmsg",
          file: "net/unix/af_unix.c",
          does: "AF_UNIX stream, instead of the INET path: allocates sk_buffs charged to this socket's sk_sndbuf, appends them to the peer's sk_receive_queue and wakes the peer; no headers, no IP",
        },
      ],
      structures: [
        "TCP: sk_buffs appended to sk_write_queue, the data in page fragments; tcp_sock.write_seq moves on at once, snd_nxt only when segments actually leave",
        "sk_wmem_queued (TCP) or sk_wmem_alloc (UDP, unix) grows by the data plus sk_buff overhead, against the limit sk_sndbuf; the memory is released when TCP data is ACKed or a datagram has left the device",
        "AF_UNIX: the sk_buff goes straight onto the peer's sk_receive_queue, still charged to the sender until the peer reads it",
        "the socket's wait queue (struct socket_wq): a blocked sender sleeps there and sk_write_space wakes it",
      ],
      wire: "TCP: the bytes are queued and go out in segments now or later; Nagle, autocork, TCP_CORK, the congestion window and the peer's window decide when. UDP: one datagram per call. AF_UNIX: nothing, the data moves between the two sockets' queues in memory.",
    },
  ],
};
