import type { Job, JobCondition } from '@jobkit/api';
import { ttlAfterFinished, type TtlDecision } from './ttlAfterFinished.js';

const NOW = new Date('2026-01-01T00:10:00Z');
const cond = (type: string, status: string, at?: string): JobCondition =>
  ({ type, status, ...(at !== undefined ? { lastTransitionTime: at } : {}) }) as JobCondition;

function job(ttl: unknown, conditions: JobCondition[], deleting = false): Job {
  return {
    metadata: { name: 'j', namespace: 'ns', ...(deleting ? { deletionTimestamp: '2026-01-01T00:09:00Z' } : {}) },
    spec: { template: {}, ...(ttl !== undefined ? { ttlSecondsAfterFinished: ttl } : {}) },
    status: { conditions },
  } as unknown as Job;
}

// Cases after ttlafterfinished_controller_test.go's TestTimeLeft and processTTL's early returns.
const cases: { name: string; job: Job; want: TtlDecision }[] = [
  { name: 'no TTL', job: job(undefined, [cond('Complete', 'True', '2026-01-01T00:00:00Z')]), want: { kind: 'none' } },
  { name: 'not finished', job: job(60, [cond('Suspended', 'True', '2026-01-01T00:00:00Z')]), want: { kind: 'none' } },
  { name: 'Complete=False does not finish', job: job(60, [cond('Complete', 'False', '2026-01-01T00:00:00Z')]), want: { kind: 'none' } },
  { name: 'being deleted', job: job(0, [cond('Complete', 'True', '2026-01-01T00:00:00Z')], true), want: { kind: 'none' } },
  {
    name: 'Complete, TTL not yet run out',
    job: job(900, [cond('Complete', 'True', '2026-01-01T00:00:00Z')]),
    want: { kind: 'wait', afterMs: 300_000, expiresAt: Date.parse('2026-01-01T00:15:00Z') },
  },
  {
    name: 'Failed, TTL run out exactly now',
    job: job(600, [cond('Failed', 'True', '2026-01-01T00:00:00Z')]),
    want: { kind: 'delete', expiresAt: NOW.getTime() },
  },
  {
    name: 'TTL 0 deletes at once',
    job: job(0, [cond('Complete', 'True', '2026-01-01T00:09:59Z')]),
    want: { kind: 'delete', expiresAt: Date.parse('2026-01-01T00:09:59Z') },
  },
  {
    name: 'the first finishing condition counts',
    job: job(60, [cond('Complete', 'True', '2026-01-01T00:09:30Z'), cond('Failed', 'True', '2026-01-01T00:00:00Z')]),
    want: { kind: 'wait', afterMs: 30_000, expiresAt: Date.parse('2026-01-01T00:10:30Z') },
  },
  {
    name: 'finished in the future (clock skew): waits the whole remainder',
    job: job(10, [cond('Complete', 'True', '2026-01-01T00:20:00Z')]),
    want: { kind: 'wait', afterMs: 610_000, expiresAt: Date.parse('2026-01-01T00:20:10Z') },
  },
  {
    name: 'no transition time: an error, as upstream',
    job: job(10, [cond('Complete', 'True')]),
    want: { kind: 'error', message: 'unable to find the time when the Job ns/j finished' },
  },
  {
    name: 'a TTL of the wrong type names the field',
    job: job('60', [cond('Complete', 'True', '2026-01-01T00:00:00Z')]),
    want: { kind: 'error', message: 'spec.ttlSecondsAfterFinished: Invalid value: "60": must be an int32 ≥ 0' },
  },
  {
    name: 'the largest int32 TTL',
    job: job(2 ** 31 - 1, [cond('Complete', 'True', '2026-01-01T00:10:00Z')]),
    want: { kind: 'wait', afterMs: (2 ** 31 - 1) * 1000, expiresAt: NOW.getTime() + (2 ** 31 - 1) * 1000 },
  },
];

describe('ttlAfterFinished', () => {
  test.each(cases)('$name', ({ job, want }) => {
    expect(ttlAfterFinished(job, NOW)).toEqual(want);
  });
});
