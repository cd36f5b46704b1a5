// The watchdog against real process groups: what it does when the runner's end of the pipe closes.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jobkit-watchdog-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0)) if (child.pid !== undefined && alive(child.pid)) process.kill(-child.pid, 'SIGKILL');
});

/** A process group of its own, as the kubelet starts containers; resolves once `script` runs. */
async function group(script: string): Promise<number> {
  const ready = join(dir, `ready-${started.length}`);
  const child = spawn('sh', ['-c', `${script}; touch ${ready}; sleep 30`], { detached: true, stdio: 'ignore' });
  child.on('exit', () => undefined);
  started.push(child);
  const t0 = Date.now();
  while (!existsSync(ready) && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 20));
  return child.pid!;
}

describe('Watchdog', () => {
  test.each([
    // The bounds leave room for a busy machine: the watchdog is a node process starting up.
    ['a group that ends on SIGTERM goes at once', 'true', 8000, 0, 5000],
    ['a group that ignores SIGTERM gets SIGKILL after its grace period', "trap '' TERM", 400, 350, 5000],
  ])('%s', async (_name, script, graceMs, atLeastMs, atMostMs) => {
    const pid = await group(script);
    const dog = Watchdog.start()!;
    dog.watch('c1', pid, graceMs, undefined);
    dog.close();
    const ms = await gone(pid, atMostMs);
    expect(ms).toBeGreaterThanOrEqual(atLeastMs);
    // With nothing left to watch, the watchdog exits too.
    await gone(dog.pid!, 5000);
  });

  test('a forgotten group is left alone', async () => {
    const pid = await group('true');
    const dog = Watchdog.start()!;
    dog.watch('c1', pid, 0, undefined);
    dog.forget('c1');
    dog.close();
    await gone(dog.pid!, 5000);
    expect(alive(pid)).toBe(true);
  });
});
