import { compileSelector, selectorError, selectorMatches, type LabelSelector } from './index.js';

describe('selectorMatches (LabelSelectorAsSelector + Matches)', () => {
  const cases: ReadonlyArray<{ name: string; sel: LabelSelector | undefined | null; labels: Record<string, string> | undefined; want: boolean }> = [
    { name: 'absent selector matches nothing', sel: undefined, labels: { a: 'b' }, want: false },
    { name: 'null selector matches nothing', sel: null, labels: {}, want: false },
    { name: 'empty selector matches everything', sel: {}, labels: undefined, want: true },
    { name: 'matchLabels equal', sel: { matchLabels: { a: 'b' } }, labels: { a: 'b', c: 'd' }, want: true },
    { name: 'matchLabels differ', sel: { matchLabels: { a: 'b' } }, labels: { a: 'x' }, want: false },
    { name: 'matchLabels on an inherited name', sel: { matchLabels: { constructor: 'x' } }, labels: {}, want: false },
    { name: 'In', sel: { matchExpressions: [{ key: 'a', operator: 'In', values: ['x', 'y'] }] }, labels: { a: 'y' }, want: true },
    { name: 'In without the key', sel: { matchExpressions: [{ key: 'a', operator: 'In', values: ['x'] }] }, labels: {}, want: false },
    { name: 'NotIn without the key', sel: { matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['x'] }] }, labels: {}, want: true },
    { name: 'NotIn with the value', sel: { matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['x'] }] }, labels: { a: 'x' }, want: false },
    { name: 'Exists', sel: { matchExpressions: [{ key: 'a', operator: 'Exists' }] }, labels: { a: '' }, want: true },
    { name: 'DoesNotExist', sel: { matchExpressions: [{ key: 'a', operator: 'DoesNotExist' }] }, labels: { a: '' }, want: false },
    { name: 'unknown operator matches nothing', sel: { matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }, labels: { a: '2' }, want: false },
  ];
  test.each(cases)('$name', ({ sel, labels, want }) => {
    expect(selectorMatches(sel, labels)).toBe(want);
    expect(compileSelector(sel)(labels)).toBe(want);
  });
});

describe('selectorError', () => {
  const cases: ReadonlyArray<{ name: string; sel: LabelSelector | undefined; want: string | undefined }> = [
    { name: 'absent', sel: undefined, want: undefined },
    { name: 'valid', sel: { matchLabels: { 'example.com/a': 'b' }, matchExpressions: [{ key: 'c', operator: 'Exists' }] }, want: undefined },
    { name: 'bad key', sel: { matchLabels: { '-a': 'b' } }, want: 'invalid label key "-a"' },
    { name: 'empty prefix', sel: { matchLabels: { '/a': 'b' } }, want: 'invalid label key "/a"' },
    { name: 'bad value', sel: { matchLabels: { a: 'b c' } }, want: 'invalid label value: "b c"' },
    { name: 'In without values', sel: { matchExpressions: [{ key: 'a', operator: 'In' }] }, want: "for 'in', 'notin' operators, values set can't be empty" },
    {
      name: 'Exists with values',
      sel: { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] },
      want: 'values set must be empty for exists and does not exist',
    },
    { name: 'unknown operator', sel: { matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }, want: '"Gt" is not a valid label selector operator' },
  ];
  test.each(cases)('$name', ({ sel, want }) => expect(selectorError(sel)).toBe(want));
});
