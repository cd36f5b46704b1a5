import { domainPrefixedPathErrors, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from './names.js';

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

  // The words of apimachinery v0.37.2 (util/validation and api/validate/content), as the API
  // server returned them for these values (checked against upstream's validation).
  const subdomainMsg =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  const labelKeyRegex = "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  test.each<[string, () => string[], string[]]>([
    ['a bad name', () => isDNS1123Subdomain('Bad_Name'), [subdomainMsg]],
    ['a long name (characters, util/validation)', () => isDNS1123Subdomain('x'.repeat(260)), ['must be no more than 253 characters']],
    ['a label that is a subdomain', () => isDNS1123Label('a.b'), ['must not contain dots']],
    [
      'a bad label',
      () => isDNS1123Label('A'),
      [
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      ],
    ],
    [
      'a bad label key',
      () => isQualifiedName('a b'),
      [`name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character ${labelKeyRegex}`],
    ],
    [
      'a label key of three parts',
      () => isQualifiedName('a/b/c'),
      [
        `a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character ${labelKeyRegex} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
      ],
    ],
    ['a bad prefix', () => isQualifiedName('-x/y'), [`prefix part ${subdomainMsg}`]],
    ['a long label value (bytes, content)', () => isValidLabelValue('v'.repeat(70)), ['must be no more than 63 bytes']],
    ['a managedBy host', () => domainPrefixedPathErrors('Example.com/x').invalid.map((i) => `${i.value}: ${i.message}`), [`Example.com: ${subdomainMsg}`]],
    [
      'a managedBy path',
      () => domainPrefixedPathErrors('example.com/a b').messages,
      ["Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')"],
    ],
  ])('upstream wording: %s', (_name, messages, want) => {
    expect(messages()).toEqual(want);
  });
});
