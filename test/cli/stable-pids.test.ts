// --stable masks pids wherever the syscall table says an argument or a return value is one: the
// signal calls, process groups (negative numbers), and the socket's owner for SIGIO/SIGURG (fcntl
// F_SETOWN/F_GETOWN/F_SETOWN_EX, ioctl SIOCSPGRP/FIOSETOWN). Numbers that are not traced pids stay.
// In process: the pipeline with `stable`, rendered as text.
import { describe, expect, test } from "vitest";
import { eventsFromText } from "../../src/pipeline.js";
import { RENDERERS } from "../../src/render/renderer.js";

const LINES = [
  '8245  01:18:25.466534 execve("/srv/server", ["/srv/server"], 0x7ffc6a15b048 /* 3 vars */) = 0 <0.000250>',
  "8245  01:18:25.467000 socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3<TCP:[181790]> <0.000020>",
  "8245  01:18:25.467100 fcntl(3<TCP:[181790]>, F_SETOWN, 8245) = 0 <0.000005>",
  "8245  01:18:25.467200 fcntl(3<TCP:[181790]>, F_GETOWN) = 8245 <0.000005>",
  "8245  01:18:25.467300 fcntl(3<TCP:[181790]>, F_SETOWN, -8245) = 0 <0.000005>",
  "8245  01:18:25.467400 fcntl(3<TCP:[181790]>, F_GETOWN) = -8245 <0.000005>",
  "8245  01:18:25.467500 fcntl(3<TCP:[181790]>, F_SETOWN_EX, {type=F_OWNER_TID, pid=8245}) = 0 <0.000005>",
  "8245  01:18:25.467600 fcntl(3<TCP:[181790]>, F_GETOWN_EX, {type=F_OWNER_PGRP, pid=8245}) = 0 <0.000005>",
  "8245  01:18:25.467700 ioctl(3<TCP:[181790]>, SIOCSPGRP, [8245]) = 0 <0.000005>",
  "8245  01:18:25.467800 ioctl(3<TCP:[181790]>, FIOSETOWN, [-8245]) = 0 <0.000005>",
  "8245  01:18:25.467850 fcntl(3<TCP:[181790]>, F_SETFL, O_RDWR|O_NONBLOCK) = 0 <0.000005>",
  "8245  01:18:25.469894 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f0003bc4a10) = 8246 <0.000112>",
  "8246  01:18:25.470000 setpgid(8246, 8246) = 0 <0.000005>",
  "8246  01:18:25.470100 getpgid(8245) = 8245 <0.000005>",
  "8246  01:18:25.470200 getpid() = 8246 <0.000005>",
  "8246  01:18:25.470300 kill(-8245, SIGUSR1) = 0 <0.000005>",
  "8246  01:18:25.470400 tgkill(8245, 8245, SIGUSR2) = 0 <0.000005>",
  "8246  01:18:25.470500 pidfd_open(8245, 0) = 4<anon_inode:[pidfd]> <0.000005>",
  "8246  01:18:25.470600 kill(4321, SIGTERM) = -1 ESRCH (No such process) <0.000005>",
  "8246  01:18:25.470700 kill(-1, SIGHUP) = 0 <0.000005>",
  "8246  01:18:25.470800 fcntl(3<TCP:[181790]>, F_SETOWN, 4321) = 0 <0.000005>",
  "8246  01:18:25.470900 exit_group(0)     = ?",
  "8246  01:18:25.471000 +++ exited with 0 +++",
  "8245  01:18:25.471100 waitid(P_PID, 8246, {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=8246, si_uid=0, si_status=0, si_utime=0, si_stime=0}, WEXITED, NULL) = 0 <0.000005>",
  "8245  01:18:25.471200 waitid(P_PIDFD, 4, NULL, WEXITED, NULL) = -1 ECHILD (No child processes) <0.000005>",
  "8245  01:18:25.471300 wait4(-8245, NULL, WNOHANG, NULL) = 0 <0.000005>",
  "8245  01:18:25.471400 exit_group(0)     = ?",
  "8245  01:18:25.471500 +++ exited with 0 +++",
];

function stableText(lines: readonly string[]): string {
  const text = RENDERERS.text({ stable: true });
  return eventsFromText(`${lines.join("\n")}\n`, { stable: true, summary: false })
    .map((e) => text.event(e))
    .join("");
}

describe("--stable and pids inside arguments", () => {
  const out = stableText(LINES);
  const call = (prefix: string) => out.split("\n").filter((l) => l.includes(prefix));

  test("no traced pid is left, in any form", () => {
    expect(out).not.toMatch(/824[56]/);
  });

  test("the socket's owner: fcntl and ioctl, pids and groups", () => {
    expect(call("F_SETOWN,")).toEqual([
      expect.stringContaining("fcntl(3<TCP:[inode]>, F_SETOWN, 1) = 0"),
      expect.stringContaining("fcntl(3<TCP:[inode]>, F_SETOWN, -1) = 0"),
      expect.stringContaining("fcntl(3<TCP:[inode]>, F_SETOWN, 4321) = 0"),
    ]);
    expect(call("F_GETOWN)")).toEqual([
      expect.stringContaining("F_GETOWN) = 1"),
      expect.stringContaining("F_GETOWN) = -1"),
    ]);
    expect(out).toContain("F_SETOWN_EX, {type=F_OWNER_TID, pid=1}) = 0");
    expect(out).toContain("F_GETOWN_EX, {type=F_OWNER_PGRP, pid=1}) = 0");
    expect(out).toContain("SIOCSPGRP, [1]) = 0");
    expect(out).toContain("FIOSETOWN, [-1]) = 0");
  });

  test("signal and process-group calls; numbers that are no traced pid stay", () => {
    expect(out).toContain("setpgid(2, 2) = 0");
    expect(out).toContain("getpgid(1) = 1");
    expect(out).toContain("getpid() = 2");
    expect(out).toContain("kill(-1, SIGUSR1) = 0");
    expect(out).toContain("tgkill(1, 1, SIGUSR2) = 0");
    expect(out).toContain("pidfd_open(1, 0) = 4");
    expect(out).toContain("kill(4321, SIGTERM) = -1 ESRCH");
    expect(out).toContain("kill(-1, SIGHUP) = 0");
    expect(out).toContain("waitid(P_PID, 2, {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=2,");
    expect(out).toContain("waitid(P_PIDFD, 4, NULL, WEXITED, NULL)");
    expect(out).toContain("wait4(-1, NULL, WNOHANG, NULL) = 0");
  });
});
