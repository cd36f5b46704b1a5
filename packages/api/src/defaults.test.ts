// withJobDefaults against upstream's TestSetDefaultJob table (pkg/apis/batch/v1/defaults_test.go,
// newest stored version). Upstream ran most rows with JobPodReplacementPolicy off; the gate is GA
// and locked on since 1.34, so every row here also expects the podReplacementPolicy default.
import type { Job, JobSpec } from './types.js';
import { withJobDefaults } from './defaults.js';

const defaultLabels = { default: 'default' };
const template = { metadata: { labels: defaultLabels } };
const jobWith = (spec: Partial<JobSpec>, labels?: Record<string, string>): Job => ({
  metadata: labels ? { labels } : {},
  spec: { template, ...spec },
});
const allDefaults = {
  completions: 1,
  parallelism: 1,
  backoffLimit: 6,
  completionMode: 'NonIndexed',
  suspend: false,
  podReplacementPolicy: 'TerminatingOrFailed',
  manualSelector: false,
};

const cases: ReadonlyArray<{ name: string; original: Job; expected: Partial<JobSpec>; expectLabels: boolean }> = [
  {
    name: 'Pod failure policy with some field values unspecified -> set default values',
    original: jobWith({
      podFailurePolicy: {
        rules: [
          {
            action: 'FailJob',
            onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }, { type: 'MemoryLimitExceeded', status: 'False' }, { type: 'DiskLimitExceeded' }],
          },
          { action: 'FailJob', onExitCodes: { operator: 'In', values: [1] } },
          { action: 'FailJob', onPodConditions: [{ type: 'DisruptionTarget' }] },
        ],
      },
    }),
    expected: {
      ...allDefaults,
      podReplacementPolicy: 'Failed',
      podFailurePolicy: {
        rules: [
          {
            action: 'FailJob',
            onPodConditions: [
              { type: 'DisruptionTarget', status: 'True' },
              { type: 'MemoryLimitExceeded', status: 'False' },
              { type: 'DiskLimitExceeded', status: 'True' },
            ],
          },
          { action: 'FailJob', onExitCodes: { operator: 'In', values: [1] } },
          { action: 'FailJob', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
        ],
      },
    },
    expectLabels: true,
  },
  {
    name: 'Pod failure policy and defaulting for pod replacement policy',
    original: jobWith({ podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [1] } }] } }),
    expected: {
      ...allDefaults,
      podReplacementPolicy: 'Failed',
      podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [1] } }] },
    },
    expectLabels: true,
  },
  { name: 'All unspecified and podReplacementPolicyEnabled -> sets all to default values', original: jobWith({}), expected: allDefaults, expectLabels: true },
  { name: 'All unspecified -> sets all to default values', original: jobWith({}), expected: allDefaults, expectLabels: true },
  { name: 'suspend set, everything else is defaulted', original: jobWith({ suspend: true }), expected: { ...allDefaults, suspend: true }, expectLabels: true },
  {
    name: 'All unspecified -> all pointers are defaulted and no default labels',
    original: jobWith({}, { mylabel: 'myvalue' }),
    expected: allDefaults,
    expectLabels: false,
  },
  {
    name: 'WQ: Parallelism explicitly 0 and completions unset -> BackoffLimit is defaulted',
    original: jobWith({ parallelism: 0 }),
    expected: { ...allDefaults, completions: undefined, parallelism: 0 },
    expectLabels: true,
  },
  {
    name: 'WQ: Parallelism explicitly 2 and completions unset -> BackoffLimit is defaulted',
    original: jobWith({ parallelism: 2 }),
    expected: { ...allDefaults, completions: undefined, parallelism: 2 },
    expectLabels: true,
  },
  {
    name: 'Completions explicitly 2 and others unset -> parallelism and BackoffLimit are defaulted',
    original: jobWith({ completions: 2 }),
    expected: { ...allDefaults, completions: 2 },
    expectLabels: true,
  },
  {
    name: 'BackoffLimit explicitly 5 and others unset -> parallelism and completions are defaulted',
    original: jobWith({ backoffLimit: 5 }),
    expected: { ...allDefaults, backoffLimit: 5 },
    expectLabels: true,
  },
  {
    name: 'All set -> no change',
    original: jobWith({
      completions: 8,
      parallelism: 9,
      backoffLimit: 10,
      completionMode: 'NonIndexed',
      suspend: false,
      podReplacementPolicy: 'TerminatingOrFailed',
      manualSelector: false,
    }),
    expected: {
      completions: 8,
      parallelism: 9,
      backoffLimit: 10,
      completionMode: 'NonIndexed',
      suspend: false,
      podReplacementPolicy: 'TerminatingOrFailed',
      manualSelector: false,
    },
    expectLabels: true,
  },
  {
    name: 'All set, flipped -> no change',
    original: jobWith({
      completions: 11,
      parallelism: 10,
      backoffLimit: 9,
      completionMode: 'Indexed',
      suspend: true,
      podReplacementPolicy: 'Failed',
      manualSelector: true,
    }),
    expected: {
      completions: 11,
      parallelism: 10,
      backoffLimit: 9,
      completionMode: 'Indexed',
      suspend: true,
      podReplacementPolicy: 'Failed',
      manualSelector: true,
    },
    expectLabels: true,
  },
  {
    name: 'BackoffLimitPerIndex specified, but no BackoffLimit -> default BackoffLimit to max int32',
    original: jobWith({ completions: 11, parallelism: 10, backoffLimitPerIndex: 1, completionMode: 'Indexed', suspend: true, manualSelector: false }),
    expected: { ...allDefaults, completions: 11, parallelism: 10, backoffLimit: 2147483647, backoffLimitPerIndex: 1, completionMode: 'Indexed', suspend: true },
    expectLabels: true,
  },
  {
    name: 'BackoffLimitPerIndex and BackoffLimit specified -> no change',
    original: jobWith({
      completions: 11,
      parallelism: 10,
      backoffLimit: 3,
      backoffLimitPerIndex: 1,
      completionMode: 'Indexed',
      suspend: true,
      manualSelector: true,
    }),
    expected: {
      ...allDefaults,
      completions: 11,
      parallelism: 10,
      backoffLimit: 3,
      backoffLimitPerIndex: 1,
      completionMode: 'Indexed',
      suspend: true,
      manualSelector: true,
    },
    expectLabels: true,
  },
];

describe('TestSetDefaultJob', () => {
  test.each(cases)('$name', ({ original, expected, expectLabels }) => {
    const before = JSON.stringify(original);
    const actual = withJobDefaults(original);
    for (const [field, want] of Object.entries(expected)) {
      expect([field, actual.spec[field as keyof JobSpec]]).toEqual([field, want]);
    }
    if (!('podFailurePolicy' in expected)) expect(actual.spec.podFailurePolicy).toEqual(original.spec.podFailurePolicy);
    expect(JSON.stringify(actual.metadata.labels) === JSON.stringify(actual.spec.template.metadata?.labels)).toBe(expectLabels);
    expect(JSON.stringify(original)).toBe(before); // pure
  });

  test('template without labels leaves job labels alone', () => {
    const actual = withJobDefaults({ metadata: {}, spec: { template: {} } });
    expect(actual.metadata.labels).toBeUndefined();
  });

  test('empty job labels take the template labels', () => {
    const actual = withJobDefaults({ metadata: { labels: {} }, spec: { template } });
    expect(actual.metadata.labels).toEqual(defaultLabels);
  });
});
