// strconv.Atoi semantics (Go, 64-bit int) that the parsers rely on.
import { atoi, atoiRange } from './goInt.js';

describe('atoi (Go strconv.Atoi)', () => {
  const cases: Record<string, { s: string; want: number | undefined }> = {
    zero: { s: '0', want: 0 },
    digits: { s: '123', want: 123 },
    'leading plus': { s: '+5', want: 5 },
    'leading minus': { s: '-5', want: -5 },
    'minus zero': { s: '-0', want: 0 },
    'leading zeros': { s: '000012', want: 12 },
    'many leading zeros then max int64': { s: '0000009223372036854775807', want: 9223372036854775807 },
    'max int64': { s: '9223372036854775807', want: 9223372036854775807 },
    'max int64 + 1': { s: '9223372036854775808', want: undefined },
    'min int64': { s: '-9223372036854775808', want: -9223372036854775808 },
    'min int64 - 1': { s: '-9223372036854775809', want: undefined },
    '20 digits': { s: '10000000000000000000', want: undefined },
    '2^53 + 1 rounds': { s: '9007199254740993', want: 9007199254740992 },
    'max int32': { s: '2147483647', want: 2147483647 },
    empty: { s: '', want: undefined },
    'sign only': { s: '+', want: undefined },
    'double sign': { s: '+-1', want: undefined },
    'inner space': { s: '1 2', want: undefined },
    'leading space': { s: ' 1', want: undefined },
    'trailing space': { s: '1 ', want: undefined },
    hex: { s: '0x10', want: undefined },
    underscore: { s: '1_000', want: undefined },
    'decimal point': { s: '1.0', want: undefined },
    exponent: { s: '1e3', want: undefined },
    'full-width digit': { s: '１', want: undefined },
  };
  it.each(Object.entries(cases))('%s', (_name, tc) => {
    expect(atoi(tc.s)).toBe(tc.want);
  });
  it('atoiRange reads a window of a longer string', () => {
    expect(atoiRange('ab+42cd', 2, 5)).toBe(42);
    expect(atoiRange('ab+42cd', 2, 2)).toBeUndefined();
  });
});
