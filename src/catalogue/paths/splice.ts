// splice(fd_in, off_in, fd_out, off_out, len, flags): one of the two fds must be a pipe. From a
// socket into a pipe, the socket's splice_read moves received data into the pipe by reference;
// from a pipe into a socket, splice_to_socket sends the pipe's pages as sendfile does. The steps
// are 6.12's; `does` names 6.1's functions where they differ. The model finds the socket at fd_in,
// or else at fd_out, and the call's direction (`dir`) picks the path.
// Checked in fs/splice.c, net/socket.c, net/ipv4/tcp.c and net/unix/af_unix.c of Linux 6.1 and 6.12.
import type { PathSetInput, Step } from "../schema.js";

const ENTRY: Step[] = [
  {
    fn: "__do_splice",
    file: "fs/splice.c",
    does: "gets both files and copies the offsets in (a pipe with an offset: ESPIPE)",
  },
  {
    fn: "do_splice",
    file: "fs/splice.c",
    does: "one side must be a pipe (EINVAL otherwise); the direction decides what follows",
  },
];

const TO_PIPE: Step[] = [
  ...ENTRY.slice(0, 1),
  {
    fn: "do_splice",
    file: "fs/splice.c",
    does: "fd_out is a pipe, fd_in is not: splice_file_to_pipe; an O_NONBLOCK pipe adds SPLICE_F_NONBLOCK",
  },
  {
    fn: "splice_file_to_pipe",
    file: "fs/splice.c",
    does: "waits for room in the pipe (EAGAIN if it may not wait), then reads into it",
  },
  {
    fn: "do_splice_read",
    file: "fs/splice.c",
    kernels: "6.12",
    does: "caps the length at the pipe's free room, then the file's splice_read (6.1 does the same in do_splice_to)",
  },
  {
    fn: "sock_splice_read",
    file: "net/socket.c",
    does: "the family's splice_read; one without (UDP) falls back to copy_splice_read (6.1: generic_file_splice_read)",
  },
];

/** From a pipe into a socket, 6.12 goes through sendmsg; 6.1 through the sendpage operations. */
const SPLICE_612 =
  "the kernel is 6.12 (6.1: generic_splice_sendpage → sock_sendpage → the family's sendpage, e.g. tcp_sendpage → do_tcp_sendpages)";

const FROM_PIPE: Step[] = [
  ...ENTRY.slice(0, 1),
  {
    fn: "do_splice",
    file: "fs/splice.c",
    does: "fd_in is a pipe, fd_out is not: do_splice_from; an O_NONBLOCK pipe adds SPLICE_F_NONBLOCK",
  },
  {
    fn: "splice_to_socket",
    file: "fs/splice.c",
    kernels: "6.12",
    does: "sends the pipe's pages with MSG_SPLICE_PAGES, MSG_MORE while more follows (6.1: generic_splice_sendpage)",
  },
  {
    fn: "sock_sendmsg",
    file: "net/socket.c",
    does: "LSM check, then the family's sendmsg",
    only: SPLICE_612,
  },
];

const PIPE = "the pipe's ring of buffers (pipe_inode_info), each holding a page reference and a length";

export const SPLICE: PathSetInput = {
  syscall: "splice",
  paths: [
    {
      id: "tcp-to-pipe",
      title: "TCP socket into a pipe: received data moved into the pipe",
      when: { transport: ["tcp"], result: ["ok"], dir: ["in"] },
      steps: [
        ...TO_PIPE,
        {
          fn: "tcp_splice_read",
          file: "net/ipv4/tcp.c",
          does: "waits for data unless the socket is O_NONBLOCK (SO_RCVTIMEO bounds it), then reads the receive queue",
        },
        {
          fn: "tcp_read_sock",
          file: "net/ipv4/tcp.c",
          does: "skb_splice_bits puts the data into the pipe; then tcp_cleanup_rbuf may ACK to reopen the window",
        },
      ],
      structures: [
        PIPE,
        "sk_receive_queue shrinks and copied_seq moves on, as for recv()",
        "the freed receive space may reopen the window the peer sees",
      ],
      wire: "At most an ACK (window update), if taking the data reopened the receive window.",
    },
    {
      id: "tcp-to-pipe-eagain",
      title: "TCP socket into a pipe, no data (or no room in the pipe) and no waiting: EAGAIN",
      when: { transport: ["tcp"], result: ["EAGAIN"], dir: ["in"] },
      steps: [
        ...TO_PIPE,
        {
          fn: "tcp_splice_read",
          file: "net/ipv4/tcp.c",
          does: "the receive queue is empty and the socket is O_NONBLOCK (or SO_RCVTIMEO ran out): EAGAIN",
        },
      ],
      structures: ["nothing: the receive queue and the pipe are unchanged"],
      wire: "Nothing: no data moved.",
    },
    {
      id: "unix-stream-to-pipe",
      title: "unix stream socket into a pipe: queued data moved into the pipe",
      when: { transport: ["unix-stream"], result: ["ok"], dir: ["in"] },
      steps: [
        ...TO_PIPE,
        {
          fn: "unix_stream_splice_read",
          file: "net/unix/af_unix.c",
          does: "reads with unix_stream_read_generic; waits for data unless O_NONBLOCK or SPLICE_F_NONBLOCK",
        },
        {
          fn: "unix_stream_splice_actor",
          file: "net/unix/af_unix.c",
          does: "puts each sk_buff's data into the pipe with skb_splice_bits",
        },
      ],
      structures: [
        PIPE,
        "sk_buffs leave this socket's sk_receive_queue; the sender's sk_wmem_alloc shrinks as they are freed",
      ],
      wire: "Nothing: AF_UNIX moves data between sockets and the pipe in memory.",
    },
    {
      id: "pipe-to-tcp",
      title: "a pipe into a TCP socket: the pipe's pages sent by reference",
      when: { transport: ["tcp"], result: ["ok"], dir: ["out"] },
      steps: [
        ...FROM_PIPE,
        {
          fn: "tcp_sendmsg",
          file: "net/ipv4/tcp.c",
          does: "reached through inet_sendmsg or inet6_sendmsg; takes the socket lock (6.1: tcp_sendpage)",
          only: SPLICE_612,
        },
        {
          fn: "tcp_sendmsg_locked",
          file: "net/ipv4/tcp.c",
          does: "attaches the pages to sk_buffs on sk_write_queue by reference (6.1: do_tcp_sendpages)",
          only: SPLICE_612,
        },
        {
          fn: "tcp_push",
          file: "net/ipv4/tcp.c",
          does: "marks the last segment PSH unless more follows (SPLICE_F_MORE), and starts output",
        },
        {
          fn: "tcp_write_xmit",
          file: "net/ipv4/tcp_output.c",
          does: "sends what the congestion window, the peer's window, Nagle/TCP_CORK and TSQ allow",
        },
        {
          fn: "__tcp_transmit_skb",
          file: "net/ipv4/tcp_output.c",
          does: "TCP header on a clone, then the family's queue_xmit (ip_queue_xmit or inet6_csk_xmit)",
        },
        {
          fn: "__dev_queue_xmit",
          file: "net/core/dev.c",
          does: "queues the packet on the device's qdisc and calls its driver (on lo, loopback_xmit)",
        },
      ],
      structures: [
        PIPE,
        "the pipe's pages, referenced by the socket's sk_buffs until ACKed",
        "sk_write_queue and sk_wmem_queued, charged against sk_sndbuf as for send()",
      ],
      wire: "TCP segments with the pipe's bytes, sent as the windows allow, as if written with send().",
    },
    {
      id: "pipe-to-unix-stream",
      title: "a pipe into a unix stream socket: the pages queued on the peer by reference",
      when: { transport: ["unix-stream"], result: ["ok"], dir: ["out"] },
      steps: [
        ...FROM_PIPE,
        {
          fn: "unix_stream_sendmsg",
          file: "net/unix/af_unix.c",
          does: "MSG_SPLICE_PAGES: sk_buffs that reference the pages, on the peer's receive queue (6.1: unix_stream_sendpage)",
          only: SPLICE_612,
        },
        {
          fn: "sock_def_readable",
          file: "net/core/sock.c",
          does: "the peer's sk_data_ready: wakes its readers and pollers (EPOLLIN)",
        },
      ],
      structures: [
        PIPE,
        "sk_buffs on the peer's sk_receive_queue holding the pipe's page references, charged to this socket",
      ],
      wire: "Nothing: AF_UNIX moves the page references from the pipe to the peer socket in memory.",
    },
    {
      id: "any",
      title: "a socket of a family this log does not show",
      when: {},
      steps: ENTRY,
      structures: [PIPE],
      wire: "Depends on the direction and the family: into a pipe at most an ACK; out of one, what a send() would put on the wire.",
    },
  ],
};
