import { asSelector, selectorMatches, validateLabelSelectorInto } from './labelSelector.js';
import type { FieldError } from './fieldError.js';

const labels = (o: Record<string, string>) => new Map(Object.entries(o));

describe('label selectors', () => {
  test.each([
    ['nil selects nothing', undefined, { a: 'b' }, false],
    ['empty selects everything', {}, {}, true],
    ['matchLabels', { matchLabels: { a: 'b' } }, { a: 'b', c: 'd' }, true],
    ['matchLabels mismatch', { matchLabels: { a: 'b' } }, { a: 'c' }, false],
    ['In', { matchExpressions: [{ key: 'a', operator: 'In', values: ['x', 'y'] }] }, { a: 'y' }, true],
    ['NotIn on a missing key', { matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['x'] }] }, {}, true],
    ['Exists', { matchExpressions: [{ key: 'a', operator: 'Exists' }] }, { a: '' }, true],
    ['DoesNotExist', { matchExpressions: [{ key: 'a', operator: 'DoesNotExist' }] }, { a: '' }, false],
  ])('%s', (_n, sel, l, want) => {
    const s = asSelector(sel);
    expect(s).toBeDefined();
    expect(selectorMatches(s!, labels(l))).toBe(want);
  });

  test.each([
    ['unknown operator', { matchExpressions: [{ key: 'a', operator: 'Near' }] }],
    ['In without values', { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }],
    ['bad key', { matchLabels: { 'a b': 'c' } }],
    ['not an object', 'a=b'],
  ])('%s cannot be converted', (_n, sel) => expect(asSelector(sel)).toBeUndefined());

  test('validation errors carry upstream paths', () => {
    const errs: FieldError[] = [];
    validateLabelSelectorInto(
      {
        matchLabels: { 'a b': 'c' },
        matchExpressions: [
          { key: 'k', operator: 'Exists', values: ['v'] },
          { key: 'k', operator: 'Bad' },
        ],
      },
      'spec.selector',
      errs,
    );
    expect(errs.map((e) => `${e.type} ${e.field}`)).toEqual([
      'FieldValueInvalid spec.selector.matchLabels',
      'FieldValueForbidden spec.selector.matchExpressions[0].values',
      'FieldValueInvalid spec.selector.matchExpressions[1].operator',
    ]);
  });
});
