import type { PathSetInput } from "../schema.js";

export const RECVMMSG: PathSetInput = {
  syscall: "recvmmsg",
  paths: [
    {
      id: "any",
      title: "any socket",
      when: {},
      steps: [
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
          fn: "udp_recvmsg",
          file: "net/ipv4/udp.c",
          does: "UDP: takes exactly one datagram and copies it out; a smaller buffer truncates it (MSG_TRUNC) and the rest is discarded",
        },
        {
          fn: "__skb_recv_udp",
          file: "net/ipv4/udp.c",
          does: "UDP: returns a pending error (ICMP on a connected socket) first; dequeues the next datagram (moved in batches from sk_receive_queue to a private reader queue), or waits",
        },
      ],
      structures: [
        "sk_receive_queue: the sk_buffs that arrived (for TCP only in-order data; out-of-order segments wait in out_of_order_queue)",
        "sk_rmem_alloc, charged when a packet arrived against the limit sk_rcvbuf, drops as sk_buffs are consumed and freed",
        "TCP: copied_seq advances; the window advertised to the peer can open again",
        "the socket's wait queue, where a blocked reader sleeps until sk_data_ready (sock_def_readable) wakes it",
        "sk_err: an error hit after some messages were received is stored here for the next call",
      ],
      wire: "Nothing: it only dequeues what has already arrived.",
    },
  ],
};
