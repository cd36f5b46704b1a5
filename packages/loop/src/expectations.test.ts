import { ExpectationsTimeoutMs, FinalizerExpectations, PodExpectations } from './expectations.js';

describe('PodExpectations', () => {
  test.each([
    { name: 'no record', setup: () => undefined, now: 0, satisfied: true },
    { name: 'creations outstanding', setup: (e: PodExpectations) => e.expectCreations('k', 2, 0), now: 0, satisfied: false },
    {
      name: 'creations all observed',
      setup: (e: PodExpectations) => {
        e.expectCreations('k', 2, 0);
        e.creationObserved('k');
        e.creationObserved('k');
      },
      now: 0,
      satisfied: true,
    },
    {
      name: 'deletions outstanding',
      setup: (e: PodExpectations) => {
        e.expectDeletions('k', 1, 0);
      },
      now: 0,
      satisfied: false,
    },
    { name: 'expired after five minutes', setup: (e: PodExpectations) => e.expectCreations('k', 2, 0), now: ExpectationsTimeoutMs + 1, satisfied: true },
    { name: 'not yet expired at five minutes', setup: (e: PodExpectations) => e.expectCreations('k', 2, 0), now: ExpectationsTimeoutMs, satisfied: false },
  ])('$name', ({ setup, now, satisfied }) => {
    const e = new PodExpectations();
    setup(e);
    expect(e.satisfied('k', now)).toBe(satisfied);
  });
});

describe('FinalizerExpectations', () => {
  test('UIDs stay pending until observed', () => {
    const e = new FinalizerExpectations();
    e.expectRemovals('k', ['a', 'b']);
    e.removalObserved('k', 'a');
    expect(e.pending('k')).toEqual(['b']);
    e.removalObserved('k', 'b');
    expect(e.pending('k')).toEqual([]);
    expect(e.pending('other')).toEqual([]);
  });
});
