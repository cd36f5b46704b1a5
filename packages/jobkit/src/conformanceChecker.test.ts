// The conformance checker itself (tools/conformance/check.mjs): cases where a naive comparison
// would pass or fail falsely.
// @ts-expect-error plain JavaScript shared with the oracle tools (no type declarations)
import { checkStatus, checkStatusValidation, matchConditions } from '../../../tools/conformance/check.mjs';

const cond = (type: string, status: string, reason?: string) => ({ type, status, ...(reason !== undefined ? { reason } : {}) });
const statusErrs = (want: unknown, got: unknown): string[] => {
  const errs: string[] = [];
  checkStatus(want, got, errs);
  return errs;
};

describe('check.mjs conditions: each wanted condition is matched to a distinct actual one', () => {
  test.each<[string, unknown[], unknown[], boolean]>([
    [
      'two of one type, same order',
      [cond('Suspended', 'True', 'A'), cond('Suspended', 'False', 'B')],
      [cond('Suspended', 'True', 'A'), cond('Suspended', 'False', 'B')],
      true,
    ],
    [
      'two of one type, other order',
      [cond('Suspended', 'False', 'B'), cond('Suspended', 'True', 'A')],
      [cond('Suspended', 'True', 'A'), cond('Suspended', 'False', 'B')],
      true,
    ],
    [
      'the first wanted fits both actual ones, the second only the first',
      [cond('Failed', 'True'), cond('Failed', 'True', 'X')],
      [cond('Failed', 'True', 'X'), cond('Failed', 'True', 'Y')],
      true,
    ],
    [
      'two wanted, one actual twice the same',
      [cond('Failed', 'True', 'X'), cond('Failed', 'True', 'Y')],
      [cond('Failed', 'True', 'X'), cond('Failed', 'True', 'X')],
      false,
    ],
    ['one wanted of a type present twice', [cond('Failed', 'True')], [cond('Failed', 'True'), cond('Failed', 'True')], false],
    ['status differs', [cond('Complete', 'True')], [cond('Complete', 'False')], false],
    ['single condition', [cond('Complete', 'True', 'CompletionsReached')], [cond('Complete', 'True', 'CompletionsReached')], true],
  ])('%s', (_name, want, got, pass) => {
    expect(statusErrs({ conditions: want }, { conditions: got }).length === 0).toBe(pass);
  });

  test('matchConditions pairs by augmenting paths', () => {
    expect(matchConditions([cond('F', 'True'), cond('F', 'True', 'X')], [cond('F', 'True', 'X'), cond('F', 'True', 'Y')])).toEqual([1, 0]);
  });

  test('a mismatch names the field against an unused condition of that type', () => {
    expect(
      statusErrs(
        { conditions: [cond('Suspended', 'True', 'A'), cond('Suspended', 'False', 'C')] },
        { conditions: [cond('Suspended', 'True', 'A'), cond('Suspended', 'False', 'B')] },
      ),
    ).toEqual(['condition Suspended.reason: want "C", got "B"']);
  });
});

describe('check.mjs validation errors compare as a set of (type, field) pairs', () => {
  const e = (type: string, field: string, detail = '') => ({ type, field, detail });
  test.each<[string, unknown[], unknown[], boolean]>([
    [
      'same pairs, other order and details',
      [e('FieldValueInvalid', 'a'), e('FieldValueRequired', 'b')],
      [e('FieldValueRequired', 'b', 'x'), e('FieldValueInvalid', 'a', 'y')],
      true,
    ],
    ['a pair reported twice counts once', [e('FieldValueInvalid', 'a')], [e('FieldValueInvalid', 'a', '1'), e('FieldValueInvalid', 'a', '2')], true],
    ['other type on the same field', [e('FieldValueInvalid', 'a')], [e('FieldValueRequired', 'a')], false],
    ['an extra pair', [], [e('FieldValueInvalid', 'a')], false],
  ])('%s', (_name, want, got, pass) => {
    expect(checkStatusValidation({ expect: { errors: want } }, got).length === 0).toBe(pass);
  });
});
