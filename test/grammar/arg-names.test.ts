// withoutArgNames: strace -N's `name=` before each top-level argument is cut, and nothing else.
import { describe, expect, test } from "vitest";
import { withoutArgNames } from "../../src/grammar/args.js";

describe("withoutArgNames", () => {
  test.each([
    {
      label: "an fd and a struct: the struct's fields keep their names",
      name: "connect",
      text: 'sockfd=3<TCP:[286295]>, addr={sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("127.0.0.1")}, addrlen=16',
      plain: '3<TCP:[286295]>, {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("127.0.0.1")}, 16',
    },
    {
      label: "arrays, flags, NULL",
      name: "setsockopt",
      text: "sockfd=3, level=SOL_SOCKET, optname=SO_REUSEADDR, optval=[1], optlen=4",
      plain: "3, SOL_SOCKET, SO_REUSEADDR, [1], 4",
    },
    {
      label: "a string and a decoration holding `=` and `, `",
      name: "write",
      text: 'fd=1</tmp/a=b, c=d>, buf="x=1, y=2", count=8',
      plain: '1</tmp/a=b, c=d>, "x=1, y=2", 8',
    },
    {
      label: "an expression with ==",
      name: "wait4",
      text: "pid=19187, status=[{WIFEXITED(s) && WEXITSTATUS(s) == 0}], options=0, usage=NULL",
      plain: "19187, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL",
    },
    {
      label: "a comment",
      name: "execve",
      text: 'pathname="/bin/true", argv=["true"], envp=0x7ffe61504ea0 /* 5 vars */',
      plain: '"/bin/true", ["true"], 0x7ffe61504ea0 /* 5 vars */',
    },
    {
      label: "the first half of a split call (strace 7: no separator at its end)",
      name: "read",
      text: "fd=4<TCP:[127.0.0.1:1->127.0.0.1:2]>",
      plain: "4<TCP:[127.0.0.1:1->127.0.0.1:2]>",
    },
    {
      label: "the first half of a split call (strace 6: the separator at its end)",
      name: "read",
      text: "fd=4, ",
      plain: "4, ",
    },
    {
      label: "the second half alone (strace 7 starts it with the separator)",
      name: "recvfrom",
      text: ', buf="bye\\n", len=4, flags=0, src_addr=NULL, addrlen=NULL',
      plain: ', "bye\\n", 4, 0, NULL, NULL',
    },
    {
      label: "both halves joined",
      name: "accept",
      text: "sockfd=3<TCP:[127.0.0.1:32068]>, addr={sa_family=AF_INET, sin_port=htons(1)}, addrlen=[16]",
      plain: "3<TCP:[127.0.0.1:32068]>, {sa_family=AF_INET, sin_port=htons(1)}, [16]",
    },
    {
      label: "a changed value",
      name: "accept4",
      text: "sockfd=3, addr=NULL, addrlen=[16 => 16], flags=SOCK_CLOEXEC",
      plain: "3, NULL, [16 => 16], SOCK_CLOEXEC",
    },
  ])("$label", ({ name, text, plain }) => {
    expect(withoutArgNames(name, text)).toBe(plain);
    // Plain text is left as it is.
    expect(withoutArgNames(name, plain)).toBe(plain);
  });

  test.each([
    ["clone prints its names without -N too", "clone", "child_stack=NULL, flags=SIGCHLD, child_tidptr=0x7f"],
    ["plain text starting with a constant", "socket", "AF_INET, SOCK_STREAM, IPPROTO_IP"],
    ["a struct as the first argument", "clone3", "{flags=CLONE_VM, exit_signal=SIGCHLD}, 88"],
    ["no arguments", "getpid", ""],
    ["text that does not parse", "read", 'fd=3, buf="unterminated'],
    ["a second half inside a struct (not -N's)", "ppoll", "revents=POLLIN}], 1"],
  ])("unchanged: %s", (_label, name, text) => {
    expect(withoutArgNames(name, text)).toBe(text);
  });
});
