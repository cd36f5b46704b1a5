// Property tests: interval sets against a naive Set<number> model, and the parsers against the
// formatter (parse ∘ format is the identity on sets the formatter can produce).
import fc from 'fast-check';
import {
  countIndexes,
  firstPendingIndexes,
  formatIntervals,
  hasIndex,
  intervalsFromIndexes,
  iterateIndexes,
  mergeIntervals,
  parseIndexesFromString,
  withOrderedIndexes,
  type Interval,
  type OrderedIntervals,
} from './intervals.js';
import { parseIndexesStrict } from './strict.js';

const UNIVERSE = 160;

/** A small set as plain numbers (the model). */
const smallSet = fc.uniqueArray(fc.integer({ min: 0, max: UNIVERSE - 1 }), { maxLength: UNIVERSE });

/** A wide canonical set: gaps of at least one missing index, widths up to 10^7. */
const wideSet: fc.Arbitrary<OrderedIntervals> = fc
  .array(fc.record({ gap: fc.integer({ min: 1, max: 10_000_000 }), width: fc.integer({ min: 1, max: 10_000_000 }) }), { maxLength: 40 })
  .chain((steps) =>
    fc.boolean().map((startAtZero) => {
      const out: Interval[] = [];
      let next = 0;
      steps.forEach(({ gap, width }, k) => {
        const first = k === 0 && startAtZero ? 0 : next + gap;
        out.push({ first, last: first + width - 1 });
        next = first + width;
      });
      return out;
    }),
  );

const toSet = (xs: Iterable<number>): Set<number> => new Set(xs);
const sorted = (s: Set<number>): number[] => [...s].sort((a, b) => a - b);
const enumerate = (set: OrderedIntervals): number[] => [...iterateIndexes(set)];

/** Ascending, disjoint, non-touching, no empty interval. */
function expectCanonical(set: OrderedIntervals): void {
  for (let k = 0; k < set.length; k++) {
    expect(set[k]!.first).toBeLessThanOrEqual(set[k]!.last);
    if (k > 0) expect(set[k]!.first).toBeGreaterThan(set[k - 1]!.last + 1);
  }
}

const maxOf = (set: OrderedIntervals): number => (set.length === 0 ? -1 : set[set.length - 1]!.last);

describe('interval sets agree with a Set<number> model', () => {
  it('intervalsFromIndexes builds the canonical set of any numbers', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: UNIVERSE - 1 }), { maxLength: 300 }), (xs) => {
        const set = intervalsFromIndexes(xs);
        expectCanonical(set);
        expect(enumerate(set)).toEqual(sorted(toSet(xs)));
      }),
    );
  });

  it('has and count', () => {
    fc.assert(
      fc.property(smallSet, (xs) => {
        const model = toSet(xs);
        const set = intervalsFromIndexes(xs);
        expect(countIndexes(set)).toBe(model.size);
        for (let i = -1; i <= UNIVERSE; i++) expect(hasIndex(set, i)).toBe(model.has(i));
      }),
    );
  });

  it('union (mergeIntervals) and add (withOrderedIndexes)', () => {
    fc.assert(
      fc.property(smallSet, smallSet, (xs, ys) => {
        const want = sorted(toSet([...xs, ...ys]));
        const a = intervalsFromIndexes(xs);
        const merged = mergeIntervals(a, intervalsFromIndexes(ys));
        expectCanonical(merged);
        expect(enumerate(merged)).toEqual(want);
        const added = withOrderedIndexes(a, sorted(toSet(ys)));
        expectCanonical(added);
        expect(added).toEqual(merged);
      }),
    );
  });

  it('firstPendingIndexes', () => {
    fc.assert(
      fc.property(
        fc.array(smallSet, { maxLength: 4 }),
        fc.integer({ min: 0, max: UNIVERSE + 10 }),
        fc.integer({ min: 0, max: UNIVERSE + 10 }),
        (sets, count, completions) => {
          const occupied = toSet(sets.flat());
          const want: number[] = [];
          for (let i = 0; i < completions && want.length < count; i++) if (!occupied.has(i)) want.push(i);
          expect(firstPendingIndexes(count, completions, ...sets.map(intervalsFromIndexes))).toEqual(want);
        },
      ),
    );
  });
});

describe('parse ∘ format', () => {
  it('is the identity on small sets, and the strict parser accepts the text', () => {
    fc.assert(
      fc.property(smallSet, (xs) => {
        const set = intervalsFromIndexes(xs);
        const text = formatIntervals(set);
        expect(parseIndexesFromString(text, UNIVERSE)).toEqual(set);
        const strict = parseIndexesStrict(text, UNIVERSE);
        expect(strict.ok).toBe(true);
        if (strict.ok) {
          expect(strict.total).toBe(countIndexes(set));
          expect(mergeIntervals(strict.intervals, [])).toEqual(set);
        }
      }),
    );
  });

  it('is the identity on wide sets (10^7-wide intervals), and the strict parser accepts the text', () => {
    fc.assert(
      fc.property(wideSet, (set) => {
        const completions = maxOf(set) + 1;
        const text = formatIntervals(set);
        expect(parseIndexesFromString(text, completions)).toEqual(set);
        const strict = parseIndexesStrict(text, Math.max(completions, 1));
        expect(strict.ok).toBe(true);
        if (strict.ok) expect(strict.total).toBe(countIndexes(set));
      }),
    );
  });

  it('with a smaller completions, the lenient parser yields the set cut at completions', () => {
    fc.assert(
      fc.property(smallSet, fc.integer({ min: 0, max: UNIVERSE }), (xs, completions) => {
        const set = intervalsFromIndexes(xs);
        const want = intervalsFromIndexes(xs.filter((x) => x < completions));
        expect(parseIndexesFromString(formatIntervals(set), completions)).toEqual(want);
      }),
    );
  });
});

describe('parsers on arbitrary text', () => {
  const noise = fc.string({ unit: fc.constantFrom(...'0123456789,-+ x'.split('')), maxLength: 40 });
  const num = fc.oneof(fc.nat({ max: 110 }).map(String), fc.constantFrom('', '+', '+7', '007', ' 1', '99999999999999999999'));
  const fragment = fc.oneof(
    num,
    fc.tuple(num, num).map(([a, b]) => `${a}-${b}`),
    fc.tuple(num, num, num).map((p) => p.join('-')),
  );
  const text = fc.oneof(
    noise,
    fc.array(fragment, { maxLength: 8 }).map((fs) => fs.join(',')),
  );

  let accepted = 0;
  afterAll(() => expect(accepted).toBeGreaterThan(0)); // the generator does reach valid text
  it('never throw; where the strict parser accepts, the lenient one reads the same set', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 100 }), (s, completions) => {
        const lenient = parseIndexesFromString(s, completions);
        const strict = parseIndexesStrict(s, completions);
        if (strict.ok) {
          accepted++;
          expect(lenient).toEqual(mergeIntervals(strict.intervals, []));
          expect(countIndexes(lenient)).toBe(strict.total);
        } else {
          expect(strict.detail.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
