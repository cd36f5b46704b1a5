// Test support: runs the `jobkit` command in-process with captured output, from `cwd`.
import { main } from '../cli.js';

export interface JobkitRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runJobkit(cwd: string, ...args: string[]): Promise<JobkitRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    cwd,
    env: process.env,
  });
  return { code, stdout, stderr };
}
