// Mirrors Go's strconv.Atoi as pkg/controller/job uses it (private stand-in until @jobkit/indexes
// exports its own; the policy code only needs "is it a base-10 int64, and which value").

/**
 * Parses `s` like Go's `strconv.Atoi` on a 64-bit platform: optional `+`/`-`, then ASCII digits
 * only; `undefined` where Atoi returns an error (empty, junk, or outside int64).
 */
export function atoi(s: unknown): number | undefined {
  if (typeof s !== 'string' || !/^[+-]?[0-9]+$/.test(s)) return undefined;
  const digits = s.replace(/^[+-]/, '').replace(/^0+(?=.)/, '');
  const negative = s.startsWith('-');
  const limit = negative ? '9223372036854775808' : '9223372036854775807';
  // Same width: text order is numeric order, so the range check needs no float arithmetic.
  if (digits.length > limit.length || (digits.length === limit.length && digits > limit)) return undefined;
  const magnitude = Number(digits);
  return negative && magnitude !== 0 ? -magnitude : magnitude;
}
