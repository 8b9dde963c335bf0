import type { PathSetInput } from "../schema.js";

export const SENDFILE: PathSetInput = {
  syscall: "sendfile",
  paths: [
    {
      id: "any",
      title: "any socket",
      when: {},
      steps: [
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
        {
          fn: "sock_sendmsg",
          file: "net/socket.c",
          does: "security hook, then the socket's sendmsg",
        },
        {
          fn: "tcp_sendmsg_locked",
          file: "net/ipv4/tcp.c",
          does: "TCP with MSG_SPLICE_PAGES: attaches the pages to sk_buffs by reference when the route supports scatter-gather, otherwise copies them; charged against sk_sndbuf as usual",
        },
        {
          fn: "tcp_push",
          file: "net/ipv4/tcp.c",
          does: "starts transmission, as for send()",
        },
        {
          fn: "tcp_write_xmit",
          file: "net/ipv4/tcp_output.c",
          does: "sends what the windows allow",
        },
        {
          fn: "ip_queue_xmit",
          file: "net/ipv4/ip_output.c",
          does: "IP header",
        },
        {
          fn: "__dev_queue_xmit",
          file: "net/core/dev.c",
          does: "queues the packet on the device (qdisc, then driver); on lo it is received again at once, usually still inside this call",
        },
      ],
      structures: [
        "the task's private splice pipe (current->splice_pipe), reused across calls",
        "page-cache pages of the input file, referenced (not copied) by the pipe and then by the socket's sk_buffs",
        "sk_write_queue and sk_wmem_queued, charged against sk_sndbuf as for send()",
        "the input file's offset (or *offset) advances by the bytes sent",
      ],
      wire: "TCP segments carrying the file's bytes, sent as the windows allow, exactly as if they had been written with send().",
    },
  ],
};
