// Turns io-ts ValidationErrors into field errors that read like the API server's
// (apimachinery/pkg/util/validation/field/errors.go): "<field path>: <what was wrong>".
import type * as t from 'io-ts';
import { describeValue, renderPath } from './internal/failure.js';

/**
 * One decode problem, shaped like upstream's field.Error (and @jobkit/validation's FieldError):
 * the field path in upstream notation and what was wrong with it.
 * @category Decoding
 */
export interface DecodeFieldError {
  readonly type: 'FieldValueInvalid';
  /** e.g. `spec.template.spec.containers[0].image`; "" for the object itself. */
  readonly field: string;
  /** e.g. `expected an integer, got "3" (a string)`. */
  readonly detail: string;
}

/** Messages beyond this many are summarised in one line (a 10^6-item list can fail 10^6 times). */
export const MaxReportedErrors = 100;

/**
 * Field errors for io-ts errors (also for errors of plain io-ts codecs, which carry no message).
 * @category Decoding
 */
export function toFieldErrors(errors: t.Errors): DecodeFieldError[] {
  return errors.map((e) => ({
    type: 'FieldValueInvalid' as const,
    field: renderPath(e.context),
    detail: e.message ?? `expected ${e.context[e.context.length - 1]?.type.name ?? 'a value'}, got ${describeValue(e.value)}`,
  }));
}

/**
 * Readable lines for io-ts errors, e.g. `spec.completions: expected an integer, got "3" (a string)`;
 * at most `limit` lines plus one saying how many were left out.
 * @category Decoding
 */
export function formatDecodeErrors(errors: t.Errors, limit: number = MaxReportedErrors): string[] {
  const shown = toFieldErrors(errors.slice(0, limit)).map((e) => (e.field === '' ? e.detail : `${e.field}: ${e.detail}`));
  if (errors.length > limit) shown.push(`... and ${errors.length - limit} more errors`);
  return shown;
}
