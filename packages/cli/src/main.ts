#!/usr/bin/env node
// Entry point of the `jobkit` bin: real streams, Ctrl-C as an interrupt, exit status from main.
import { watchParent } from '@jobkit/runner';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from './cli.js';

/**
 * Under `pnpm jobkit …` (or npm run) the script runs in the folder of the package.json that
 * defines it; INIT_CWD is the folder the user typed the command in, which relative paths are
 * meant from. Only then — the working directory holds the package.json whose script is running —
 * not in every process such a script starts elsewhere (a test, a tool).
 */
function callerCwd(): string {
  const cwd = process.cwd();
  const init = process.env['INIT_CWD'];
  const event = process.env['npm_lifecycle_event'];
  if (!init || !event) return cwd;
  try {
    const pkg = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as { scripts?: Record<string, unknown> };
    if (pkg.scripts?.[event] !== undefined) return init;
  } catch {
    /* no package.json here: not the script's own folder */
  }
  return cwd;
}

// `jobkit ... | head` closes the pipe early, a closed terminal fails writes with EIO: stop quietly
// (exit handlers still stop the pods).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'EIO') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// A closed terminal (SIGHUP) or a parent gone (pnpm killed with SIGTERM) ends a run like Ctrl-C.
const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let stopWatchingParent = (): void => undefined;
const interrupt = new Promise<string>((resolve) => {
  for (const signal of signals) process.once(signal, () => resolve(signal));
  stopWatchingParent = watchParent(() => resolve('parent process exited'));
});

main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: callerCwd(),
  env: process.env,
  interrupt,
}).then(
  (code) => {
    process.exitCode = code;
    // Pending signal listeners must not keep the process alive.
    for (const signal of signals) process.removeAllListeners(signal);
    stopWatchingParent();
  },
  (error: unknown) => {
    process.stderr.write(`jobkit: internal error: ${String(error)}\n`);
    process.exitCode = 3;
  },
);
