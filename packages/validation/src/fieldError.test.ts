// field.Error.Error / ErrorBody (apimachinery/pkg/util/validation/field/errors.go): how each
// error type shows its bad value, as the API server words a cause.
import {
  duplicate,
  errorBody,
  forbidden,
  formatFieldError,
  invalid,
  notSupported,
  required,
  sortedMap,
  tooLong,
  tooMany,
  type FieldError,
} from './fieldError.js';
import { validateJob } from './index.js';

describe('formatFieldError: ErrorBody per error type', () => {
  test.each<[string, FieldError, string]>([
    [
      'a number is printed plainly',
      invalid('spec.completions', -1, 'must be greater than or equal to 0'),
      'spec.completions: Invalid value: -1: must be greater than or equal to 0',
    ],
    [
      'a string is %q-quoted',
      invalid('metadata.name', 'Bad_Name', 'a lowercase RFC 1123 subdomain'),
      'metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain',
    ],
    ['%q escapes controls as Go does', invalid('metadata.name', 'a\u0001\n"', 'x'), 'metadata.name: Invalid value: "a\\x01\\n\\"": x'],
    ['a boolean as is', invalid('spec.suspend', true, 'x'), 'spec.suspend: Invalid value: true: x'],
    [
      'an object as JSON',
      invalid('spec.selector', { matchLabels: { a: 'b' } }, '`selector` not auto-generated'),
      'spec.selector: Invalid value: {"matchLabels":{"a":"b"}}: `selector` not auto-generated',
    ],
    ['JSON escapes <, > and & as encoding/json does', invalid('x', { a: '<&>' }, 'd'), 'x: Invalid value: {"a":"\\u003c\\u0026\\u003e"}: d'],
    [
      'a list as JSON',
      invalid('spec.podFailurePolicy.rules[0].onExitCodes.values', [3, 1], 'must be ordered'),
      'spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: [3,1]: must be ordered',
    ],
    ['null (a nil pointer) as null', invalid('spec.completions', null, 'field is immutable'), 'spec.completions: Invalid value: null: field is immutable'],
    [
      'an omitted value (field.OmitValueType) is left out',
      invalid('status.conditions', undefined, 'cannot set Complete=True and Failed=true conditions'),
      'status.conditions: Invalid value: cannot set Complete=True and Failed=true conditions',
    ],
    [
      'Required shows no value',
      required('spec.template.spec.restartPolicy', 'valid values: "OnFailure", "Never"'),
      'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    ],
    ['Required without a detail', required('spec.selector'), 'spec.selector: Required value'],
    ['Forbidden shows no value', forbidden('metadata.finalizers', 'no new finalizers'), 'metadata.finalizers: Forbidden: no new finalizers'],
    [
      'Unsupported value: the value, then the supported ones',
      notSupported('spec.template.spec.restartPolicy', 'Sometimes', ['OnFailure', 'Never']),
      'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "OnFailure", "Never"',
    ],
    [
      'Duplicate value',
      duplicate('spec.podFailurePolicy.rules[0].onExitCodes.values[1]', 3),
      'spec.podFailurePolicy.rules[0].onExitCodes.values[1]: Duplicate value: 3',
    ],
    ['Too long never shows the value', tooLong('spec.managedBy', 63), 'spec.managedBy: Too long: may not be more than 63 bytes'],
    ['Too long: one byte', tooLong('x', 1), 'x: Too long: may not be more than 1 byte'],
    ['Too many shows the count', tooMany('spec.podFailurePolicy.rules', 21, 20), 'spec.podFailurePolicy.rules: Too many: 21: must have at most 20 items'],
    ['no field: the body alone', invalid('', 7, 'the Job must be an object'), 'Invalid value: 7: the Job must be an object'],
  ])('%s', (_name, e, want) => {
    expect(formatFieldError(e)).toBe(want);
  });

  test('errorBody is the line without the field', () => {
    expect(errorBody(invalid('spec.completions', -1, 'must be greater than or equal to 0'))).toBe('Invalid value: -1: must be greater than or equal to 0');
  });

  test('a megabyte string is cut, not printed whole', () => {
    const line = formatFieldError(invalid('metadata.name', 'x'.repeat(1 << 20), 'too long'));
    expect(line.length).toBeLessThan(5000);
    expect(line).toMatch(/^metadata\.name: Invalid value: "x+"\.\.\.: too long$/);
  });

  test('an object value is kept as a bounded copy, not a reference into the input', () => {
    const input = { matchLabels: { a: 'b' } };
    const e = invalid('spec.selector', input, 'x');
    input.matchLabels.a = 'changed';
    expect(formatFieldError(e)).toBe('spec.selector: Invalid value: {"matchLabels":{"a":"b"}}: x');
  });

  test('sortedMap orders keys as json.Marshal writes a Go map', () => {
    expect(
      JSON.stringify(
        sortedMap(
          new Map([
            ['b', '1'],
            ['a', '2'],
          ]),
        ),
      ),
    ).toBe('{"a":"2","b":"1"}');
  });
});

describe('validateJob: each error carries the bad value upstream reports', () => {
  const labels = { 'batch.kubernetes.io/controller-uid': 'u1', 'controller-uid': 'u1', 'batch.kubernetes.io/job-name': 'bad', 'job-name': 'bad' };
  const job = (spec: Record<string, unknown>, template: Record<string, unknown> = {}) => ({
    metadata: { name: 'bad', namespace: 'default', uid: 'u1' },
    spec: {
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u1' } },
      template: { metadata: { labels }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }], ...template } },
      ...spec,
    },
  });
  test.each<[string, unknown, string[]]>([
    [
      'the issue: completions -1 and restartPolicy Always',
      job({ completions: -1 }, { restartPolicy: 'Always' }),
      [
        'spec.completions: Invalid value: -1: must be greater than or equal to 0',
        'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
      ],
    ],
    [
      'an unsupported completionMode',
      job({ completionMode: 'Sometimes' }),
      ['spec.completionMode: Unsupported value: "Sometimes": supported values: "NonIndexed", "Indexed"'],
    ],
    [
      'a user-written selector without manualSelector',
      job({ selector: { matchLabels: { app: 'x' } } }),
      [
        'spec.selector: Invalid value: {"matchLabels":{"app":"x"}}: `selector` not auto-generated',
        'spec.template.metadata.labels: Invalid value: {"batch.kubernetes.io/controller-uid":"u1","batch.kubernetes.io/job-name":"bad","controller-uid":"u1","job-name":"bad"}: `selector` does not match template `labels`',
      ],
    ],
    [
      'backoffLimitPerIndex without Indexed',
      job({ backoffLimitPerIndex: 1 }),
      ['spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode'],
    ],
  ])('%s', (_name, input, want) => {
    expect(validateJob(input).map(formatFieldError)).toEqual(want);
  });
});

describe('a hostile bad value costs its bound, not its size', () => {
  test('a sparse array of length 2^32 - 1', () => {
    const a: unknown[] = [];
    a.length = 2 ** 32 - 1;
    a[7] = {};
    const t0 = performance.now();
    const line = formatFieldError(invalid('spec.template.spec.containers', a, 'must be a list'));
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(line.startsWith('spec.template.spec.containers: Invalid value: [null,null,null,null,null,null,null,{}')).toBe(true);
  });
});
