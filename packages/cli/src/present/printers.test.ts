// kubectl's printers for -o: selector text, the Job row of `kubectl get jobs`, name and yaml.
// Expected rows were checked against kubectl v0.37.2's table printer on the same Jobs.
import type { Job, JobStatus, LabelSelector } from '@jobkit/api';
import { parse } from 'yaml';
import { formatLabelSelector, jobRow, jobStatusText, jobTable, noPrinterMessage, printOutput, selectorText } from './printers.js';

const t0 = Date.parse('2026-01-01T00:00:00Z');

function job(spec: Partial<Job['spec']> = {}, status: JobStatus = {}, meta: Partial<Job['metadata']> = {}): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi', namespace: 'default', creationTimestamp: '2026-01-01T00:00:00Z', ...meta },
    spec: {
      completions: 1,
      parallelism: 1,
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u' } },
      template: { spec: { containers: [{ name: 'pi', image: 'perl:5.34.0' }] } },
      ...spec,
    },
    status,
  };
}

describe('selectorText (labels.Selector String)', () => {
  test.each<[string, LabelSelector | undefined, string]>([
    ['absent', undefined, ''],
    ['empty', {}, ''],
    ['matchLabels sorted by key', { matchLabels: { b: '2', a: '1' } }, 'a=1,b=2'],
    [
      'every operator, values sorted',
      {
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['b', 'a'] },
          { key: 'env', operator: 'NotIn', values: ['prod'] },
          { key: 'zz', operator: 'DoesNotExist' },
          { key: 'aa', operator: 'Exists' },
        ],
      },
      'aa,env notin (prod),tier in (a,b),!zz',
    ],
  ])('%s', (_name, selector, want) => expect(selectorText(selector)).toBe(want));

  test('formatLabelSelector: <none> when empty, <error> when invalid', () => {
    expect(formatLabelSelector({})).toBe('<none>');
    expect(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Near' }] })).toBe('<error>');
  });
});

describe('kubectl get jobs', () => {
  const cond = (type: string) => ({ conditions: [{ type, status: 'True' }] });
  test.each<[string, JobStatus, Partial<Job['metadata']>, string]>([
    ['no condition: Running', {}, {}, 'Running'],
    ['Complete', cond('Complete'), {}, 'Complete'],
    ['Failed', cond('Failed'), {}, 'Failed'],
    ['deleting, not finished: Terminating', cond('Suspended'), { deletionTimestamp: '2026-01-01T00:01:00Z' }, 'Terminating'],
    ['Suspended', cond('Suspended'), {}, 'Suspended'],
    ['FailureTarget before Failed is written', cond('FailureTarget'), {}, 'FailureTarget'],
    ['SuccessCriteriaMet before Complete is written', cond('SuccessCriteriaMet'), {}, 'SuccessCriteriaMet'],
  ])('STATUS %s', (_name, status, meta, want) => expect(jobStatusText(job({}, status, meta))).toBe(want));

  test.each<[string, Partial<Job['spec']>, JobStatus, number, string[]]>([
    [
      'fixed completions, finished',
      {},
      { succeeded: 1, startTime: '2026-01-01T00:00:00Z', completionTime: '2026-01-01T00:00:02Z' },
      5_000,
      ['1/1', '2s', '5s'],
    ],
    ['not started: no duration', {}, {}, 65_000, ['0/1', '', '65s']],
    ['running: duration until now', {}, { startTime: '2026-01-01T00:00:00Z' }, 14 * 60_000, ['0/1', '14m', '14m']],
    ['work queue with parallelism', { completions: undefined, parallelism: 3 }, { succeeded: 1 }, 0, ['1/1 of 3', '', '0s']],
    ['work queue, one pod', { completions: undefined, parallelism: 1 }, {}, 0, ['0/1', '', '0s']],
  ])('%s', (_name, spec, status, afterMs, [completions, duration, age]) => {
    expect(jobRow(job(spec, status), t0 + afterMs, false)).toEqual(['pi', jobStatusText(job(spec, status)), completions, duration, age]);
  });

  test('-o wide: containers, images and selector; kubectl get widths', () => {
    const j = job({
      template: {
        spec: {
          containers: [
            { name: 'a', image: 'x:1' },
            { name: 'b', image: 'y:2' },
          ],
        },
      },
    });
    expect(jobTable([j], t0 + 3 * 86_400_000 + 3_600_000, true)).toBe(
      [
        'NAME   STATUS    COMPLETIONS   DURATION   AGE    CONTAINERS   IMAGES    SELECTOR',
        'pi     Running   0/1                      3d1h   a,b          x:1,y:2   batch.kubernetes.io/controller-uid=u',
        '',
      ].join('\n'),
    );
  });
});

describe('printOutput', () => {
  const j = job();
  test('name: job.batch/NAME', () => expect(printOutput('name', j, {}, t0)).toBe('job.batch/pi\n'));
  test('json: the document, indented', () => expect(printOutput('json', j, { a: [1] }, t0)).toBe('{\n  "a": [\n    1\n  ]\n}\n'));
  test('yaml: times and yes/no words stay strings for YAML 1.1 readers, shared objects are written out', () => {
    const shared = { image: 'perl' };
    const text = printOutput('yaml', j, { time: '2026-01-01T00:00:00Z', word: 'on', a: shared, b: shared }, t0);
    expect(text).toBe('time: "2026-01-01T00:00:00Z"\nword: "on"\na:\n  image: perl\nb:\n  image: perl\n');
    expect(parse(text)).toEqual({ time: '2026-01-01T00:00:00Z', word: 'on', a: shared, b: shared });
  });
  test("an unknown format: kubectl's message", () => {
    expect(noPrinterMessage('xml')).toBe('unable to match a printer suitable for the output format "xml", allowed formats are: json,name,wide,yaml');
  });
});
