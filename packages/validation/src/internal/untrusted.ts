// Reading untrusted JSON-ish input: every accessor returns a typed value or a marker, never throws.
// Upstream decodes into Go structs first; we validate the raw shape here and report wrong types
// as field errors instead (a decode error at the API server).

import { isRfc3339, parseTime } from '@jobkit/api';
import { type FieldError, invalid } from '../fieldError.js';

export type Obj = Readonly<Record<string, unknown>>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A nested object or {} when absent or of the wrong shape. */
export const obj = (v: unknown): Obj => (isObj(v) ? v : {});

/** Own property lookup that ignores prototype keys such as `__proto__` and `constructor`. */
export function prop(o: unknown, name: string): unknown {
  if (!isObj(o) || !Object.prototype.hasOwnProperty.call(o, name)) return undefined;
  try {
    return (o as Record<string, unknown>)[name];
  } catch {
    return undefined; // a throwing getter
  }
}

export const isNil = (v: unknown): v is null | undefined => v === undefined || v === null;

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * Reads an optional int32 field. Returns undefined (Go nil) when absent/null, the number when it is
 * an int32, and pushes an Invalid error (returning undefined) on a wrong type.
 */
export function optInt(o: unknown, name: string, path: string, errs: FieldError[]): number | undefined {
  const v = prop(o, name);
  if (isNil(v)) return undefined;
  if (typeof v === 'number' && Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX) return v;
  errs.push(invalid(path, v, 'must be a 32-bit integer'));
  return undefined;
}

// 2^63: JSON numbers arrive as doubles, and every double below this bound that is an integer is
// an int64 Go's decoder takes (above 2^53 they are only as exact as JSON.parse left them). The
// double 2^63 itself is refused, as by the api package's int64 codec.
const INT64_BOUND = 9223372036854775808;

/** Like optInt for int64 fields (activeDeadlineSeconds, generation): any integer in int64's range. */
export function optInt64(o: unknown, name: string, path: string, errs: FieldError[]): number | undefined {
  const v = prop(o, name);
  if (isNil(v)) return undefined;
  if (typeof v === 'number' && Number.isInteger(v) && v >= -INT64_BOUND && v < INT64_BOUND) return v;
  errs.push(invalid(path, v, 'must be a 64-bit integer'));
  return undefined;
}

/** A non-pointer int32 counter: absent reads 0 (Go zero value). */
export function intOrZero(o: unknown, name: string, path: string, errs: FieldError[]): number {
  return optInt(o, name, path, errs) ?? 0;
}

export function optString(o: unknown, name: string, path: string, errs: FieldError[]): string | undefined {
  const v = prop(o, name);
  if (isNil(v)) return undefined;
  if (typeof v === 'string') return v;
  errs.push(invalid(path, v, 'must be a string'));
  return undefined;
}

export function optBool(o: unknown, name: string, path: string, errs: FieldError[]): boolean | undefined {
  const v = prop(o, name);
  if (isNil(v)) return undefined;
  if (typeof v === 'boolean') return v;
  errs.push(invalid(path, v, 'must be a boolean'));
  return undefined;
}

/** An optional list: [] when absent; an Invalid error and [] on a wrong type. */
export function list(o: unknown, name: string, path: string, errs: FieldError[]): readonly unknown[] {
  const v = prop(o, name);
  if (isNil(v)) return [];
  if (Array.isArray(v)) return v;
  errs.push(invalid(path, v, 'must be a list'));
  return [];
}

/** A string map (labels, annotations, nodeSelector): {} when absent; Invalid on wrong shape. */
export function stringMap(o: unknown, name: string, path: string, errs: FieldError[]): ReadonlyMap<string, string> {
  const v = prop(o, name);
  const m = new Map<string, string>();
  if (isNil(v)) return m;
  if (!isObj(v)) {
    errs.push(invalid(path, v, 'must be a map of string to string'));
    return m;
  }
  let bad = false;
  for (const k of Object.keys(v)) {
    const val = prop(v, k);
    if (typeof val === 'string') m.set(k, val);
    else bad = true;
  }
  if (bad) errs.push(invalid(path, v, 'must be a map of string to string'));
  return m;
}

/** Parses an RFC 3339 timestamp to whole seconds (metav1.Time serialises at second precision). */
export function optTimeSeconds(o: unknown, name: string, path: string, errs: FieldError[]): number | undefined {
  const v = prop(o, name);
  if (isNil(v)) return undefined;
  // metav1.Time.UnmarshalJSON's time.Parse(time.RFC3339): strict 'T' and 'Z', fields in range.
  if (typeof v === 'string' && v.length <= 64 && isRfc3339(v)) {
    const ms = parseTime(v);
    if (ms !== undefined) return Math.floor(ms / 1000);
  }
  errs.push(invalid(path, v, 'must be an RFC 3339 timestamp'));
  return undefined;
}

/**
 * Nested empty values: absent, null, [] and {} decode to nil or empty slices and maps, which
 * Semantic.DeepEqual equates. (An empty pointer-to-struct is the one case this reads too kindly.)
 */
const isEmptyLeaf = (v: unknown): boolean => isNil(v) || (Array.isArray(v) && v.length === 0);
// Shallow on purpose: recursion here would let hostile nesting overflow the stack.
const isEmpty = (v: unknown): boolean => isEmptyLeaf(v) || (isObj(v) && Object.keys(v).every((k) => isEmptyLeaf(prop(v, k))));

/**
 * Structural equality of two decoded JSON values (apiequality.Semantic.DeepEqual for our purposes),
 * iterative so that deeply nested junk cannot overflow the stack. At the top, a missing value and
 * a present one differ (optional fields are pointers); nested empty values compare equal.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (isNil(a) || isNil(b)) return isNil(a) && isNil(b);
  const stack: Array<[unknown, unknown]> = [[a, b]];
  // Object pairs already queued: each is compared once, so a shared (DAG-shaped) input costs
  // its size, not the number of its paths (2^depth).
  const queued = new Map<object, Set<object>>();
  let steps = 0;
  while (stack.length > 0) {
    const [x, y] = stack.pop()!;
    if (++steps > 5_000_000) return false; // absurd inputs: treat as changed
    if (x === y) continue;
    if (typeof x === 'object' && x !== null && typeof y === 'object' && y !== null) {
      let ys = queued.get(x);
      if (ys === undefined) queued.set(x, (ys = new Set()));
      if (ys.has(y)) continue;
      ys.add(y);
    }
    if (isEmpty(x) && isEmpty(y)) continue;
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) stack.push([x[i], y[i]]);
      continue;
    }
    if (isObj(x) && isObj(y)) {
      const keys = new Set<string>();
      for (const k of Object.keys(x)) if (!isEmpty(prop(x, k))) keys.add(k);
      for (const k of Object.keys(y)) if (!isEmpty(prop(y, k))) keys.add(k);
      for (const k of keys) stack.push([prop(x, k), prop(y, k)]);
      continue;
    }
    return false;
  }
  return true;
}
