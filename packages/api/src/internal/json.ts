// Fields jobkit does not model, kept as plain JSON (what apimachinery's unstructured decoding
// keeps): copied, never shared with the input, with depth, cycles and dangerous keys handled.
import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { MaxRequestBytes } from '../constants.js';
import { depthOf, failure, isDangerousKey, isDate, MaxDepth, noteDropped, setKey, tooDeep, tooLong } from './failure.js';
import { formatTime } from '../time.js';

/** Any JSON value. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

interface CopyState {
  readonly errors: t.ValidationError[];
  /** Objects on the current path: meeting one again is a cycle. */
  readonly ancestors: Set<object>;
  /** Finished copies, so a DAG-shaped input is copied once per node, not once per path. */
  readonly done: Map<object, Json>;
  /**
   * Nodes whose copy failed (too deep, cyclic, a bad value inside): reported once, not once per
   * path, or a DAG nested past MaxDepth would be walked 2^depth times. The decode fails either way.
   */
  readonly failed: Set<object>;
}

function copy(u: unknown, c: t.Context, st: CopyState): Json | undefined {
  switch (typeof u) {
    case 'string':
      if (u.length <= MaxRequestBytes) return u;
      st.errors.push(tooLong(u, c));
      return undefined;
    case 'boolean':
      return u;
    case 'number':
      if (Number.isFinite(u)) return u;
      st.errors.push(failure(u, c, 'expected a finite number'));
      return undefined;
    case 'object':
      break;
    default:
      st.errors.push(failure(u, c, 'expected a JSON value'));
      return undefined;
  }
  if (u === null) return null;
  if (isDate(u)) {
    // client-node turns every metav1.Time into a Date, modelled or not.
    const s = formatTime(u);
    if (s === undefined) st.errors.push(failure(u, c, 'expected a valid Date with a year in 0000-9999'));
    return s;
  }
  const seen = st.done.get(u);
  if (seen !== undefined) return seen;
  if (st.failed.has(u)) return undefined;
  if (st.ancestors.has(u)) {
    st.errors.push({ value: u, context: c, message: 'cyclic reference' });
    return undefined;
  }
  if (depthOf(c) > MaxDepth) {
    st.errors.push(tooDeep(u, c));
    st.failed.add(u);
    return undefined;
  }
  st.ancestors.add(u);
  const before = st.errors.length;
  let out: Json;
  if (Array.isArray(u)) {
    const arr: Json[] = [];
    for (let i = 0; i < u.length; i++) {
      const v: unknown = u[i];
      const ci = t.appendContext(c, String(i), JsonCodec, v);
      if (v === undefined) {
        // A hole (or undefined) has no JSON form; stop here so a huge sparse length costs nothing.
        st.errors.push(failure(v, ci, 'expected a JSON value (array holes are not allowed)'));
        break;
      }
      const r = copy(v, ci, st);
      if (r !== undefined) arr.push(r);
    }
    out = arr;
  } else {
    const obj: { [key: string]: Json } = {};
    const src = u as Record<string, unknown>;
    for (const k of Object.keys(src)) {
      const v = src[k];
      if (v === undefined) continue; // as JSON.stringify
      const ck = t.appendContext(c, k, JsonCodec, v);
      if (isDangerousKey(k, v)) {
        noteDropped(ck);
        continue;
      }
      const r = copy(v, ck, st);
      if (r !== undefined) setKey(obj, k, r);
    }
    out = obj;
  }
  st.ancestors.delete(u);
  if (st.errors.length === before) st.done.set(u, out);
  else st.failed.add(u);
  return out;
}

/** Decodes any JSON value into a fresh copy; Dates become RFC 3339 strings. */
export function decodeJson(u: unknown, c: t.Context): E.Either<t.Errors, Json> {
  const st: CopyState = { errors: [], ancestors: new Set(), done: new Map(), failed: new Set() };
  const out = copy(u, c, st);
  return st.errors.length > 0 || out === undefined ? E.left(st.errors) : E.right(out);
}

/** Copies a JSON value on the way out (undefined dropped, Dates formatted, like JSON.stringify). */
export function encodeJson(a: unknown): Json {
  if (a === null || typeof a !== 'object') {
    if (typeof a === 'number') return Number.isFinite(a) ? a : null;
    return typeof a === 'string' || typeof a === 'boolean' ? a : null;
  }
  if (isDate(a)) return formatTime(a) ?? null;
  if (Array.isArray(a)) return a.map(encodeJson);
  const out: { [key: string]: Json } = {};
  for (const k of Object.keys(a)) {
    const v = (a as Record<string, unknown>)[k];
    if (v !== undefined && !isDangerousKey(k, v)) setKey(out, k, encodeJson(v));
  }
  return out;
}

/** The codec of an unmodelled field: any JSON value, copied. */
export const JsonCodec: t.Type<Json, Json, unknown> = new t.Type<Json, Json, unknown>(
  'JSON',
  (u): u is Json => E.isRight(decodeJson(u, [{ key: '', type: JsonCodec, actual: u }])),
  (u, c) => decodeJson(u, c),
  encodeJson,
);
