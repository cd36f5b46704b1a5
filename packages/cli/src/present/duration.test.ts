// kubectl's ages and durations: apimachinery's own HumanDuration test cases (v0.37.2), in ms.
import { humanDuration } from './duration.js';

describe('humanDuration (apimachinery duration.HumanDuration)', () => {
  const s = 1000;
  const m = 60 * s;
  const h = 60 * m;
  const d = 24 * h;
  const y = 365 * d;
  test.each<[string, number, string]>([
    ['1s', s, '1s'],
    ['70s', 70 * s, '70s'],
    ['190s', 190 * s, '3m10s'],
    ['70m', 70 * m, '70m'],
    ['47h', 47 * h, '47h'],
    ['49h', 49 * h, '2d1h'],
    ['8d2h', 8 * d + 2 * h, '8d'],
    ['367d', 367 * d, '367d'],
    ['2y25h', 2 * y + 25 * h, '2y1d'],
    ['8y2h', 8 * y + 2 * h, '8y'],
    ['-2s', -2 * s, '<invalid>'],
    ['just under -1s', -2 * s + 1, '0s'],
    ['0', 0, '0s'],
    ['999ms', s - 1, '0s'],
    ['2m - 1ms', 2 * m - 1, '119s'],
    ['2m', 2 * m, '2m'],
    ['2m1s', 2 * m + s, '2m1s'],
    ['10m - 1ms', 10 * m - 1, '9m59s'],
    ['10m', 10 * m, '10m'],
    ['10m1s', 10 * m + s, '10m'],
    ['3h - 1ms', 3 * h - 1, '179m'],
    ['3h', 3 * h, '3h'],
    ['3h1m', 3 * h + m, '3h1m'],
    ['8h - 1ms', 8 * h - 1, '7h59m'],
    ['8h', 8 * h, '8h'],
    ['8h59m', 8 * h + 59 * m, '8h'],
    ['48h - 1ms', 2 * d - 1, '47h'],
    ['48h', 2 * d, '2d'],
    ['49h exactly', 2 * d + h, '2d1h'],
    ['8d - 1ms', 8 * d - 1, '7d23h'],
    ['8d', 8 * d, '8d'],
    ['8d23h', 8 * d + 23 * h, '8d'],
    ['2y - 1ms', 2 * y - 1, '729d'],
    ['2y', 2 * y, '2y'],
    ['2y23h59m', 2 * y + 23 * h + 59 * m, '2y'],
    ['2y1d - 1ms', 2 * y + d - 1, '2y'],
    ['2y1d', 2 * y + d, '2y1d'],
    ['3y', 3 * y, '3y'],
    ['8y - 1ms', 8 * y - 1, '7y364d'],
    ['8y', 8 * y, '8y'],
    ['8y364d', 8 * y + 364 * d, '8y'],
    ['9y', 9 * y, '9y'],
    ['not a time', NaN, '<unknown>'],
  ])('%s', (_name, ms, want) => expect(humanDuration(ms)).toBe(want));
});
