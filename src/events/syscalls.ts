// Syscall names several stages need to recognise, in one place.

/** Calls that create a process or thread; their return value is the new pid. */
export const FORK_SYSCALLS: ReadonlySet<string> = new Set(["clone", "clone3", "fork", "vfork"]);
