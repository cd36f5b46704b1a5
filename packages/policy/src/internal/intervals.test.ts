// Cases for the private interval parser, after upstream's parseIndexesFromString behaviour
// (TestCalculateSucceededIndexes "prev interval out of range", "corrupted interval", ...).
import { atoi } from './atoi.js';
import { parseIndexesFromString, totalIndexes } from './intervals.js';

describe('parseIndexesFromString', () => {
  const cases: { name: string; s: unknown; completions: number; want: [number, number][] }[] = [
    { name: 'empty', s: '', completions: 5, want: [] },
    { name: 'single and ranges', s: '0,2-4,7', completions: 10, want: [[0, 0], [2, 4], [7, 7]] },
    { name: 'adjacent merged', s: '1,2,3-5', completions: 10, want: [[1, 5]] },
    { name: 'prev interval out of range', s: '0-5,8-10', completions: 8, want: [[0, 5]] },
    { name: 'prev interval partially out of range', s: '0-5,8-10', completions: 10, want: [[0, 5], [8, 9]] },
    { name: 'corrupted interval', s: '0,1-foo,bar', completions: 4, want: [[0, 0]] },
    { name: 'negative index is corrupted', s: '-2,1', completions: 4, want: [[1, 1]] },
    { name: 'not a string', s: 7, completions: 4, want: [] },
  ];
  for (const tc of cases) {
    test(tc.name, () => {
      const got = parseIndexesFromString(tc.s, tc.completions);
      expect(got.map((iv) => [iv.first, iv.last])).toEqual(tc.want);
      expect(totalIndexes(got)).toBe(tc.want.reduce((n, [a, b]) => n + b - a + 1, 0));
    });
  }
});

describe('atoi', () => {
  const cases: [unknown, number | undefined][] = [
    ['7', 7], ['+7', 7], ['-7', -7], ['007', 7], [' 7', undefined], ['', undefined], ['-', undefined],
    ['9223372036854775807', 9223372036854775807], ['9223372036854775808', undefined], ['-9223372036854775808', -9223372036854775808], ['1e3', undefined], [3, undefined],
  ];
  for (const [s, want] of cases) test(JSON.stringify(s), () => expect(atoi(s)).toBe(want));
});
