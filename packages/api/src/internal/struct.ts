// Go structs, slices and maps as encoding/json decodes them: known fields typed, unknown fields
// kept (so decode → encode returns the input), JSON null meaning the Go zero value.
import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { depthOf, failure, isDangerousKey, isDate, KeyedMarker, MaxDepth, noteDropped, plainGuard, setKey, tooDeep, tooLong } from './failure.js';
import { MaxRequestBytes } from '../constants.js';
import { decodeJson, encodeJson, JsonCodec } from './json.js';

/**
 * What a decoded object remembers about its input so that encoding gives the same JSON back:
 * keys that were `null` (and where they stood), and zero values decoding filled in for
 * required fields that were absent. Stored under a non-enumerable symbol: invisible to
 * JSON.stringify, spread and equality checks.
 */
interface Shadow {
  /** Input key order, kept only when some key was null. */
  readonly order?: readonly string[];
  readonly nulls?: ReadonlySet<string>;
  /** Zero values filled in by decoding, by key: omitted again on encode while unchanged. */
  readonly zeros?: Readonly<Record<string, unknown>>;
}

const ShadowKey: unique symbol = Symbol.for('@jobkit/api.shadow');

function shadowOf(a: object): Shadow | undefined {
  return (a as { [ShadowKey]?: Shadow })[ShadowKey];
}

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** Keys of T without its index signature. */
type KnownKeys<T> = keyof {
  [K in keyof T as string extends K ? never : number extends K ? never : symbol extends K ? never : K]: 0;
};
type RequiredKeys<T> = { [K in KnownKeys<T>]-?: object extends Pick<T, K> ? never : K }[KnownKeys<T>];

/** One codec per modelled field of T. */
export type Props<T> = { readonly [K in KnownKeys<T>]-?: t.Type<NonNullable<T[K]>, unknown, unknown> };
/** The Go zero value of each required field of T, used when the input lacks it. */
export type Zeros<T> = { readonly [K in RequiredKeys<T>]: () => T[K] };

function isObjectInput(u: unknown): u is Record<string, unknown> {
  return typeof u === 'object' && u !== null && !Array.isArray(u) && !isDate(u);
}

/**
 * A Go struct: each key of `props` is decoded by its codec, every other key is kept as JSON,
 * `null` or absent known fields are left out (Go's zero value), and required fields the input
 * lacks get their zero value from `zeros`.
 */
export function struct<T extends object>(name: string, props: Props<T>, zeros: Zeros<T>): t.Type<T, unknown, unknown> {
  const codecs = new Map<string, t.Type<unknown, unknown, unknown>>(Object.entries(props as Record<string, t.Type<unknown, unknown, unknown>>));
  const plain = new Map<string, (u: unknown) => boolean>();
  for (const [k, codec] of codecs) {
    const is = plainGuard(codec);
    if (is) plain.set(k, is);
  }
  const zeroEntries = Object.entries(zeros as Record<string, () => unknown>);
  const expected = `expected an object (${name})`;

  const validate = (u: unknown, c: t.Context): E.Either<t.Errors, T> => {
    if (!isObjectInput(u)) return E.left([failure(u, c, expected)]);
    if (depthOf(c) > MaxDepth) return E.left([tooDeep(u, c)]);
    const out: Record<string, unknown> = {};
    const errors: t.ValidationError[] = [];
    let nulls: Set<string> | undefined;
    const keys = Object.keys(u);
    for (const k of keys) {
      const v = u[k];
      if (v === undefined) continue;
      const codec = codecs.get(k);
      if (!codec && isDangerousKey(k, v)) {
        noteDropped(t.appendContext(c, k, JsonCodec, v));
        continue;
      }
      if (v === null) {
        // Go leaves a field untouched on null; an unmodelled null is data we keep as is.
        if (codec) (nulls ??= new Set()).add(k);
        else out[k] = null;
        continue;
      }
      if (plain.get(k)?.(v) === true) {
        out[k] = v;
        continue;
      }
      const ck = t.appendContext(c, k, codec ?? JsonCodec, v);
      const r = codec ? codec.validate(v, ck) : decodeJson(v, ck);
      if (E.isLeft(r)) for (const e of r.left) errors.push(e);
      else setKey(out, k, r.right);
    }
    if (errors.length > 0) return E.left(errors);
    let zeroValues: Record<string, unknown> | undefined;
    for (const [k, zero] of zeroEntries) {
      if (hasOwn(out, k)) continue;
      const z = zero();
      out[k] = z;
      (zeroValues ??= {})[k] = z;
    }
    if (nulls || zeroValues) {
      const shadow: Shadow = nulls ? { order: keys, nulls, zeros: zeroValues } : { zeros: zeroValues };
      Object.defineProperty(out, ShadowKey, { value: shadow, enumerable: false });
    }
    return E.right(out as T);
  };

  const encode = (a: T): unknown => {
    const src = a as Record<string, unknown>;
    const shadow = shadowOf(a);
    const out: Record<string, unknown> = {};
    const keys = shadow?.order ? [...new Set([...shadow.order, ...Object.keys(src)])] : Object.keys(src);
    for (const k of keys) {
      const v = hasOwn(src, k) ? src[k] : undefined;
      if (!codecs.has(k) && isDangerousKey(k, v)) continue;
      const zero = shadow?.zeros && hasOwn(shadow.zeros, k) && shadow.zeros[k] === v;
      if (v === undefined || zero) {
        if (shadow?.nulls?.has(k)) out[k] = null;
        continue;
      }
      const codec = codecs.get(k);
      setKey(out, k, codec ? codec.encode(v) : encodeJson(v));
    }
    return out;
  };

  const codec: t.Type<T, unknown, unknown> = new t.Type<T, unknown, unknown>(
    name,
    (u): u is T => E.isRight(validate(u, [{ key: '', type: codec, actual: u }])),
    validate,
    encode,
  );
  return codec;
}

/** A Go slice of `item`. */
export function arrayOf<A>(item: t.Type<A, unknown, unknown>): t.Type<readonly A[], unknown, unknown> {
  const name = `Array<${item.name}>`;
  const isPlain = plainGuard(item);
  const validate = (u: unknown, c: t.Context): E.Either<t.Errors, readonly A[]> => {
    if (!Array.isArray(u)) return E.left([failure(u, c, `expected an array (${name})`)]);
    if (depthOf(c) > MaxDepth) return E.left([tooDeep(u, c)]);
    const out: A[] = [];
    const errors: t.ValidationError[] = [];
    for (let i = 0; i < u.length; i++) {
      const v: unknown = u[i];
      if (isPlain?.(v) === true) {
        out.push(v as A);
        continue;
      }
      const ci = t.appendContext(c, String(i), item, v);
      if (v === undefined) {
        // A hole has no JSON form; stop so a huge sparse length costs nothing.
        errors.push(failure(v, ci, 'expected a value (array holes are not allowed)'));
        break;
      }
      const r = item.validate(v, ci);
      if (E.isLeft(r)) for (const e of r.left) errors.push(e);
      else out.push(r.right);
    }
    return errors.length > 0 ? E.left(errors) : E.right(out);
  };
  const codec: t.Type<readonly A[], unknown, unknown> = new t.Type<readonly A[], unknown, unknown>(
    name,
    (u): u is readonly A[] => E.isRight(validate(u, [{ key: '', type: codec, actual: u }])),
    validate,
    (a) => a.map((x) => item.encode(x)),
  );
  return codec;
}

/** A Go map[string]string (labels, annotations, matchLabels). */
export const StringMapCodec: t.Type<Readonly<Record<string, string>>, unknown, unknown> = (() => {
  const validate = (u: unknown, c: t.Context): E.Either<t.Errors, Readonly<Record<string, string>>> => {
    if (!isObjectInput(u)) return E.left([failure(u, c, 'expected an object of strings')]);
    const out: Record<string, string> = {};
    const errors: t.ValidationError[] = [];
    for (const k of Object.keys(u)) {
      const v = u[k];
      if (v === undefined) continue;
      // A `__proto__` key is data here (validation rejects it as a label key); setKey keeps it
      // an own property.
      if (typeof v === 'string' && v.length <= MaxRequestBytes) setKey(out, k, v);
      else if (typeof v === 'string') errors.push(tooLong(v, t.appendContext(c, k, codec, v)));
      else errors.push(failure(v, t.appendContext(c, k, codec, v), 'expected a string'));
    }
    return errors.length > 0 ? E.left(errors) : E.right(out);
  };
  const codec = new t.Type<Readonly<Record<string, string>>, unknown, unknown>(
    'map[string]string',
    (u): u is Readonly<Record<string, string>> => E.isRight(validate(u, [{ key: '', type: codec, actual: u }])),
    validate,
    (a) => ({ ...a }),
  );
  Object.defineProperty(codec, KeyedMarker, { value: true });
  return codec;
})();
