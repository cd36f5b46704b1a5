// Cases for the API server's strict index parsing (pkg/apis/batch/validation/validation.go,
// validateIndexesFormat / parseIndexInterval / validateFailedIndexesNotOverlapCompleted).
// Expected texts follow upstream's fmt.Errorf formats; inputs are ours.
import { formatIntervals, type Interval } from './intervals.js';
import { failedIndexesOverlapCompleted, parseIndexesStrict } from './strict.js';
import { goQuote } from './internal/goQuote.js';

const iv = (first: number, last: number): Interval => ({ first, last });

describe('parseIndexesStrict accepts', () => {
  const cases: Record<string, { s: string; completions: number; want: Interval[]; total: number }> = {
    'empty string': { s: '', completions: 0, want: [], total: 0 },
    'single index': { s: '3', completions: 4, want: [iv(3, 3)], total: 1 },
    'intervals and singles': { s: '0,2-4,7', completions: 8, want: [iv(0, 0), iv(2, 4), iv(7, 7)], total: 5 },
    'touching fragments stay apart': { s: '1,2,3-4', completions: 5, want: [iv(1, 1), iv(2, 2), iv(3, 4)], total: 4 },
    'leading plus (strconv.Atoi accepts it)': { s: '+1-+3', completions: 5, want: [iv(1, 3)], total: 3 },
    'leading zeros': { s: '007', completions: 8, want: [iv(7, 7)], total: 1 },
    'wide interval': { s: '0-99999999', completions: 100000000, want: [iv(0, 99999999)], total: 100000000 },
    'max int32 completions': { s: '0-2147483646', completions: 2147483647, want: [iv(0, 2147483646)], total: 2147483647 },
  };
  it.each(Object.entries(cases))('%s', (_name, tc) => {
    expect(parseIndexesStrict(tc.s, tc.completions)).toEqual({ ok: true, intervals: tc.want, total: tc.total });
  });
});

describe('parseIndexesStrict rejects', () => {
  const cases: Record<string, { s: string; completions: number; detail: string }> = {
    'invalid format': { s: 'invalid format', completions: 5, detail: 'cannot convert string to integer for index: "invalid format"' },
    'three dash parts': {
      s: '1-2-3',
      completions: 5,
      detail: `the fragment "1-2-3" violates the requirement that an index interval can have at most two parts separated by '-'`,
    },
    'reversed interval': { s: '3-1', completions: 5, detail: 'non-increasing order, previous: 3, current: 1' },
    'one-index interval x-x': { s: '2-2', completions: 5, detail: 'non-increasing order, previous: 2, current: 2' },
    'overlapping fragments': { s: '1-3,3', completions: 5, detail: 'non-increasing order, previous: 3, current: 3' },
    'decreasing fragments': { s: '4,2', completions: 5, detail: 'non-increasing order, previous: 4, current: 2' },
    'repeated index': { s: '1,1', completions: 5, detail: 'non-increasing order, previous: 1, current: 1' },
    'index equal to completions': { s: '0,5', completions: 5, detail: 'too large index: "5"' },
    'interval end equal to completions': { s: '1-5', completions: 5, detail: 'too large index: "5"' },
    'anything with completions zero': { s: '0', completions: 0, detail: 'too large index: "0"' },
    'missing end': { s: '1-', completions: 5, detail: 'cannot convert string to integer for index: ""' },
    'missing start': { s: '-1', completions: 5, detail: 'cannot convert string to integer for index: ""' },
    'lone dash': { s: '-', completions: 5, detail: 'cannot convert string to integer for index: ""' },
    'empty fragments': { s: ',,', completions: 5, detail: 'cannot convert string to integer for index: ""' },
    'trailing comma': { s: '1,', completions: 5, detail: 'cannot convert string to integer for index: ""' },
    'lone plus': { s: '+', completions: 5, detail: 'cannot convert string to integer for index: "+"' },
    space: { s: '1, 2', completions: 5, detail: 'cannot convert string to integer for index: " 2"' },
    hex: { s: '0x1', completions: 5, detail: 'cannot convert string to integer for index: "0x1"' },
    underscore: { s: '1_0', completions: 20, detail: 'cannot convert string to integer for index: "1_0"' },
    'beyond int64': { s: '9223372036854775808', completions: 5, detail: 'cannot convert string to integer for index: "9223372036854775808"' },
    'max int64': { s: '9223372036854775807', completions: 5, detail: 'too large index: "9223372036854775807"' },
    'beyond 2^53 end': { s: '1-9007199254740993', completions: 5, detail: 'too large index: "9007199254740993"' },
    'newline quoted as Go %q': { s: '1\n', completions: 5, detail: 'cannot convert string to integer for index: "1\\n"' },
    'first error wins': { s: '4,x,1-9', completions: 5, detail: 'cannot convert string to integer for index: "x"' },
  };
  it.each(Object.entries(cases))('%s', (_name, tc) => {
    expect(parseIndexesStrict(tc.s, tc.completions)).toEqual({ ok: false, detail: tc.detail });
  });

  it('10 MB number: error without hanging', () => {
    const s = '9'.repeat(10_000_000);
    const t0 = performance.now();
    const r = parseIndexesStrict(s, 5);
    expect(r.ok).toBe(false);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
  it('3 MB of commas: error at the first fragment', () => {
    expect(parseIndexesStrict(','.repeat(3_000_000), 5)).toEqual({ ok: false, detail: 'cannot convert string to integer for index: ""' });
  });
  it('10 MB: over the request limit, refused before parsing', () => {
    expect(parseIndexesStrict(','.repeat(10_000_000), 5)).toEqual({ ok: false, detail: 'must have at most 3145728 bytes' });
  });
  it('every other index of 10^5: accepted and formatted back', () => {
    const s = Array.from({ length: 50_000 }, (_, i) => String(2 * i)).join(',');
    const r = parseIndexesStrict(s, 100_000);
    expect(r.ok && r.total).toBe(50_000);
    expect(r.ok && formatIntervals(r.intervals)).toBe(s);
  });
});

describe('failedIndexesOverlapCompleted', () => {
  const cases: Record<string, { completed: string; failed: string; completions: number; want?: string }> = {
    'either empty': { completed: '', failed: '1', completions: 5 },
    'no overlap': { completed: '0-2,6', failed: '3,5,7-8', completions: 10 },
    'overlap at interval edge': { completed: '0-2', failed: '2,5', completions: 10, want: 'failedIndexes and completedIndexes overlap at index: 2' },
    'overlap inside': { completed: '5-7', failed: '0-1,6', completions: 10, want: 'failedIndexes and completedIndexes overlap at index: 6' },
    'unparsable fragments skipped': { completed: '0,x,4-6', failed: 'y,5', completions: 10, want: 'failedIndexes and completedIndexes overlap at index: 5' },
    'all completed unparsable': { completed: 'x', failed: '1', completions: 10 },
    'out of range fragments skipped': { completed: '1,12', failed: '12', completions: 10 },
  };
  it.each(Object.entries(cases))('%s', (_name, tc) => {
    expect(failedIndexesOverlapCompleted(tc.completed, tc.failed, tc.completions)).toBe(tc.want);
  });
});

describe('goQuote (Go %q)', () => {
  const cases: Record<string, { s: string; want: string }> = {
    plain: { s: 'abc 1', want: '"abc 1"' },
    'quote and backslash': { s: 'a"b\\c', want: '"a\\"b\\\\c"' },
    'control escapes': { s: '\x07\b\f\n\r\t\v', want: '"\\a\\b\\f\\n\\r\\t\\v"' },
    'other ASCII controls as \\x': { s: '\x00\x1f\x7f', want: '"\\x00\\x1f\\x7f"' },
    'printable non-ASCII kept': { s: 'é日😀', want: '"é日😀"' },
    'non-printable unicode as \\u': { s: '\u00ad\u200b', want: '"\\u00ad\\u200b"' },
    'lone surrogate as U+FFFD': { s: '\ud800', want: '"\ufffd"' },
  };
  it.each(Object.entries(cases))('%s', (_name, tc) => {
    expect(goQuote(tc.s)).toBe(tc.want);
  });
});
