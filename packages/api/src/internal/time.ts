// metav1.Time as JSON: apimachinery/pkg/apis/meta/v1/time.go (UnmarshalJSON parses RFC 3339,
// MarshalJSON writes t.UTC().Format(time.RFC3339), i.e. seconds precision with "Z").
import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { failure } from './failure.js';

const Rfc3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * True when `s` is a timestamp Go's time.Parse(time.RFC3339, s) accepts: upper-case `T` and
 * `Z`, optional fractional seconds, numeric offset ±hh:mm, every field in range (no leap
 * second, no 30 February).
 */
export function isRfc3339(s: string): boolean {
  const m = Rfc3339.exec(s);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return false;
  if (hour > 23 || minute > 59 || second > 59) return false;
  if (m[7] !== undefined && (Number(m[8]) > 23 || Number(m[9]) > 59)) return false;
  return true;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/**
 * `d` as metav1.Time marshals it: `2026-01-01T00:00:00Z` (UTC, fraction truncated).
 * Undefined for an invalid Date or a year outside 0000-9999 (Go refuses to marshal those).
 */
export function formatTime(d: Date): string | undefined {
  const ms = d.getTime();
  if (Number.isNaN(ms)) return undefined;
  const year = d.getUTCFullYear();
  if (year < 0 || year > 9999) return undefined;
  return `${pad(year, 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}Z`;
}

const Expected = 'expected an RFC 3339 timestamp such as "2026-01-01T00:00:00Z" or a Date';

/**
 * A metav1.Time field: accepts an RFC 3339 string (kept exactly as given) or a `Date` (what
 * @kubernetes/client-node hands out), which becomes Go's RFC 3339 form.
 */
export const TimeCodec = new t.Type<string, string, unknown>(
  'Time',
  (u): u is string => typeof u === 'string' && isRfc3339(u),
  (u, c) => {
    if (typeof u === 'string' && isRfc3339(u)) return E.right(u);
    if (u instanceof Date) {
      const s = formatTime(u);
      if (s !== undefined) return E.right(s);
      return E.left([failure(u, c, `${Expected} with a year in 0000-9999`)]);
    }
    return E.left([failure(u, c, Expected)]);
  },
  (a) => a,
);
