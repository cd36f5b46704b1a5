// RealScheduler on jest's fake timers: waits beyond Node's 32-bit timer limit are taken in steps,
// never fired early.
import { MaxTimerDelayMs, RealScheduler } from './realScheduler.js';

describe('RealScheduler', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  test.each([
    ['a short wait', 1_500],
    ['exactly the timer limit', MaxTimerDelayMs],
    ['a month (beyond the limit)', 31 * 24 * 3600 * 1000],
    ['a year', 365 * 24 * 3600 * 1000],
  ])('%s fires at its time, not before', (_name, delay) => {
    const s = new RealScheduler(() => Date.now());
    let firedAt: number | undefined;
    s.at(delay, () => (firedAt = Date.now()));
    jest.advanceTimersByTime(delay - 1);
    expect(firedAt).toBeUndefined();
    jest.advanceTimersByTime(1);
    expect(firedAt).toBe(delay);
  });

  test('a past time fires at once; cancel stops a long wait mid-step', () => {
    const s = new RealScheduler(() => Date.now());
    let fired = 0;
    s.at(-5, () => fired++);
    jest.advanceTimersByTime(0);
    expect(fired).toBe(1);
    const cancel = s.at(3 * MaxTimerDelayMs, () => fired++);
    jest.advanceTimersByTime(MaxTimerDelayMs + 10);
    cancel();
    jest.advanceTimersByTime(3 * MaxTimerDelayMs);
    expect(fired).toBe(1);
  });
});
