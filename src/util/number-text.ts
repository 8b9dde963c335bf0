// Number to text, fast for the numbers sockscope prints most: times and durations with microsecond
// (or nanosecond) precision. V8's general double-to-string takes about a microsecond for such a
// value; writing the digits of its integer micro- or nanoseconds takes a tenth of that.

function fraction(units: number, scale: number, digits: number): string {
  const negative = units < 0;
  const abs = negative ? -units : units;
  const whole = Math.floor(abs / scale);
  const rest = abs - whole * scale;
  let text = String(whole);
  if (rest !== 0) {
    let frac = String(rest);
    if (frac.length < digits) frac = "0".repeat(digits - frac.length) + frac;
    let end = frac.length;
    while (frac.charCodeAt(end - 1) === 48) end--;
    text += `.${frac.slice(0, end)}`;
  }
  return negative ? `-${text}` : text;
}

/**
 * The shortest decimal text of `x`, as `String(x)` gives it for the times and durations strace
 * prints (up to 9 decimals); other numbers go through `String`.
 */
export function numberText(x: number): string {
  if (Number.isInteger(x)) return String(x);
  const micros = Math.round(x * 1e6);
  if (Math.abs(micros) < Number.MAX_SAFE_INTEGER && micros / 1e6 === x) return fraction(micros, 1e6, 6);
  const nanos = Math.round(x * 1e9);
  if (Math.abs(nanos) < Number.MAX_SAFE_INTEGER && nanos / 1e9 === x) return fraction(nanos, 1e9, 9);
  return String(x);
}

/** `x.toFixed(6)` for the values strace's clocks give (exact to the microsecond), faster. */
export function fixed6(x: number): string {
  const micros = Math.round(x * 1e6);
  if (Math.abs(micros) >= Number.MAX_SAFE_INTEGER || Math.abs(micros / 1e6 - x) > 1e-9) return x.toFixed(6);
  const negative = micros < 0;
  const abs = negative ? -micros : micros;
  const whole = Math.floor(abs / 1e6);
  const frac = String(abs - whole * 1e6);
  return `${negative && abs !== 0 ? "-" : ""}${whole}.${"000000".slice(frac.length)}${frac}`;
}

/** An integer with a comma between thousands (4,812), the same whatever the locale. */
export function grouped(n: number): string {
  const digits = String(Math.abs(Math.trunc(n)));
  let out = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ",";
    out += digits[i];
  }
  return n < 0 ? `-${out}` : out;
}

/** A byte count in binary units with one decimal: 512 B, 1.5 KiB, 600.0 MiB, 2.1 GiB. */
export function byteSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(1)} GiB`;
}
