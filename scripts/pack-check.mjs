#!/usr/bin/env node
// Packs every package as a user would get it (`pnpm pack`: workspace ranges become versions) and
// installs the tarballs with plain npm in an empty folder outside the monorepo, then checks what
// a user sees there: the tarball contents (LICENSE, README, no .tsbuildinfo, source maps whose
// sources are in the tarball, no tests), `import('jobkit')`, the types from a TypeScript
// consumer, the READMEs' examples and the `jobkit` bin. Prints the tarball sizes (packed and
// unpacked) and the problems found; exits 1 if there are any.
//
//   node scripts/pack-check.mjs [--json] [--keep]
//
// Third-party dependencies come from npm's cache when there (--prefer-offline), else from the
// registry. --keep leaves the temp folder for a look; --json prints { sizes, unpacked, problems, ms }.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const started = Date.now();
const problems = [];
const problem = (text) => problems.push(text);

function run(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  return { code: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

// pnpm as the caller ran it (`pnpm test` sets npm_execpath), else the one on PATH.
function pnpm(argv, opts) {
  const exec = process.env['npm_execpath'];
  if (exec && /pnpm/.test(path.basename(exec))) return run(process.execPath, [exec, ...argv], opts);
  return run('pnpm', argv, opts);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jobkit-pack-'));
const tarballs = path.join(tmp, 'tarballs');
const app = path.join(tmp, 'app');
fs.mkdirSync(tarballs);
fs.mkdirSync(app);

try {
  // 1. Build, so the tarballs hold what the sources say (pnpm pack ships dist/ as it is).
  const pkgDirs = fs.readdirSync(path.join(root, 'packages')).filter((d) => fs.existsSync(path.join(root, 'packages', d, 'package.json')));
  const build = run(
    process.execPath,
    [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', ...pkgDirs.map((d) => `packages/${d}/tsconfig.json`)],
    { cwd: root },
  );
  if (build.code !== 0) throw new Error(`tsc -b failed:\n${build.out}`);

  // 2. Pack.
  const packages = [];
  for (const dir of pkgDirs) {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'packages', dir, 'package.json'), 'utf8'));
    if (manifest.private) continue;
    const before = new Set(fs.readdirSync(tarballs));
    const r = pnpm(['pack', '--pack-destination', tarballs], { cwd: path.join(root, 'packages', dir) });
    const made = fs.readdirSync(tarballs).filter((f) => !before.has(f));
    if (r.code !== 0 || made.length !== 1) throw new Error(`pnpm pack in packages/${dir} failed:\n${r.out}`);
    packages.push({ dir, name: manifest.name, tarball: path.join(tarballs, made[0]), manifest });
  }
  const sizes = Object.fromEntries(packages.map((p) => [p.name, fs.statSync(p.tarball).size]));

  // 3. Install with plain npm, as an ESM app would.
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'pack-check-app', private: true, type: 'module' }, null, 2));
  const install = run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...packages.map((p) => p.tarball)], { cwd: app });
  if (install.code !== 0)
    throw new Error(`npm install of the tarballs failed (the registry is needed for third-party dependencies not in npm's cache):\n${install.out}`);

  // 4. What each installed package holds.
  const unpacked = {};
  const license = fs.readFileSync(path.join(root, 'LICENSE'), 'utf8');
  for (const p of packages) {
    const dir = path.join(app, 'node_modules', ...p.name.split('/'));
    const files = listFiles(dir);
    const has = new Set(files);
    unpacked[p.name] = files.reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);
    const where = `${p.name}:`;
    if (!has.has('LICENSE')) problem(`${where} no LICENSE`);
    else if (fs.readFileSync(path.join(dir, 'LICENSE'), 'utf8') !== license) problem(`${where} LICENSE differs from the repository's`);
    if (!has.has('README.md')) problem(`${where} no README.md`);
    else {
      const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
      if (!/ESM only, Node ≥ 20/.test(readme)) problem(`${where} README.md does not say "ESM only, Node ≥ 20"`);
      if (p.name !== 'jobkit' && !/`jobkit`/.test(readme)) problem(`${where} README.md does not point to the \`jobkit\` package`);
    }
    for (const f of files) {
      if (/\.tsbuildinfo$/.test(f)) problem(`${where} ships ${f}`);
      if (/\.test\.ts$|__tests__|(^|\/)(testing|conformance)\//.test(f)) problem(`${where} ships test code ${f}`);
    }
    const installed = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    for (const [dep, range] of Object.entries({ ...installed.dependencies, ...installed.peerDependencies })) {
      if (/^workspace:/.test(String(range))) problem(`${where} dependency ${dep} is still ${range}`);
    }
    // Source maps resolve inside the package; every shipped source is some map's source.
    const mapped = new Set();
    for (const f of files.filter((x) => x.endsWith('.map'))) {
      let map;
      try {
        map = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
      } catch {
        problem(`${where} ${f} is not JSON`);
        continue;
      }
      for (const [i, s] of (map.sources ?? []).entries()) {
        if (map.sourcesContent?.[i] != null) continue;
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(f), map.sourceRoot ?? '', s));
        mapped.add(target);
        if (!has.has(target)) problem(`${where} ${f} points to ${s}, not in the package`);
      }
    }
    for (const f of files.filter((x) => /^src\/.*\.ts$/.test(x))) if (!mapped.has(f)) problem(`${where} ships ${f}, which no source map uses`);
  }

  // 5. The entry package imports and has the API of the repository's build; the others import.
  const keys = run(process.execPath, ['--input-type=module', '-e', "const m = await import('jobkit'); console.log(JSON.stringify(Object.keys(m).sort()))"], {
    cwd: app,
  });
  const repoKeys = Object.keys(await import(pathToFileURL(path.join(root, 'packages', 'jobkit', 'dist', 'index.js')).href)).sort();
  if (keys.code !== 0) problem(`import('jobkit') failed:\n${keys.out}`);
  else if (keys.out.trim() !== JSON.stringify(repoKeys)) problem(`import('jobkit') has other exports than packages/jobkit/dist: ${keys.out.trim()}`);
  for (const p of packages) {
    const r = run(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(p.name)})`], { cwd: app });
    if (r.code !== 0) problem(`import('${p.name}') failed:\n${r.out}`);
  }
  const deep = run(process.execPath, ['--input-type=module', '-e', "await import('@jobkit/core/dist/syncJob.js')"], { cwd: app });
  if (!/ERR_PACKAGE_PATH_NOT_EXPORTED/.test(deep.out)) problem(`a deep import into @jobkit/core is not blocked by its exports map: ${deep.out}`);

  // 6. Types, as a strict TypeScript ESM consumer sees them (declaration files checked too).
  fs.writeFileSync(
    path.join(app, 'consumer.ts'),
    [
      "import { parseJob, syncJob, validateJob } from 'jobkit';",
      "import type { Job } from '@jobkit/api';",
      'const r = parseJob({ spec: { template: {} } });',
      'export const job: Job | undefined = r.ok ? r.value : undefined;',
      'export const fns = [syncJob, validateJob] as const;',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { noEmit: true, strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', types: [], skipLibCheck: false },
      files: ['consumer.ts'],
    }),
  );
  const tsc = run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', app], { cwd: app });
  if (tsc.code !== 0) problem(`a TypeScript consumer does not compile against the tarballs:\n${tsc.out}`);

  // 7. Every ```js block of an installed README runs there; a ```text block right after it is its output.
  for (const p of packages) {
    const readme = path.join(app, 'node_modules', ...p.name.split('/'), 'README.md');
    if (!fs.existsSync(readme)) continue;
    const blocks = [...fs.readFileSync(readme, 'utf8').matchAll(/```js\n([\s\S]*?)```\n(?:\n```text\n([\s\S]*?)```\n)?/g)];
    for (const [i, [, code, expected]] of blocks.entries()) {
      const file = path.join(app, `readme-${p.name.replace(/\W/g, '_')}-${i + 1}.mjs`);
      fs.writeFileSync(file, code);
      const r = run(process.execPath, [file], { cwd: app, timeout: 30_000 });
      if (r.code !== 0) problem(`${p.name}: README example ${i + 1} fails:\n${r.out}`);
      else if (expected !== undefined && r.out !== expected) problem(`${p.name}: README example ${i + 1} prints\n${r.out}instead of\n${expected}`);
    }
  }

  // 8. The bin.
  const bin = path.join(app, 'node_modules', '.bin', 'jobkit');
  for (const f of ['pi.yaml', 'pi.outcomes.yaml', 'primes.yaml']) fs.copyFileSync(path.join(root, 'examples', f), path.join(app, f));
  const cli = [
    [['--help'], 0, /Usage:/],
    [['validate', 'pi.yaml'], 0, /^job pi: valid\n$/],
    [['simulate', 'pi.yaml', '--script', 'pi.outcomes.yaml'], 0, /Job pi completed/],
    [['run', 'primes.yaml', '--logs-dir', path.join(tmp, 'logs')], 0, /Job primes completed/],
  ];
  for (const [argv, code, re] of cli) {
    const r = run(bin, argv, { cwd: app, timeout: 30_000 });
    if (r.code !== code || !re.test(r.out)) problem(`jobkit ${argv.join(' ')}: exit ${r.code}, expected ${code} and ${re}:\n${r.out}`);
  }
  const npx = run('npx', ['--no', 'jobkit', 'validate', 'pi.yaml'], { cwd: app, timeout: 30_000 });
  if (npx.code !== 0 || !/^job pi: valid\n$/.test(npx.out)) problem(`npx jobkit validate pi.yaml: exit ${npx.code}:\n${npx.out}`);

  report({ sizes, unpacked, problems, ms: Date.now() - started });
} catch (error) {
  problem(error instanceof Error ? error.message : String(error));
  report({ sizes: {}, unpacked: {}, problems, ms: Date.now() - started });
} finally {
  if (args.has('--keep')) process.stderr.write(`kept ${tmp}\n`);
  else fs.rmSync(tmp, { recursive: true, force: true });
}

function listFiles(dir, prefix = '') {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const rel = prefix + e.name;
    return e.isDirectory() ? listFiles(path.join(dir, e.name), `${rel}/`) : [rel];
  });
}

function report(result) {
  if (args.has('--json')) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    const kB = (bytes) => `${(bytes / 1000).toFixed(1).padStart(6)} kB`;
    process.stdout.write(`${'package'.padEnd(22)} ${'packed'.padStart(9)} ${'unpacked'.padStart(9)}\n`);
    for (const [name, bytes] of Object.entries(result.sizes))
      process.stdout.write(`${name.padEnd(22)} ${kB(bytes)} ${result.unpacked[name] === undefined ? '' : kB(result.unpacked[name])}\n`);
    for (const p of result.problems) process.stdout.write(`problem: ${p}\n`);
    process.stdout.write(`${result.problems.length === 0 ? 'ok' : `${result.problems.length} problem(s)`} (${(result.ms / 1000).toFixed(1)} s)\n`);
  }
  process.exitCode = result.problems.length === 0 ? 0 : 1;
}
