// Go time semantics the backoff needs: RFC 3339 parsing and metav1.Time's zero value.

/** Milliseconds of Go's zero time.Time (0001-01-01T00:00:00Z), which marks an unset metav1.Time. */
export const GoZeroTimeMs = -62_135_596_800_000;

/** Parses an RFC 3339 timestamp; missing or unparsable input reads as Go's zero time. */
export function timeMs(t: string | undefined): number {
  if (t === undefined || t === '') return GoZeroTimeMs;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? GoZeroTimeMs : ms;
}

/** Whether a timestamp is unset (absent, unparsable or Go's zero time). */
export function isZeroTime(t: string | undefined): boolean {
  return timeMs(t) === GoZeroTimeMs;
}
