// The one exhaustiveness check: a switch over a union ends in `default: return assertNever(x)`, so
// adding a member to the union is a compile error in every switch that forgot it.
export function assertNever(x: never, what = "value"): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(x)}`);
}
