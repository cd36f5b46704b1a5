// The pod fast path (podShapeOk) and the generic walk (podShapeError) give the same verdict.
import fc from 'fast-check';
import { podShapeError, podShapeOk } from './inputShape.js';

const junk = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 3 }),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
  fc.constant([null]),
  fc.constant({ a: 1 }),
);
const orJunk = <T>(good: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ weight: 4, arbitrary: good }, { weight: 1, arbitrary: junk });
const str = orJunk(fc.string({ maxLength: 4 }));
const int = orJunk(fc.integer({ min: -5, max: 5 }));
const map = orJunk(fc.dictionary(fc.constantFrom('a', 'b', '__proto__', 'constructor'), orJunk(fc.string({ maxLength: 2 })), { maxKeys: 3 }));
const list = <T>(item: fc.Arbitrary<T>): fc.Arbitrary<unknown> => orJunk(fc.array(orJunk(item), { maxLength: 3 }));
const containerStatus = fc.record(
  { name: str, restartCount: int, state: orJunk(fc.record({ terminated: orJunk(fc.record({ exitCode: int, finishedAt: str })) })) },
  { requiredKeys: [] },
);
const pod = fc.record(
  {
    metadata: fc.record(
      {
        name: str,
        generateName: str,
        namespace: str,
        uid: str,
        creationTimestamp: str,
        deletionTimestamp: str,
        deletionGracePeriodSeconds: int,
        labels: map,
        annotations: map,
        finalizers: list(fc.string({ maxLength: 2 })),
        ownerReferences: list(fc.record({ apiVersion: str, kind: str, name: str, uid: str, controller: orJunk(fc.boolean()) }, { requiredKeys: [] })),
      },
      { requiredKeys: [] },
    ),
    spec: orJunk(fc.record({ nodeName: str, initContainers: list(fc.record({ name: str, restartPolicy: str }, { requiredKeys: [] })) }, { requiredKeys: [] })),
    status: orJunk(
      fc.record(
        {
          phase: str,
          conditions: list(fc.record({ type: str, status: str, lastTransitionTime: str }, { requiredKeys: [] })),
          containerStatuses: list(containerStatus),
          initContainerStatuses: list(containerStatus),
        },
        { requiredKeys: [] },
      ),
    ),
  },
  { requiredKeys: ['metadata'] },
);

describe('pod shape check', () => {
  test('the fast path and the walk agree', () => {
    let refused = 0;
    fc.assert(
      fc.property(pod, (p) => {
        const ok = podShapeOk(p as Record<string, unknown>);
        const error = podShapeError(p as Record<string, unknown>, 'pods[0]');
        if (!ok) refused++;
        return ok === (error === undefined);
      }),
      { numRuns: 3000 },
    );
    expect(refused).toBeGreaterThan(100);
  });

  test.each([
    ['a null owner reference', { metadata: { ownerReferences: [null] } }, 'pods[0].metadata.ownerReferences[0]: Invalid value: must be an object'],
    [
      'a __proto__ label holding a number',
      { metadata: { labels: JSON.parse('{"__proto__": 1}') } },
      'pods[0].metadata.labels[__proto__]: Invalid value: must be a string',
    ],
    [
      'a sparse container status list',
      { metadata: {}, status: { containerStatuses: [, {}] } },
      'pods[0].status.containerStatuses[0]: Invalid value: must be an object',
    ],
  ])('%s', (_name, p, error) => {
    expect(podShapeOk(p as Record<string, unknown>)).toBe(false);
    expect(podShapeError(p as Record<string, unknown>, 'pods[0]')).toBe(error);
  });
});
