#!/usr/bin/env node
// Entry point of the `jobkit` bin: real streams, Ctrl-C as an interrupt, exit status from main.
import { main } from './cli.js';

// `jobkit ... | head` closes the pipe early: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const interrupt = new Promise<string>((resolve) => {
  process.once('SIGINT', () => resolve('SIGINT'));
  process.once('SIGTERM', () => resolve('SIGTERM'));
});

main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  interrupt,
}).then(
  (code) => {
    process.exitCode = code;
    // Pending signal listeners must not keep the process alive.
    process.removeAllListeners('SIGINT');
    process.removeAllListeners('SIGTERM');
  },
  (error: unknown) => {
    process.stderr.write(`jobkit: internal error: ${String(error)}\n`);
    process.exitCode = 3;
  },
);
