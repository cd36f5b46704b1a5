// metav1.Time as the API stores it: RFC 3339 with whole seconds.

/** Formats `d` as metav1.Time serialises (seconds precision, UTC, `Z`). */
export function formatTime(d: Date | number): string {
  const ms = typeof d === 'number' ? d : d.getTime();
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Parses an RFC 3339 timestamp; absent or unparsable ⇒ undefined. */
export function parseTime(t: string | undefined | null): number | undefined {
  if (t === undefined || t === null || t === '') return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}
