// JSON scalars as Go's encoding/json decodes them into string, bool, int32 and int64 fields
// (an int field refuses floats, strings and out-of-range numbers).
import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { MaxRequestBytes } from '../constants.js';
import { failure, markPlain, tooLong } from './failure.js';

const MinInt32 = -2147483648;
const MaxInt32 = 2147483647;
// 2^63: the smallest double above int64's range (JSON numbers are doubles here).
const Int64Bound = 9223372036854775808;

function scalar<A>(name: string, expected: string, is: (u: unknown) => u is A): t.Type<A, A, unknown> {
  return markPlain(
    new t.Type<A, A, unknown>(
      name,
      is,
      (u, c) => (is(u) ? E.right(u) : E.left([failure(u, c, expected)])),
      (a) => a,
    ),
  );
}

/** A string field; longer than any request the API server takes (MaxRequestBytes) is an error. */
export const StringCodec = markPlain(
  new t.Type<string, string, unknown>(
    'string',
    (u): u is string => typeof u === 'string' && u.length <= MaxRequestBytes,
    (u, c) => (typeof u !== 'string' ? E.left([failure(u, c, 'expected a string')]) : u.length > MaxRequestBytes ? E.left([tooLong(u, c)]) : E.right(u)),
    (a) => a,
  ),
);

/** A bool field. */
export const BooleanCodec = scalar('boolean', 'expected a boolean', (u): u is boolean => typeof u === 'boolean');

function integer(name: string, min: number, maxExclusive: number, kind: string): t.Type<number, number, unknown> {
  const sign = min === 0 ? 'a non-negative integer' : 'an integer';
  const range = min === 0 ? `at most ${kind === 'int32' ? MaxInt32 : '2^63-1'} (${kind})` : `in the ${kind} range`;
  const is = (u: unknown): u is number => typeof u === 'number' && Number.isInteger(u) && u >= min && u < maxExclusive;
  return markPlain(
    new t.Type<number, number, unknown>(
      name,
      is,
      (u, c) => {
        if (is(u)) return E.right(u);
        // An integer of the right sign that only misses the range gets the range in the message.
        const outOfRange = typeof u === 'number' && Number.isInteger(u) && (min === 0 ? u >= 0 : true);
        return E.left([failure(u, c, outOfRange ? `expected ${sign} ${range}` : `expected ${sign}`)]);
      },
      (a) => a,
    ),
  );
}

/** An int32 field of any sign (exit codes, signals). */
export const Int32Codec = integer('int32', MinInt32, MaxInt32 + 1, 'int32');

/**
 * An int64 field of any sign (a Job's activeDeadlineSeconds, metadata.generation): an integer in
 * -2^63..2^63-1 (exact only up to 2^53, as JSON.parse reads it). The sign is validation's to judge.
 */
export const Int64Codec = integer('int64', -Int64Bound, Int64Bound, 'int64');

/** An int32 count or limit: an integer in 0..2^31-1. */
export const NonNegativeInt32Codec = integer('NonNegativeInt32', 0, MaxInt32 + 1, 'int32');

/** An int64 count or duration: an integer in 0..2^63-1 (exact only up to 2^53, as JSON.parse reads it). */
export const NonNegativeInt64Codec = integer('NonNegativeInt64', 0, Int64Bound, 'int64');
