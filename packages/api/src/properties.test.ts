// Properties over generated input: decode never throws, unmodelled JSON round-trips, Date formatting
// agrees with Go's truncation.
import fc from 'fast-check';
import { encodeJob, encodePod, formatTime, isRfc3339, parseJob, parsePod } from './index.js';

// Keys decoding drops on purpose (see the pollution tests) are left out of round-trip properties.
const noDroppedKeys = (v: unknown): boolean => !/"(__proto__|constructor|prototype)":/.test(JSON.stringify(v));

describe('properties', () => {
  test('parseJob and parsePod never throw, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.anything({ withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withBigInt: true, withNullPrototype: true }),
        (u) => {
          parseJob(u);
          parsePod(u);
          parseJob({ metadata: u, spec: { template: u }, status: u });
          parsePod({ metadata: { labels: u }, spec: u, status: { conditions: [u] } });
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('any JSON in an unmodelled field round-trips exactly', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        const input = { metadata: { name: 'j', managedFields: a }, spec: { template: { spec: { affinity: b } } } };
        fc.pre(noDroppedKeys(input));
        const r = parseJob(JSON.parse(JSON.stringify(input)));
        if (!r.ok) return false;
        return JSON.stringify(encodeJob(r.value)) === JSON.stringify(input);
      }),
      { numRuns: 1000 },
    );
  });

  test('a decoded pod encodes back to the same JSON (generated pods)', () => {
    const time = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => formatTime(d)!);
    const pod = fc.record(
      {
        metadata: fc.record(
          {
            name: fc.string(),
            labels: fc.dictionary(fc.string(), fc.string()),
            finalizers: fc.array(fc.string()),
            deletionTimestamp: fc.option(time, { nil: null }),
          },
          { requiredKeys: [] },
        ),
        spec: fc.record(
          { restartPolicy: fc.constantFrom('Never', 'OnFailure'), containers: fc.array(fc.record({ name: fc.string(), image: fc.string() })) },
          { requiredKeys: [] },
        ),
        status: fc.record(
          {
            phase: fc.constantFrom('Pending', 'Running', 'Succeeded', 'Failed'),
            containerStatuses: fc.array(
              fc.record({
                restartCount: fc.nat({ max: 2147483647 }),
                state: fc.record({ terminated: fc.record({ exitCode: fc.integer({ min: -2147483648, max: 2147483647 }), finishedAt: time }) }),
              }),
            ),
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(pod, (p) => {
        fc.pre(noDroppedKeys(p));
        const r = parsePod(p);
        return r.ok && JSON.stringify(encodePod(r.value)) === JSON.stringify(p);
      }),
      { numRuns: 500 },
    );
  });

  test('formatTime is Go RFC 3339: valid, seconds precision, truncated', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }), (d) => {
        const s = formatTime(d)!;
        return isRfc3339(s) && s.endsWith('Z') && s.length === 20 && Date.parse(s) === Math.floor(d.getTime() / 1000) * 1000;
      }),
      { numRuns: 2000 },
    );
  });

  test('isRfc3339 agrees with Date.parse on well-formed strings', () => {
    // Every string isRfc3339 accepts names a real instant.
    fc.assert(
      fc.property(fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
        return isRfc3339(iso) && !Number.isNaN(Date.parse(iso));
      }),
      { numRuns: 1000 },
    );
  });
});
