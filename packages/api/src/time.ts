// metav1.Time as JSON: apimachinery/pkg/apis/meta/v1/time.go (UnmarshalJSON parses RFC 3339,
// MarshalJSON writes t.UTC().Format(time.RFC3339), i.e. seconds precision with "Z").
import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { failure, isDate, markPlain } from './internal/failure.js';

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The n-digit decimal at s[i..i+n), or -1. Hand-rolled: timestamps are the hot path of big inputs. */
function num(s: string, i: number, n: number): number {
  let v = 0;
  for (let j = i; j < i + n; j++) {
    const d = s.charCodeAt(j) - 48;
    if (!(d >= 0 && d <= 9)) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * True when `s` is a timestamp Go's time.Parse(time.RFC3339, s) accepts:
 * `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±hh:mm)`, upper-case `T` and `Z`, every field in range
 * (no leap second, no 30 February).
 */
export function isRfc3339(s: string): boolean {
  if (typeof s !== 'string' || s.length < 20) return false;
  if (s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':') return false;
  const year = num(s, 0, 4);
  const month = num(s, 5, 2);
  const day = num(s, 8, 2);
  const hour = num(s, 11, 2);
  const minute = num(s, 14, 2);
  const second = num(s, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return false;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  let i = 19;
  if (s[i] === '.') {
    i++;
    const from = i;
    while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
    if (i === from) return false;
  }
  if (s[i] === 'Z') return i + 1 === s.length;
  if ((s[i] !== '+' && s[i] !== '-') || i + 6 !== s.length || s[i + 3] !== ':') return false;
  const oh = num(s, i + 1, 2);
  const om = num(s, i + 4, 2);
  return oh >= 0 && oh <= 23 && om >= 0 && om <= 59;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/**
 * `d` as metav1.Time marshals it: `2026-01-01T00:00:00Z` (UTC, fraction truncated).
 * Undefined for an invalid Date or a year outside 0000-9999 (Go refuses to marshal those).
 */
export function formatTime(d: Date): string | undefined {
  if (!isDate(d) || typeof d.getTime !== 'function') return undefined;
  const ms = d.getTime();
  if (Number.isNaN(ms)) return undefined;
  const year = d.getUTCFullYear();
  if (year < 0 || year > 9999) return undefined;
  return `${pad(year, 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}Z`;
}

/**
 * A valid instant (Date or epoch milliseconds) as metav1.Time text, the form syncJob stamps:
 * whole seconds (truncated toward the past, as Go's Format drops the fraction), UTC, `Z`. Equal
 * to {@link formatTime} for years 0000-9999; beyond them it writes ECMAScript's expanded year
 * (`+010000-…`) where Go would refuse to marshal. Throws RangeError for an invalid Date.
 */
export function formatValidTime(d: Date | number): string {
  const ms = typeof d === 'number' ? d : d.getTime();
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Milliseconds of Go's zero time.Time (0001-01-01T00:00:00Z), which marks an unset metav1.Time (metav1.Time.IsZero). */
export const GoZeroTimeMs = -62_135_596_800_000;

/**
 * Epoch milliseconds of a timestamp; undefined when absent, empty or unparsable. A literal
 * `0001-01-01T00:00:00Z` is an instant here: a set *metav1.Time pointer holding the zero time
 * is still set (upstream compares its value, e.g. pastActiveDeadline's StartTime).
 */
export function parseTime(t: string | undefined | null): number | undefined {
  if (t === undefined || t === null || t === '') return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}

/** {@link parseTime} for a metav1.Time value field: absent or unparsable reads as Go's zero time. */
export function parseTimeOrZero(t: string | undefined | null): number {
  return parseTime(t) ?? GoZeroTimeMs;
}

/** Whether a metav1.Time value is unset (Time.IsZero): absent, unparsable, or Go's zero time itself. */
export function isZeroTime(t: string | undefined | null): boolean {
  return parseTimeOrZero(t) === GoZeroTimeMs;
}

const Expected = 'expected an RFC 3339 timestamp such as "2026-01-01T00:00:00Z" or a Date';

/**
 * A metav1.Time field: accepts an RFC 3339 string (kept exactly as given) or a `Date` (what
 * @kubernetes/client-node hands out), which becomes Go's RFC 3339 form.
 */
export const TimeCodec = markPlain(
  new t.Type<string, string, unknown>(
    'Time',
    (u): u is string => typeof u === 'string' && isRfc3339(u),
    (u, c) => {
      if (typeof u === 'string' && isRfc3339(u)) return E.right(u);
      if (isDate(u)) {
        const s = formatTime(u);
        if (s !== undefined) return E.right(s);
        return E.left([failure(u, c, `${Expected} with a year in 0000-9999`)]);
      }
      return E.left([failure(u, c, Expected)]);
    },
    // A hand-built value may carry a Date; encode it as Go would.
    (a) => (isDate(a) ? (formatTime(a) ?? a) : a),
  ),
);
