// The API server's defaults for a pod template (pkg/apis/core/v1/defaults.go and
// zz_generated.defaults.go SetObjectDefaults_PodTemplate), applied to copies of the old and new
// Job templates before the immutability comparison: upstream compares decoded, defaulted objects,
// so a field spelled out with its default value equals the same field left out, and an empty
// object in a pointer field (`affinity: {}`) differs from an absent one.

import { quantityKey } from './quantity.js';
import { isNil, isObj, prop } from './internal/untrusted.js';

type Rec = Record<string, unknown>;

/** A shallow copy of `v` when it is an object, with `f` applied; anything else as it is. */
function edit(v: unknown, f: (o: Rec) => void): unknown {
  if (!isObj(v)) return v;
  const o: Rec = { ...v };
  f(o);
  return o;
}

function editAt(o: Rec, k: string, f: (o: Rec) => void): void {
  if (isObj(o[k])) o[k] = edit(o[k], f);
}

function editEach(o: Rec, k: string, f: (o: Rec) => void): void {
  const v = o[k];
  if (Array.isArray(v)) o[k] = v.map((x) => edit(x, f));
}

/**
 * Marks an object held in a Go pointer-to-struct field: decoded, `{}` there is a non-nil pointer,
 * which Semantic.DeepEqual tells apart from nil, whereas the comparison (deepEqual) takes nested
 * empty objects as absent. Comparison copies only; never part of an error.
 */
export const PRESENT = '\u0000present';

function pointers(o: Rec, keys: readonly string[]): void {
  for (const k of keys)
    editAt(o, k, (v) => {
      v[PRESENT] = true;
    });
}

/** Pointer fields of SecurityContext and PodSecurityContext (core/v1 types.go). */
function securityContext(sc: Rec): void {
  pointers(sc, ['capabilities', 'seLinuxOptions', 'windowsOptions', 'seccompProfile', 'appArmorProfile']);
}

/** ProbeHandler / LifecycleHandler actions are pointers. */
function handler(h: Rec): void {
  pointers(h, ['exec', 'httpGet', 'tcpSocket', 'grpc', 'sleep']);
}

/** Go string fields: absent, null and "" are all unset. */
function defaultString(o: Rec, k: string, def: string): void {
  if (isNil(o[k]) || o[k] === '') o[k] = def;
}

/** Go pointer fields: only absent or null is unset. */
function defaultPointer(o: Rec, k: string, def: unknown): void {
  if (isNil(o[k])) o[k] = def;
}

/** Go int fields: absent, null and 0 are all unset. */
function defaultInt(o: Rec, k: string, def: number): void {
  if (isNil(o[k]) || o[k] === 0) o[k] = def;
}

/** SetDefaults_ResourceList (round up to milli) plus compare-by-value of each quantity. */
function resourceList(o: Rec, k: string): void {
  editAt(o, k, (list) => {
    for (const name of Object.keys(list)) list[name] = quantityKey(list[name], true);
  });
}

function resources(o: Rec, k: string): void {
  editAt(o, k, (r) => {
    resourceList(r, 'limits');
    resourceList(r, 'requests');
  });
}

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const IMAGE_REFERENCE = new RegExp(
  `^((?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::([\\w][\\w.-]{0,127}))?(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*):([0-9a-fA-F]+))?$`,
);
const digestHexLength: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

/**
 * SetDefaults_Container's imagePullPolicy: Always for the tag `latest` (also implied by a
 * reference with neither tag nor digest), else IfNotPresent, also when the reference does not
 * parse (pkg/util/parsers ParseImageName).
 */
export function defaultPullPolicy(image: unknown): 'Always' | 'IfNotPresent' {
  if (typeof image !== 'string' || image.length > 1024 || /^[a-f0-9]{64}$/.test(image)) return 'IfNotPresent';
  const m = IMAGE_REFERENCE.exec(image);
  if (m === null) return 'IfNotPresent';
  const [, name = '', tag, algorithm, hex] = m;
  if (name.length > 255) return 'IfNotPresent';
  if (algorithm !== undefined && digestHexLength[algorithm] !== hex?.length) return 'IfNotPresent';
  const effectiveTag = tag ?? (algorithm === undefined ? 'latest' : '');
  return effectiveTag === 'latest' ? 'Always' : 'IfNotPresent';
}

function httpGet(o: Rec): void {
  editAt(o, 'httpGet', (h) => {
    defaultString(h, 'path', '/');
    defaultString(h, 'scheme', 'HTTP');
  });
}

function probe(o: Rec, k: string): void {
  editAt(o, k, (p) => {
    defaultInt(p, 'timeoutSeconds', 1);
    defaultInt(p, 'periodSeconds', 10);
    defaultInt(p, 'successThreshold', 1);
    defaultInt(p, 'failureThreshold', 3);
    httpGet(p);
    editAt(p, 'grpc', (g) => defaultPointer(g, 'service', ''));
    handler(p);
    p[PRESENT] = true;
  });
}

function fieldRef(o: Rec): void {
  editAt(o, 'fieldRef', (f) => defaultString(f, 'apiVersion', 'v1'));
}

function container(c: Rec): void {
  if (isNil(c['imagePullPolicy']) || c['imagePullPolicy'] === '') c['imagePullPolicy'] = defaultPullPolicy(c['image']);
  defaultString(c, 'terminationMessagePath', '/dev/termination-log');
  defaultString(c, 'terminationMessagePolicy', 'File');
  editEach(c, 'ports', (p) => defaultString(p, 'protocol', 'TCP'));
  editEach(c, 'env', (e) =>
    editAt(e, 'valueFrom', (vf) => {
      fieldRef(vf);
      editAt(vf, 'fileKeyRef', (r) => defaultPointer(r, 'optional', false));
      pointers(vf, ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef', 'fileKeyRef']);
      vf[PRESENT] = true;
    }),
  );
  editEach(c, 'envFrom', (e) => pointers(e, ['configMapRef', 'secretRef']));
  resources(c, 'resources');
  for (const k of ['livenessProbe', 'readinessProbe', 'startupProbe']) probe(c, k);
  editAt(c, 'lifecycle', (l) => {
    for (const k of ['postStart', 'preStop']) {
      editAt(l, k, (h) => {
        httpGet(h);
        handler(h);
        h[PRESENT] = true;
      });
    }
    l[PRESENT] = true;
  });
  editAt(c, 'securityContext', securityContext);
  pointers(c, ['securityContext']);
}

const volumeDefaultMode = 0o644;

function volume(v: Rec): void {
  // SetDefaults_Volume: a volume naming no source is an emptyDir.
  if (Object.keys(v).every((k) => k === 'name' || isNil(v[k]))) v['emptyDir'] = {};
  editAt(v, 'emptyDir', (e) => {
    if (!isNil(e['sizeLimit'])) e['sizeLimit'] = quantityKey(e['sizeLimit'], false);
  });
  editAt(v, 'hostPath', (h) => defaultPointer(h, 'type', ''));
  editAt(v, 'secret', (s) => defaultPointer(s, 'defaultMode', volumeDefaultMode));
  editAt(v, 'configMap', (s) => defaultPointer(s, 'defaultMode', volumeDefaultMode));
  editAt(v, 'iscsi', (s) => defaultString(s, 'iscsiInterface', 'default'));
  editAt(v, 'rbd', (s) => {
    defaultString(s, 'pool', 'rbd');
    defaultString(s, 'user', 'admin');
    defaultString(s, 'keyring', '/etc/ceph/keyring');
  });
  editAt(v, 'downwardAPI', (d) => {
    defaultPointer(d, 'defaultMode', volumeDefaultMode);
    editEach(d, 'items', fieldRef);
  });
  editAt(v, 'azureDisk', (a) => {
    defaultPointer(a, 'cachingMode', 'ReadWrite');
    defaultPointer(a, 'fsType', 'ext4');
    defaultPointer(a, 'readOnly', false);
    defaultPointer(a, 'kind', 'Shared');
  });
  editAt(v, 'projected', (p) => {
    defaultPointer(p, 'defaultMode', volumeDefaultMode);
    editEach(p, 'sources', (s) => {
      editAt(s, 'downwardAPI', (d) => editEach(d, 'items', fieldRef));
      editAt(s, 'serviceAccountToken', (t) => defaultPointer(t, 'expirationSeconds', 3600));
    });
  });
  editAt(v, 'scaleIO', (s) => {
    defaultString(s, 'storageMode', 'ThinProvisioned');
    defaultString(s, 'fsType', 'xfs');
  });
  editAt(v, 'ephemeral', (e) =>
    editAt(e, 'volumeClaimTemplate', (t) =>
      editAt(t, 'spec', (s) => {
        defaultPointer(s, 'volumeMode', 'Filesystem');
        resources(s, 'resources');
      }),
    ),
  );
  // ImageVolume is GA (locked on) in v1.37.
  editAt(v, 'image', (i) => {
    if (isNil(i['pullPolicy']) || i['pullPolicy'] === '') i['pullPolicy'] = defaultPullPolicy(i['reference']);
  });
}

function podSpec(s: Rec): void {
  // DeprecatedServiceAccount is an alias that the internal type does not keep.
  const san = s['serviceAccountName'];
  if (isNil(san) || san === '') s['serviceAccountName'] = prop(s, 'serviceAccount') ?? '';
  delete s['serviceAccount'];
  defaultString(s, 'dnsPolicy', 'ClusterFirst');
  defaultString(s, 'restartPolicy', 'Always');
  defaultPointer(s, 'securityContext', {});
  defaultPointer(s, 'terminationGracePeriodSeconds', 30);
  defaultString(s, 'schedulerName', 'default-scheduler');
  editEach(s, 'volumes', volume);
  editEach(s, 'initContainers', container);
  editEach(s, 'containers', container);
  resourceList(s, 'overhead');
  resources(s, 'resources');
  editAt(s, 'securityContext', securityContext);
  editAt(s, 'affinity', (a) => {
    editAt(a, 'nodeAffinity', (n) => pointers(n, ['requiredDuringSchedulingIgnoredDuringExecution']));
    for (const k of ['podAffinity', 'podAntiAffinity']) {
      editAt(a, k, (pa) => {
        const term = (t: Rec): void => pointers(t, ['labelSelector', 'namespaceSelector']);
        editEach(pa, 'requiredDuringSchedulingIgnoredDuringExecution', term);
        editEach(pa, 'preferredDuringSchedulingIgnoredDuringExecution', (w) => editAt(w, 'podAffinityTerm', term));
      });
    }
    pointers(a, ['nodeAffinity', 'podAffinity', 'podAntiAffinity']);
  });
  editEach(s, 'topologySpreadConstraints', (c) => pointers(c, ['labelSelector']));
  pointers(s, ['affinity', 'dnsConfig', 'os', 'resources']);
}

/**
 * A copy of a (JSON) pod template with the API server's defaults filled in and quantities
 * replaced by value keys, for comparing two templates as upstream does. The input is not changed;
 * parts of the wrong shape are left as they are (validation reports them).
 */
export function defaultedPodTemplate(template: unknown): unknown {
  return edit(template, (t) => editAt(t, 'spec', podSpec));
}
