// The watchdog against real process groups: what it does when the runner's end of the pipe closes.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Watchdog } from './watchdog.js';

/** Alive and not a zombie. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

async function gone(pid: number, timeoutMs: number): Promise<number> {
  const t0 = Date.now();
  while (alive(pid)) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`${pid} still alive after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - t0;
}

const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0)) if (child.pid !== undefined && alive(child.pid)) process.kill(-child.pid, 'SIGKILL');
});

/** A process group of its own, as the kubelet starts containers. */
function group(script: string): number {
  const child = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  child.on('exit', () => undefined);
  started.push(child);
  return child.pid!;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Watchdog', () => {
  test.each([
    ['a group that ends on SIGTERM goes at once', 'exec sleep 30', 5000, 0, 1500],
    ['a group that ignores SIGTERM gets SIGKILL after its grace period', "trap '' TERM; sleep 30", 400, 350, 2500],
  ])('%s', async (_name, script, graceMs, atLeastMs, atMostMs) => {
    const pid = group(script);
    const dog = Watchdog.start()!;
    dog.watch('c1', pid, graceMs, undefined);
    await pause(100); // let sh install its trap
    dog.close();
    const ms = await gone(pid, atMostMs);
    expect(ms).toBeGreaterThanOrEqual(atLeastMs);
    // With nothing left to watch, the watchdog exits too.
    await gone(dog.pid!, 2000);
  });

  test('a forgotten group is left alone', async () => {
    const pid = group('exec sleep 30');
    const dog = Watchdog.start()!;
    dog.watch('c1', pid, 0, undefined);
    dog.forget('c1');
    dog.close();
    await gone(dog.pid!, 2000);
    expect(alive(pid)).toBe(true);
  });
});
