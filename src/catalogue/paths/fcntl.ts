// fcntl on a socket: nothing of the socket family runs. The flags F_SETFL changes live in the open
// file (struct file), which the socket layer reads again on every later call; close-on-exec lives
// in the process's fd table. Checked in fs/fcntl.c (do_fcntl, setfl, f_setown) and fs/file.c
// (f_dupfd, set_close_on_exec, get_close_on_exec), 6.1 and 6.12.
import type { PathSetInput, Step } from "../schema.js";

const DO: Step = {
  fn: "do_fcntl",
  file: "fs/fcntl.c",
  does: "after the LSM check (security_file_fcntl), switches on the command",
};

const NOTHING = "Nothing: fcntl changes the open file or the fd table, never the connection.";

export const FCNTL: PathSetInput = {
  syscall: "fcntl",
  selector: 1,
  paths: [
    {
      id: "setfl",
      title: "F_SETFL: set the file status flags (O_NONBLOCK)",
      when: { arg: ["F_SETFL"] },
      steps: [
        DO,
        {
          fn: "setfl",
          file: "fs/fcntl.c",
          does: "keeps O_APPEND, O_ASYNC, O_DIRECT, O_NOATIME, O_NONBLOCK of the argument; the access mode is ignored",
        },
      ],
      structures: [
        "file->f_flags of the open file: every fd that shares it (dup, fork) sees the change",
        "nothing in struct socket or struct sock: each later call reads O_NONBLOCK from f_flags (recv and send turn it into MSG_DONTWAIT, connect and accept pass it down)",
        "only if O_ASYNC changes: sock_fasync adds this file to, or removes it from, the socket's SIGIO list",
      ],
      wire: NOTHING,
    },
    {
      id: "getfl",
      title: "F_GETFL: read the file status flags",
      when: { arg: ["F_GETFL"] },
      steps: [
        { ...DO, does: "F_GETFL: returns file->f_flags (O_RDWR for a socket, plus O_NONBLOCK if set)" },
      ],
      structures: ["nothing changes"],
      wire: NOTHING,
    },
    {
      id: "setfd",
      title: "F_SETFD: set or clear close-on-exec",
      when: { arg: ["F_SETFD"] },
      steps: [
        DO,
        {
          fn: "set_close_on_exec",
          file: "fs/file.c",
          does: "sets or clears this fd's bit in the fd table's close_on_exec bitmap",
        },
      ],
      structures: [
        "the close_on_exec bitmap of this process's fd table: per fd, not shared with dups or other processes",
      ],
      wire: NOTHING,
    },
    {
      id: "getfd",
      title: "F_GETFD: read close-on-exec",
      when: { arg: ["F_GETFD"] },
      steps: [DO, { fn: "get_close_on_exec", file: "fs/file.c", does: "reads this fd's close_on_exec bit" }],
      structures: ["nothing changes"],
      wire: NOTHING,
    },
    {
      id: "dupfd",
      title: "F_DUPFD / F_DUPFD_CLOEXEC: a second fd for the same socket",
      when: { arg: ["F_DUPFD", "F_DUPFD_CLOEXEC"] },
      steps: [
        DO,
        {
          fn: "f_dupfd",
          file: "fs/file.c",
          does: "takes the lowest free fd at or above the argument and installs the same file there",
        },
      ],
      structures: [
        "a new entry in the fd table pointing at the same struct file (one more reference; the socket is unchanged)",
        "F_DUPFD_CLOEXEC: the new fd's close_on_exec bit is set",
      ],
      wire: NOTHING,
    },
    {
      id: "setown",
      title: "F_SETOWN: who gets SIGIO and SIGURG for this socket",
      when: { arg: ["F_SETOWN"] },
      steps: [
        DO,
        {
          fn: "f_setown",
          file: "fs/fcntl.c",
          does: "resolves the pid (positive) or process group (negative)",
        },
        { fn: "__f_setown", file: "fs/fcntl.c", does: "stores it as the file's owner (file->f_owner)" },
      ],
      structures: [
        "file->f_owner: the process or group signalled when the socket becomes ready (with O_ASYNC) or urgent data arrives",
      ],
      wire: NOTHING,
    },
    {
      id: "cmd-not-named",
      title:
        "a socket of a family the log shows, a command the trace gives only as a number or this catalogue does not follow",
      when: { family: ["AF_INET", "AF_INET6", "AF_UNIX", "AF_NETLINK", "AF_PACKET"] },
      steps: [DO],
      structures: ["the open file, or this process's fd table; never the socket's protocol state"],
      wire: NOTHING,
    },
    {
      id: "any",
      title: "a socket whose family this log does not show",
      when: {},
      steps: [DO],
      structures: ["the open file, or this process's fd table; never the socket's protocol state"],
      wire: NOTHING,
    },
  ],
};
