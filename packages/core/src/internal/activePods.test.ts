import { firstActivePods, sortActivePods } from './activePods.js';
import { newPod } from '../__tests__/builders.js';

const names = (ps: { metadata: { name?: string } }[]) => ps.map((p) => p.metadata.name);

describe('ActivePods order (controller_utils.go): first to delete first', () => {
  const cases = [
    { name: 'unassigned before assigned', pods: [newPod('assigned', { nodeName: 'n1' }), newPod('unassigned')], want: ['unassigned', 'assigned'] },
    {
      name: 'Pending < Unknown < Running',
      pods: [
        newPod('running', { nodeName: 'n' }),
        newPod('unknown', { phase: 'Unknown', nodeName: 'n' }),
        newPod('pending', { phase: 'Pending', nodeName: 'n' }),
      ],
      want: ['pending', 'unknown', 'running'],
    },
    { name: 'not ready before ready', pods: [newPod('ready', { ready: true }), newPod('notready', { ready: false })], want: ['notready', 'ready'] },
    { name: 'more restarts first', pods: [newPod('few', { restarts: 1 }), newPod('many', { restarts: 5 })], want: ['many', 'few'] },
    {
      name: 'newer before older, empty creation time first',
      pods: [newPod('old', { created: '2026-01-01T00:00:00Z' }), newPod('new', { created: '2026-01-02T00:00:00Z' }), newPod('none')],
      want: ['none', 'new', 'old'],
    },
    { name: 'ties keep input order', pods: [newPod('x'), newPod('y'), newPod('z')], want: ['x', 'y', 'z'] },
  ];
  test.each(cases)('$name', ({ pods, want }) => {
    expect(names(sortActivePods(pods))).toEqual(want);
  });
  test('ready for a shorter time first', () => {
    const at = (name: string, t: string) => ({
      ...newPod(name),
      status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: t }] },
    });
    expect(names(sortActivePods([at('long', '2026-01-01T00:00:00Z'), at('short', '2026-01-01T01:00:00Z')]))).toEqual(['short', 'long']);
  });
});

describe('firstActivePods', () => {
  test('equals the first k of the full sort', () => {
    const fc = require('fast-check') as typeof import('fast-check');
    const pod = fc
      .record({
        node: fc.constantFrom('', 'n1', 'n2'),
        phase: fc.constantFrom('Pending', 'Running', 'Unknown'),
        ready: fc.boolean(),
        restarts: fc.integer({ min: 0, max: 2 }),
        created: fc.constantFrom(undefined, '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'),
      })
      .map((o) => o);
    fc.assert(
      fc.property(fc.array(pod, { maxLength: 60 }), fc.nat({ max: 70 }), (specs, k) => {
        const pods = specs.map((o, i) =>
          newPod(`p${i}`, { nodeName: o.node, phase: o.phase, ready: o.ready, restarts: o.restarts, ...(o.created ? { created: o.created } : {}) }),
        );
        expect(names(firstActivePods(pods, k))).toEqual(names(sortActivePods(pods).slice(0, k)));
      }),
    );
  });
});
