// The argument checks of jobkit's guards: a shape names the fields a function reads and their
// types (the function's declared TypeScript types, cut to what it reads), and compiles once into
// a check that visits only those fields. A check costs what the function reads: an object is
// read field by field, never enumerated (lists and maps are walked where the function walks
// them), so cycles, unknown fields and huge unread parts cost nothing; on success it allocates
// nothing. Reads go through try/catch: a throwing getter or Proxy is an error at its field.
//
// Optional fields accept `undefined` only: `null` is not absent here (the decoders, parseJob and
// parsePod, drop JSON nulls as Go does; syncJob, orphanPodActions and applyActions, which check
// their own input, take them too).

/** Where a check failed, innermost key first (`.metadata`, `[0]`, `[key]`), and why. */
export interface Failure {
  readonly at: string[];
  readonly type: 'FieldValueInvalid' | 'FieldValueRequired';
  readonly detail: string;
}

/** A compiled check: undefined when `v` has the shape. */
export type Check = (v: unknown) => Failure | undefined;

/** A declarative shape; see the constructors below. */
export type Shape =
  | { readonly k: 'leaf'; readonly name: string; readonly check: Check }
  | { readonly k: 'obj'; readonly what: string; readonly fields: Readonly<Record<string, Shape>> }
  | { readonly k: 'arr'; readonly what: string; readonly item: Shape }
  | { readonly k: 'opt'; readonly s: Shape }
  | { readonly k: 'nullable'; readonly s: Shape };

const MaxShown = 48;

/** A short, safe rendering of a bad value: never enumerates an object, never calls user code. */
export function describe(v: unknown): string {
  switch (typeof v) {
    case 'string': {
      const s = JSON.stringify(v.length > MaxShown ? v.slice(0, MaxShown) : v);
      return v.length > MaxShown ? `${s.slice(0, -1)}…"` : s;
    }
    case 'number':
      return Object.is(v, -0) ? '-0' : String(v);
    case 'bigint':
      return `${v}n`;
    case 'boolean':
    case 'undefined':
      return String(v);
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default:
      if (v === null) return 'null';
      if (Array.isArray(v)) return 'an array';
      return validDateMs(v) !== undefined ? 'a Date' : isDateObject(v) ? 'an invalid Date' : 'an object';
  }
}

/** Text of a thrown value, bounded; never throws itself. */
export function thrownText(e: unknown): string {
  let s: string;
  try {
    s = e instanceof Error ? `${e.name}: ${e.message}` : typeof e === 'string' ? e : describe(e);
  } catch {
    s = 'an unprintable exception';
  }
  return s.length > 200 ? `${s.slice(0, 197)}...` : s;
}

export const required = (): Failure => ({ at: [], type: 'FieldValueRequired', detail: '' });
/** `v` is not `expected`; a missing value is Required. */
export const mismatch = (v: unknown, expected: string): Failure =>
  v === undefined ? required() : { at: [], type: 'FieldValueInvalid', detail: `${describe(v)}: expected ${expected}` };
export const unreadable = (e: unknown): Failure => ({ at: [], type: 'FieldValueInvalid', detail: `could not be read (${thrownText(e)})` });

/** `f` one level further out, at `key` (already written `.name` or `[i]`). */
export function under(f: Failure, key: string): Failure {
  f.at.push(key);
  return f;
}

/** The field path of `f` below the argument `root`: `pod.metadata.annotations[key]`. */
export function pathOf(root: string, f: Failure): string {
  let p = root;
  for (let i = f.at.length - 1; i >= 0; i--) p += f.at[i];
  return p;
}

function isDateObject(v: unknown): boolean {
  try {
    Date.prototype.getTime.call(v);
    return true;
  } catch {
    return false;
  }
}

/** Epoch ms of a valid Date (also one from another realm), else undefined. Brand-checked: a look-alike is no Date. */
export function validDateMs(v: unknown): number | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  try {
    const ms = Date.prototype.getTime.call(v);
    return Number.isFinite(ms) ? ms : undefined;
  } catch {
    return undefined;
  }
}

// ---- leaves -------------------------------------------------------------------------------------

const leaf = (name: string, ok: (v: unknown) => boolean, expected: string): Shape => ({
  k: 'leaf',
  name,
  check: (v) => (ok(v) ? undefined : mismatch(v, expected)),
});

export const str = leaf('str', (v) => typeof v === 'string', 'a string');
export const nonEmptyStr = leaf('nonEmptyStr', (v) => typeof v === 'string' && v !== '', 'a non-empty string');
/** An integer (a Kubernetes int32 or int64 as JSON carries it): finite, no fraction. */
export const int = leaf('int', (v) => typeof v === 'number' && Number.isInteger(v), 'an integer');
export const num = leaf('num', (v) => typeof v === 'number' && Number.isFinite(v), 'a finite number');
export const bool = leaf('bool', (v) => typeof v === 'boolean', 'a boolean');
export const fn = leaf('fn', (v) => typeof v === 'function', 'a function');
export const date = leaf('date', (v) => validDateMs(v) !== undefined, 'a valid Date');
/** Anything: the function takes any value here (the field is still read, so a throwing getter is caught). */
export const any: Shape = { k: 'leaf', name: 'any', check: () => undefined };

/** One of `shapes` (leaves), e.g. a Date or a string. */
export function oneOf(expected: string, ...shapes: Shape[]): Shape {
  const checks = shapes.map(compile);
  return {
    k: 'leaf',
    name: `oneOf(${expected})`,
    check: (v) => (checks.some((c) => c(v) === undefined) ? undefined : mismatch(v, expected)),
  };
}

/** A custom leaf. */
export const custom = (name: string, check: Check): Shape => ({ k: 'leaf', name, check });

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A map of strings (labels, annotations): every own key's value a string. Walks the map. */
export const strMap: Shape = custom('strMap', (v) => {
  if (!isRecord(v)) return mismatch(v, 'a map of strings');
  let keys: string[];
  try {
    keys = Object.keys(v);
  } catch (e) {
    return unreadable(e);
  }
  for (const k of keys) {
    let x: unknown;
    try {
      x = v[k];
    } catch (e) {
      return under(unreadable(e), `[${k}]`);
    }
    if (typeof x !== 'string') return under(mismatch(x, 'a string'), `[${k}]`);
  }
  return undefined;
});

/**
 * A map of strings of which the function reads only `keys` (as own properties, the way the
 * index annotations are read): those must be strings when present, the rest is not looked at.
 */
export function strMapKeys(...keys: string[]): Shape {
  return custom(`strMapKeys(${keys.join()})`, (v) => {
    if (!isRecord(v)) return mismatch(v, 'a map of strings');
    for (const k of keys) {
      let x: unknown;
      try {
        if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
        x = v[k];
      } catch (e) {
        return under(unreadable(e), `[${k}]`);
      }
      if (typeof x !== 'string') return under(mismatch(x, 'a string'), `[${k}]`);
    }
    return undefined;
  });
}

// ---- containers ---------------------------------------------------------------------------------

/** An object of which `fields` are read; a field without opt() is required. `what` names it in messages. */
export const obj = (fields: Readonly<Record<string, Shape>>, what = 'an object'): Shape => ({ k: 'obj', what, fields });
/** An array whose every element has the shape `item` (a hole is a missing element). */
export const arr = (item: Shape, what = 'an array'): Shape => ({ k: 'arr', what, item });
/** May be undefined. */
export const opt = (s: Shape): Shape => (s.k === 'opt' ? s : { k: 'opt', s });
/** May be null or undefined (a parameter typed `T | null | undefined`). */
export const nullable = (s: Shape): Shape => ({ k: 'nullable', s });

/**
 * The union of what two shapes read: objects merge field by field, a field is optional only if
 * optional in both. Used to build the shape of a function that calls several others.
 */
export function merge(a: Shape, b: Shape): Shape {
  if (a === b) return a;
  if (a.k === 'opt' && b.k === 'opt') return opt(merge(a.s, b.s));
  if (a.k === 'opt') return merge(a.s, b);
  if (b.k === 'opt') return merge(a, b.s);
  if (a.k === 'obj' && b.k === 'obj') {
    const fields: Record<string, Shape> = { ...a.fields };
    for (const [k, s] of Object.entries(b.fields)) fields[k] = fields[k] === undefined ? s : merge(fields[k]!, s);
    return obj(fields, a.what !== 'an object' ? a.what : b.what);
  }
  if (a.k === 'arr' && b.k === 'arr') return arr(merge(a.item, b.item), a.what !== 'an array' ? a.what : b.what);
  if (a.k === 'leaf' && b.k === 'leaf' && a.name === b.name) return a;
  throw new Error(`guard shapes do not merge: ${JSON.stringify(a.k)} and ${JSON.stringify(b.k)}`);
}

const compiled = new WeakMap<Shape, Check>();

/** The check of a shape (compiled once per shape object). */
export function compile(s: Shape): Check {
  let c = compiled.get(s);
  if (c === undefined) {
    c = build(s);
    compiled.set(s, c);
  }
  return c;
}

function build(s: Shape): Check {
  switch (s.k) {
    case 'leaf':
      return s.check;
    case 'opt': {
      const inner = compile(s.s);
      return (v) => (v === undefined ? undefined : inner(v));
    }
    case 'nullable': {
      const inner = compile(s.s);
      return (v) => (v === undefined || v === null ? undefined : inner(v));
    }
    case 'arr': {
      const item = compile(s.item);
      const what = s.what;
      return (v) => {
        if (!Array.isArray(v)) return mismatch(v, what);
        let n: number;
        try {
          n = v.length;
        } catch (e) {
          return unreadable(e);
        }
        for (let i = 0; i < n; i++) {
          let x: unknown;
          try {
            x = v[i];
          } catch (e) {
            return under(unreadable(e), `[${i}]`);
          }
          const f = item(x);
          if (f !== undefined) return under(f, `[${i}]`);
        }
        return undefined;
      };
    }
    case 'obj': {
      const entries = Object.entries(s.fields).map(([k, f]) => [k, compile(f), `.${k}`] as const);
      const what = s.what;
      return (v) => {
        if (!isRecord(v)) return mismatch(v, what);
        for (let i = 0; i < entries.length; i++) {
          const [k, check, at] = entries[i]!;
          let x: unknown;
          try {
            x = v[k];
          } catch (e) {
            return under(unreadable(e), at);
          }
          const f = check(x);
          if (f !== undefined) return under(f, at);
        }
        return undefined;
      };
    }
  }
}
