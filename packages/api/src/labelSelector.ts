// metav1.LabelSelectorAsSelector (apimachinery pkg/apis/meta/v1/helpers.go, k8s.io/kubernetes
// v1.37.2) and labels.Selector.Matches (pkg/labels): an absent selector matches nothing, an empty
// one everything; each matchLabels pair and matchExpression becomes a requirement whose key and
// values must be valid label syntax (labels.NewRequirement).
import { isQualifiedName, isValidLabelValue } from './names.js';
import type { LabelSelector } from './types.js';

/** Labels to test: a pod's `metadata.labels` (absent reads as no labels). */
export type LabelMatcher = (labels: Readonly<Record<string, string>> | undefined) => boolean;

const labelKeyError = (key: string): string | undefined => (isQualifiedName(key).length > 0 ? `invalid label key "${key}"` : undefined);
const labelValueError = (v: string): string | undefined => (isValidLabelValue(v).length > 0 ? `invalid label value: "${v}"` : undefined);

/**
 * Why `selector` does not convert to a label selector (metav1.LabelSelectorAsSelector), or
 * undefined. The Job controller's pass stops with this error before touching anything.
 */
export function selectorError(selector: LabelSelector | undefined | null): string | undefined {
  if (selector === undefined || selector === null) return undefined;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    const e = labelKeyError(k) ?? labelValueError(v);
    if (e !== undefined) return e;
  }
  for (const r of selector.matchExpressions ?? []) {
    const values = r.values ?? [];
    switch (r.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) return "for 'in', 'notin' operators, values set can't be empty";
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) return 'values set must be empty for exists and does not exist';
        break;
      default:
        return `"${r.operator}" is not a valid label selector operator`;
    }
    const e = labelKeyError(r.key) ?? values.map(labelValueError).find((x) => x !== undefined);
    if (e !== undefined) return e;
  }
  return undefined;
}

/**
 * A matcher for `selector` (metav1.LabelSelectorAsSelector, then Matches): an absent selector
 * matches nothing, an empty one everything, an unknown operator nothing. Compile once, match
 * many. Label syntax is not checked here; ask {@link selectorError} first.
 */
export function compileSelector(selector: LabelSelector | undefined | null): LabelMatcher {
  if (selector === undefined || selector === null) return () => false;
  const pairs = Object.entries(selector.matchLabels ?? {});
  const exprs = selector.matchExpressions ?? [];
  if (exprs.some((r) => !['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(r.operator))) return () => false;
  const keys = pairs.map(([k]) => k);
  const vals = pairs.map(([, v]) => v);
  return (labels) => {
    const l = labels ?? {};
    for (let i = 0; i < keys.length; i++) if (l[keys[i]!] !== vals[i]) return false;
    for (const r of exprs) {
      const has = Object.prototype.hasOwnProperty.call(l, r.key);
      const values = r.values ?? [];
      if (r.operator === 'In' && !(has && values.includes(l[r.key]!))) return false;
      if (r.operator === 'NotIn' && has && values.includes(l[r.key]!)) return false;
      if (r.operator === 'Exists' && !has) return false;
      if (r.operator === 'DoesNotExist' && has) return false;
    }
    return true;
  };
}

/** Whether `labels` satisfy `selector` (see {@link compileSelector}). */
export function selectorMatches(selector: LabelSelector | undefined | null, labels: Readonly<Record<string, string>> | undefined): boolean {
  return compileSelector(selector)(labels);
}
