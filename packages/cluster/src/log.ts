// Structured logs: one JSON object per line (time, level, msg, then fields), as klog's JSON
// format writes them, to stderr unless the caller supplies its own sink.

export type Level = 'debug' | 'info' | 'warn' | 'error';
export type Logger = (level: Level, msg: string, fields?: Readonly<Record<string, unknown>>) => void;

const rank: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** A logger writing JSON lines to `write` (default stderr), dropping levels below `min`. */
export function jsonLogger(write: (line: string) => void = (l) => process.stderr.write(l), min: Level = 'info'): Logger {
  return (level, msg, fields) => {
    if (rank[level] < rank[min]) return;
    write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`);
  };
}
