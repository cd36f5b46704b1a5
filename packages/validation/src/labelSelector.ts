// Label selectors: ValidateLabelSelector (apimachinery pkg/apis/meta/v1/validation), with field
// paths; LabelSelectorAsSelector + Matches are @jobkit/api's (labelSelector.ts), read here from
// untrusted input.

import { type FieldError, child, forbidden, index, invalid, required, sortedMap } from './fieldError.js';
import {
  compileSelector,
  isQualifiedName,
  isValidLabelValue,
  selectorError,
  type LabelMatcher,
  type LabelSelector,
  type LabelSelectorRequirement,
} from '@jobkit/api';
import { validateLabelsInto } from './objectMeta.js';
import { isNil, isObj, list, prop, stringMap } from './internal/untrusted.js';

/** A converted selector: @jobkit/api's matcher (absent matches nothing, empty everything). */
export type Selector = LabelMatcher;

/**
 * LabelSelectorAsSelector on an untrusted value: undefined when the selector cannot be
 * converted (upstream returns an error and the callers then skip their match checks). The
 * shape is checked here; conversion and matching are @jobkit/api's, the ones syncJob uses.
 */
export function asSelector(sel: unknown): Selector | undefined {
  if (isNil(sel)) return compileSelector(undefined);
  if (!isObj(sel)) return undefined;
  const sink: FieldError[] = [];
  const matchLabels = Object.fromEntries(stringMap(sel, 'matchLabels', '', sink));
  const matchExpressions: LabelSelectorRequirement[] = [];
  for (const e of list(sel, 'matchExpressions', '', sink)) {
    const key = prop(e, 'key');
    const operator = prop(e, 'operator');
    const values = list(e, 'values', '', sink);
    if (typeof key !== 'string' || typeof operator !== 'string' || !values.every((v) => typeof v === 'string')) return undefined;
    matchExpressions.push({ key, operator, values: values as string[] });
  }
  if (sink.length > 0) return undefined;
  const typed: LabelSelector = { matchLabels, matchExpressions };
  return selectorError(typed) === undefined ? compileSelector(typed) : undefined;
}

/**
 * A selector as upstream shows it as a bad value (json.Marshal of a *metav1.LabelSelector):
 * matchLabels with sorted keys, then matchExpressions; empty ones left out.
 */
export function selectorValue(sel: unknown): unknown {
  if (!isObj(sel)) return sel;
  const out: Record<string, unknown> = {};
  const ml = prop(sel, 'matchLabels');
  if (isObj(ml) && Object.keys(ml).length > 0) out['matchLabels'] = sortedMap(ml);
  const me = prop(sel, 'matchExpressions');
  if (Array.isArray(me) && me.length > 0) {
    // A FieldError keeps a few hundred nodes of a value: more expressions are never shown.
    out['matchExpressions'] = me.slice(0, 400).map((e: unknown) => {
      if (!isObj(e)) return e;
      const values = prop(e, 'values');
      return { key: prop(e, 'key') ?? '', operator: prop(e, 'operator') ?? '', ...(Array.isArray(values) && values.length > 0 ? { values } : {}) };
    });
  }
  return out;
}

/** Selector.Matches(labels.Set). An empty requirement list matches everything. */
export function selectorMatches(sel: Selector, labels: ReadonlyMap<string, string>): boolean {
  return sel(Object.fromEntries(labels));
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
    errs.push(invalid(path, sel, 'must be an object'));
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
      errs.push(invalid(child(p, 'operator'), op, 'not a valid selector operator'));
    }
    const key = prop(e, 'key');
    if (typeof key !== 'string') errs.push(invalid(child(p, 'key'), key, 'must be a string'));
    else for (const m of isQualifiedName(key)) errs.push(invalid(child(p, 'key'), key, m));
    if (!allowInvalidLabelValueInSelector) {
      for (let j = 0; j < values.length; j++) {
        const v = values[j];
        if (typeof v !== 'string') errs.push(invalid(index(child(p, 'values'), j), v, 'must be a string'));
        else for (const m of isValidLabelValue(v)) errs.push(invalid(index(child(p, 'values'), j), v, m));
      }
    }
  }
}
