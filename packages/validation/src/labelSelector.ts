// Label selectors: ValidateLabelSelector (apimachinery pkg/apis/meta/v1/validation), with field
// paths; LabelSelectorAsSelector + Matches are @jobkit/api's (labelSelector.ts), read here from
// untrusted input.

import { type FieldError, child, forbidden, index, invalid, required } from './fieldError.js';
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
