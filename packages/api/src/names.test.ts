import { domainPrefixedPathErrors, isDNS1123Label, isQualifiedName, isValidLabelValue } from './names.js';

describe('names', () => {
  test.each([
    ['MyName', 0],
    ['my.name', 0],
    ['123-abc', 0],
    ['example.com/MyName', 0],
    ['', 2],
    ['/a', 1],
    ['a/', 2],
    ['a/b/c', 1],
    ['Invalid Condition Type', 1],
    ['x'.repeat(64), 1],
  ])('isQualifiedName(%j) has %d messages', (v, n) => expect(isQualifiedName(v as string)).toHaveLength(n as number));

  test.each([
    ['', 0],
    ['a', 0],
    ['a-b_c.d', 0],
    ['-a', 1],
    ['x'.repeat(64), 1],
  ])('isValidLabelValue(%j)', (v, n) => expect(isValidLabelValue(v as string)).toHaveLength(n as number));

  test.each([
    ['myjob-9', 0],
    ['MyJob', 1],
    ['a'.repeat(64), 1],
  ])('isDNS1123Label(%j)', (v, n) => expect(isDNS1123Label(v as string)).toHaveLength(n as number));

  test.each([
    ['example.com/foo', false, 0],
    ['kubernetes.io/job-controller', false, 0],
    ['', true, 0],
    ['invalid custom controller name', false, 1],
    ['example.com/', false, 1],
    ['Example.com/foo', false, 1],
    ['example.com/a b', false, 1],
  ])('domainPrefixedPathErrors(%j)', (v, req, n) => {
    const r = domainPrefixedPathErrors(v as string);
    expect(r.required).toBe(req);
    expect(r.messages).toHaveLength(n as number);
  });
});
