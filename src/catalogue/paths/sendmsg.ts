import type { PathSetInput } from "../schema.js";

export const SENDMSG: PathSetInput = {
  syscall: "sendmsg",
  paths: [
    {
      id: "any",
      title: "any socket",
      when: {},
      steps: [
        {
          fn: "__sys_sendmsg",
          file: "net/socket.c",
          does: "finds the socket from the fd",
        },
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
          fn: "tcp_sendmsg_locked",
          file: "net/ipv4/tcp.c",
          does: "TCP: parses SOL_SOCKET control messages (sock_cmsg_send), then queues the data exactly as for send()",
        },
        {
          fn: "sock_cmsg_send",
          file: "net/core/sock.c",
          does: "SOL_SOCKET control messages such as SO_MARK and timestamping requests",
        },
        {
          fn: "tcp_push",
          file: "net/ipv4/tcp.c",
          does: "TCP: starts transmission, as for send()",
        },
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
        {
          fn: "unix_dgram_sendmsg",
          file: "net/unix/af_unix.c",
          does: "AF_UNIX datagram: finds the receiver by path or connection and queues one sk_buff on its receive queue; waits (or EAGAIN) while that queue is full",
        },
      ],
      structures: [
        "TCP: sk_buffs appended to sk_write_queue, the data in page fragments; tcp_sock.write_seq moves on at once, snd_nxt only when segments actually leave",
        "sk_wmem_queued (TCP) or sk_wmem_alloc (UDP, unix) grows by the data plus sk_buff overhead, against the limit sk_sndbuf; the memory is released when TCP data is ACKed or a datagram has left the device",
        "AF_UNIX: the sk_buff goes straight onto the peer's sk_receive_queue, still charged to the sender until the peer reads it",
        "the socket's wait queue (struct socket_wq): a blocked sender sleeps there and sk_write_space wakes it",
        "a kernel copy of the msghdr, its iovec and its control data (kept on the stack when small)",
        "SCM_RIGHTS: a struct scm_fp_list holding file references, attached to the sk_buff until the receiver takes them; no fd exists for them in between",
      ],
      wire: "TCP: the bytes are queued and go out in segments now or later; Nagle, autocork, TCP_CORK, the congestion window and the peer's window decide when. UDP: one datagram per call. AF_UNIX: nothing, the data moves between the two sockets' queues in memory. Ancillary data is never sent as such: IP options change the datagram's headers, and passed fds stay inside this machine.",
    },
  ],
};
