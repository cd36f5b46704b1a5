// The rule of the core packages — no I/O, no clock, no randomness, no process state — is a lint
// rule (eslint.config.mjs, run by `pnpm test` and `pnpm lint`). This test checks that the rule
// covers every core package and bites: each forbidden line below is linted as if it were in a
// core package's source (and, for contrast, in an adapter's).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const eslint = path.join(root, 'node_modules', '.bin', 'eslint');
const pure = ['api', 'indexes', 'backoff', 'policy', 'core', 'validation', 'loop', 'sim', 'multikueue', 'jobkit'];

/** The rule ids eslint reports for `source` placed at `file`. */
function lint(file: string, source: string): string[] {
  const r = spawnSync(eslint, ['--format', 'json', '--stdin', '--stdin-filename', file], { cwd: root, input: source, encoding: 'utf8' });
  const results = JSON.parse(r.stdout) as { messages: { ruleId: string | null }[] }[];
  return results.flatMap((x) => x.messages.map((m) => m.ruleId ?? 'parse error'));
}

const forbidden: readonly [string, string, string][] = [
  ['reads the clock (Date.now)', 'export const t = Date.now();', 'no-restricted-properties'],
  ['reads the clock (new Date())', 'export const t = new Date();', 'no-restricted-syntax'],
  ['reads the clock (performance.now)', 'export const t = performance.now();', 'no-restricted-properties'],
  ['draws randomness', 'export const r = Math.random();', 'no-restricted-properties'],
  ['imports an I/O module', "import * as fs from 'node:fs';\nexport const f = fs;", 'no-restricted-imports'],
  ['imports a subpath of one', "import { readFile } from 'fs/promises';\nexport const f = readFile;", 'no-restricted-imports'],
  ['touches the process', 'export const e = process.env;', 'no-restricted-globals'],
];

describe('the purity rule of the core packages is a lint rule', () => {
  test('every core package is covered by eslint.config.mjs', () => {
    const config = fs.readFileSync(path.join(root, 'eslint.config.mjs'), 'utf8');
    const listed = /const pure = \[([^\]]*)\]/.exec(config)?.[1] ?? '';
    for (const p of pure) expect(listed).toContain(`'${p}'`);
    // and every package that exists is either core or an adapter we know of
    const adapters = ['runner', 'cli', 'cluster', 'testcluster'];
    for (const p of fs.readdirSync(path.join(root, 'packages'))) expect([...pure, ...adapters]).toContain(p);
  });
  test.each(forbidden)(
    '%s: rejected in core, allowed in the runner',
    (_what, source, rule) => {
      expect(lint('packages/core/src/purity-probe.ts', source)).toContain(rule);
      expect(lint('packages/runner/src/purity-probe.ts', source)).not.toContain(rule);
    },
    60_000,
  );
  test('only @jobkit/cluster imports the Kubernetes client', () => {
    const importers: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const f = path.join(dir, e.name);
        if (e.isDirectory()) walk(f);
        else if (/\.ts$/.test(e.name) && /from '@kubernetes\/client-node'|import\('@kubernetes\/client-node'\)/.test(fs.readFileSync(f, 'utf8')))
          importers.push(path.relative(root, f));
      }
    };
    for (const p of fs.readdirSync(path.join(root, 'packages'))) walk(path.join(root, 'packages', p, 'src'));
    expect(importers).toEqual(['packages/cluster/src/kube.ts']);
    const deps = (p: string): string[] =>
      Object.keys((JSON.parse(fs.readFileSync(path.join(root, 'packages', p, 'package.json'), 'utf8')) as { dependencies?: object }).dependencies ?? {});
    expect(fs.readdirSync(path.join(root, 'packages')).filter((p) => deps(p).includes('@kubernetes/client-node'))).toEqual(['cluster']);
  });
  test('tests of core packages may use the clock', () => {
    expect(lint('packages/core/src/purity-probe.test.ts', 'export const t = Date.now();')).toEqual([]);
  }, 60_000);
});
