// Mirrors Go's strconv.Atoi (base 10, 64-bit int) as the upstream Job controller uses it.

/** Largest value of Go's 64-bit `int`, as decimal digits (compared as text to avoid float rounding). */
const MAX_INT64_DIGITS = '9223372036854775807';
/** Magnitude of Go's smallest 64-bit `int`, as decimal digits. */
const MIN_INT64_MAGNITUDE_DIGITS = '9223372036854775808';

/** Largest value of Go's `int32` (math.MaxInt32). */
export const MaxInt32 = 2147483647;

/**
 * Parses `s` the way Go's `strconv.Atoi` does on a 64-bit platform: an optional single `+` or
 * `-`, then one or more ASCII decimal digits, nothing else (no spaces, no underscores, no hex),
 * and the value must fit in int64. Returns `undefined` where Atoi returns an error.
 *
 * Values beyond 2^53 come back as the nearest double: callers only compare them against
 * int32-sized limits, where the rounding cannot change the outcome. Runs in O(len(s)).
 *
 * @example atoi('+7') === 7; atoi('007') === 7; atoi(' 7') === undefined; atoi('0x1') === undefined
 */
export function atoi(s: string): number | undefined {
  return atoiRange(s, 0, s.length);
}

/**
 * {@link atoi} of `s.slice(start, end)`, without building the slice (the parsers call it once
 * per fragment of strings that may be megabytes long).
 */
export function atoiRange(s: string, start: number, end: number): number | undefined {
  if (end <= start) return undefined;
  let i = start;
  let negative = false;
  const c0 = s.charCodeAt(i);
  if (c0 === 43 /* + */ || c0 === 45 /* - */) {
    negative = c0 === 45;
    i++;
    if (i === end) return undefined;
  }
  // Leading zeros do not count towards the width checked against int64.
  while (i < end && s.charCodeAt(i) === 48) i++;
  const firstSignificant = i;
  let value = 0;
  for (; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    value = value * 10 + d; // exact up to 15 digits; wider values are re-read below
  }
  const width = end - firstSignificant;
  // Up to 9 digits fits int32: hand V8 a small integer, not a boxed double, so the intervals
  // built from it stay 20 bytes each instead of 44.
  if (width <= 9) return negative ? -(value | 0) | 0 : value | 0;
  if (width > 15) {
    if (width > 19) return undefined; // ErrRange
    const digits = s.slice(firstSignificant, end);
    // Same width: text order is numeric order.
    if (width === 19 && digits > (negative ? MIN_INT64_MAGNITUDE_DIGITS : MAX_INT64_DIGITS)) return undefined;
    value = Number(digits);
  }
  return negative ? (value === 0 ? 0 : -value) : value;
}
