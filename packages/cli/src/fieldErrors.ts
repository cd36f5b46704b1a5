// Field errors printed the way the API server words them
// (apimachinery/pkg/util/validation/field/errors.go ErrorType.String).
import type { FieldError } from '@jobkit/validation';

const typeText: Record<string, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

export function formatFieldError(e: FieldError): string {
  const kind = typeText[e.type] ?? e.type;
  return `${e.field}: ${kind}${e.detail ? `: ${e.detail}` : ''}`;
}
