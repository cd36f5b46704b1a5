// The "Pod Template:" part of `kubectl describe job`: a port of DescribePodTemplate and the
// container, volume, label and annotation printers it calls (k8s.io/kubectl pkg/describe/
// describe.go, v0.37.2). Lines use kubectl's tabs and levels; tabwrite() aligns them.
//
// The template here is what the API server stored, less the Pod defaults jobkit does not apply
// (port protocol, probe timings, fieldRef apiVersion): those are shown with the server's
// defaults so the text reads as kubectl's would. Resource quantities are printed as written,
// not in the canonical form resource.Quantity.String() gives.
import type { Container, LabelSelector, PodTemplateSpec } from '@jobkit/api';
import { formatLabelSelector } from './printers.js';

/** Appends one line at an indentation level (two spaces each, kubectl's PrefixWriter). */
export type Put = (level: number, text: string) => void;

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');
const int = (v: unknown, dflt = 0): number => (typeof v === 'number' ? v : dflt);
const bool = (v: unknown): boolean => v === true;
/** Go's sort.Strings: byte order, which is code-unit order for the ASCII of keys. */
const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** printLabelsMultilineWithIndent: `title:` then one sorted key=value a line, or <none>. */
export function putLabels(put: Put, title: string, labels: Readonly<Record<string, string>> | undefined): void {
  const keys = Object.keys(labels ?? {}).sort(byteOrder);
  if (keys.length === 0) return put(0, `${title}:\t<none>`);
  keys.forEach((k, i) => put(0, `${i === 0 ? `${title}:` : ''}\t${k}=${labels![k]}`));
}

/** kubectl's cut-off for one annotation line (maxAnnotationLen). */
const maxAnnotationLen = 140;
const shorten = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max)}...` : s);

/** printAnnotationsMultiline: long or multi-line values go under their key, each line cut at 138. */
export function putAnnotations(put: Put, title: string, annotations: Readonly<Record<string, string>> | undefined): void {
  // kubectl skips the last-applied-configuration blob.
  const keys = Object.keys(annotations ?? {})
    .filter((k) => k !== 'kubectl.kubernetes.io/last-applied-configuration')
    .sort(byteOrder);
  if (keys.length === 0) return put(0, `${title}:\t<none>`);
  keys.forEach((k, i) => {
    const head = i === 0 ? `${title}:\t` : '\t';
    const value = annotations![k]!.replace(/\n$/, '');
    if (value.length + k.length + 2 > maxAnnotationLen || value.includes('\n')) {
      put(0, `${head}${k}:`);
      for (const line of value.split('\n')) put(0, `\t  ${shorten(line, maxAnnotationLen - 2)}`);
    } else put(0, `${head}${k}: ${value}`);
  });
}

/** describeContainerPorts / describeContainerHostPorts: "8080/TCP (http), 9090/TCP". */
function ports(container: Json, field: 'containerPort' | 'hostPort'): string {
  return list(container['ports'])
    .map(obj)
    .filter((p): p is Json => p !== undefined)
    .map((p) => `${int(p[field])}/${text(p['protocol']) || 'TCP'}${text(p['name']) ? ` (${text(p['name'])})` : ''}`)
    .join(', ');
}

/** DescribeProbe, with the API server's probe defaults (timeout 1 s, period 10 s, thresholds 1 and 3). */
export function probeText(probe: Json): string {
  const attrs =
    `delay=${int(probe['initialDelaySeconds'])}s timeout=${int(probe['timeoutSeconds'], 1)}s period=${int(probe['periodSeconds'], 10)}s ` +
    `successThreshold=${int(probe['successThreshold'], 1)} failureThreshold=${int(probe['failureThreshold'], 3)}`;
  const exec = obj(probe['exec']);
  const http = obj(probe['httpGet']);
  const tcp = obj(probe['tcpSocket']);
  const grpc = obj(probe['grpc']);
  if (exec) return `exec [${list(exec['command']).map(text).join(' ')}] ${attrs}`;
  if (http) {
    const port = text(http['port']);
    const host = text(http['host']);
    // net.JoinHostPort brackets IPv6 hosts.
    const hostPort = port ? `${host.includes(':') ? `[${host}]` : host}:${port}` : host;
    return `http-get ${(text(http['scheme']) || 'HTTP').toLowerCase()}://${hostPort}${text(http['path'])} ${attrs}`;
  }
  if (tcp) return `tcp-socket ${text(tcp['host'])}:${text(tcp['port'])} ${attrs}`;
  if (grpc) return `grpc <pod>:${int(grpc['port'])} ${text(grpc['service'])} ${attrs}`;
  return `unknown ${attrs}`;
}

/** describeResources: Limits and Requests, resource names sorted. */
function putResources(put: Put, resources: Json | undefined, level: number): void {
  for (const [title, field] of [
    ['Limits', 'limits'],
    ['Requests', 'requests'],
  ] as const) {
    const quantities = obj(resources?.[field]) ?? {};
    const names = Object.keys(quantities).sort(byteOrder);
    if (names.length === 0) continue;
    put(level, `${title}:`);
    for (const n of names) put(level + 1, `${n}:\t${text(quantities[n])}`);
  }
}

const quantitySuffixes: Readonly<Record<string, number>> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** A resource quantity's value ("500m" → 0.5, "1Gi" → 2^30), near enough for display; 0 when absent or not one. */
function quantity(v: unknown): number {
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|([a-zA-Z]*))$/.exec(text(v));
  if (m === null) return 0;
  const scale = m[2] !== undefined ? 10 ** Number(m[2].slice(1)) : quantitySuffixes[m[3] ?? ''];
  return scale === undefined ? 0 : Number(m[1]) * scale;
}

/**
 * What a resourceFieldRef reads from the container (kubectl util/resource
 * ExtractContainerResourceValue): CPU in whole divisors (default 1 core) rounded up, memory and
 * ephemeral storage in whole divisors (default 1 byte) rounded up; "" for other resources.
 */
function resourceFieldValue(container: Json, ref: Json): string {
  const resource = text(ref['resource']);
  const [kind, name] = resource.split('.') as [string, string | undefined];
  if ((kind !== 'limits' && kind !== 'requests') || !['cpu', 'memory', 'ephemeral-storage'].includes(name ?? '')) return '';
  const value = quantity(obj(obj(container['resources'])?.[kind])?.[name!]);
  const divisor = quantity(ref['divisor']) || 1;
  const n = name === 'cpu' ? Math.ceil(Math.ceil(value * 1000) / Math.ceil(divisor * 1000)) : Math.ceil(Math.ceil(value) / Math.ceil(divisor));
  // Unset CPU and memory limits read as the node's allocatable (kubectl's wording).
  return n === 0 && (resource === 'limits.cpu' || resource === 'limits.memory') ? 'node allocatable' : String(n);
}

/** describeContainerEnvVars: literal values (multi-line ones continued), or where they come from. */
function putEnv(put: Put, container: Json): void {
  const env = list(container['env'])
    .map(obj)
    .filter((e): e is Json => e !== undefined);
  if (env.length === 0) return put(2, 'Environment:\t<none>');
  put(2, 'Environment:');
  for (const e of env) {
    const name = text(e['name']);
    const from = obj(e['valueFrom']);
    if (from === undefined) {
      text(e['value'])
        .split('\n')
        .forEach((line, i) => put(3, i === 0 ? `${name}:\t${line}` : `\t${line}`));
      continue;
    }
    const field = obj(from['fieldRef']);
    const resource = obj(from['resourceFieldRef']);
    const secret = obj(from['secretKeyRef']);
    const configMap = obj(from['configMapKeyRef']);
    // A pod template has no pod to resolve a fieldRef against: kubectl prints no value, only the path.
    if (field) put(3, `${name}:\t (${text(field['apiVersion']) || 'v1'}:${text(field['fieldPath'])})`);
    else if (resource) put(3, `${name}:\t${resourceFieldValue(container, resource)} (${text(resource['resource'])})`);
    else if (secret) put(3, `${name}:\t<set to the key '${text(secret['key'])}' in secret '${text(secret['name'])}'>\tOptional: ${bool(secret['optional'])}`);
    else if (configMap)
      put(3, `${name}:\t<set to the key '${text(configMap['key'])}' of config map '${text(configMap['name'])}'>\tOptional: ${bool(configMap['optional'])}`);
  }
}

/** describeContainerEnvFrom. */
function putEnvFrom(put: Put, container: Json): void {
  const sources = list(container['envFrom'])
    .map(obj)
    .filter((e): e is Json => e !== undefined);
  if (sources.length === 0) return;
  put(2, 'Environment Variables from:');
  for (const e of sources) {
    const configMap = obj(e['configMapRef']);
    const secret = obj(e['secretRef']);
    const ref = configMap ?? secret;
    const kind = configMap ? 'ConfigMap' : secret ? 'Secret' : '';
    const prefix = text(e['prefix']);
    put(3, `${text(ref?.['name'])}\t${kind}${prefix ? ` with prefix '${prefix}'` : ''}\tOptional: ${bool(ref?.['optional'])}`);
  }
}

/** describeContainerVolumes: mounts sorted by path, then devices. */
function putMounts(put: Put, container: Json): void {
  const mounts = list(container['volumeMounts'])
    .map(obj)
    .filter((m): m is Json => m !== undefined)
    .sort((a, b) => byteOrder(text(a['mountPath']), text(b['mountPath'])));
  put(2, mounts.length === 0 ? 'Mounts:\t<none>' : 'Mounts:');
  for (const m of mounts) {
    const flags = [bool(m['readOnly']) ? 'ro' : 'rw', ...(text(m['subPath']) ? [`path=${JSON.stringify(text(m['subPath']))}`] : [])];
    put(3, `${text(m['mountPath'])} from ${text(m['name'])} (${flags.join(',')})`);
  }
  const devices = list(container['volumeDevices'])
    .map(obj)
    .filter((d): d is Json => d !== undefined)
    .sort((a, b) => byteOrder(text(a['devicePath']), text(b['devicePath'])));
  if (devices.length === 0) return;
  put(2, 'Devices:');
  for (const d of devices) put(3, `${text(d['devicePath'])} from ${text(d['name'])}`);
}

/** describeContainers for a template (no container statuses). */
function putContainers(put: Put, label: string, containers: readonly Container[]): void {
  put(0, `  ${label}:${containers.length === 0 ? ' <none>' : ''}`);
  for (const c of containers as readonly Json[]) {
    put(1, ` ${text(c['name'])}:`);
    put(2, `Image:\t${text(c['image'])}`);
    const p = ports(c, 'containerPort');
    put(2, p.includes(',') ? `Ports:\t${p}` : `Port:\t${p || '<none>'}`);
    const hp = ports(c, 'hostPort');
    put(2, hp.includes(',') ? `Host Ports:\t${hp}` : `Host Port:\t${hp || '<none>'}`);
    const seccomp = obj(obj(c['securityContext'])?.['seccompProfile']);
    if (seccomp) {
      put(2, `SeccompProfile:\t${text(seccomp['type'])}`);
      if (seccomp['type'] === 'Localhost') put(3, `LocalhostProfile:\t${text(seccomp['localhostProfile'])}`);
    }
    for (const [title, field] of [
      ['Command', 'command'],
      ['Args', 'args'],
    ] as const) {
      const parts = list(c[field]).map(text);
      if (parts.length === 0) continue;
      put(2, `${title}:`);
      for (const part of parts) for (const line of part.split('\n')) put(3, line);
    }
    putResources(put, obj(c['resources']), 2);
    for (const [title, field] of [
      ['Liveness', 'livenessProbe'],
      ['Readiness', 'readinessProbe'],
      ['Startup', 'startupProbe'],
    ] as const) {
      const probe = obj(c[field]);
      if (probe) put(2, `${title}:\t${probeText(probe)}`);
    }
    putEnvFrom(put, c);
    putEnv(put, c);
    putMounts(put, c);
  }
}

/** Volume types kubectl describes, with its wording (describeVolumes); others by their field name. */
function putVolumes(put: Put, volumes: readonly Json[]): void {
  if (volumes.length === 0) return put(0, '  Volumes:\t<none>');
  put(0, '  Volumes:');
  for (const v of volumes) {
    put(1, ` ${text(v['name'])}:`);
    const source = (key: string): Json | undefined => obj(v[key]);
    const hostPath = source('hostPath');
    const emptyDir = source('emptyDir');
    const secret = source('secret');
    const configMap = source('configMap');
    const claim = source('persistentVolumeClaim');
    const downward = source('downwardAPI');
    const projected = source('projected');
    if (hostPath) {
      put(2, 'Type:\tHostPath (bare host directory volume)');
      put(2, `Path:\t${text(hostPath['path'])}`);
      put(2, `HostPathType:\t${text(hostPath['type']) || '<none>'}`);
    } else if (emptyDir) {
      put(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)");
      put(2, `Medium:\t${text(emptyDir['medium'])}`);
      const size = text(emptyDir['sizeLimit']);
      put(2, `SizeLimit:\t${size && size !== '0' ? size : '<unset>'}`);
    } else if (secret) {
      put(2, 'Type:\tSecret (a volume populated by a Secret)');
      put(2, `SecretName:\t${text(secret['secretName'])}`);
      put(2, `Optional:\t${bool(secret['optional'])}`);
    } else if (configMap) {
      put(2, 'Type:\tConfigMap (a volume populated by a ConfigMap)');
      put(2, `Name:\t${text(configMap['name'])}`);
      put(2, `Optional:\t${bool(configMap['optional'])}`);
    } else if (claim) {
      put(2, 'Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)');
      put(2, `ClaimName:\t${text(claim['claimName'])}`);
      put(2, `ReadOnly:\t${bool(claim['readOnly'])}`);
    } else if (downward) {
      put(2, 'Type:\tDownwardAPI (a volume populated by information about the pod)');
      put(2, 'Items:');
      for (const item of list(downward['items']).map(obj)) {
        const f = obj(item?.['fieldRef']);
        const r = obj(item?.['resourceFieldRef']);
        if (f) put(3, `${text(f['fieldPath'])} -> ${text(item?.['path'])}`);
        if (r) put(3, `${text(r['resource'])} -> ${text(item?.['path'])}`);
      }
    } else if (projected) {
      put(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)');
      for (const s of list(projected['sources']).map(obj)) {
        const sec = obj(s?.['secret']);
        const cm = obj(s?.['configMap']);
        const token = obj(s?.['serviceAccountToken']);
        if (sec) {
          put(2, `SecretName:\t${text(sec['name'])}`);
          put(2, `Optional:\t${bool(sec['optional'])}`);
        } else if (s?.['downwardAPI'] !== undefined) put(2, 'DownwardAPI:\ttrue');
        else if (cm) {
          put(2, `ConfigMapName:\t${text(cm['name'])}`);
          put(2, `Optional:\t${bool(cm['optional'])}`);
        } else if (token) put(2, `TokenExpirationSeconds:\t${int(token['expirationSeconds'], 3600)}`);
      }
    } else {
      // The many cloud and network volume types kubectl spells out are named, not detailed.
      const kind = Object.keys(v).find((k) => k !== 'name');
      put(2, kind === undefined ? '<unknown>' : `Type:\t${kind[0]!.toUpperCase()}${kind.slice(1)}`);
    }
  }
}

/** printTolerationsMultilineWithIndent: key[=value][:effect][ op=Exists][ for Ns], sorted by key. */
function putTolerations(put: Put, tolerations: readonly Json[]): void {
  if (tolerations.length === 0) return put(0, '  Tolerations:\t<none>');
  [...tolerations]
    .sort((a, b) => byteOrder(text(a['key']), text(b['key'])))
    .forEach((t, i) => {
      const key = text(t['key']);
      const value = text(t['value']);
      const effect = text(t['effect']);
      let s = key + (value ? `=${value}` : '') + (effect ? `:${effect}` : '');
      if (t['operator'] === 'Exists' && !value) s += key || effect ? ' op=Exists' : 'op=Exists';
      if (typeof t['tolerationSeconds'] === 'number') s += ` for ${t['tolerationSeconds']}s`;
      put(0, `${i === 0 ? '  Tolerations:' : ''}\t${s}`);
    });
}

/** DescribePodTemplate: labels, annotations, service account, containers, volumes, scheduling. */
export function putPodTemplate(put: Put, template: PodTemplateSpec | undefined): void {
  put(0, 'Pod Template:');
  const spec = (template?.spec ?? {}) as Json;
  putLabels(put, '  Labels', template?.metadata?.labels);
  if (Object.keys(template?.metadata?.annotations ?? {}).length > 0) putAnnotations(put, '  Annotations', template?.metadata?.annotations);
  if (text(spec['serviceAccountName'])) put(1, `Service Account:\t${text(spec['serviceAccountName'])}`);
  const init = list(spec['initContainers']) as Container[];
  if (init.length > 0) putContainers(put, 'Init Containers', init);
  putContainers(put, 'Containers', list(spec['containers']) as Container[]);
  putVolumes(
    put,
    list(spec['volumes'])
      .map(obj)
      .filter((v): v is Json => v !== undefined),
  );
  const spread = list(spec['topologySpreadConstraints'])
    .map(obj)
    .filter((c): c is Json => c !== undefined)
    .sort((a, b) => byteOrder(text(a['topologyKey']), text(b['topologyKey'])));
  spread.forEach((c, i) => {
    const selector = obj(c['labelSelector']);
    const sel = selector ? ` for selector ${formatLabelSelector(selector as LabelSelector)}` : '';
    put(
      0,
      `${i === 0 ? '  Topology Spread Constraints:' : '  '}\t${text(c['topologyKey'])}:${text(c['whenUnsatisfiable'])} when max skew ${int(c['maxSkew'])} is exceeded${sel}`,
    );
  });
  if (text(spec['priorityClassName'])) put(1, `Priority Class Name:\t${text(spec['priorityClassName'])}`);
  putLabels(put, '  Node-Selectors', obj(spec['nodeSelector']) as Record<string, string> | undefined);
  putTolerations(
    put,
    list(spec['tolerations'])
      .map(obj)
      .filter((t): t is Json => t !== undefined),
  );
  const group = obj(spec['schedulingGroup']);
  if (group) {
    put(0, '  SchedulingGroup:');
    put(1, `PodGroupName:\t${text(group['podGroupName'])}`);
  }
}
