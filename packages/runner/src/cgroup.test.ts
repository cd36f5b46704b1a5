// execError must answer as execvp would, since in a cgroup the wrapper shell does the exec.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execError } from './cgroup.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jobkit-cgroup-'));
  writeFileSync(join(dir, 'script'), '#!/bin/sh\n');
  chmodSync(join(dir, 'script'), 0o755);
  writeFileSync(join(dir, 'plain'), 'not executable\n');
  chmodSync(join(dir, 'plain'), 0o644);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('execError', () => {
  test.each([
    ['a command on PATH', 'sh', undefined, undefined],
    ['no such command on PATH', 'jobkit-no-such-binary', undefined, 'ENOENT'],
    ['an executable by path', '$dir/script', undefined, undefined],
    ['an executable relative to the working directory', './script', '$dir', undefined],
    ['a missing path', '$dir/missing', undefined, 'ENOENT'],
    ['a directory', '$dir', undefined, 'EACCES'],
    ['a file without the execute bit', '$dir/plain', undefined, 'EACCES'],
    ['a command found only in an extra PATH entry', 'script', undefined, undefined, `/nonexistent:$dir`],
    ['on PATH without the execute bit (execvp: EACCES)', 'plain', undefined, 'EACCES', `$dir`],
  ])('%s', (_name, command, cwd, expected, path = process.env.PATH) => {
    const sub = (s: string | undefined) => s?.replace('$dir', dir);
    expect(execError(sub(command)!, sub(path), sub(cwd))).toBe(expected);
  });
});
