// The per-run log layout: run ids sortable by time, one log per run of a container, a run's
// folder never shared with another run, `latest` pointing at the newest.
import { mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareRunIds, createRunDir, LatestRun, logFileName, parseLogFileName, parseRunId, runIdFor } from './logLayout.js';

const t = Date.parse('2026-12-04T18:39:05.123Z');

describe('run ids', () => {
  test.each([
    ['the start second in UTC', t, 1, '20261204T183905Z'],
    ['the second run in that second', t, 2, '20261204T183905Z-2'],
    ['midnight', Date.parse('2027-01-01T00:00:00Z'), 1, '20270101T000000Z'],
  ])('%s', (_name, ms, n, id) => {
    expect(runIdFor(ms, n)).toBe(id);
    expect(parseRunId(id)).toEqual({ start: id.slice(0, 16), n });
  });
  test.each([['latest'], ['pi-abcde'], ['20261204T183905Z-0'], ['20261204T183905']])('not a run id: %s', (name) => {
    expect(parseRunId(name)).toBeUndefined();
  });
  test('sorted oldest first, sequence numbers as numbers', () => {
    const ids = ['20261204T183905Z-10', '20261205T000000Z', '20261204T183905Z-2', '20261204T183905Z', '20261204T183905Z-9'];
    expect([...ids].sort(compareRunIds)).toEqual(['20261204T183905Z', '20261204T183905Z-2', '20261204T183905Z-9', '20261204T183905Z-10', '20261205T000000Z']);
  });
});

describe('log file names', () => {
  test.each([
    ['first run', 'main', 0, 'main.log'],
    ['first restart', 'main', 1, 'main.1.log'],
    ['a name with dashes, 12th restart', 'side-car', 12, 'side-car.12.log'],
  ])('%s', (_name, container, restart, file) => {
    expect(logFileName(container, restart)).toBe(file);
    expect(parseLogFileName(file)).toEqual({ container, restart });
  });
  test.each([['pod.json'], ['main.txt'], ['.log']])('not a log: %s', (file) => {
    expect(parseLogFileName(file)).toBeUndefined();
  });
});

describe('createRunDir', () => {
  let root = '';
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'jobkit-layout-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('runs started in the same second get folders of their own; latest names the newest', () => {
    const a = createRunDir(root, 'pi', t);
    const b = createRunDir(root, 'pi', t + 500);
    expect([a.id, b.id]).toEqual(['20261204T183905Z', '20261204T183905Z-2']);
    expect(b.dir).toBe(join(root, 'pi', '20261204T183905Z-2'));
    expect(readlinkSync(join(root, 'pi', LatestRun))).toBe(b.id);
    const c = createRunDir(root, 'pi', t + 60_000);
    expect(c.id).toBe('20261204T184005Z');
    expect(readlinkSync(join(root, 'pi', LatestRun))).toBe(c.id);
  });
});
