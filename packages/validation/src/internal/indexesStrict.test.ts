import { parseIndexesStrict } from './indexesStrict.js';

// validateIndexesFormat semantics: Go strconv.Atoi per bound, strictly increasing intervals.
const cases: Array<[string, string, number, number | null]> = [
  ['empty is valid', '', 3, 0],
  ['single', '0', 1, 1],
  ['intervals', '0,2-4,7', 10, 5],
  ['adjacent singles are fine', '1,2', 3, 2],
  ['x-x is not an interval', '1-1', 3, null],
  ['repeat', '2,2', 3, null],
  ['overlap', '0-3,2', 5, null],
  ['decreasing', '3,1', 5, null],
  ['index equal to completions', '5', 5, null],
  ['upper bound too large', '0-5', 5, null],
  ['three parts', '1-2-3', 5, null],
  ['trailing comma', '1,', 5, null],
  ['leading comma', ',1', 5, null],
  ['space', ' 1', 5, null],
  ['letters', 'a', 5, null],
  ['plus sign is accepted by Atoi', '+1', 5, 1],
  ['huge number', '99999999999999999999999', 5, null],
  ['zero completions', '0', 0, null],
];

describe('parseIndexesStrict', () => {
  test.each(cases)('%s: %j (completions %d)', (_n, s, completions, total) => {
    const r = parseIndexesStrict(s, completions);
    if (total === null) expect(r.ok).toBe(false);
    else expect(r).toMatchObject({ ok: true, total });
  });

  test('error details name the fragment', () => {
    expect(parseIndexesStrict('0,x', 3)).toEqual({ ok: false, detail: 'cannot convert string to integer for index: "x"' });
    expect(parseIndexesStrict('0-3,2', 5)).toEqual({ ok: false, detail: 'non-increasing order, previous: 3, current: 2' });
    expect(parseIndexesStrict('7', 5)).toEqual({ ok: false, detail: 'too large index: "7"' });
  });
});
