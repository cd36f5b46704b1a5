// `kind` / `apiVersion` of a typed object: absent, or exactly the expected string (as the
// API machinery's scheme requires before it decodes into a Go type).
import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { failure, markPlain } from './failure.js';

/** A string field that may only hold one of `values`. */
export function oneOf(name: string, values: readonly string[]): t.Type<string, string, unknown> {
  const is = (u: unknown): u is string => typeof u === 'string' && values.includes(u);
  const expected = `expected ${values.map((v) => JSON.stringify(v)).join(' or ')}`;
  return markPlain(
    new t.Type<string, string, unknown>(
      name,
      is,
      (u, c) => (is(u) ? E.right(u) : E.left([failure(u, c, expected)])),
      (a) => a,
    ),
  );
}
