// Field errors printed the way the API server words them (field.Error.Error, in
// @jobkit/validation), and a rejected Job the way kubectl prints the API server's answer.
import type { FieldError } from '@jobkit/validation';
import { formatFieldError } from '@jobkit/validation';
import { goQuote } from '@jobkit/indexes';

export { formatFieldError };

/**
 * kubectl's message for a 422 Invalid answer (cmdutil.checkErr + MultilineError): one error on
 * the line, `The Job "bad" is invalid: spec.completions: Invalid value: -1: must be greater
 * than or equal to 0`; several as `The Job "bad" is invalid: ` and one `* <error>` line each.
 * Ends with a newline.
 */
export function formatInvalidJob(name: string, errors: readonly FieldError[]): string {
  const head = `The Job ${goQuote(name)} is invalid: `;
  const lines = [...new Set(errors.map(formatFieldError))]; // kubectl skips repeated causes
  if (lines.length === 1) return `${head}${lines[0]}\n`;
  return `${head}\n${lines.map((l) => `* ${l}\n`).join('')}`;
}
