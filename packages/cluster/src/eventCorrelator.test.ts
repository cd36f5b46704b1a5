import { CombinedPrefix, EventCorrelator, type Correlation, type CorrelatedEventInput } from './eventCorrelator.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const ev = (message: string, over: Partial<CorrelatedEventInput> = {}): CorrelatedEventInput => ({
  namespace: 'ns',
  involvedObject: { kind: 'Job', apiVersion: 'batch/v1', namespace: 'ns', name: 'j', uid: 'u' },
  type: 'Normal',
  reason: 'SuccessfulCreate',
  message,
  source: { component: 'jobkit-controller' },
  reportingController: 'jobkit-controller',
  ...over,
});

/** Runs events through one correlator, writing each accepted one as the recorder does. */
function play(steps: readonly { e: CorrelatedEventInput; at: number }[]): Correlation[] {
  const c = new EventCorrelator();
  let n = 0;
  return steps.map(({ e, at }) => {
    const r = c.correlate(e, at, () => `j.${n++}`);
    if (r.kind !== 'skip') c.updateState(e, r);
    return r;
  });
}
const brief = (r: Correlation): string => (r.kind === 'skip' ? 'skip' : `${r.kind} ${r.name} ×${r.count} ${r.message}`);

// After client-go's events_cache_test.go (TestEventCorrelator, TestSpamFilter) and event_test.go.
describe('EventCorrelator', () => {
  test.each([
    {
      name: 'a new Event is created; the same again is a count update of it',
      steps: [
        { e: ev('Created pod: a'), at: T0 },
        { e: ev('Created pod: a'), at: T0 + 1000 },
      ],
      want: ['create j.0 ×1 Created pod: a', 'patch j.0 ×2 Created pod: a'],
    },
    {
      name: 'another reason, type or object is another Event',
      steps: [
        { e: ev('m'), at: T0 },
        { e: ev('m', { reason: 'Completed' }), at: T0 },
        { e: ev('m', { type: 'Warning' }), at: T0 },
        { e: ev('m', { involvedObject: { kind: 'Job', apiVersion: 'batch/v1', namespace: 'ns', name: 'k', uid: 'v' } }), at: T0 },
      ],
      want: ['create j.0 ×1 m', 'create j.1 ×1 m', 'create j.2 ×1 m', 'create j.3 ×1 m'],
    },
  ])('$name', ({ steps, want }) => {
    expect(play(steps).map(brief)).toEqual(want);
  });

  test('the tenth different message of a reason within 600 s is combined, and the combined Event counts up', () => {
    const steps = Array.from({ length: 12 }, (_, i) => ({ e: ev(`Created pod: p${i}`), at: T0 + i * 1000 }));
    const out = play(steps);
    expect(out.slice(0, 9).every((r) => r.kind === 'create' && !r.message.startsWith(CombinedPrefix))).toBe(true);
    const combinedName = `j.${(BigInt(T0 + 9000) * 1_000_000n).toString(16)}`;
    expect(out.slice(9).map(brief)).toEqual([
      `create ${combinedName} ×1 ${CombinedPrefix}Created pod: p9`,
      `patch ${combinedName} ×2 ${CombinedPrefix}Created pod: p10`,
      `patch ${combinedName} ×3 ${CombinedPrefix}Created pod: p11`,
    ]);
    // A message among the first nine is still its own Event.
    const c = new EventCorrelator();
    let n = 0;
    for (const s of steps) {
      const r = c.correlate(s.e, s.at, () => `j.${n++}`);
      if (r.kind !== 'skip') c.updateState(s.e, r);
    }
    expect(brief(c.correlate(ev('Created pod: p0'), T0 + 13_000, () => 'x'))).toBe('patch j.0 ×2 Created pod: p0');
  });

  test('a gap of more than 600 s starts the aggregation afresh', () => {
    const steps = [...Array.from({ length: 9 }, (_, i) => ({ e: ev(`m${i}`), at: T0 })), { e: ev('m9'), at: T0 + 600_001 }];
    expect(brief(play(steps)[9]!)).toBe('create j.9 ×1 m9');
  });

  test('the spam filter passes 25 Events per object and type, then one per 300 s', () => {
    // Reasons differ so neither aggregation nor dedup applies.
    const steps = Array.from({ length: 27 }, (_, i) => ({ e: ev('m', { reason: `R${i}` }), at: T0 }));
    steps.push({ e: ev('m', { reason: 'R27' }), at: T0 + 299_000 }, { e: ev('m', { reason: 'R28' }), at: T0 + 300_000 });
    const out = play(steps).map((r) => r.kind);
    expect(out.slice(0, 25).every((k) => k === 'create')).toBe(true);
    expect(out.slice(25)).toEqual(['skip', 'skip', 'skip', 'create']);
    // Warnings have their own bucket.
    expect(play([...steps, { e: ev('m', { type: 'Warning', reason: 'X' }), at: T0 + 300_000 }]).at(-1)!.kind).toBe('create');
  });
});
