// A cgroup v2 per container process, where the machine lets us make one: it holds every
// descendant, including those that leave the container's process group with setsid, so one write
// to cgroup.kill ends them all. Without a writable cgroup v2 (macOS, most unprivileged users
// outside a systemd-delegated session) the runner falls back to process groups alone.
import { accessSync, constants as fsConstants, mkdirSync, readdirSync, readFileSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The unified (v2) hierarchy's mount point, from /proc/self/mountinfo; undefined if none. */
function cgroup2Mount(): string | undefined {
  let text: string;
  try {
    text = readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return undefined;
  }
  for (const line of text.split('\n')) {
    // "36 25 0:31 / /sys/fs/cgroup/unified rw,... - cgroup2 cgroup2 rw"
    const [left, right] = line.split(' - ');
    if (right?.split(' ')[0] === 'cgroup2') return left?.split(' ')[4];
  }
  return undefined;
}

/** This process's own cgroup v2 directory ("0::/path" in /proc/self/cgroup). */
function ownCgroup(mount: string): string | undefined {
  try {
    const line = readFileSync('/proc/self/cgroup', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('0::'));
    return line === undefined ? undefined : join(mount, line.slice(3));
  } catch {
    return undefined;
  }
}

/**
 * Makes `jobkit-<pid>-<n>` under this process's own cgroup v2; undefined (process groups only)
 * when there is none, it is not writable, or the kernel has no cgroup.kill.
 */
export function createRunCgroup(): string | undefined {
  const mount = cgroup2Mount();
  const own = mount === undefined ? undefined : ownCgroup(mount);
  if (own === undefined) return undefined;
  for (let n = 0; n < 5; n++) {
    const dir = join(own, `jobkit-${process.pid}-${n}`);
    try {
      mkdirSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      return undefined;
    }
    // cgroup.kill (Linux 5.14) is what makes the cgroup worth having.
    let files: string[] = [];
    try {
      files = readdirSync(dir);
    } catch {
      // unreadable: treated as missing
    }
    if (files.includes('cgroup.kill')) return dir;
    tryRmdir(dir);
    return undefined;
  }
  return undefined;
}

/** A new child cgroup of the run's; undefined if the kernel refuses (the process keeps only its group). */
export function newCgroup(runDir: string, name: string): string | undefined {
  const dir = join(runDir, name);
  try {
    mkdirSync(dir);
    return dir;
  } catch {
    return undefined;
  }
}

/**
 * The argv that runs `argv` inside cgroup `dir`: a shell writes itself into cgroup.procs, then
 * execs the command (same PID). Moving the process from outside after spawn is too late: a shell
 * forks its first children before node's spawn() has returned.
 */
export function inCgroup(dir: string, argv: readonly string[]): string[] {
  return ['/bin/sh', '-c', '{ echo 0 > "$0"; } 2>/dev/null; exec "$@"', join(dir, 'cgroup.procs'), ...argv];
}

/**
 * Why `command` would fail to exec, as execvp searches `path` (ENOENT or EACCES), or undefined if
 * it would start. Needed because the cgroup wrapper's shell, not spawn(), does the exec.
 */
export function execError(command: string, path: string | undefined, cwd: string | undefined): 'ENOENT' | 'EACCES' | undefined {
  const check = (file: string): 'ENOENT' | 'EACCES' | undefined => {
    try {
      if (!statSync(file).isFile()) return 'EACCES';
      accessSync(file, fsConstants.X_OK);
      return undefined;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EACCES' ? 'EACCES' : 'ENOENT';
    }
  };
  if (command.includes('/')) return check(resolve(cwd ?? process.cwd(), command));
  let found: 'ENOENT' | 'EACCES' = 'ENOENT';
  for (const dir of (path ?? '/usr/local/bin:/usr/bin:/bin').split(':')) {
    const error = check(resolve(cwd ?? process.cwd(), dir === '' ? '.' : dir, command));
    if (error === undefined) return undefined;
    if (error === 'EACCES') found = 'EACCES';
  }
  return found;
}

/** The PIDs in a cgroup (empty when it is gone). */
export function cgroupPids(dir: string): number[] {
  try {
    return readFileSync(join(dir, 'cgroup.procs'), 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map(Number);
  } catch {
    return [];
  }
}

/** SIGKILL to every process in the cgroup, setsid escapees included. */
export function killCgroup(dir: string): void {
  try {
    writeFileSync(join(dir, 'cgroup.kill'), '1');
  } catch {
    // gone already
  }
}

/** Removes an empty cgroup; false while processes are still leaving it. */
export function tryRmdir(dir: string): boolean {
  try {
    rmdirSync(dir);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/** Whether runs here get cgroups (and so reach descendants that call setsid). */
export function cgroupsAvailable(): boolean {
  const probe = createRunCgroup();
  return probe !== undefined && tryRmdir(probe);
}
