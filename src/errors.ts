// Errors of the environment or of usage (never of trace content, which is data): a stable code,
// the exit status the CLI contract gives it, and a one-line message that names the fix.

export const EXIT = {
  ok: 0,
  usage: 2,
  rule: 3,
  cannotTrace: 4,
  notExecutable: 126,
  notFound: 127,
} as const;

const EXIT_OF = {
  BAD_USAGE: EXIT.usage,
  INPUT_NOT_FOUND: EXIT.usage,
  INPUT_UNREADABLE: EXIT.usage,
  INPUT_IS_DIRECTORY: EXIT.usage,
  INPUT_NOT_A_TRACE: EXIT.usage,
  OUTPUT_UNWRITABLE: EXIT.usage,
  NO_SUCH_PROCESS: EXIT.usage,
  CWD_GONE: EXIT.usage,
  TEMP_UNWRITABLE: EXIT.cannotTrace,
  STRACE_NOT_FOUND: EXIT.cannotTrace,
  STRACE_FAILED: EXIT.cannotTrace,
  PTRACE_DENIED: EXIT.cannotTrace,
  PROGRAM_NOT_FOUND: EXIT.notFound,
  /** A lesson's program needs what this machine lacks (python3, a C compiler): like a missing command. */
  LESSON_NEEDS: EXIT.notFound,
  PROGRAM_NOT_EXECUTABLE: EXIT.notExecutable,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof EXIT_OF;

export class SockscopeError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: number;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.exitCode = EXIT_OF[code];
  }
}
Object.defineProperty(SockscopeError.prototype, "name", { value: "SockscopeError", enumerable: false });

/** Maps a Node fs error on `path` to a SockscopeError with a message that says what to do. */
export function inputError(path: string, cause: unknown): SockscopeError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT")
    return new SockscopeError(
      "INPUT_NOT_FOUND",
      `cannot read '${path}': no such file (check the path, or use - for stdin)`,
      { cause },
    );
  if (code === "EISDIR")
    return new SockscopeError(
      "INPUT_IS_DIRECTORY",
      `cannot read '${path}': it is a directory, not a strace log`,
      { cause },
    );
  if (code === "EACCES" || code === "EPERM")
    return new SockscopeError("INPUT_UNREADABLE", `cannot read '${path}': permission denied`, { cause });
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new SockscopeError("INPUT_UNREADABLE", `cannot read '${path}': ${detail}`, { cause });
}
