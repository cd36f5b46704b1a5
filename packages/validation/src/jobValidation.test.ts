import type { Job } from '@jobkit/api';
import { managedByErrors, validateJob } from './jobValidation.js';

const labels = {
  'batch.kubernetes.io/controller-uid': 'u1',
  'controller-uid': 'u1',
  'batch.kubernetes.io/job-name': 'pi',
  'job-name': 'pi',
};
const withSpec = (spec: Record<string, unknown>): Job =>
  ({
    metadata: { name: 'pi', namespace: 'default', uid: 'u1' },
    spec: {
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u1' } },
      template: { metadata: { labels: { ...labels } }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } },
      ...spec,
    },
  }) as Job;
const pairs = (errs: Array<{ type: string; field: string }>) => errs.map((e) => `${e.type} ${e.field}`);

describe('validateJob: activeDeadlineSeconds is an int64 (Go decodes any integer below 2^63)', () => {
  test.each<[string, unknown, string[]]>([
    ['1', 1, []],
    ['above int32', 4294967296, []],
    ['2^53 - 1', Number.MAX_SAFE_INTEGER, []],
    ['2^53 (first unsafe integer)', 2 ** 53, []],
    ['2^53 + 2', 2 ** 53 + 2, []],
    // The first value whose seconds overflow int64 nanoseconds upstream (a known divergence of the controller, not of validation).
    ['9223372037', 9223372037, []],
    ['largest double below 2^63', 9223372036854774784, []],
    // JSON.parse('9223372036854775807') gives 2^63: the int64 codec and validation refuse it alike.
    ['2^63 (int64 max as JSON.parse reads it)', 2 ** 63, ['FieldValueInvalid spec.activeDeadlineSeconds']],
    ['1e300', 1e300, ['FieldValueInvalid spec.activeDeadlineSeconds']],
    ['a fraction', 1.5, ['FieldValueInvalid spec.activeDeadlineSeconds']],
    ['Infinity', Infinity, ['FieldValueInvalid spec.activeDeadlineSeconds']],
    ['NaN', NaN, ['FieldValueInvalid spec.activeDeadlineSeconds']],
    ['a string', '30', ['FieldValueInvalid spec.activeDeadlineSeconds']],
    ['negative', -1, ['FieldValueInvalid spec.activeDeadlineSeconds']],
    ['0 is allowed (non-negative)', 0, []],
  ])('%s', (_name, ads, want) => {
    expect(pairs(validateJob(withSpec({ activeDeadlineSeconds: ads })))).toEqual(want);
  });

  test('the message names the int64 range for a value beyond it', () => {
    const [e] = validateJob(withSpec({ activeDeadlineSeconds: 2 ** 64 }));
    expect(e).toMatchObject({ type: 'FieldValueInvalid', field: 'spec.activeDeadlineSeconds', detail: expect.stringContaining('64-bit integer') });
  });
});

describe('managedByErrors', () => {
  test.each([
    { name: 'a domain-prefixed path', value: 'jobkit.io/controller', errors: 0 },
    { name: 'the built-in name', value: 'kubernetes.io/job-controller', errors: 0 },
    { name: 'empty', value: '', errors: 1 },
    { name: 'no domain', value: 'controller', errors: 1 },
    { name: 'over 63 characters', value: `example.com/${'x'.repeat(60)}`, errors: 1 },
  ])('$name', ({ value, errors }) => {
    expect(managedByErrors(value)).toHaveLength(errors);
    // The same verdict as on a Job.
    const job = {
      metadata: { name: 'j', namespace: 'ns' },
      spec: { managedBy: value, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'x' }] } } },
    };
    expect(validateJob(job as never).filter((e) => e.field === 'spec.managedBy').length > 0).toBe(errors > 0);
  });
});

describe('validateJob: ranges decoding leaves to validation (Go decodes any int32 / int64)', () => {
  const template = (podSpec: Record<string, unknown>) => ({
    template: {
      metadata: { labels: { ...labels } },
      spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }], ...podSpec },
    },
  });
  test.each<[string, Record<string, unknown>, string[]]>([
    ['negative completions', { completions: -1 }, ['FieldValueInvalid spec.completions']],
    [
      'negative parallelism and backoffLimit',
      { parallelism: -1, backoffLimit: -6 },
      ['FieldValueInvalid spec.parallelism', 'FieldValueInvalid spec.backoffLimit'],
    ],
    ['negative ttlSecondsAfterFinished', { ttlSecondsAfterFinished: -1 }, ['FieldValueInvalid spec.ttlSecondsAfterFinished']],
    // ValidatePodSpec: a pod template's activeDeadlineSeconds lies in 1..2^31-1.
    ['template activeDeadlineSeconds 0', template({ activeDeadlineSeconds: 0 }), ['FieldValueInvalid spec.template.spec.activeDeadlineSeconds']],
    ['template activeDeadlineSeconds -5', template({ activeDeadlineSeconds: -5 }), ['FieldValueInvalid spec.template.spec.activeDeadlineSeconds']],
    ['template activeDeadlineSeconds 2^31', template({ activeDeadlineSeconds: 2 ** 31 }), ['FieldValueInvalid spec.template.spec.activeDeadlineSeconds']],
    ['template activeDeadlineSeconds 1 and 2^31-1', template({ activeDeadlineSeconds: 2 ** 31 - 1 }), []],
    // Pod defaulting turns a negative grace period into 1 s; validation accepts it in a template.
    ['template terminationGracePeriodSeconds -1', template({ terminationGracePeriodSeconds: -1 }), []],
  ])('%s', (_name, spec, want) => {
    expect(pairs(validateJob(withSpec(spec)))).toEqual(want);
  });
});
