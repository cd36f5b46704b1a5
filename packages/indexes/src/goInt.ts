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
  const n = s.length;
  if (n === 0) return undefined;
  let i = 0;
  let negative = false;
  const c0 = s.charCodeAt(0);
  if (c0 === 43 /* + */ || c0 === 45 /* - */) {
    negative = c0 === 45;
    i = 1;
    if (n === 1) return undefined;
  }
  // Skip leading zeros so the digit count below is the magnitude's true width.
  let firstSignificant = -1;
  for (let k = i; k < n; k++) {
    const c = s.charCodeAt(k);
    if (c < 48 || c > 57) return undefined;
    if (firstSignificant < 0 && c !== 48) firstSignificant = k;
  }
  if (firstSignificant < 0) return 0;
  const width = n - firstSignificant;
  if (width > 19) return undefined; // ErrRange
  if (width === 19) {
    const digits = s.slice(firstSignificant);
    const limit = negative ? MIN_INT64_MAGNITUDE_DIGITS : MAX_INT64_DIGITS;
    if (digits > limit) return undefined; // ErrRange (same width: text order is numeric order)
  }
  const magnitude = Number(s.slice(firstSignificant));
  return negative ? -magnitude : magnitude;
}
