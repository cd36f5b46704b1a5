// The guard around a function of the `jobkit` surface: its arguments are checked against their
// declared types (the shapes in shapes.ts) before the call, and a mismatch is answered with an
// InvalidInput instead of the call. As a last line of defence anything the call throws is caught
// and answered too, as an InternalError: the checks are meant to leave that path unreached.
import { invalidInput, type InputFieldError, type InvalidInput } from '../invalidInput.js';
import { compile, pathOf, thrownText, unreadable, type Check, type Failure, type Shape } from './shape.js';

/** Checks a call's arguments: the errors, or undefined when they all have their types. */
export type ArgsCheck = (args: ArrayLike<unknown>) => InputFieldError[] | undefined;

/** One parameter: its name (the root of the field paths) and shape. */
export type Param = readonly [name: string, shape: Shape];

function errorOf(name: string, f: Failure): InputFieldError {
  return { type: f.type, field: pathOf(name, f), detail: f.detail };
}

function run(check: Check, v: unknown): Failure | undefined {
  try {
    return check(v);
  } catch (e) {
    return unreadable(e);
  }
}

/**
 * The check of a parameter list; `rest` is the shape of each rest argument (`occupied[0]`, ...).
 * Each argument contributes at most one error, its first.
 */
export function params(list: readonly Param[], rest?: Param): ArgsCheck {
  const checks = list.map(([name, s]) => [name, compile(s)] as const);
  const restCheck = rest !== undefined ? ([rest[0], compile(rest[1])] as const) : undefined;
  return (args) => {
    let errors: InputFieldError[] | undefined;
    for (let i = 0; i < checks.length; i++) {
      const [name, check] = checks[i]!;
      const f = run(check, args[i]);
      if (f !== undefined) (errors ??= []).push(errorOf(name, f));
    }
    if (restCheck !== undefined) {
      for (let i = checks.length; i < args.length; i++) {
        const f = run(restCheck[1], args[i]);
        if (f !== undefined) (errors ??= []).push(errorOf(`${restCheck[0]}[${i - checks.length}]`, f));
      }
    }
    return errors;
  };
}

/** Several checks of one call, in order (e.g. params() and a check across two arguments). */
export function allOf(...checks: ArgsCheck[]): ArgsCheck {
  return (args) => {
    let errors: InputFieldError[] | undefined;
    for (const c of checks) {
      const e = c(args);
      if (e !== undefined) (errors ??= []).push(...e);
    }
    return errors;
  };
}

/** The InvalidInput for something `fnName` threw past its checks. */
export function internalError(fnName: string, e: unknown): InvalidInput {
  return invalidInput([{ type: 'InternalError', field: fnName, detail: `threw ${thrownText(e)}` }]);
}

const guards = new WeakSet<object>();

/** Whether `f` is a function made by {@link guard} or {@link guardInto} (for the test that every export is guarded). */
export function isGuarded(f: unknown): boolean {
  return typeof f === 'function' && guards.has(f);
}

function named<F extends object>(f: F, name: string): F {
  Object.defineProperty(f, 'name', { value: name });
  guards.add(f);
  return f;
}

/**
 * `fn` guarded: called only when `check` passes its arguments, else an InvalidInput; whatever
 * it throws becomes an InvalidInput with an InternalError.
 */
export function guard<A extends unknown[], R>(name: string, fn: (...args: A) => R, check: ArgsCheck): (...args: A) => R | InvalidInput {
  return named((...args: A): R | InvalidInput => {
    const errors = check(args);
    if (errors !== undefined) return invalidInput(errors);
    try {
      return fn(...args);
    } catch (e) {
      return internalError(name, e);
    }
  }, name);
}

/**
 * `fn` guarded, for a function that already answers with an error of its own (syncJob's `error`,
 * a DecodeResult's `errors`, ...): `into` turns the InvalidInput into that answer, so the
 * function's type stays as it is.
 */
export function guardInto<A extends unknown[], R>(
  name: string,
  fn: (...args: A) => R,
  check: ArgsCheck,
  into: (invalid: InvalidInput) => R,
): (...args: A) => R {
  return named((...args: A): R => {
    const errors = check(args);
    if (errors !== undefined) return into(invalidInput(errors));
    try {
      return fn(...args);
    } catch (e) {
      return into(internalError(name, e));
    }
  }, name);
}
