// Object metadata checks the Job strategy runs: ValidateObjectMeta (create) and
// ValidateObjectMetaUpdate (update), from staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go
// and ValidateLabels (pkg/apis/meta/v1/validation), with the finalizer-name checks of
// pkg/apis/core/validation. Owner references and managed fields are not checked.

import { type FieldError, child, forbidden, index, invalid, required, tooLong } from './fieldError.js';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from '@jobkit/api';
import { deepEqual, isNil, list, obj, optInt64, optString, prop, stringMap } from './internal/untrusted.js';

const totalAnnotationSizeLimitB = 256 * 1024;

/** ValidateLabels: keys are qualified names, values label values; errors at the map's own path. */
export function validateLabelsInto(labels: ReadonlyMap<string, string>, path: string, errs: FieldError[]): void {
  for (const [k, v] of labels) {
    for (const m of isQualifiedName(k)) errs.push(invalid(path, k, m));
    for (const m of isValidLabelValue(v)) errs.push(invalid(path, v, m));
  }
}

/** ValidateAnnotations: keys are (lower-cased) qualified names, total size at most 256 KiB. */
export function validateAnnotationsInto(annotations: ReadonlyMap<string, string>, path: string, errs: FieldError[]): void {
  let size = 0;
  for (const [k, v] of annotations) {
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, k, m));
    size += k.length + v.length;
  }
  if (size > totalAnnotationSizeLimitB) errs.push(tooLong(path, totalAnnotationSizeLimitB));
}

/** The finalizers core's validateKubeFinalizerName accepts without a '/' (helper.standardFinalizers). */
const standardFinalizers = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/** Only string items can be judged; a wrong type is reported per item. */
function finalizerNames(meta: unknown, p: string, errs: FieldError[]): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  list(meta, 'finalizers', p, errs).forEach((f, i) => {
    if (typeof f === 'string') out.push([i, f]);
    else errs.push(invalid(index(p, i), f, 'must be a string'));
  });
  return out;
}

/** core validateKubeFinalizerName: a name without a '/' must be one of the standard finalizers. */
function validateKubeFinalizerNamesInto(names: ReadonlyArray<[number, string]>, p: string, errs: FieldError[]): void {
  for (const [i, f] of names) {
    if (!f.includes('/') && !standardFinalizers.has(f)) {
      errs.push(invalid(index(p, i), f, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  }
}

/** ValidateFinalizers (create): qualified names, not both orphan and foregroundDeletion. */
function validateFinalizersInto(names: ReadonlyArray<[number, string]>, p: string, errs: FieldError[]): void {
  for (const [, f] of names) for (const m of isQualifiedName(f)) errs.push(invalid(p, f, m));
  const set = new Set(names.map(([, f]) => f));
  if (set.has('orphan') && set.has('foregroundDeletion')) {
    errs.push(
      invalid(
        p,
        names.map(([, f]) => f),
        'finalizer orphan and foregroundDeletion cannot be both set',
      ),
    );
  }
}

/** ValidateObjectMeta for a namespaced object whose name must be a DNS subdomain (Jobs). */
export function validateObjectMetaInto(o: unknown, errs: FieldError[]): void {
  const p = 'metadata';
  const meta = obj(prop(o, 'metadata'));
  const generateName = optString(meta, 'generateName', child(p, 'generateName'), errs) ?? '';
  if (generateName !== '') {
    // A generateName may end with '-': upstream masks a trailing dash before checking.
    const masked = generateName.endsWith('-') ? `${generateName.slice(0, -1)}a` : generateName;
    for (const m of isDNS1123Subdomain(masked)) errs.push(invalid(child(p, 'generateName'), generateName, m));
  }
  const name = optString(meta, 'name', child(p, 'name'), errs) ?? '';
  if (name === '') errs.push(required(child(p, 'name'), 'name or generateName is required'));
  else for (const m of isDNS1123Subdomain(name)) errs.push(invalid(child(p, 'name'), name, m));
  const ns = optString(meta, 'namespace', child(p, 'namespace'), errs) ?? '';
  if (ns === '') errs.push(required(child(p, 'namespace')));
  else for (const m of isDNS1123Label(ns)) errs.push(invalid(child(p, 'namespace'), ns, m));
  const gen = optInt64(meta, 'generation', child(p, 'generation'), errs);
  if (gen !== undefined && gen < 0) errs.push(invalid(child(p, 'generation'), gen, 'must be greater than or equal to 0'));
  validateLabelsInto(stringMap(meta, 'labels', child(p, 'labels'), errs), child(p, 'labels'), errs);
  validateAnnotationsInto(stringMap(meta, 'annotations', child(p, 'annotations'), errs), child(p, 'annotations'), errs);
  const fp = child(p, 'finalizers');
  const finalizers = finalizerNames(meta, fp, errs);
  validateFinalizersInto(finalizers, fp, errs);
  validateKubeFinalizerNamesInto(finalizers, fp, errs);
}

/**
 * ValidateObjectMetaUpdate: resourceVersion present, generation non-negative and not decremented,
 * identity fields immutable, no new finalizers while deleting, labels, annotations and finalizer
 * names well formed.
 */
export function validateObjectMetaUpdateInto(newObj: unknown, oldObj: unknown, errs: FieldError[]): void {
  const p = 'metadata';
  const nm = obj(prop(newObj, 'metadata'));
  const om = obj(prop(oldObj, 'metadata'));
  const sink: FieldError[] = [];
  if (!isNil(prop(om, 'deletionTimestamp'))) {
    const oldF = new Set(list(om, 'finalizers', '', sink));
    const added = list(nm, 'finalizers', child(p, 'finalizers'), errs).filter((f) => !oldF.has(f));
    if (added.length > 0) {
      errs.push(forbidden(child(p, 'finalizers'), 'no new finalizers can be added if the object is being deleted'));
    }
  }
  const rv = optString(nm, 'resourceVersion', child(p, 'resourceVersion'), errs) ?? '';
  if (rv === '') errs.push(invalid(child(p, 'resourceVersion'), rv, 'must be specified for an update'));
  const ng = optInt64(nm, 'generation', child(p, 'generation'), errs) ?? 0;
  const og = optInt64(om, 'generation', '', sink) ?? 0;
  if (ng < 0) errs.push(invalid(child(p, 'generation'), ng, 'must be greater than or equal to 0'));
  if (ng < og) errs.push(invalid(child(p, 'generation'), ng, 'must not be decremented'));
  for (const f of ['name', 'namespace', 'uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds']) {
    const a = prop(nm, f);
    const b = prop(om, f);
    // Empty strings and absent values are the same Go zero value.
    if (!deepEqual(a === '' ? undefined : a, b === '' ? undefined : b))
      errs.push(invalid(child(p, f), a ?? (f === 'name' || f === 'namespace' || f === 'uid' ? '' : null), 'field is immutable'));
  }
  validateLabelsInto(stringMap(nm, 'labels', child(p, 'labels'), errs), child(p, 'labels'), errs);
  validateAnnotationsInto(stringMap(nm, 'annotations', child(p, 'annotations'), errs), child(p, 'annotations'), errs);
  // The update path checks finalizer names only against the core rule, not as qualified names.
  validateKubeFinalizerNamesInto(finalizerNames(nm, child(p, 'finalizers'), errs), child(p, 'finalizers'), errs);
}
