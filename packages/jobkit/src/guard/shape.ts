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
  | { readonly k: 'leaf'; readonly name: string; readonly check: Check; readonly code?: LeafCode }
  | { readonly k: 'obj'; readonly what: string; readonly fields: Readonly<Record<string, Shape>> }
  | { readonly k: 'arr'; readonly what: string; readonly item: Shape }
  | { readonly k: 'opt'; readonly s: Shape }
  | { readonly k: 'nullable'; readonly s: Shape }
  | { readonly k: 'fast'; readonly s: Shape; readonly ok: (v: unknown) => boolean };

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

/**
 * The common leaves have a code: an object's check tests them in place (a switch, no call), which
 * is most of the cost of checking 10^5 pods or intervals.
 */
type LeafCode = 1 | 2 | 3 | 4 | 5;
const Str = 1;
const Int = 2;
const Num = 3;
const Bool = 4;
const Fn = 5;
/** Added to a code: the field may be undefined. */
const Optional = 8;

const leaf = (name: string, ok: (v: unknown) => boolean, expected: string, code?: LeafCode): Shape => ({
  k: 'leaf',
  name,
  check: (v) => (ok(v) ? undefined : mismatch(v, expected)),
  ...(code !== undefined ? { code } : {}),
});

export const str = leaf('str', (v) => typeof v === 'string', 'a string', Str);
export const nonEmptyStr = leaf('nonEmptyStr', (v) => typeof v === 'string' && v !== '', 'a non-empty string');
/** An integer (a Kubernetes int32 or int64 as JSON carries it): finite, no fraction. */
export const int = leaf('int', (v) => typeof v === 'number' && Number.isInteger(v), 'an integer', Int);
export const num = leaf('num', (v) => typeof v === 'number' && Number.isFinite(v), 'a finite number', Num);
export const bool = leaf('bool', (v) => typeof v === 'boolean', 'a boolean', Bool);
export const fn = leaf('fn', (v) => typeof v === 'function', 'a function', Fn);
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
/**
 * `s` with a hand-written fast path for the hot lists (10^5 intervals or pods): `ok` must accept
 * only values `s` accepts (it may refuse more, or throw); what it refuses is checked again by
 * `s`, which has the last word and the message. The generic check reads fields by computed key,
 * several times slower than the literal property reads of a function written out.
 */
export const fast = (s: Shape, ok: (v: unknown) => boolean): Shape => ({ k: 'fast', s, ok });
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

/** A leaf's code (with Optional under opt()), or 0: checked by its own function. */
function codeOf(s: Shape): number {
  if (s.k === 'leaf') return s.code ?? 0;
  if (s.k === 'opt' && s.s.k === 'leaf' && s.s.code !== undefined) return s.s.code + Optional;
  return 0;
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
    case 'fast': {
      const inner = compile(s.s);
      const ok = s.ok;
      return (v) => {
        try {
          if (ok(v)) return undefined;
        } catch {
          // a throwing getter or Proxy: the slow check says where
        }
        return inner(v);
      };
    }
    case 'arr': {
      const item = compile(s.item);
      const what = s.what;
      return (v) => {
        if (!Array.isArray(v)) return mismatch(v, what);
        let i = -1;
        try {
          const n = v.length;
          for (i = 0; i < n; i++) {
            const f = item(v[i]);
            if (f !== undefined) return under(f, `[${i}]`);
          }
        } catch (e) {
          return i < 0 ? unreadable(e) : under(unreadable(e), `[${i}]`);
        }
        return undefined;
      };
    }
    case 'obj': {
      // Parallel arrays and a plain loop, leaves tested in place: this runs per pod and interval.
      const keys = Object.keys(s.fields);
      const checks = keys.map((k) => compile(s.fields[k]!));
      const codes = keys.map((k) => codeOf(s.fields[k]!));
      const ats = keys.map((k) => `.${k}`);
      const n = keys.length;
      const what = s.what;
      return (v) => {
        if (typeof v !== 'object' || v === null || Array.isArray(v)) return mismatch(v, what);
        const o = v as Record<string, unknown>;
        let i = 0;
        try {
          for (; i < n; i++) {
            const x = o[keys[i]!];
            switch (codes[i]) {
              case Str:
                if (typeof x === 'string') continue;
                break;
              case Str + Optional:
                if (x === undefined || typeof x === 'string') continue;
                break;
              case Int:
                if (typeof x === 'number' && Number.isInteger(x)) continue;
                break;
              case Int + Optional:
                if (x === undefined || (typeof x === 'number' && Number.isInteger(x))) continue;
                break;
              case Num:
                if (typeof x === 'number' && Number.isFinite(x)) continue;
                break;
              case Num + Optional:
                if (x === undefined || (typeof x === 'number' && Number.isFinite(x))) continue;
                break;
              case Bool:
                if (typeof x === 'boolean') continue;
                break;
              case Bool + Optional:
                if (x === undefined || typeof x === 'boolean') continue;
                break;
              case Fn:
                if (typeof x === 'function') continue;
                break;
              case Fn + Optional:
                if (x === undefined || typeof x === 'function') continue;
                break;
            }
            // Not a coded leaf, or one that failed: its own check has the last word (and the message).
            const f = checks[i]!(x);
            if (f !== undefined) return under(f, ats[i]!);
          }
        } catch (e) {
          return under(unreadable(e), ats[i]!);
        }
        return undefined;
      };
    }
  }
}
