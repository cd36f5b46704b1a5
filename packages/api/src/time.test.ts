import { formatTime, formatValidTime, GoZeroTimeMs, isZeroTime, parseTime, parseTimeOrZero } from './index.js';

describe('formatValidTime', () => {
  const cases: ReadonlyArray<{ name: string; input: Date | number; out: string }> = [
    { name: 'Date at whole seconds', input: new Date(Date.UTC(2026, 0, 1)), out: '2026-01-01T00:00:00Z' },
    { name: 'milliseconds truncated', input: Date.UTC(2026, 0, 1, 0, 0, 0, 999), out: '2026-01-01T00:00:00Z' },
    { name: 'before 1970 truncates toward the past', input: -1, out: '1969-12-31T23:59:59Z' },
    { name: "Go's zero time", input: GoZeroTimeMs, out: '0001-01-01T00:00:00Z' },
    { name: 'year beyond 9999 in expanded form', input: Date.UTC(10000, 0, 1), out: '+010000-01-01T00:00:00Z' },
  ];
  test.each(cases)('$name', ({ input, out }) => {
    expect(formatValidTime(input)).toBe(out);
    const d = new Date(input);
    if (d.getUTCFullYear() <= 9999) expect(formatTime(d)).toBe(out);
    else expect(formatTime(d)).toBeUndefined();
  });

  test('invalid Date throws', () => {
    expect(() => formatValidTime(new Date(NaN))).toThrow(RangeError);
  });
});

describe('parseTime and the zero time', () => {
  const cases: ReadonlyArray<{ name: string; input: string | undefined | null; ms: number | undefined; zero: boolean }> = [
    { name: 'absent', input: undefined, ms: undefined, zero: true },
    { name: 'null', input: null, ms: undefined, zero: true },
    { name: 'empty', input: '', ms: undefined, zero: true },
    { name: 'unparsable', input: 'yesterday', ms: undefined, zero: true },
    { name: 'RFC 3339', input: '2026-01-01T00:00:01Z', ms: Date.UTC(2026, 0, 1, 0, 0, 1), zero: false },
    { name: 'offset', input: '2026-01-01T01:00:00+01:00', ms: Date.UTC(2026, 0, 1), zero: false },
    { name: 'literal Go zero time is an instant, but IsZero', input: '0001-01-01T00:00:00Z', ms: GoZeroTimeMs, zero: true },
  ];
  test.each(cases)('$name', ({ input, ms, zero }) => {
    expect(parseTime(input)).toBe(ms);
    expect(parseTimeOrZero(input)).toBe(ms ?? GoZeroTimeMs);
    expect(isZeroTime(input)).toBe(zero);
  });
});
