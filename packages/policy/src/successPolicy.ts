// Mirrors pkg/controller/job/success_policy.go (matchSuccessPolicy), JobSuccessPolicy on.
import type { SuccessPolicy } from '@jobkit/api';
import { countIndexes, parseIndexesFromString, type OrderedIntervals } from '@jobkit/indexes';

/** Whether the succeeded indexes meet a success policy rule, and upstream's message if so. */
export interface SuccessPolicyMatch {
  readonly matched: boolean;
  /** "Matched rules at index N" (the first matching rule), present only when matched. */
  readonly message?: string;
}

const NOT_MATCHED: SuccessPolicyMatch = { matched: false };

/**
 * Checks the Indexed Job's succeeded indexes (interval text such as "0-2,5", read up to
 * `completions`) against `spec.successPolicy`; the first matching rule wins. A rule with
 * `succeededIndexes` needs all of them succeeded, or at least `succeededCount` of them; a rule
 * with only `succeededCount` needs that many succeeded indexes overall. A rule whose
 * `succeededIndexes` parses to nothing is skipped, as upstream. Malformed input never throws.
 *
 * @category Success policy
 * @example
 * matchSuccessPolicy({ rules: [{ succeededIndexes: '0-2' }] }, 10, '0-2,4-7')
 * // → { matched: true, message: 'Matched rules at index 0' }
 */
export function matchSuccessPolicy(successPolicy: SuccessPolicy | undefined | null, completions: number, succeededIndexes: string): SuccessPolicyMatch {
  if (successPolicy == null || typeof succeededIndexes !== 'string') return NOT_MATCHED;
  // Upstream compares in int; a completions that is not a number parses as "nothing in range".
  const limit = Number.isFinite(completions) ? completions : 0;
  const succeeded = parseIndexesFromString(succeededIndexes, limit);
  if (succeeded.length === 0) return NOT_MATCHED;
  const rules: unknown = (successPolicy as { rules?: unknown }).rules;
  if (!Array.isArray(rules)) return NOT_MATCHED;
  for (let index = 0; index < rules.length; index++) {
    // A hole has no JSON form: reading stops there, so a sparse 2^32-long list costs nothing.
    if (!(index in rules)) break;
    const rule = rules[index] as { succeededIndexes?: unknown; succeededCount?: unknown } | null;
    if (rule == null || typeof rule !== 'object') continue;
    const count = typeof rule.succeededCount === 'number' ? rule.succeededCount : undefined;
    if (rule.succeededIndexes != null) {
      if (typeof rule.succeededIndexes !== 'string') continue; // not decodable as upstream's *string
      const required = parseIndexesFromString(rule.succeededIndexes, limit);
      if (required.length === 0) continue; // unparsable or empty: the rule cannot be judged
      if (matchSucceededIndexesRule(required, succeeded, count)) return matched(index);
    } else if (count !== undefined && countIndexes(succeeded) >= count) {
      return matched(index);
    }
  }
  return NOT_MATCHED;
}

function matched(index: number): SuccessPolicyMatch {
  return { matched: true, message: `Matched rules at index ${index}` };
}

/** Counts the rule's indexes that succeeded in one merge walk over both ordered interval lists. */
function matchSucceededIndexesRule(rule: OrderedIntervals, succeeded: OrderedIntervals, succeededCount: number | undefined): boolean {
  let contains = 0;
  let r = 0;
  let s = 0;
  while (r < rule.length && s < succeeded.length) {
    const a = rule[r]!;
    const b = succeeded[s]!;
    const overlap = Math.min(a.last, b.last) - Math.max(a.first, b.first) + 1;
    if (overlap > 0) contains += overlap;
    if (b.last < a.last) s++;
    else if (b.last > a.last) r++;
    else {
      s++;
      r++;
    }
  }
  return contains === countIndexes(rule) || (succeededCount !== undefined && contains >= succeededCount);
}
