// `jobkit controller` as a user runs it — the built CLI in a child process — for the cluster
// tests: its JSON log lines are kept, and it can be stopped with SIGTERM or killed with SIGKILL.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..', '..');
export const cliMain = path.join(root, 'packages', 'cli', 'dist', 'main.js');

export interface LogLine {
  readonly level: string;
  readonly msg: string;
  readonly [field: string]: unknown;
}

export interface ControllerProcess {
  readonly proc: ChildProcess;
  readonly logs: LogLine[];
  /** Resolves once the controller logged "controller started". */
  readonly started: Promise<void>;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL (no clean-up at all), then the exit. */
  kill(): Promise<number | null>;
  /** The log lines, one per line, for a failure message. */
  text(): string;
}

/** Every process started and not yet exited: a failed test must not leave one running. */
const live = new Set<ChildProcess>();

/** SIGKILLs every controller process still running (a test file's afterAll). */
export async function killAll(): Promise<void> {
  const waits = [...live].map((p) => new Promise<void>((r) => (p.exitCode !== null || p.signalCode !== null ? r() : p.once('exit', () => r()))));
  for (const p of live) p.kill('SIGKILL');
  await Promise.all(waits);
}

export function startControllerProcess(kubeconfig: string, managedBy: string, extra: readonly string[] = []): ControllerProcess {
  const proc = spawn(process.execPath, [cliMain, 'controller', '--kubeconfig', kubeconfig, '--managed-by', managedBy, ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, KUBECONFIG: kubeconfig },
  });
  const logs: LogLine[] = [];
  const raw: string[] = [];
  let onStarted!: () => void;
  const started = new Promise<void>((r) => (onStarted = r));
  let buf = '';
  proc.stderr!.on('data', (chunk: Buffer) => {
    buf += chunk.toString('utf8');
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      raw.push(line);
      try {
        const l = JSON.parse(line) as LogLine;
        logs.push(l);
        if (l.msg === 'controller started') onStarted();
      } catch {
        logs.push({ level: 'raw', msg: line });
      }
    }
  });
  proc.stdout!.on('data', (chunk: Buffer) => raw.push(chunk.toString('utf8')));
  live.add(proc);
  const exited = new Promise<number | null>((resolve) =>
    proc.once('exit', (code) => {
      live.delete(proc);
      resolve(code);
    }),
  );
  return {
    proc,
    logs,
    started,
    exited,
    stop: () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      return exited;
    },
    kill: () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      return exited;
    },
    text: () => raw.join('\n'),
  };
}
