// The model follows each epoll instance's interest set (epoll_ctl ADD/MOD/DEL) per fd table, so an
// epoll wait, which has no socket in its arguments, is known to wait on sockets, and stands for the
// socket its result reports ready. Lines in strace's own shapes (-yy, -f, the Node and C fixtures).
import { describe, expect, test } from "vitest";
import { MAX_WATCHED } from "../../src/model/fd-table.js";
import { epollData } from "../../src/model/model.js";
import { isNetworkStory } from "../../src/render/filter.js";
import { modelLines } from "../helpers/model.js";

const at = (pid: number, lines: string[]) =>
  lines.map((l, i) => `${pid}  10:00:00.${String(i + 1).padStart(6, "0")} ${l}`);

const LISTENER = [
  "epoll_create1(EPOLL_CLOEXEC) = 5<anon_inode:[eventpoll]>",
  "eventfd2(0, EFD_CLOEXEC|EFD_NONBLOCK) = 6<anon_inode:[eventfd]>",
  "epoll_ctl(5<anon_inode:[eventpoll]>, EPOLL_CTL_ADD, 6<anon_inode:[eventfd]>, {events=EPOLLIN, data={u32=6, u64=6}}) = 0",
  "socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK, IPPROTO_IP) = 7<TCP:[3001]>",
  'bind(7<TCP:[3001]>, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("127.0.0.1")}, 16) = 0',
  "listen(7<TCP:[127.0.0.1:8080]>, 511) = 0",
];

/** The epoll waits of a run: line number, whether it waits on a socket, the socket it stands for. */
function waits(lines: string[]) {
  return modelLines(lines)
    .calls.filter((e) => e.spec?.epoll === "wait")
    .map((e) => ({
      line: e.lineNo,
      onSocket: e.waitsOnSocket === true,
      shown: isNetworkStory(e as never),
      ...(e.waited ? { waited: e.waited.id } : {}),
    }));
}

describe("epoll waits", () => {
  test("a wait on an instance of eventfds only stays hidden; once a socket is added it is shown", () => {
    const lines = at(100, [
      ...LISTENER,
      "epoll_wait(5<anon_inode:[eventpoll]>, [{events=EPOLLIN, data={u32=6, u64=6}}], 1024, 0) = 1",
      "epoll_ctl(5<anon_inode:[eventpoll]>, EPOLL_CTL_ADD, 7<TCP:[127.0.0.1:8080]>, {events=EPOLLIN, data={u32=7, u64=7}}) = 0",
      "epoll_wait(5<anon_inode:[eventpoll]>, [], 1024, 10) = 0",
      "epoll_pwait(5<anon_inode:[eventpoll]>, [{events=EPOLLIN, data={u32=7, u64=7}}], 1024, -1, NULL, 8) = 1",
      "epoll_pwait(5<anon_inode:[eventpoll]>, [{events=EPOLLIN, data={u32=6, u64=6}}, {events=EPOLLIN, data={u32=7, u64=7}}], 1024, -1, NULL, 8) = 2",
    ]);
    expect(waits(lines)).toEqual([
      { line: 7, onSocket: false, shown: false },
      { line: 9, onSocket: true, shown: true },
      { line: 10, onSocket: true, shown: true, waited: 1 },
      { line: 11, onSocket: true, shown: true, waited: 1 },
    ]);
  });

  test("DEL, closing the watched socket, and closing or reusing the epoll fd forget what it watched", () => {
    const lines = at(100, [
      ...LISTENER,
      "epoll_ctl(5<anon_inode:[eventpoll]>, EPOLL_CTL_ADD, 7<TCP:[127.0.0.1:8080]>, {events=EPOLLIN, data={u32=7, u64=7}}) = 0",
      "epoll_ctl(5<anon_inode:[eventpoll]>, EPOLL_CTL_DEL, 7<TCP:[127.0.0.1:8080]>, NULL) = 0",
      "epoll_wait(5<anon_inode:[eventpoll]>, [], 1024, 10) = 0",
      "epoll_ctl(5<anon_inode:[eventpoll]>, EPOLL_CTL_ADD, 7<TCP:[127.0.0.1:8080]>, {events=EPOLLIN, data={u32=7, u64=7}}) = 0",
      "close(5<anon_inode:[eventpoll]>) = 0",
      "epoll_create1(EPOLL_CLOEXEC) = 5<anon_inode:[eventpoll]>",
      "epoll_wait(5<anon_inode:[eventpoll]>, [], 1024, 10) = 0",
      "epoll_ctl(5<anon_inode:[eventpoll]>, EPOLL_CTL_ADD, 7<TCP:[127.0.0.1:8080]>, {events=EPOLLIN, data={u32=7, u64=7}}) = 0",
      "close(7<TCP:[127.0.0.1:8080]>) = 0",
      "epoll_wait(5<anon_inode:[eventpoll]>, [], 1024, 10) = 0",
      "epoll_ctl(5<anon_inode:[eventpoll]>, EPOLL_CTL_ADD, 6<anon_inode:[eventfd]>, {events=EPOLLIN, data={u32=6, u64=6}}) = -1 EEXIST (File exists)",
      "close(5<anon_inode:[eventpoll]>) = 0",
      'openat(AT_FDCWD</>, "/tmp/x", O_RDONLY) = 5</tmp/x>',
      "epoll_wait(5</tmp/x>, 0x7ffd0000, 1024, 10) = -1 EINVAL (Invalid argument)",
    ]);
    expect(waits(lines).map((w) => w.onSocket)).toEqual([false, false, false, false]);
  });

  test("the result's data is matched to what epoll_ctl registered, a pointer included; else read as an fd", () => {
    const lines = at(100, [
      ...LISTENER,
      "epoll_ctl(5<anon_inode:[eventpoll]>, EPOLL_CTL_ADD, 7<TCP:[127.0.0.1:8080]>, {events=EPOLLIN|EPOLLRDHUP|EPOLLET, data={u32=2875961360, u64=140203538243600}}) = 0",
      "epoll_wait(5<anon_inode:[eventpoll]>, [{events=EPOLLIN, data={u32=2875961360, u64=140203538243600}}], 512, -1) = 1",
      // A pointer nothing registered (the ADD came before the trace): no socket to stand for.
      "epoll_wait(5<anon_inode:[eventpoll]>, [{events=EPOLLIN, data={u32=2875961500, u64=140203538243740}}], 512, -1) = 1",
      // MOD changes the data the kernel hands back.
      "epoll_ctl(5<anon_inode:[eventpoll]>, EPOLL_CTL_MOD, 7<TCP:[127.0.0.1:8080]>, {events=EPOLLIN, data={u32=7, u64=7}}) = 0",
      "epoll_wait(5<anon_inode:[eventpoll]>, [{events=EPOLLIN, data={u32=7, u64=7}}], 512, -1) = 1",
    ]);
    expect(waits(lines)).toEqual([
      { line: 8, onSocket: true, shown: true, waited: 1 },
      { line: 9, onSocket: true, shown: true },
      { line: 11, onSocket: true, shown: true, waited: 1 },
    ]);
  });

  test("threads (CLONE_FILES) share the interest set; a fork gets its own copy", () => {
    const lines = [
      ...at(100, [
        ...LISTENER,
        "epoll_ctl(5<anon_inode:[eventpoll]>, EPOLL_CTL_ADD, 7<TCP:[127.0.0.1:8080]>, {events=EPOLLIN, data={u32=7, u64=7}}) = 0",
        "clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, child_tid=0x7f15219a6990, parent_tid=0x7f15219a6990, exit_signal=0, stack=0x7f15211a6000, stack_size=0x7fff80, tls=0x7f15219a66c0} => {parent_tid=[101]}, 88) = 101",
        "clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f0003bc4a10) = 102",
      ]),
      "101   10:00:01.000000 epoll_wait(5<anon_inode:[eventpoll]>, [{events=EPOLLIN, data={u32=7, u64=7}}], 1024, -1) = 1",
      "102   10:00:01.000100 epoll_ctl(5<anon_inode:[eventpoll]>, EPOLL_CTL_DEL, 7<TCP:[127.0.0.1:8080]>, NULL) = 0",
      "102   10:00:01.000200 epoll_wait(5<anon_inode:[eventpoll]>, [], 1024, 10) = 0",
      "100   10:00:01.000300 epoll_wait(5<anon_inode:[eventpoll]>, [], 1024, 10) = 0",
    ];
    expect(waits(lines)).toEqual([
      { line: 10, onSocket: true, shown: true, waited: 1 },
      { line: 12, onSocket: false, shown: false },
      { line: 13, onSocket: true, shown: true },
    ]);
  });

  test("an instance watches at most MAX_WATCHED fds", () => {
    const adds = Array.from(
      { length: MAX_WATCHED + 1 },
      (_, i) =>
        `epoll_ctl(5<anon_inode:[eventpoll]>, EPOLL_CTL_ADD, ${100 + i}<pipe:[${i}]>, {events=EPOLLIN, data={u32=${100 + i}, u64=${100 + i}}}) = 0`,
    );
    const lines = at(100, [
      ...LISTENER,
      ...adds,
      // The socket comes after the cap: the model no longer takes it in.
      "epoll_ctl(5<anon_inode:[eventpoll]>, EPOLL_CTL_ADD, 7<TCP:[127.0.0.1:8080]>, {events=EPOLLIN, data={u32=7, u64=7}}) = 0",
      "epoll_wait(5<anon_inode:[eventpoll]>, [], 1024, 10) = 0",
    ]);
    expect(waits(lines).map((w) => w.onSocket)).toEqual([false]);
  });

  test("strace's data shapes: named and unnamed, a pointer's halves disagree", () => {
    const struct = (fields: Record<string, unknown>) => ({ kind: "struct", fields }) as never;
    const num = (value: number, text?: string) => ({ kind: "num", value, ...(text ? { text } : {}) });
    expect(epollData(struct({ events: num(1), data: struct({ u32: num(7), u64: num(7) }) }))).toEqual({
      key: "7",
      fd: 7,
    });
    expect(epollData(struct({ "#0": num(1), "#1": struct({ u32: num(9), u64: num(9) }) }))).toEqual({
      key: "9",
      fd: 9,
    });
    expect(epollData(struct({ data: struct({ u32: num(2875961360), u64: num(140203538243600) }) }))).toEqual({
      key: "140203538243600",
    });
  });
});
