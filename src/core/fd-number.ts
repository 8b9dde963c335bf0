// What can be an fd number: a C int, never negative. A larger number where an fd goes (a mangled
// log, a pointer printed in its place) is not taken for one.
const MAX_FD = 0x7fffffff;

export function isFdNumber(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= MAX_FD;
}
