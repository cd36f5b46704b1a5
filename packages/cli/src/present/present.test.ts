// How the CLI presents a run: durations, the timeline, the describe block.
import type { Job } from '@jobkit/api';
import { parseScript, simulate } from '@jobkit/sim';
import { defaultController } from '@jobkit/loop';
import { capIndexes, describeJob, rfc1123z } from './describe.js';
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

describe('describe helpers', () => {
  test.each<[string, string, number, string]>([
    ['UTC', '2026-01-01T00:00:00Z', 0, 'Thu, 01 Jan 2026 00:00:00 +0000'],
    ['east of UTC, the next day there', '2026-01-01T20:30:05Z', 5 * 60 + 30, 'Fri, 02 Jan 2026 02:00:05 +0530'],
    ['west of UTC', '2006-01-02T22:04:05Z', -7 * 60, 'Mon, 02 Jan 2006 15:04:05 -0700'],
  ])('rfc1123z: %s', (_name, time, offset, want) => expect(rfc1123z(Date.parse(time), offset)).toBe(want));

  test.each<[string, string | undefined, string]>([
    ['none', '', '<none>'],
    ['absent', undefined, '<none>'],
    ['short', '0-3,7', '0-3,7'],
    [
      'cut after the interval that passes 50 characters',
      Array.from({ length: 30 }, (_, i) => String(i * 2)).join(','),
      '0,2,4,6,8,10,12,14,16,18,20,22,24,26,28,30,32,34,36,...',
    ],
  ])('capIndexes: %s', (_name, indexes, want) => expect(capIndexes(indexes)).toBe(want));
});

describe('describeJob: kubectl describe job', () => {
  // The text below is what kubectl v0.37.2's JobDescriber printed for the same Job and events
  // (fake clientset, TZ=UTC), plus jobkit's Conditions and Pods blocks.
  const sample: Job = {
    metadata: { name: 'sample', namespace: 'default', uid: 'u1', labels: { app: 'sample' }, annotations: { owner: 'batch-team' } },
    spec: {
      completions: 2,
      parallelism: 2,
      completionMode: 'Indexed',
      backoffLimit: 1,
      template: {
        metadata: { labels: { app: 'sample' } },
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'work',
              image: 'busybox:1.36',
              command: ['sh', '-c', 'echo $JOB_COMPLETION_INDEX'],
              env: [
                { name: 'MODE', value: 'fast' },
                { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
              ],
              volumeMounts: [{ name: 'scratch', mountPath: '/scratch' }],
            },
          ],
          volumes: [{ name: 'scratch', emptyDir: {} }],
          tolerations: [{ key: 'batch', operator: 'Exists', effect: 'NoSchedule' }],
        },
      },
    },
  };
  const script = parseScript({ default: { duration: '3s' }, indexes: { 1: [{ exitCode: 1 }, { exitCode: 0 }] } });
  if (!script.ok) throw new Error('script');

  test('fields, order, times, ages and alignment', () => {
    const r = simulate(sample, script.script, { controller: defaultController });
    const start = Date.parse(r.job.metadata.creationTimestamp!);
    const text = describeJob({ job: r.job, pods: r.pods, events: r.events, nowMs: start + r.elapsedMs, startMs: start, utcOffsetMinutes: () => 0 });
    expect(text.split('\n')).toEqual([
      'Name:               sample',
      'Namespace:          default',
      'Selector:           batch.kubernetes.io/controller-uid=00000000-0000-4000-8000-000000000001',
      'Labels:             app=sample',
      'Annotations:        owner: batch-team',
      'Parallelism:        2',
      'Completions:        2',
      'Completion Mode:    Indexed',
      'Suspend:            false',
      'Backoff Limit:      1',
      'Start Time:         Thu, 01 Jan 2026 00:00:00 +0000',
      'Completed At:       Thu, 01 Jan 2026 00:00:08 +0000',
      'Duration:           8s',
      'Pods Statuses:      0 Active (0 Ready) / 2 Succeeded / 1 Failed',
      'Completed Indexes:  0,1',
      'Conditions:',
      '  Type                Status  Reason              Message',
      '  ----                ------  ------              -------',
      '  SuccessCriteriaMet  True    CompletionsReached  Reached expected number of succeeded pods',
      '  Complete            True    CompletionsReached  Reached expected number of succeeded pods',
      'Pods:',
      '  Name            Index  Phase      Exit Codes  Restarts  Notes',
      '  ----            -----  -----      ----------  --------  -----',
      '  sample-0-cdn6r  0      Succeeded  0           0',
      '  sample-1-dg2zb  1      Failed     1           0',
      '  sample-1-fjfvs  1      Succeeded  0           0',
      'Pod Template:',
      '  Labels:  app=sample',
      '           batch.kubernetes.io/controller-uid=00000000-0000-4000-8000-000000000001',
      '           batch.kubernetes.io/job-name=sample',
      '           controller-uid=00000000-0000-4000-8000-000000000001',
      '           job-name=sample',
      '  Containers:',
      '   work:',
      '    Image:      busybox:1.36',
      '    Port:       <none>',
      '    Host Port:  <none>',
      '    Command:',
      '      sh',
      '      -c',
      '      echo $JOB_COMPLETION_INDEX',
      '    Environment:',
      '      MODE:      fast',
      '      POD_NAME:   (v1:metadata.name)',
      '    Mounts:',
      '      /scratch from scratch (rw)',
      '  Volumes:',
      '   scratch:',
      "    Type:          EmptyDir (a temporary directory that shares a pod's lifetime)",
      '    Medium:',
      '    SizeLimit:     <unset>',
      '  Node-Selectors:  <none>',
      '  Tolerations:     batch:NoSchedule op=Exists',
      'Events:',
      '  Type    Reason            Age   From            Message',
      '  ----    ------            ----  ----            -------',
      '  Normal  SuccessfulCreate  8s    job-controller  Created pod: sample-0-cdn6r',
      '  Normal  SuccessfulCreate  8s    job-controller  Created pod: sample-1-dg2zb',
      '  Normal  SuccessfulCreate  4s    job-controller  Created pod: sample-1-fjfvs',
      '  Normal  Completed         0s    job-controller  Job completed',
    ]);
  });

  test('Start Time in the given zone; no Duration before the Job completes', () => {
    const job: Job = { ...sample, status: { startTime: '2026-01-01T00:00:00Z', active: 1, ready: 0 } };
    const text = describeJob({ job, pods: [], events: [], nowMs: 0, startMs: 0, utcOffsetMinutes: () => 60 });
    expect(text).toMatch(/^Start Time: +Thu, 01 Jan 2026 01:00:00 \+0100$/m);
    expect(text).not.toMatch(/^(Completed At|Duration):/m);
    expect(text).toMatch(/^Pods Statuses: +1 Active \(0 Ready\) \/ 0 Succeeded \/ 0 Failed$/m);
    expect(text).toMatch(/^ {2}Tolerations: +batch:NoSchedule op=Exists\nEvents: +<none>$/m);
  });
});
