// The kubelet's crash-loop back-off the simulator waits out between in-place restarts.
import { crashLoopDelayMs } from './crashLoop.js';
describe('crashLoopDelayMs', () => {
  test.each([
    [1, 0],
    [2, 10_000],
    [3, 20_000],
    [4, 40_000],
    [6, 160_000],
    [7, 300_000],
    [20, 300_000],
  ])('restart %i waits %i ms', (n, ms) => {
    expect(crashLoopDelayMs(n)).toBe(ms);
  });
});
