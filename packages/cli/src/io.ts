// Where the commands write: injected so tests can capture output and choose TTY or not.
export interface Output {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface Io {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Resolves on Ctrl-C (run only). */
  readonly interrupt?: Promise<string>;
}

export const ExitCode = {
  Ok: 0,
  JobFailed: 1,
  BadInput: 2,
  Bug: 3,
  Interrupted: 130,
} as const;
