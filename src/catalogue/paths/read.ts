import type { PathSetInput } from "../schema.js";

export const READ: PathSetInput = {
  syscall: "read",
  paths: [
    {
      id: "any",
      title: "any socket",
      when: {},
      steps: [
        {
          fn: "ksys_read",
          file: "fs/read_write.c",
          does: "finds the file for the fd",
        },
        {
          fn: "vfs_read",
          file: "fs/read_write.c",
          does: "checks the file is readable and the range, then the file's read_iter",
        },
        {
          fn: "new_sync_read",
          file: "fs/read_write.c",
          does: "wraps the buffer in an iov_iter and a kiocb",
        },
        {
          fn: "sock_read_iter",
          file: "net/socket.c",
          does: "socket_file_ops.read_iter: a 0-byte read returns 0 at once, an offset is refused (ESPIPE), O_NONBLOCK becomes MSG_DONTWAIT; no other flags exist",
        },
        {
          fn: "sock_recvmsg",
          file: "net/socket.c",
          does: "security hook (security_socket_recvmsg), then the family's recvmsg through sock->ops",
        },
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
          fn: "udp_recvmsg",
          file: "net/ipv4/udp.c",
          does: "UDP: takes exactly one datagram and copies it out; a smaller buffer truncates it (MSG_TRUNC) and the rest is discarded",
        },
        {
          fn: "__skb_recv_udp",
          file: "net/ipv4/udp.c",
          does: "UDP: returns a pending error (ICMP on a connected socket) first; dequeues the next datagram (moved in batches from sk_receive_queue to a private reader queue), or waits",
        },
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
      ],
      structures: [
        "sk_receive_queue: the sk_buffs that arrived (for TCP only in-order data; out-of-order segments wait in out_of_order_queue)",
        "sk_rmem_alloc, charged when a packet arrived against the limit sk_rcvbuf, drops as sk_buffs are consumed and freed",
        "TCP: copied_seq advances; the window advertised to the peer can open again",
        "the socket's wait queue, where a blocked reader sleeps until sk_data_ready (sock_def_readable) wakes it",
      ],
      wire: "Nothing of its own. On TCP, reading can let the kernel send an ACK that opens the receive window again (tcp_cleanup_rbuf); the data itself was ACKed when it arrived, not when it is read.",
    },
  ],
};
