// sendfile(out_fd = socket, in_fd = file): do_sendfile splices the file through the task's private
// pipe into the socket. The steps are 6.12's; where 6.1 calls other functions, `does` names them
// (6.1 pushes pages through sendpage: generic_splice_sendpage, sock_sendpage, kernel_sendpage,
// inet_sendpage or unix_stream_sendpage, tcp_sendpage, do_tcp_sendpages; 6.12 sends them with
// MSG_SPLICE_PAGES through sock_sendmsg). Checked in fs/read_write.c, fs/splice.c, mm/filemap.c,
// net/socket.c, net/ipv4/tcp.c and net/unix/af_unix.c of Linux 6.1 and 6.12.
import type { PathSetInput, Step } from "../schema.js";

type PathInput = PathSetInput["paths"][number];

const SENDFILE_612 =
  "the kernel is 6.12 (6.1 sends the pages through generic_splice_sendpage → sock_sendpage → the family's sendpage: tcp_sendpage → do_tcp_sendpages, unix_stream_sendpage)";

const FILE_TO_PIPE: Step[] = [
  {
    fn: "do_sendfile",
    file: "fs/read_write.c",
    does: "checks both fds (an offset needs a seekable in_fd: ESPIPE), caps the count; out_fd is no pipe",
  },
  {
    fn: "do_splice_direct",
    file: "fs/splice.c",
    does: "out_fd must be open for writing and not O_APPEND (EINVAL)",
  },
  {
    fn: "splice_direct_to_actor",
    file: "fs/splice.c",
    does: "in_fd must be seekable (a socket gives EINVAL); fills and drains the task's own pipe in turns",
  },
  {
    fn: "vfs_splice_read",
    file: "fs/splice.c",
    kernels: "6.12",
    does: "asks the input file's splice_read for at most a pipe's worth (6.1: do_splice_to)",
  },
  {
    fn: "filemap_splice_read",
    file: "mm/filemap.c",
    kernels: "6.12",
    does: "most file systems: page-cache pages go into the pipe by reference (6.1: generic_file_splice_read)",
  },
  {
    fn: "direct_splice_actor",
    file: "fs/splice.c",
    does: "hands the pipe to the output file's splice_write (do_splice_from)",
  },
  {
    fn: "splice_to_socket",
    file: "fs/splice.c",
    kernels: "6.12",
    does: "sends the pipe's pages with MSG_SPLICE_PAGES, MSG_MORE while more follows (6.1: generic_splice_sendpage)",
  },
];

const sockSendmsg = (to: string): Step => ({
  fn: "sock_sendmsg",
  file: "net/socket.c",
  does: `LSM check, then the family's sendmsg: ${to}`,
  only: SENDFILE_612,
});

const TCP_TAIL: Step[] = [
  {
    fn: "tcp_sendmsg",
    file: "net/ipv4/tcp.c",
    does: "takes the socket lock around tcp_sendmsg_locked (6.1: tcp_sendpage)",
    only: SENDFILE_612,
  },
  {
    fn: "tcp_sendmsg_locked",
    file: "net/ipv4/tcp.c",
    does: "attaches the pages to sk_buffs on sk_write_queue by reference, charged against sk_sndbuf (6.1: do_tcp_sendpages)",
    only: SENDFILE_612,
  },
  {
    fn: "tcp_push",
    file: "net/ipv4/tcp.c",
    does: "marks the last segment PSH unless more of the file follows (MSG_MORE), and starts output",
  },
  {
    fn: "tcp_write_xmit",
    file: "net/ipv4/tcp_output.c",
    does: "sends what the congestion window, the peer's window, Nagle/TCP_CORK and TSQ allow",
  },
  {
    fn: "__tcp_transmit_skb",
    file: "net/ipv4/tcp_output.c",
    does: "writes the TCP header on a clone; the original, with its page references, stays queued until ACKed",
  },
];

const DEV: Step = {
  fn: "__dev_queue_xmit",
  file: "net/core/dev.c",
  does: "queues the packet on the device's qdisc and calls its driver (on lo, loopback_xmit)",
};

const TCP_STRUCTURES = [
  "the task's private splice pipe (current->splice_pipe), made on first use and reused",
  "page-cache pages of the file, referenced (not copied) by the pipe, then by the socket's sk_buffs until ACKed",
  "sk_write_queue and sk_wmem_queued, charged against sk_sndbuf as for send()",
  "the file's offset (or *offset) moves on by the bytes sent",
];
const TCP_WIRE =
  "TCP segments carrying the file's bytes, sent as the windows allow, exactly as if they had been written with send().";

const tcpAny = sockSendmsg("inet_sendmsg or inet6_sendmsg, then tcp_sendmsg (6.1: kernel_sendpage)");

const PATHS: PathInput[] = [
  {
    id: "tcp4-ok",
    title: "file to TCP over IPv4: page-cache pages queued by reference and sent",
    when: { family: ["AF_INET"], transport: ["tcp"], result: ["ok"] },
    steps: [
      ...FILE_TO_PIPE,
      sockSendmsg("inet_sendmsg (6.1: kernel_sendpage, through sock_sendpage)"),
      {
        fn: "inet_sendmsg",
        file: "net/ipv4/af_inet.c",
        does: "on to tcp_sendmsg (6.1: inet_sendpage, then tcp_sendpage)",
        only: SENDFILE_612,
      },
      ...TCP_TAIL,
      {
        fn: "ip_queue_xmit",
        file: "net/ipv4/ip_output.c",
        does: "adds the IPv4 header, using the route cached on the socket, then ip_local_out and ip_output",
      },
      DEV,
      {
        fn: "tcp_ack",
        file: "net/ipv4/tcp_input.c",
        does: "when the peer's ACK arrives: drops the ACKed sk_buffs and with them the page references",
        at: "softirq",
      },
    ],
    structures: TCP_STRUCTURES,
    wire: TCP_WIRE,
  },
  {
    id: "tcp6-ok",
    title: "file to TCP over IPv6: page-cache pages queued by reference and sent",
    when: { family: ["AF_INET6"], transport: ["tcp"], result: ["ok"], mapped: false },
    steps: [
      ...FILE_TO_PIPE,
      sockSendmsg("inet6_sendmsg (6.1: kernel_sendpage, through sock_sendpage)"),
      {
        fn: "inet6_sendmsg",
        file: "net/ipv6/af_inet6.c",
        does: "on to tcp_sendmsg (6.1: inet_sendpage, shared with IPv4, then tcp_sendpage)",
        only: SENDFILE_612,
      },
      ...TCP_TAIL,
      {
        fn: "inet6_csk_xmit",
        file: "net/ipv6/inet6_connection_sock.c",
        does: "the IPv6 socket's queue_xmit: route cached on the socket, then ip6_xmit",
      },
      {
        fn: "ip6_xmit",
        file: "net/ipv6/ip6_output.c",
        does: "adds the IPv6 header; netfilter LOCAL_OUT, then ip6_output",
      },
      DEV,
      {
        fn: "tcp_ack",
        file: "net/ipv4/tcp_input.c",
        does: "when the peer's ACK arrives: drops the ACKed sk_buffs and with them the page references",
        at: "softirq",
      },
    ],
    structures: TCP_STRUCTURES,
    wire: TCP_WIRE,
  },
  {
    id: "tcp-eagain",
    title: "file to TCP, the send buffer is full and the socket is non-blocking: EAGAIN",
    when: { transport: ["tcp"], result: ["EAGAIN"] },
    steps: [
      ...FILE_TO_PIPE.slice(0, 6),
      {
        fn: "splice_to_socket",
        file: "fs/splice.c",
        kernels: "6.12",
        does: "an O_NONBLOCK socket gets MSG_DONTWAIT (6.1: sock_sendpage sets it)",
      },
      tcpAny,
      {
        fn: "tcp_sendmsg_locked",
        file: "net/ipv4/tcp.c",
        does: "finds sk_wmem_queued at sk_sndbuf before any page is attached (6.1: do_tcp_sendpages)",
        only: SENDFILE_612,
      },
      {
        fn: "sk_stream_wait_memory",
        file: "net/core/stream.c",
        does: "cannot wait: sets SOCK_NOSPACE, so a later ACK raises EPOLLOUT, and returns EAGAIN",
      },
      {
        fn: "splice_direct_to_actor",
        file: "fs/splice.c",
        does: "releases the pages read into the pipe but not sent; the file offset does not move",
      },
    ],
    structures: ["SOCK_NOSPACE set on the socket", "the splice pipe emptied again"],
    wire: "Nothing from this call; data queued earlier keeps going out as the peer's ACKs open the window.",
  },
  {
    id: "tcp-epipe",
    title: "file to TCP, the connection can no longer send: EPIPE and SIGPIPE",
    when: { transport: ["tcp"], result: ["EPIPE"] },
    steps: [
      ...FILE_TO_PIPE,
      tcpAny,
      {
        fn: "tcp_sendmsg_locked",
        file: "net/ipv4/tcp.c",
        does: "the state is not ESTABLISHED or CLOSE_WAIT (FIN sent, closed after an RST, never connected)",
        only: SENDFILE_612,
      },
      {
        fn: "sk_stream_wait_connect",
        file: "net/core/stream.c",
        does: "no stored error and no handshake under way: EPIPE",
      },
      {
        fn: "sk_stream_error",
        file: "net/core/stream.c",
        does: "EPIPE with SIGPIPE: sendfile cannot pass MSG_NOSIGNAL",
      },
      {
        fn: "get_signal",
        file: "kernel/signal.c",
        does: "on the way back to user space, SIGPIPE ends the process unless it is ignored or caught",
      },
    ],
    structures: ["a pending SIGPIPE on the calling thread", "the splice pipe emptied again"],
    wire: "Nothing: no byte is queued.",
  },
  {
    id: "unix-stream-ok",
    title: "file to a unix stream socket: the pages are queued on the peer by reference",
    when: { transport: ["unix-stream"], result: ["ok"] },
    steps: [
      ...FILE_TO_PIPE,
      sockSendmsg("unix_stream_sendmsg (6.1: kernel_sendpage, through sock_sendpage)"),
      {
        fn: "unix_stream_sendmsg",
        file: "net/unix/af_unix.c",
        does: "MSG_SPLICE_PAGES: sk_buffs that reference the pages, on the peer's receive queue (6.1: unix_stream_sendpage)",
        only: SENDFILE_612,
      },
      {
        fn: "sock_def_readable",
        file: "net/core/sock.c",
        does: "the peer's sk_data_ready: wakes its readers and pollers (EPOLLIN)",
      },
    ],
    structures: [
      "the task's private splice pipe (current->splice_pipe), made on first use and reused",
      "sk_buffs on the peer's sk_receive_queue holding references to the file's pages, charged to this socket",
      "the file's offset (or *offset) moves on by the bytes sent",
    ],
    wire: "Nothing: AF_UNIX moves the page references from one socket to the other in memory.",
  },
  {
    id: "any",
    title: "a socket of a family this log does not show",
    when: {},
    steps: [...FILE_TO_PIPE, sockSendmsg("the family's own send code, with the pages as its data")],
    structures: [
      "the task's private splice pipe (current->splice_pipe), made on first use and reused",
      "page-cache pages of the file, referenced by the pipe while they pass through",
      "the file's offset (or *offset) moves on by the bytes sent",
    ],
    wire: "Depends on the family: TCP segments with the file's bytes, or nothing at all for AF_UNIX.",
  },
];

export const SENDFILE: PathSetInput = { syscall: "sendfile", paths: PATHS };
