// How the CLI presents a run: durations, the timeline, the describe block.
import type { Job } from '@jobkit/api';
import { parseScript, simulate } from '@jobkit/sim';
import { defaultController } from '@jobkit/loop';
import { describeJob } from './describe.js';
import { formatDuration } from './duration.js';
import { renderTimeline } from './timeline.js';

describe('formatDuration', () => {
  test.each([
    ['under a second', 850, '850ms'],
    ['whole seconds', 12_000, '12s'],
    ['minutes and seconds', 65_000, '1m5s'],
    ['hours and minutes', 7_260_000, '2h1m'],
  ])('%s', (_name, ms, want) => expect(formatDuration(ms)).toBe(want));
});

describe('a simulated run, presented', () => {
  const job: Job = {
    metadata: { name: 'one', namespace: 'default', uid: 'u1' },
    spec: { completions: 1, parallelism: 1, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'x' }] } } },
  };
  const parsed = parseScript({ default: { duration: '2s' } });
  if (!parsed.ok) throw new Error('script');
  const run = () => simulate(job, parsed.script, { controller: defaultController });

  test('the timeline text is deterministic', () => {
    expect(renderTimeline(run().timeline)).toBe(renderTimeline(run().timeline));
    expect(renderTimeline(run().timeline)).toMatch(/^ +0\.000s {2}sync #1$/m);
  });

  test('describe shows the pod counts and the condition', () => {
    const r = run();
    const text = describeJob({
      job: r.job,
      pods: r.pods,
      events: r.events,
      nowMs: Date.parse('2026-01-01T00:00:03Z'),
      startMs: Date.parse('2026-01-01T00:00:00Z'),
    });
    expect(text).toMatch(/Pods Statuses: +0 Active \(0 Ready\) \/ 1 Succeeded \/ 0 Failed/);
    expect(text).toMatch(/Complete +True +CompletionsReached/);
  });
});
