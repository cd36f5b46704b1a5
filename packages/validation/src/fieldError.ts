// FieldError: one validation failure, shaped like upstream's field.Error
// (staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go).

/** Upstream's error types, named as `field.ErrorType` prints them in API responses. */
export type FieldErrorType =
  | 'FieldValueInvalid'
  | 'FieldValueRequired'
  | 'FieldValueForbidden'
  | 'FieldValueDuplicate'
  | 'FieldValueNotSupported'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany';

/**
 * One validation error: its type, the field path as upstream prints it
 * (`status.conditions`, `spec.podFailurePolicy.rules[0].action`,
 * `spec.template.metadata.labels[job-name]`) and a human-readable detail.
 * @category Validation
 */
export interface FieldError {
  readonly type: FieldErrorType;
  readonly field: string;
  readonly detail: string;
}

/** Field path builders mirroring field.Path: `child` joins with '.', `index` and `key` use brackets. */
export const child = (path: string, ...names: string[]): string => names.reduce((p, n) => (p === '' ? n : `${p}.${n}`), path);
export const index = (path: string, i: number): string => `${path}[${i}]`;
export const key = (path: string, k: string): string => `${path}[${k}]`;

export const invalid = (field: string, detail: string): FieldError => ({ type: 'FieldValueInvalid', field, detail });
export const required = (field: string, detail = ''): FieldError => ({ type: 'FieldValueRequired', field, detail });
export const forbidden = (field: string, detail: string): FieldError => ({ type: 'FieldValueForbidden', field, detail });
export const duplicate = (field: string, value: unknown): FieldError => ({
  type: 'FieldValueDuplicate',
  field,
  detail: `Duplicate value: ${short(value)}`,
});
export const notSupported = (field: string, value: unknown, supported: readonly string[]): FieldError => ({
  type: 'FieldValueNotSupported',
  field,
  detail: `Unsupported value: ${short(value)}: supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`,
});
export const tooLong = (field: string, max: number): FieldError => ({
  type: 'FieldValueTooLong',
  field,
  detail: `may not be more than ${max} bytes`,
});
export const tooMany = (field: string, actual: number, max: number): FieldError => ({
  type: 'FieldValueTooMany',
  field,
  detail: `${actual}: must have at most ${max} items`,
});

/**
 * Renders a bad value for a detail without ever printing megabytes of hostile input: what is
 * rendered is a copy cut to a few dozen nodes and 80-character strings, so a huge, cyclic or
 * DAG-shaped value (2^depth paths) costs as little as a small one. Small values read exactly as
 * JSON.stringify writes them.
 */
export function short(value: unknown): string {
  let s: string;
  try {
    const budget = { nodes: 40 };
    s = String(JSON.stringify(pruned(value, budget, 0)) ?? String(value));
  } catch {
    s = Object.prototype.toString.call(value);
  }
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** `v` cut to `budget.nodes` containers and values, 8 levels, strings of 81 characters. */
function pruned(v: unknown, budget: { nodes: number }, depth: number): unknown {
  if (typeof v === 'string') return v.length > 81 ? v.slice(0, 81) : v;
  if (typeof v !== 'object' || v === null || typeof (v as { toJSON?: unknown }).toJSON === 'function') return v;
  if (--budget.nodes < 0 || depth > 8) return Array.isArray(v) ? [] : {};
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (let i = 0; i < v.length && budget.nodes > 0; i++) out.push(pruned(v[i], budget, depth + 1));
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    if (budget.nodes <= 0) break;
    budget.nodes--;
    Object.defineProperty(out, k, {
      value: pruned((v as Record<string, unknown>)[k], budget, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/**
 * One error per (type, field), in first-seen order, details joined with "; ". The API server can
 * report the same (type, field) several times (e.g. three `status.conditions` rules at once);
 * conformance compares errors as a set of (type, field) pairs, so each pair is returned once and
 * no detail is lost.
 */
export function mergeFieldErrors(errs: readonly FieldError[]): FieldError[] {
  const byKey = new Map<string, { type: FieldErrorType; field: string; details: string[] }>();
  for (const e of errs) {
    const k = `${e.type}\u0000${e.field}`;
    const seen = byKey.get(k);
    if (seen) {
      if (!seen.details.includes(e.detail)) seen.details.push(e.detail);
    } else byKey.set(k, { type: e.type, field: e.field, details: [e.detail] });
  }
  return [...byKey.values()].map(({ type, field, details }) => ({ type, field, detail: details.filter((d) => d !== '').join('; ') }));
}
