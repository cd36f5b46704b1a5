import { emptyIntervals } from '@jobkit/indexes';
import { getCompletionIndex } from '@jobkit/indexes';
import { activePodsForRemoval, sortByCompletionIndex } from './indexedJob.js';
import type { SyncCtx } from './internal/context.js';
import { newPod } from './__tests__/builders.js';

const ctx = (completions: number) => ({ indexed: true, completions, indexOf: getCompletionIndex, succeededIndexes: emptyIntervals }) as unknown as SyncCtx;
const names = (ps: { metadata: { name?: string } }[]) => ps.map((p) => p.metadata.name);

describe('sortByCompletionIndex', () => {
  test('unknown first, ascending, ties in input order', () => {
    const pods = [newPod('b2', { index: 2 }), newPod('none'), newPod('a0', { index: 0 }), newPod('c2', { index: 2 }), newPod('bad', { annotations: { 'batch.kubernetes.io/job-completion-index': 'x' } })];
    expect(names(sortByCompletionIndex(ctx(5), pods))).toEqual(['none', 'bad', 'a0', 'b2', 'c2']);
  });
  test('huge indexes fall back to the comparator', () => {
    const pods = [newPod('big', { index: 2 ** 40 }), newPod('small', { index: 1 })];
    expect(names(sortByCompletionIndex(ctx(5), pods))).toEqual(['small', 'big']);
  });
});

describe('activePodsForRemoval (indexed)', () => {
  test('keeps the best pod of a duplicated index and removes the rest', () => {
    const pods = [newPod('p', { index: 1, phase: 'Pending' }), newPod('r', { index: 1, nodeName: 'n', ready: true }), newPod('u', { index: 1, phase: 'Unknown', nodeName: 'n' })];
    expect(names(activePodsForRemoval(ctx(3), pods, 0))).toEqual(['p', 'u']);
  });
  test('nothing to remove when indexes are valid and unique', () => {
    expect(activePodsForRemoval(ctx(3), [newPod('a', { index: 0 }), newPod('b', { index: 2 })], 0)).toEqual([]);
  });
  test('limit cuts the list', () => {
    const pods = [newPod('x', { index: 7 }), newPod('y', { index: 8 }), newPod('z', { index: 9 })];
    expect(names(activePodsForRemoval(ctx(3), pods, 0, 2))).toEqual(['x', 'y']);
  });
});
