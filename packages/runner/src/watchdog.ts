// The watchdog: a small node process, in a session of its own, that outlives the runner just long
// enough to stop its pods. The runner tells it each container's process group, grace period and
// cgroup over a pipe; when the runner's end of the pipe closes — the runner exited, crashed, or
// was SIGKILLed — it sends SIGTERM to what is left, SIGKILL after each grace period, and removes
// the cgroups. Pods never hold the pipe (node opens it close-on-exec), so only the runner's death
// closes it.
import { spawn, type ChildProcess } from 'node:child_process';

/**
 * The watchdog's program (CommonJS for `node -e`; a string so it runs the same from `dist/` and
 * under jest). Input: JSON lines {base}, {add, pgid, graceMs, cgroup?}, {del}.
 */
export const watchdogSource = String.raw`'use strict';
process.title = 'jobkit-watchdog';
const fs = require('fs');
const path = require('path');
// Signals meant for the terminal or the runner are not for us: end of input is.
for (const s of ['SIGHUP', 'SIGINT', 'SIGTERM']) process.on(s, () => {});
const entries = new Map();
let base;
let buffer = '';
let reaping = false;
const pids = (dir) => { try { return fs.readFileSync(path.join(dir, 'cgroup.procs'), 'utf8').split('\n').filter((l) => l !== '').map(Number); } catch { return []; } };
const kill = (target, sig) => { try { process.kill(target, sig); return true; } catch (e) { return e.code === 'EPERM'; } };
const killCgroup = (dir) => { try { fs.writeFileSync(path.join(dir, 'cgroup.kill'), '1'); } catch {} };
const signal = (e, sig) => {
  kill(-e.pgid, sig);
  if (e.cgroup === undefined) return;
  if (sig === 'SIGKILL') killCgroup(e.cgroup);
  else for (const pid of pids(e.cgroup)) kill(pid, sig);
};
const alive = (e) => (e.cgroup !== undefined && pids(e.cgroup).length > 0) || kill(-e.pgid, 0);
function cleanup(tries) {
  if (base === undefined) process.exit(0);
  killCgroup(base);
  let left = 0;
  let subdirs = [];
  try { subdirs = fs.readdirSync(base, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => path.join(base, d.name)); } catch {}
  for (const dir of [...subdirs, base]) { try { fs.rmdirSync(dir); } catch (e) { if (e.code !== 'ENOENT') left += 1; } }
  if (left === 0 || tries <= 0) process.exit(0);
  setTimeout(() => cleanup(tries - 1), 50);
}
function reap() {
  if (reaping) return;
  reaping = true;
  const now = Date.now();
  for (const e of entries.values()) { e.killAt = now + e.graceMs; if (alive(e)) signal(e, 'SIGTERM'); }
  const tick = () => {
    const t = Date.now();
    for (const [id, e] of entries) {
      // A group that cannot be emptied (zombies nobody reaps) is given up 2 s after SIGKILL.
      if (!alive(e) || t >= e.killAt + 2000) entries.delete(id);
      else if (t >= e.killAt) signal(e, 'SIGKILL');
    }
    if (entries.size === 0) cleanup(100);
    else setTimeout(tick, 50);
  };
  tick();
}
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  for (let nl = buffer.indexOf('\n'); nl !== -1; nl = buffer.indexOf('\n')) {
    const line = buffer.slice(0, nl);
    buffer = buffer.slice(nl + 1);
    let m;
    try { m = JSON.parse(line); } catch { continue; }
    if (typeof m.base === 'string') base = m.base;
    else if (typeof m.add === 'string') entries.set(m.add, { pgid: m.pgid, graceMs: m.graceMs, cgroup: m.cgroup });
    else if (typeof m.del === 'string') entries.delete(m.del);
  }
});
process.stdin.on('end', reap);
process.stdin.on('close', reap);
process.stdin.on('error', reap);
`;

/** The runner's side of the watchdog. Every method is a no-op once the watchdog is gone. */
export class Watchdog {
  private open = true;

  private constructor(private readonly child: ChildProcess) {
    child.stdin?.on('error', () => {
      this.open = false;
    });
    child.on('exit', () => {
      this.open = false;
    });
  }

  /** Starts the watchdog; undefined if it cannot be spawned (pods then die only with the runner's own exit handlers). */
  static start(baseCgroup?: string): Watchdog | undefined {
    let child: ChildProcess;
    try {
      // detached: its own session, so a terminal hangup or Ctrl-C does not reach it.
      child = spawn(process.execPath, ['-e', watchdogSource], { detached: true, stdio: ['pipe', 'ignore', 'ignore'], env: {} });
    } catch {
      return undefined;
    }
    child.on('error', () => undefined);
    // Neither the process nor the pipe keeps the runner alive.
    child.unref();
    (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    const dog = new Watchdog(child);
    if (baseCgroup !== undefined) dog.send({ base: baseCgroup });
    return dog;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** A container process to stop if the runner dies: its process group, grace period and cgroup. */
  watch(id: string, pgid: number, graceMs: number, cgroup: string | undefined): void {
    this.send({ add: id, pgid, graceMs, ...(cgroup !== undefined ? { cgroup } : {}) });
  }

  /** The container's processes are gone. */
  forget(id: string): void {
    this.send({ del: id });
  }

  /** The runner is done: the watchdog stops whatever is still listed and exits. */
  close(): void {
    if (!this.open) return;
    this.open = false;
    this.child.stdin?.end();
  }

  private send(message: object): void {
    if (this.open) this.child.stdin?.write(`${JSON.stringify(message)}\n`);
  }
}
