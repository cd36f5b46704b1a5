// A container's environment and command line as the kubelet builds them
// (pkg/kubelet/kubelet_pods.go makeEnvironmentVariables, third_party/forked/golang/expansion):
// explicit values, downward-API fieldRefs resolved from the pod (this is how an Indexed pod's
// JOB_COMPLETION_INDEX arrives), and $(VAR) references expanded.
import type { Container, Pod } from '@jobkit/api';

/** Host variables passed through so that commands can be found and run; images are not pulled. */
export const passThroughHostEnv = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'LC_ALL', 'TZ'] as const;

export interface ContainerEnv {
  readonly env: Readonly<Record<string, string>>;
  readonly warnings: readonly string[];
}

export function containerEnv(pod: Pod, container: Container, hostEnv: Readonly<Record<string, string | undefined>>): ContainerEnv {
  const env: Record<string, string> = {};
  const warnings: string[] = [];
  for (const key of passThroughHostEnv) {
    const value = hostEnv[key];
    if (value !== undefined) env[key] = value;
  }
  env['HOSTNAME'] = pod.spec?.hostname ?? pod.metadata.name ?? '';
  for (const variable of container.env ?? []) {
    if (variable.value !== undefined || variable.valueFrom === undefined) {
      env[variable.name] = expand(variable.value ?? '', env);
      continue;
    }
    const fieldPath = variable.valueFrom.fieldRef?.fieldPath;
    if (fieldPath !== undefined) {
      const value = resolveFieldRef(pod, fieldPath);
      if (value === undefined) warnings.push(`env ${variable.name}: fieldRef ${fieldPath} is not supported by the local runner; left unset`);
      else env[variable.name] = value;
    } else {
      const kind = Object.keys(variable.valueFrom).join(', ');
      warnings.push(`env ${variable.name}: valueFrom ${kind} needs a cluster (secrets, config maps, resources); left unset`);
    }
  }
  return { env, warnings };
}

/** The downward API's fieldRef paths that a local pod can answer. */
export function resolveFieldRef(pod: Pod, fieldPath: string): string | undefined {
  const keyed = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(fieldPath);
  if (keyed !== null) {
    const map = keyed[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations;
    return map?.[keyed[2]!] ?? '';
  }
  switch (fieldPath) {
    case 'metadata.name':
      return pod.metadata.name ?? '';
    case 'metadata.namespace':
      return pod.metadata.namespace ?? 'default';
    case 'metadata.uid':
      return pod.metadata.uid ?? '';
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? 'localhost';
    case 'spec.serviceAccountName':
      return String(pod.spec?.['serviceAccountName'] ?? 'default');
    case 'status.podIP':
    case 'status.hostIP':
      return '127.0.0.1';
    default:
      return undefined;
  }
}

/** $(VAR) expansion: defined names are replaced, undefined ones kept, $$ escapes a $. */
export function expand(input: string, env: Readonly<Record<string, string>>): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (ch === '$' && input[i + 1] === '$') {
      out += '$';
      i++;
    } else if (ch === '$' && input[i + 1] === '(') {
      const close = input.indexOf(')', i + 2);
      if (close === -1) {
        out += input.slice(i);
        break;
      }
      const name = input.slice(i + 2, close);
      out += Object.prototype.hasOwnProperty.call(env, name) ? env[name] : `$(${name})`;
      i = close;
    } else out += ch;
  }
  return out;
}

/** The argv the container runs: command then args, expanded; undefined without a command. */
export function containerArgv(container: Container, env: Readonly<Record<string, string>>): string[] | undefined {
  const command = container.command ?? [];
  if (command.length === 0) return undefined;
  return [...command, ...(container.args ?? [])].map((a) => expand(a, env));
}
