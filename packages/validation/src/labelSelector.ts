// Label selectors: ValidateLabelSelector (apimachinery pkg/apis/meta/v1/validation) and
// LabelSelectorAsSelector + Matches (apimachinery pkg/apis/meta/v1/helpers.go, pkg/labels).

import { type FieldError, child, forbidden, index, invalid, required } from './fieldError.js';
import { isQualifiedName, isValidLabelValue } from './names.js';
import { validateLabelsInto } from './objectMeta.js';
import { isNil, isObj, list, prop, stringMap } from './internal/untrusted.js';

interface Requirement {
  readonly key: string;
  readonly op: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values: ReadonlySet<string>;
}

/** A parsed selector; `nothing` for a nil selector (matches no labels). */
export type Selector = { readonly kind: 'nothing' } | { readonly kind: 'requirements'; readonly reqs: readonly Requirement[] };

const validRequirement = (key: string, values: readonly string[]): boolean =>
  isQualifiedName(key).length === 0 && values.every((v) => isValidLabelValue(v).length === 0);

/**
 * LabelSelectorAsSelector: undefined when the selector cannot be converted (upstream returns an
 * error and the callers then skip their match checks).
 */
export function asSelector(sel: unknown): Selector | undefined {
  if (isNil(sel)) return { kind: 'nothing' };
  if (!isObj(sel)) return undefined;
  const sink: FieldError[] = [];
  const reqs: Requirement[] = [];
  for (const [k, v] of stringMap(sel, 'matchLabels', '', sink)) {
    if (!validRequirement(k, [v])) return undefined;
    reqs.push({ key: k, op: 'In', values: new Set([v]) });
  }
  for (const e of list(sel, 'matchExpressions', '', sink)) {
    const key = prop(e, 'key');
    const op = prop(e, 'operator');
    const rawValues = list(e, 'values', '', sink);
    if (typeof key !== 'string' || !rawValues.every((v) => typeof v === 'string')) return undefined;
    const values = rawValues as string[];
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0) return undefined;
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length !== 0) return undefined;
    } else return undefined;
    if (!validRequirement(key, values)) return undefined;
    reqs.push({ key, op, values: new Set(values) });
  }
  if (sink.length > 0) return undefined;
  return { kind: 'requirements', reqs };
}

/** Selector.Matches(labels.Set). An empty requirement list matches everything. */
export function selectorMatches(sel: Selector, labels: ReadonlyMap<string, string>): boolean {
  if (sel.kind === 'nothing') return false;
  return sel.reqs.every((r) => {
    const v = labels.get(r.key);
    switch (r.op) {
      case 'In':
        return v !== undefined && r.values.has(v);
      case 'NotIn':
        return v === undefined || !r.values.has(v);
      case 'Exists':
        return v !== undefined;
      case 'DoesNotExist':
        return v === undefined;
    }
  });
}

/** Whether any value in the selector is not a valid label value (LabelSelectorHasInvalidLabelValue). */
export function selectorHasInvalidLabelValue(sel: unknown): boolean {
  if (!isObj(sel)) return false;
  const sink: FieldError[] = [];
  for (const e of list(sel, 'matchExpressions', '', sink)) {
    for (const v of list(e, 'values', '', sink)) if (typeof v === 'string' && isValidLabelValue(v).length > 0) return true;
  }
  return false;
}

/** ValidateLabelSelector: matchLabels as labels, each matchExpression's operator, values and key. */
export function validateLabelSelectorInto(sel: unknown, path: string, errs: FieldError[], allowInvalidLabelValueInSelector = false): void {
  if (isNil(sel)) return;
  if (!isObj(sel)) {
    errs.push(invalid(path, 'must be an object'));
    return;
  }
  const ml = child(path, 'matchLabels');
  validateLabelsInto(stringMap(sel, 'matchLabels', ml, errs), ml, errs);
  const mePath = child(path, 'matchExpressions');
  const exprs = list(sel, 'matchExpressions', mePath, errs);
  for (let i = 0; i < exprs.length; i++) {
    const p = index(mePath, i);
    const e = exprs[i];
    const values = list(e, 'values', child(p, 'values'), errs);
    const op = prop(e, 'operator');
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0) errs.push(required(child(p, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length > 0) errs.push(forbidden(child(p, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else {
      errs.push(invalid(child(p, 'operator'), 'not a valid selector operator'));
    }
    const key = prop(e, 'key');
    if (typeof key !== 'string') errs.push(invalid(child(p, 'key'), 'must be a string'));
    else for (const m of isQualifiedName(key)) errs.push(invalid(child(p, 'key'), m));
    if (!allowInvalidLabelValueInSelector) {
      for (let j = 0; j < values.length; j++) {
        const v = values[j];
        if (typeof v !== 'string') errs.push(invalid(index(child(p, 'values'), j), 'must be a string'));
        else for (const m of isValidLabelValue(v)) errs.push(invalid(index(child(p, 'values'), j), m));
      }
    }
  }
}
