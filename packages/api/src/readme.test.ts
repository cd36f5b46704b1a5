// Runs the README example: each `expression; // → expected` line is checked for deep equality.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as api from './index.js';

const readme = fs.readFileSync(path.resolve(__dirname, '../README.md'), 'utf8');
const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';

test('README has an example', () => {
  expect(block).toContain('parseJob');
});

test('README example runs and every // → holds', () => {
  const body = block
    .split('\n')
    .filter((line) => !line.startsWith('import '))
    .map((line) => {
      const m = /^(.*);\s*\/\/ → (.*)$/.exec(line);
      return m ? `check(${JSON.stringify(m[1])}, ${m[1]}, ${m[2]});` : line;
    })
    .join('\n');
  const names = Object.keys(api);
  const checks: Array<{ expr: string; got: unknown; want: unknown }> = [];
  const check = (expr: string, got: unknown, want: unknown) => checks.push({ expr, got, want });
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  new Function('check', ...names, body)(check, ...names.map((n) => (api as Record<string, unknown>)[n]));
  expect(checks.length).toBeGreaterThan(5);
  for (const { expr, got, want } of checks) expect({ expr, value: got }).toEqual({ expr, value: want });
});
