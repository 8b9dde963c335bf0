import type { PathSetInput } from "../schema.js";

export const RECVMSG: PathSetInput = {
  syscall: "recvmsg",
  paths: [
    {
      id: "any",
      title: "any socket",
      when: {},
      steps: [
        {
          fn: "__sys_recvmsg",
          file: "net/socket.c",
          does: "finds the socket from the fd",
        },
        {
          fn: "___sys_recvmsg",
          file: "net/socket.c",
          does: "copies the user msghdr and imports its iovec",
        },
        {
          fn: "____sys_recvmsg",
          file: "net/socket.c",
          does: "adds MSG_DONTWAIT for O_NONBLOCK, receives, then writes back the address, msg_flags (MSG_TRUNC, MSG_CTRUNC…) and the control length used",
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
          fn: "ip_cmsg_recv_offset",
          file: "net/ipv4/ip_sockglue.c",
          does: "UDP/IPv4: adds the control messages the socket asked for (IP_PKTINFO, IP_TTL, IP_TOS…)",
        },
        {
          fn: "ip_recv_error",
          file: "net/ipv4/ip_sockglue.c",
          does: "MSG_ERRQUEUE: returns one queued error (ICMP with IP_RECVERR, timestamps, zerocopy notices) from sk_error_queue",
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
        {
          fn: "scm_detach_fds",
          file: "net/core/scm.c",
          does: "SCM_RIGHTS: installs the passed files as new fds in this process (close-on-exec with MSG_CMSG_CLOEXEC); what does not fit the control buffer is dropped with MSG_CTRUNC",
        },
      ],
      structures: [
        "sk_receive_queue: the sk_buffs that arrived (for TCP only in-order data; out-of-order segments wait in out_of_order_queue)",
        "sk_rmem_alloc, charged when a packet arrived against the limit sk_rcvbuf, drops as sk_buffs are consumed and freed",
        "TCP: copied_seq advances; the window advertised to the peer can open again",
        "the socket's wait queue, where a blocked reader sleeps until sk_data_ready (sock_def_readable) wakes it",
        "sk_error_queue, read only with MSG_ERRQUEUE",
        "SCM_RIGHTS: new entries in this process's fd table for the files that travelled with the message",
      ],
      wire: "Nothing of its own. On TCP, reading can let the kernel send an ACK that opens the receive window again (tcp_cleanup_rbuf); the data itself was ACKed when it arrived, not when it is read.",
    },
  ],
};
