// The logs part of `jobkit run`'s summary: which failed pods show their last lines, and how a
// log's end is cut.
import type { Pod } from '@jobkit/api';
import { failedPodsToShow, lastLines } from './runLogs.js';

describe('lastLines', () => {
  test.each([
    ['shorter than n', { text: 'a\nb\n', cut: false }, 3, 'a\nb\n'],
    ['longer: the lines before are counted', { text: '1\n2\n3\n4\n5\n', cut: false }, 2, '[… 3 lines before these …]\n4\n5\n'],
    ['one line before', { text: '1\n2\n3\n', cut: false }, 2, '[… 1 line before these …]\n2\n3\n'],
    ['no final newline', { text: 'a\nb', cut: false }, 5, 'a\nb\n'],
    ['read from an offset: more came before', { text: 'x\ny\n', cut: true }, 5, '[… more lines before these …]\nx\ny\n'],
    ['an empty log', { text: '', cut: false }, 5, '(empty)\n'],
  ])('%s', (_name, read, n, text) => {
    expect(lastLines(read, n)).toBe(text);
  });
});

describe('failedPodsToShow', () => {
  const pod = (name: string, phase: string, deleted = false): Pod =>
    ({ metadata: { name, ...(deleted ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) }, status: { phase } }) as Pod;
  const names = (r: { shown: readonly Pod[] }) => r.shown.map((p) => p.metadata.name);
  test.each([
    [
      'the last three failed, oldest first',
      [pod('a', 'Failed'), pod('b', 'Failed'), pod('c', 'Succeeded'), pod('d', 'Failed'), pod('e', 'Failed')],
      false,
      ['b', 'd', 'e'],
      4,
    ],
    ['pods the controller deleted are left out', [pod('a', 'Failed'), pod('b', 'Failed', true)], false, ['a'], 1],
    ['a completed Job: its deleted leftovers are no failures', [pod('a', 'Succeeded'), pod('b', 'Failed', true)], true, [], 0],
    ['a failed Job whose only failed pods were deleted (a deadline): those', [pod('a', 'Failed', true)], false, ['a'], 1],
    ['nothing failed', [pod('a', 'Succeeded')], true, [], 0],
  ])('%s', (_name, pods, completed, shown, of) => {
    const r = failedPodsToShow(pods, completed);
    expect(names(r)).toEqual(shown);
    expect(r.of).toBe(of);
  });
});
