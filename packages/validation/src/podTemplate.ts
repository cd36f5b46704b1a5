// The part of ValidatePodTemplateSpec (pkg/apis/core/validation/validation.go) that jobkit checks.
//
// In scope: template labels and annotations, at least one container, container names (required,
// DNS-1123 labels, unique across containers and init containers), container images (required),
// the pod-level restartPolicy check (Always | OnFailure | Never) and activeDeadlineSeconds
// (1..2^31-1; decoding leaves the range to validation, as Go's int64 field does).
// Out of scope (the API server checks them, jobkit does not): the rest of the PodSpec — volumes,
// ports, probes, resources, security contexts, env, DNS, affinity, tolerations, scheduling gates,
// host namespaces, ephemeral containers, and fields the API server defaults (imagePullPolicy,
// terminationMessagePolicy, dnsPolicy, schedulerName).

import { type FieldError, child, duplicate, index, invalid, notSupported, required } from './fieldError.js';
import { isDNS1123Label } from '@jobkit/api';
import { validateAnnotationsInto, validateLabelsInto } from './objectMeta.js';
import { isObj, list, obj, optInt64, optString, prop, stringMap } from './internal/untrusted.js';

/** Names of all containers and init containers (for podFailurePolicy containerName checks). */
export function containerNames(template: unknown): Set<string> {
  const spec = obj(prop(template, 'spec'));
  const names = new Set<string>();
  const sink: FieldError[] = [];
  for (const field of ['containers', 'initContainers']) {
    for (const c of list(spec, field, '', sink)) {
      const n = prop(c, 'name');
      if (typeof n === 'string') names.add(n);
    }
  }
  return names;
}

export function validatePodTemplateSpecInto(template: unknown, path: string, errs: FieldError[]): void {
  if (!isObj(template)) {
    errs.push(required(child(path, 'spec', 'containers')));
    return;
  }
  const meta = obj(prop(template, 'metadata'));
  // Upstream validates the embedded ObjectMeta's maps at `template.labels` / `template.annotations`.
  validateLabelsInto(stringMap(meta, 'labels', child(path, 'labels'), errs), child(path, 'labels'), errs);
  validateAnnotationsInto(stringMap(meta, 'annotations', child(path, 'annotations'), errs), child(path, 'annotations'), errs);
  const specPath = child(path, 'spec');
  const spec = obj(prop(template, 'spec'));
  const seen = new Set<string>();
  for (const field of ['containers', 'initContainers'] as const) {
    const fp = child(specPath, field);
    const ctrs = list(spec, field, fp, errs);
    if (field === 'containers' && ctrs.length === 0) errs.push(required(fp));
    for (let i = 0; i < ctrs.length; i++) {
      const cp = index(fp, i);
      const c = ctrs[i];
      if (!isObj(c)) {
        errs.push(invalid(cp, c, 'must be a container object'));
        continue;
      }
      // validateContainerCommon (name, then image), then the uniqueness check of validateContainers.
      const name = optString(c, 'name', child(cp, 'name'), errs) ?? '';
      if (name === '') errs.push(required(child(cp, 'name')));
      else for (const m of isDNS1123Label(name)) errs.push(invalid(child(cp, 'name'), name, m));
      const image = optString(c, 'image', child(cp, 'image'), errs) ?? '';
      if (image === '') errs.push(required(child(cp, 'image')));
      if (name !== '') {
        if (seen.has(name)) errs.push(duplicate(child(cp, 'name'), name));
        seen.add(name);
      }
    }
  }
  const rp = prop(spec, 'restartPolicy');
  const rpPath = child(specPath, 'restartPolicy');
  if (rp === undefined || rp === null || rp === '') errs.push(required(rpPath));
  else if (rp !== 'Always' && rp !== 'OnFailure' && rp !== 'Never') errs.push(notSupported(rpPath, rp, ['Always', 'OnFailure', 'Never']));
  // ValidatePodSpec: a set activeDeadlineSeconds lies in 1..math.MaxInt32 (InclusiveRangeError).
  const adsPath = child(specPath, 'activeDeadlineSeconds');
  const ads = optInt64(spec, 'activeDeadlineSeconds', adsPath, errs);
  if (ads !== undefined && (ads < 1 || ads > 2147483647)) errs.push(invalid(adsPath, ads, 'must be between 1 and 2147483647, inclusive'));
}
