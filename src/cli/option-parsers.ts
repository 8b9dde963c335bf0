// Parsers for option values: each turns the text the user typed into a typed value, or throws
// commander's InvalidArgumentError with a message that says what was expected.
import { InvalidArgumentError } from "commander";
import { RULE_NAMES, type RuleName } from "../core/events.js";
import { checkOverlap, InjectError, type InjectSpec, parseInjectSpec } from "../inject/spec.js";
import { type AllowRule, parseCidr, parseHostRule } from "../policy/cidr.js";

/** The largest count an option takes: strace's -s is a C int. */
const MAX_COUNT = 2 ** 31 - 1;

/** Decimal digits only: Number() would also take 1e21, 0x10, " 7" and 1_000's cousins. */
function wholeNumber(value: string): number | undefined {
  if (!/^[0-9]+$/.test(value)) return undefined;
  const n = Number(value);
  return n <= MAX_COUNT ? n : undefined;
}

export function parseCount(value: string): number {
  const n = wholeNumber(value);
  if (n === undefined) throw new InvalidArgumentError(`expected a whole number from 0 to ${MAX_COUNT}`);
  return n;
}

export function parsePid(value: string): number {
  const n = wholeNumber(value);
  if (n === undefined || n === 0) throw new InvalidArgumentError(`'${value}' is not a process id`);
  return n;
}

export function parseRules(value: string): RuleName[] {
  const names = value
    .split(",")
    .map((r) => r.trim())
    .filter((r) => r !== "");
  for (const name of names) {
    if (!(RULE_NAMES as readonly string[]).includes(name)) {
      throw new InvalidArgumentError(`unknown rule '${name}' (rules: ${RULE_NAMES.join(", ")})`);
    }
  }
  return names as RuleName[];
}

/** --allow: addresses and CIDR ranges, and host names with an optional port and a leading `*.`. */
export function parseAllow(value: string): AllowRule[] {
  return value
    .split(",")
    .filter((c) => c.trim() !== "")
    .map((c) => {
      const rule = parseCidr(c.trim()) ?? parseHostRule(c.trim());
      if (!rule)
        throw new InvalidArgumentError(
          `'${c}' is not an address, CIDR range or host name (e.g. 10.0.0.0/8, fd00::/8, github.com:443, *.npmjs.org)`,
        );
      return rule;
    });
}

export function numberList(value: string): number[] {
  return value
    .split(",")
    .filter((x) => x !== "")
    .map((x) => {
      const n = wholeNumber(x.replace(/^(conn#|#|p)/, ""));
      if (n === undefined) throw new InvalidArgumentError(`'${x}' is not a number`);
      return n;
    });
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** --inject SPEC, repeatable: each parsed, and no two on one syscall (strace would keep the last). */
export function collectInject(value: string, previous: InjectSpec[] = []): InjectSpec[] {
  try {
    const all = [...previous, parseInjectSpec(value)];
    checkOverlap(all);
    return all;
  } catch (err) {
    if (err instanceof InjectError) throw new InvalidArgumentError(err.message);
    throw err;
  }
}
