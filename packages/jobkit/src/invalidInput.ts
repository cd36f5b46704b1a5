// What a guarded function of `jobkit` returns instead of throwing when an argument does not have
// its declared type (see guard/guard.ts): the errors, each naming the argument and the field.
import type { FieldError, FieldErrorType } from '@jobkit/validation';

/**
 * One problem with an argument, shaped like {@link FieldError}: `field` starts with the
 * argument's name (`pod.metadata.annotations[batch.kubernetes.io/job-completion-index]`,
 * `set[3].first`, `now`). `type` is `FieldValueRequired` for a missing value,
 * `FieldValueInvalid` for a value of the wrong type or one that could not be read (a throwing
 * getter or Proxy), and `InternalError` (upstream's `field.ErrorTypeInternal`) when the function
 * threw although its arguments passed the checks: then `field` is the function's name and
 * `detail` what it threw.
 * @category Input checks
 */
export interface InputFieldError extends Omit<FieldError, 'type'> {
  readonly type: FieldErrorType | 'InternalError';
}

/**
 * What a function of `jobkit` returns, instead of throwing, when its arguments do not have their
 * declared types: a frozen plain object whose `errors` name each bad argument and field, e.g.
 * `{ type: 'FieldValueInvalid', field: 'pod.metadata.annotations', detail: '5: expected a map of strings' }`.
 * Check for it with {@link isInvalidInput} before using the result. Functions that already
 * answer with an error (syncJob's `error`, mirrorStatus' `violations`, parseScript's `errors`,
 * ...) report bad arguments there instead and never return this.
 * @category Input checks
 */
export interface InvalidInput {
  readonly kind: 'InvalidInput';
  readonly errors: readonly InputFieldError[];
}

/**
 * Whether `x` is an {@link InvalidInput}: the answer of a guarded function whose arguments did
 * not have their declared types. Never throws, whatever `x` is.
 * @category Input checks
 * @example
 * const counts = getNewIndexFailureCounts(job, pod);
 * if (isInvalidInput(counts)) throw new Error(counts.errors.map((e) => `${e.field}: ${e.detail}`).join('\n'));
 */
export function isInvalidInput(x: unknown): x is InvalidInput {
  try {
    return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'InvalidInput' && Array.isArray((x as { errors?: unknown }).errors);
  } catch {
    return false;
  }
}

/** A frozen InvalidInput of `errors` (frozen too). */
export function invalidInput(errors: readonly InputFieldError[]): InvalidInput {
  return Object.freeze({ kind: 'InvalidInput' as const, errors: Object.freeze(errors.map((e) => Object.freeze({ ...e }))) });
}

const typeText: Readonly<Record<InputFieldError['type'], string>> = {
  FieldValueInvalid: 'Invalid value',
  FieldValueRequired: 'Required value',
  FieldValueForbidden: 'Forbidden',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
};

/** One error as the API server words it: `pod.metadata: Required value`, `now: Invalid value: "x": expected a valid Date`. */
export function inputErrorText(e: InputFieldError): string {
  return `${e.field}: ${typeText[e.type] ?? e.type}${e.detail !== '' ? `: ${e.detail}` : ''}`;
}

/** All errors of `invalid` in one line, for the functions whose error channel is a string. */
export function invalidInputText(invalid: InvalidInput): string {
  return invalid.errors.map(inputErrorText).join('; ');
}
