// FieldError: one validation failure, shaped like upstream's field.Error
// (staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go), and its rendering
// (field.Error.Error / ErrorBody) as the API server puts it in a response.
import { goQuote } from '@jobkit/indexes';

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
 * `spec.template.metadata.labels[job-name]`), upstream's `Detail` and the bad value.
 * {@link formatFieldError} renders it as the API server does:
 * `spec.completions: Invalid value: -1: must be greater than or equal to 0`.
 * @category Validation
 */
export interface FieldError {
  readonly type: FieldErrorType;
  readonly field: string;
  /** Upstream's Detail, e.g. `must be greater than or equal to 0` or `supported values: "OnFailure", "Never"`; may be "". */
  readonly detail: string;
  /**
   * The bad value (upstream's BadValue), shown for Invalid, Unsupported, Duplicate and Too many
   * errors: a string quoted (Go's %q), a number or boolean as is, anything else as JSON. Absent
   * when upstream omits it (field.OmitValueType) and on the types that never show one
   * (Required, Forbidden, Too long). Objects are kept as a bounded copy (a few hundred nodes).
   */
  readonly value?: unknown;
}

/** Field path builders mirroring field.Path: `child` joins with '.', `index` and `key` use brackets. */
export const child = (path: string, ...names: string[]): string => names.reduce((p, n) => (p === '' ? n : `${p}.${n}`), path);
export const index = (path: string, i: number): string => `${path}[${i}]`;
export const key = (path: string, k: string): string => `${path}[${k}]`;

const withValue = (type: FieldErrorType, field: string, value: unknown, detail: string): FieldError =>
  value === undefined ? { type, field, detail } : { type, field, detail, value: bounded(value) };

/** field.Invalid(field, value, detail); `value` undefined stands for field.OmitValueType{}. */
export const invalid = (field: string, value: unknown, detail: string): FieldError => withValue('FieldValueInvalid', field, value, detail);
/** field.Required(field, detail). */
export const required = (field: string, detail = ''): FieldError => ({ type: 'FieldValueRequired', field, detail });
/** field.Forbidden(field, detail). */
export const forbidden = (field: string, detail: string): FieldError => ({ type: 'FieldValueForbidden', field, detail });
/** field.Duplicate(field, value). */
export const duplicate = (field: string, value: unknown): FieldError => withValue('FieldValueDuplicate', field, value, '');
/** field.NotSupported(field, value, supported): the detail lists the supported values, %q-quoted. */
export const notSupported = (field: string, value: unknown, supported: readonly string[]): FieldError =>
  withValue('FieldValueNotSupported', field, value, supported.length > 0 ? `supported values: ${supported.map((s) => goQuote(s)).join(', ')}` : '');
/** field.TooLong(field, _, max): the value is never shown. */
export const tooLong = (field: string, max: number): FieldError => ({
  type: 'FieldValueTooLong',
  field,
  detail: max >= 0 ? `may not be more than ${max} ${max === 1 ? 'byte' : 'bytes'}` : 'value is too long',
});
/** field.TooMany(field, actual, max): the actual count is the value. */
export const tooMany = (field: string, actual: number, max: number): FieldError =>
  withValue(
    'FieldValueTooMany',
    field,
    actual >= 0 ? actual : undefined,
    max >= 0 ? `must have at most ${max} ${max === 1 ? 'item' : 'items'}` : 'has too many items',
  );

/** A map as Go's json.Marshal writes one: keys sorted (for values such as `spec.template.metadata.labels`). */
export function sortedMap(m: ReadonlyMap<string, unknown> | Readonly<Record<string, unknown>>): Record<string, unknown> {
  const entries = m instanceof Map ? [...(m as ReadonlyMap<string, unknown>).entries()] : Object.entries(m);
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

const typeText: Record<string, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooShort: 'Too short',
  FieldValueTooMany: 'Too many',
  FieldValueTooFew: 'Too few',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

/** Types whose ErrorBody never shows the value. */
const valueless = new Set(['FieldValueRequired', 'FieldValueForbidden', 'FieldValueTooLong', 'FieldValueTooShort', 'InternalError']);

/** Longest rendering of a value: hostile input may hold megabytes; upstream prints it all. */
const MaxRenderedValue = 4096;

/**
 * field.Error.ErrorBody: `Invalid value: -1: must be greater than or equal to 0`,
 * `Unsupported value: "Always": supported values: "OnFailure", "Never"`,
 * `Required value: must be 'pi'`.
 * @category Validation
 */
export function errorBody(e: Pick<FieldError, 'type' | 'detail' | 'value'>): string {
  const kind = typeText[e.type] ?? `<unknown error ${goQuote(String(e.type))}>`;
  let s = kind;
  if (!valueless.has(e.type) && e.value !== undefined) s += `: ${renderValue(e.value)}`;
  return e.detail ? `${s}: ${e.detail}` : s;
}

/**
 * field.Error.Error: the field path and {@link errorBody}, as the API server lists each cause
 * (`spec.completions: Invalid value: -1: must be greater than or equal to 0`).
 * @category Validation
 */
export function formatFieldError(e: FieldError): string {
  return e.field === '' ? errorBody(e) : `${e.field}: ${errorBody(e)}`;
}

/** The value as ErrorBody prints it: %v for numbers and booleans, %q for strings, JSON otherwise. */
export function renderValue(v: unknown): string {
  switch (typeof v) {
    case 'number':
      // Go's %v of a float64 writes +Inf / -Inf; JSON never carries them, decoded JS can.
      return v === Infinity ? '+Inf' : v === -Infinity ? '-Inf' : Object.is(v, -0) ? '0' : String(v);
    case 'bigint':
    case 'boolean':
      return String(v);
    case 'string':
      return v.length > MaxRenderedValue ? `${goQuote(v.slice(0, MaxRenderedValue))}...` : goQuote(v);
    default: {
      let s: string;
      try {
        s = goJson(JSON.stringify(bounded(v)) ?? 'null');
      } catch {
        s = Object.prototype.toString.call(v);
      }
      return s.length > MaxRenderedValue ? `${s.slice(0, MaxRenderedValue)}...` : s;
    }
  }
}

/** encoding/json escapes <, > and & (HTMLEscape) and U+2028, U+2029 where JSON.stringify does not. */
function goJson(s: string): string {
  return s.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A value kept in a FieldError: primitives as they are, objects as a bounded copy (no reference into the input). */
function bounded(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  try {
    return pruned(v, { nodes: 400 }, 0, MaxRenderedValue);
  } catch {
    return Object.prototype.toString.call(v);
  }
}

/** `v` cut to `budget.nodes` containers and values, 8 levels, strings of `maxString` characters. */
function pruned(v: unknown, budget: { nodes: number }, depth: number, maxString: number): unknown {
  if (typeof v === 'string') return v.length > maxString ? v.slice(0, maxString) : v;
  if (typeof v !== 'object' || v === null || typeof (v as { toJSON?: unknown }).toJSON === 'function') return v;
  if (--budget.nodes < 0 || depth > 8) return Array.isArray(v) ? [] : {};
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    // Every item costs one node: a sparse array of length 2^32 - 1 is cut as fast as a dense one.
    for (let i = 0; i < v.length && budget.nodes > 0; i++) {
      budget.nodes--;
      out.push(pruned(v[i], budget, depth + 1, maxString));
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    if (budget.nodes <= 0) break;
    budget.nodes--;
    Object.defineProperty(out, k, {
      value: pruned((v as Record<string, unknown>)[k], budget, depth + 1, maxString),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/**
 * The errors without exact repeats (same type, field, value and detail), in first-seen order,
 * as kubectl lists an API server's causes (statusCausesToAggrError skips repeated messages).
 * Everything else stays apart as upstream reports it: two bad label keys are two errors, and
 * three `status.conditions` rules broken at once are three. Conformance compares errors as a set
 * of (type, field) pairs, which this does not change.
 */
export function mergeFieldErrors(errs: readonly FieldError[]): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const e of errs) {
    const k = `${e.type}\u0000${e.field}\u0000${e.value === undefined ? '' : `=${renderValue(e.value)}`}\u0000${e.detail}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(e);
  }
  return out;
}
