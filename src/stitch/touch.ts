// Which fd a call works on, and what strace's decoration says about it: fills `fd`, `socket`,
// `path`, `newFd` and `newSocket` of a syscall event from its arguments and result.
import type { SocketRef, SyscallEvent } from "../events/schema.js";
import type { Decoration, Return, Value } from "../parse/schema.js";
import { isFdNumber } from "../util/fd-number.js";

// Syscalls whose first argument is an fd even when strace prints it bare (no -y).
const FD_FIRST = new Set([
  "read",
  "write",
  "readv",
  "writev",
  "pread64",
  "pwrite64",
  "preadv",
  "pwritev",
  "preadv2",
  "pwritev2",
  "close",
  "fstat",
  "fcntl",
  "ioctl",
  "dup",
  "dup2",
  "dup3",
  "lseek",
  "fsync",
  "fdatasync",
  "ftruncate",
  "sendto",
  "recvfrom",
  "sendmsg",
  "recvmsg",
  "sendmmsg",
  "recvmmsg",
  "send",
  "recv",
  "bind",
  "listen",
  "accept",
  "accept4",
  "connect",
  "shutdown",
  "getsockname",
  "getpeername",
  "setsockopt",
  "getsockopt",
  "sendfile",
  "sendfile64",
  "splice",
  "tee",
  "epoll_ctl",
  "epoll_wait",
  "epoll_pwait",
  "epoll_pwait2",
  "getdents64",
  "fchdir",
  "fchmod",
  "fchown",
  "flock",
  "close_range",
]);

export function socketRefOf(d: Decoration): SocketRef | undefined {
  if (d.protocol === undefined) return undefined;
  const ref: SocketRef = { protocol: d.protocol };
  if (d.family !== undefined) ref.family = d.family;
  if (d.inode !== undefined) ref.inode = d.inode;
  if (d.peerInode !== undefined) ref.peerInode = d.peerInode;
  if (d.local !== undefined) ref.local = d.local;
  if (d.remote !== undefined) ref.remote = d.remote;
  return ref;
}

/** Adds what the call's fd argument and fd result say to the event (mutates it). */
export function addTouched(event: SyscallEvent, args: Value[], ret: Return | null): void {
  const first = args[0];
  if (first?.kind === "fd" && isFdNumber(first.fd)) {
    event.fd = first.fd;
    const ref = socketRefOf(first.decoration);
    if (ref) event.socket = ref;
    else if (first.decoration.path !== undefined) event.path = first.decoration.path;
  } else if (first?.kind === "num" && FD_FIRST.has(event.name) && isFdNumber(first.value)) {
    event.fd = first.value;
  }
  if (ret?.decoration && ret.value !== null && isFdNumber(ret.value)) {
    event.newFd = ret.value;
    const ref = socketRefOf(ret.decoration);
    if (ref) event.newSocket = ref;
    if (event.fd === undefined) {
      event.fd = ret.value;
      if (ref) event.socket = ref;
      else if (ret.decoration.path !== undefined) event.path = ret.decoration.path;
    }
  }
}
