import { parseScript, outcomeFor, builtinDefaultOutcome } from './script.js';
import { parseDuration } from './duration.js';

describe('parseDuration', () => {
  const cases: [string, unknown, number | undefined][] = [
    ['seconds string', '2s', 2000],
    ['milliseconds', '500ms', 500],
    ['compound', '1m30s', 90_000],
    ['hours', '1h', 3_600_000],
    ['bare number is seconds', 1.5, 1500],
    ['numeric string is seconds', '3', 3000],
    ['negative rejected', -1, undefined],
    ['garbage rejected', '2 weeks', undefined],
    ['empty rejected', '', undefined],
    ['object rejected', {}, undefined],
  ];
  test.each(cases)('%s', (_name, input, expected) => expect(parseDuration(input)).toBe(expected));
});

describe('parseScript', () => {
  test('empty document gives the built-in default', () => {
    const r = parseScript(undefined);
    expect(r.ok && r.script.default).toEqual(builtinDefaultOutcome);
  });

  test('default, attempts list and index attempts', () => {
    const r = parseScript({
      default: { exitCode: 0, duration: '2s' },
      attempts: [{ exitCode: 1 }, { disruption: true }],
      indexes: { 2: [{ exitCode: 42, duration: '500ms' }], 3: { 2: { exitCode: 7 } } },
      resumeAt: '30s',
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const s = r.script;
    expect(s.default.durationMs).toBe(2000);
    expect(outcomeFor(s, 1, undefined, 0).exitCode).toBe(1);
    expect(outcomeFor(s, 1, undefined, 0).durationMs).toBe(2000);
    expect(outcomeFor(s, 2, undefined, 0)).toMatchObject({ disruption: 'EvictionByEvictionAPI', exitCode: 137 });
    expect(outcomeFor(s, 3, undefined, 0).exitCode).toBe(0);
    expect(outcomeFor(s, 9, 2, 1)).toMatchObject({ exitCode: 42, durationMs: 500 });
    expect(outcomeFor(s, 9, 3, 1).exitCode).toBe(0);
    expect(outcomeFor(s, 9, 3, 2).exitCode).toBe(7);
    expect(s.resumeAtMs).toBe(30_000);
  });

  test('per-container exit codes', () => {
    const r = parseScript({ default: { exitCode: 0, containers: { main: 42 } } });
    expect(r.ok && [...r.script.default.containerExitCodes]).toEqual([['main', 42]]);
  });

  const bad: [string, unknown, string][] = [
    ['root not a mapping', [1, 2], '<root>'],
    ['unknown top-level field', { defaults: {} }, 'defaults'],
    ['exit code out of range', { default: { exitCode: 300 } }, 'default.exitCode'],
    ['bad duration', { attempts: [{ duration: 'soon' }] }, 'attempts[0].duration'],
    ['bad index key', { indexes: { x: {} } }, 'indexes.x'],
    ['unknown outcome field', { indexes: { 0: [{ exit: 1 }] } }, 'indexes.0[0].exit'],
    ['bad disruption', { default: { disruption: 3 } }, 'default.disruption'],
    ['attempt zero', { attempts: { 0: {} } }, 'attempts.0'],
    ['container exit code', { default: { containers: { main: 'x' } } }, 'default.containers.main'],
    ['containers not a mapping', { default: { containers: [1] } }, 'default.containers'],
  ];
  test.each(bad)('%s is reported with its field', (_name, input, field) => {
    const r = parseScript(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field)).toContain(field);
  });
});
