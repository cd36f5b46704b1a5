// The rule of the core packages, checked from their sources: no I/O, no clock, no randomness.
// (Adapters — runner and cli — are the only packages allowed to touch the outside world.)
import * as fs from 'node:fs';
import * as path from 'node:path';

const pure = ['api', 'indexes', 'backoff', 'policy', 'core', 'validation', 'sim', 'multikueue', 'jobkit'];
const forbidden: readonly [RegExp, string][] = [
  [/\bDate\.now\s*\(/, 'reads the clock (Date.now)'],
  [/new Date\(\s*\)/, 'reads the clock (new Date())'],
  [/\bperformance\.now\s*\(/, 'reads the clock (performance.now)'],
  [/\bMath\.random\s*\(/, 'uses randomness (Math.random)'],
  [/from\s+['"](node:)?(fs|child_process|net|http|https|os|process|worker_threads)(\/[a-z]+)?['"]/, 'imports an I/O module'],
  [/\bprocess\.(env|argv|stdout|stderr|exit|hrtime)\b/, 'touches the process'],
  [/\brequire\s*\(/, 'uses require'],
];

function sources(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) && !p.includes(`${path.sep}conformance${path.sep}`) ? [p] : [];
  });
}

describe('core packages do no I/O and read no clock', () => {
  for (const pkg of pure) {
    test(pkg, () => {
      const problems: string[] = [];
      for (const file of sources(path.resolve(__dirname, '../..', pkg, 'src'))) {
        const lines = fs.readFileSync(file, 'utf8').split('\n');
        lines.forEach((line, i) => {
          if (/^\s*(\/\/|\*)/.test(line)) return;
          for (const [re, what] of forbidden) if (re.test(line)) problems.push(`${path.relative(process.cwd(), file)}:${i + 1} ${what}`);
        });
      }
      expect(problems).toEqual([]);
    });
  }
});
