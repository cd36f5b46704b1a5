// Notice when this process loses its parent: `pnpm jobkit run` killed with SIGTERM leaves the
// runner orphaned (pnpm does not pass the signal on), still running pods for a terminal that may
// be gone. Node's process.ppid is read once at startup, so the parent is polled.
import { readFileSync } from 'node:fs';

/** The current parent PID from /proc (Linux), or undefined where there is no /proc. */
function currentPpid(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) ? ppid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Calls `onGone` once when the parent process exits (checked every `intervalMs`); the returned
 * function stops watching. The timer never keeps the process alive.
 */
export function watchParent(onGone: () => void, intervalMs = 500): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    const now = currentPpid();
    // Without /proc, signal 0 asks whether the parent still exists.
    let gone: boolean;
    if (now !== undefined) gone = now !== parent;
    else {
      try {
        process.kill(parent, 0);
        gone = false;
      } catch (error) {
        gone = (error as NodeJS.ErrnoException).code === 'ESRCH';
      }
    }
    if (gone) {
      clearInterval(timer);
      onGone();
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
