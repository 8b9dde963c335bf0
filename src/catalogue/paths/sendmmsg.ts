import type { PathSetInput } from "../schema.js";

export const SENDMMSG: PathSetInput = {
  syscall: "sendmmsg",
  paths: [
    {
      id: "any",
      title: "any socket",
      when: {},
      steps: [
        {
          fn: "__sys_sendmmsg",
          file: "net/socket.c",
          does: "caps vlen at 1024, then loops once per entry, storing each byte count in msg_len; stops at the first failure or at a message only partly accepted",
        },
        {
          fn: "___sys_sendmsg",
          file: "net/socket.c",
          does: "per entry: copies that msghdr and its iovec in",
        },
        {
          fn: "____sys_sendmsg",
          file: "net/socket.c",
          does: "per entry: control data, MSG_DONTWAIT for O_NONBLOCK; skips the security hook when the destination repeats the previous one",
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
          fn: "tcp_sendmsg",
          file: "net/ipv4/tcp.c",
          does: "TCP: each entry appends to the byte stream, as send() would",
        },
      ],
      structures: [
        "TCP: sk_buffs appended to sk_write_queue, the data in page fragments; tcp_sock.write_seq moves on at once, snd_nxt only when segments actually leave",
        "sk_wmem_queued (TCP) or sk_wmem_alloc (UDP, unix) grows by the data plus sk_buff overhead, against the limit sk_sndbuf; the memory is released when TCP data is ACKed or a datagram has left the device",
        "AF_UNIX: the sk_buff goes straight onto the peer's sk_receive_queue, still charged to the sender until the peer reads it",
        "the socket's wait queue (struct socket_wq): a blocked sender sleeps there and sk_write_space wakes it",
        "one kernel copy of each msghdr in turn; the user's msg_len fields are written as it goes",
      ],
      wire: "UDP: one datagram per entry, each going through the whole UDP/IP path; the batching saves system-call entries, not protocol work. TCP: the entries are simply appended to the byte stream.",
    },
  ],
};
