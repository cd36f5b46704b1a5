// Decode failures as io-ts ValidationErrors (io-ts src/index.ts), worded like encoding/json's
// UnmarshalTypeError so a message says which field and what was wrong.
import * as t from 'io-ts';
import { MaxRequestBytes } from '../constants.js';

/** Deepest nesting a decoded object may have; deeper input is rejected, never recursed into. */
export const MaxDepth = 100;

/**
 * Root context entry of one decode call. `dropped` collects the paths of keys that decoding
 * removed on purpose (`__proto__`, object-valued `constructor` / `prototype`).
 */
export interface RootEntry extends t.ContextEntry {
  readonly dropped?: string[];
}

/** A context holding only the root entry, with an optional sink for dropped keys. */
export function rootContext(codec: t.Decoder<unknown, unknown>, u: unknown, dropped?: string[]): t.Context {
  const entry: RootEntry = dropped ? { key: '', type: codec, actual: u, dropped } : { key: '', type: codec, actual: u };
  return [entry];
}

/** Depth of the value the context points at: the root object is 0. */
export function depthOf(c: t.Context): number {
  return c.length - 1;
}

/** One error: `message` reads "expected ..., got <value>". */
export function failure(u: unknown, c: t.Context, expected: string): t.ValidationError {
  return { value: u, context: c, message: `${expected}, got ${describeValue(u)}` };
}

/** The error for input nested deeper than MaxDepth. */
export function tooDeep(u: unknown, c: t.Context): t.ValidationError {
  return { value: u, context: c, message: `nesting exceeds the limit of ${MaxDepth} levels` };
}

/** The error for a string no API request can hold (longer than MaxRequestBytes). */
export function tooLong(u: string, c: t.Context): t.ValidationError {
  return { value: u, context: c, message: `a string of ${u.length} characters exceeds the API server's request size limit of ${MaxRequestBytes} bytes` };
}

/** Records that the key at context `c` was dropped (see RootEntry). */
export function noteDropped(c: t.Context): void {
  const root = c[0] as RootEntry | undefined;
  if (root?.dropped) root.dropped.push(renderPath(c));
}

/**
 * Keys that must never reach an output object, the shapes a merge-based prototype pollution
 * needs: `__proto__` holding an object or null (a naive merge would write through it into
 * Object.prototype, or swap a prototype), and `constructor` / `prototype` holding an object
 * (`{constructor: {prototype: {...}}}`). Where such a key can stand, in a struct, the API
 * server drops it as an unknown field too. Keys holding a string (or another scalar) are data
 * and kept, so that `metadata.labels[__proto__]` reaches validation, which rejects it as the
 * API server does; {@link setKey} stores them without touching the prototype.
 */
export function isDangerousKey(key: string, value: unknown): boolean {
  if (key !== '__proto__' && key !== 'constructor' && key !== 'prototype') return false;
  return typeof value === 'object' && (value !== null || key === '__proto__');
}

/** `out[key] = value` as an own data property, also for `__proto__` (plain assignment would set the prototype). */
export function setKey(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/** A Date, also one made in another realm (vm context, worker) where instanceof fails. */
export function isDate(u: unknown): u is Date {
  return u instanceof Date || (typeof u === 'object' && u !== null && Object.prototype.toString.call(u) === '[object Date]');
}

const MaxShown = 48;

/** A short, safe rendering of any value for a message (never stringifies a whole object). */
export function describeValue(u: unknown): string {
  switch (typeof u) {
    case 'string': {
      const s = JSON.stringify(u.length > MaxShown ? u.slice(0, MaxShown) : u);
      return u.length > MaxShown ? `${s.slice(0, -1)}…" (a string)` : `${s} (a string)`;
    }
    case 'number':
      return Object.is(u, -0) ? '-0' : String(u);
    case 'bigint':
      return `${u}n (a bigint)`;
    case 'boolean':
      return String(u);
    case 'undefined':
      return 'undefined';
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default:
      if (u === null) return 'null';
      if (Array.isArray(u)) return 'an array';
      if (isDate(u)) return Number.isNaN(u.getTime()) ? 'an invalid Date' : 'a Date';
      return 'an object';
  }
}

/**
 * The field path of a context in upstream's field.Path notation: `spec.template.spec`,
 * `status.conditions[0].type`, `metadata.labels[app]`. The root renders as "".
 */
export function renderPath(c: t.Context): string {
  let out = '';
  for (let i = 1; i < c.length; i++) {
    const key = c[i]!.key;
    const parent = c[i - 1]!;
    if (Array.isArray(parent.actual) || isKeyed(parent.type)) out += `[${key}]`;
    else out += out === '' ? key : `.${key}`;
  }
  return out;
}

/** Codecs whose children are map entries (rendered `[key]`) carry this marker. */
export const KeyedMarker: unique symbol = Symbol.for('@jobkit/api.keyed');

function isKeyed(type: unknown): boolean {
  return typeof type === 'object' && type !== null && (type as { [KeyedMarker]?: boolean })[KeyedMarker] === true;
}

/**
 * Marks codecs whose decoded value is the input itself whenever `is` accepts it (strings,
 * numbers, booleans, RFC 3339 strings): containers then skip building a context per field,
 * which is most of the cost on large inputs.
 */
export const PlainMarker: unique symbol = Symbol.for('@jobkit/api.plain');

/** The `is` guard of a plain codec (see PlainMarker), or undefined. */
export function plainGuard(codec: unknown): ((u: unknown) => boolean) | undefined {
  if (typeof codec !== 'object' || codec === null || (codec as { [PlainMarker]?: boolean })[PlainMarker] !== true) return undefined;
  return (codec as { is: (u: unknown) => boolean }).is;
}

/** Marks `codec` as plain (see PlainMarker) and returns it. */
export function markPlain<C extends object>(codec: C): C {
  Object.defineProperty(codec, PlainMarker, { value: true });
  return codec;
}
