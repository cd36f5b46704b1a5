// Port of TestMatchSuccessPolicy, pkg/controller/job/success_policy_test.go
// @ 46f9e4b41f6e4d06564009b9dfcf85da1d2fa5be. Upstream passes succeeded indexes as
// orderedIntervals; here they are the equivalent interval text.
import type { SuccessPolicy } from '@jobkit/api';
import { matchSuccessPolicy } from './successPolicy.js';

interface Case {
  name: string;
  successPolicy?: SuccessPolicy;
  completions: number;
  succeededIndexes: string;
  wantMessage?: string;
}

const idx = (succeededIndexes: string, ...counts: (number | undefined)[]): SuccessPolicy => ({
  rules: succeededIndexes.split('|').map((s, i) => ({ succeededIndexes: s, ...(counts[i] === undefined ? {} : { succeededCount: counts[i] }) })),
});
const cnt = (succeededCount: number): SuccessPolicy => ({ rules: [{ succeededCount }] });
const at0 = 'Matched rules at index 0';

const cases: Case[] = [
  // Upstream runs this one with the gate off; with no policy the result is the same with it on.
  { name: 'JobSuccessPolicy is disabled', completions: 10, succeededIndexes: '0' },
  { name: 'successPolicy is null', completions: 10, succeededIndexes: '0' },
  { name: 'any rules are nothing', completions: 10, succeededIndexes: '0', successPolicy: { rules: [] } },
  { name: 'rules.succeededIndexes is invalid format', completions: 10, succeededIndexes: '0', successPolicy: idx('invalid-form') },
  {
    name: 'rules.succeededIndexes is specified; succeededIndexes matched rules',
    completions: 10,
    succeededIndexes: '0-2,4-7',
    successPolicy: idx('0-2'),
    wantMessage: at0,
  },
  { name: "rules.succeededIndexes is specified; succeededIndexes didn't match rules", completions: 10, succeededIndexes: '0-2', successPolicy: idx('3') },
  {
    name: 'rules.succeededCount is specified; succeededIndexes matched rules',
    completions: 10,
    succeededIndexes: '0-2',
    successPolicy: cnt(2),
    wantMessage: at0,
  },
  { name: "rules.succeededCount is specified; succeededIndexes didn't match rules", completions: 10, succeededIndexes: '0-2', successPolicy: cnt(4) },
  {
    name: 'multiple rules; rules.succeededIndexes is specified; succeededIndexes met one of rules',
    completions: 10,
    succeededIndexes: '0-2,4-7',
    successPolicy: idx('9|4,6'),
    wantMessage: 'Matched rules at index 1',
  },
  {
    name: 'multiple rules; rules.succeededIndexes is specified; succeededIndexes met all rules',
    completions: 10,
    succeededIndexes: '0-2,4-7',
    successPolicy: idx('0,1|5'),
    wantMessage: at0,
  },
  {
    name: 'rules.succeededIndexes and rules.succeededCount are specified; succeededIndexes met all rules',
    completions: 10,
    succeededIndexes: '0-2,4-7',
    successPolicy: idx('3-6', 2),
    wantMessage: at0,
  },
  {
    name: "rules.succeededIndexes and rules.succeededCount are specified; succeededIndexes didn't match rules",
    completions: 10,
    succeededIndexes: '0-2,6-7',
    successPolicy: idx('3-6', 2),
  },
  // Upstream runs this one with the gate off; with no succeeded index the result is the same with it on.
  { name: 'rules.succeededIndexes is specified; succeededIndexes are nothing', completions: 10, succeededIndexes: '', successPolicy: cnt(4) },
  {
    name: 'rules.succeededIndexes is specified; succeededIndexes matched rules; rules is proper subset of succeededIndexes',
    completions: 10,
    succeededIndexes: '1-5,6-9',
    successPolicy: idx('2-4,6-8'),
    wantMessage: at0,
  },
  {
    name: 'rules.succeededIndexes is specified; succeededIndexes matched rules; rules equals succeededIndexes',
    completions: 10,
    succeededIndexes: '2-4,6-9',
    successPolicy: idx('2-4,6-9'),
    wantMessage: at0,
  },
  // Upstream's succeeded intervals {2,5},{7,15} reach past completions=10; the text is read up to completions.
  {
    name: 'rules.succeededIndexes is specified; succeededIndexes matched rules; rules is subset of succeededIndexes',
    completions: 10,
    succeededIndexes: '2-5,7-15',
    successPolicy: idx('2-4,8-12'),
    wantMessage: at0,
  },
  {
    name: "rules.succeededIndexes is specified; succeededIndexes didn't match rules; rules is an empty set",
    completions: 10,
    succeededIndexes: '1-3',
    successPolicy: idx(''),
  },
  {
    name: "rules.succeededIndexes is specified; succeededIndexes didn't match rules; succeededIndexes is an empty set",
    completions: 10,
    succeededIndexes: '',
    successPolicy: idx(''),
  },
  {
    name: "rules.succeededIndexes is specified; succeededIndexes didn't match rules; rules and succeededIndexes are empty set",
    completions: 10,
    succeededIndexes: '',
    successPolicy: idx(''),
  },
  {
    name: "rules.succeededIndexes is specified; succeededIndexes didn't match rules; all elements of rules.succeededIndexes aren't included in succeededIndexes",
    completions: 10,
    succeededIndexes: '1-3,5-7',
    successPolicy: idx('10-12,14-16'),
  },
  {
    name: "rules.succeededIndexes is specified; succeededIndexes didn't match rules; rules overlaps succeededIndexes at first",
    completions: 10,
    succeededIndexes: '2-4,6-8',
    successPolicy: idx('1-3,5-7'),
  },
  {
    name: 'rules.succeededIndexes and rules.succeededCount are specified; succeededIndexes matched rules; rules overlaps succeededIndexes at first',
    completions: 10,
    succeededIndexes: '2-4,6-8',
    successPolicy: idx('1-3,5-7', 4),
    wantMessage: at0,
  },
  {
    name: "rules.succeededIndexes is specified; succeededIndexes didn't match rules; rules overlaps succeededIndexes at last",
    completions: 10,
    succeededIndexes: '1-3,5-7',
    successPolicy: idx('2-4,6-9'),
  },
  {
    name: 'rules.succeededIndexes and rules.succeededCount are specified; succeededIndexes matched rules; rules overlaps succeededIndexes at last',
    completions: 10,
    succeededIndexes: '1-3,5-7',
    successPolicy: idx('2-4,6-9', 4),
    wantMessage: at0,
  },
  {
    name: "rules.succeededIndexes is specified; succeededIndexes didn't match rules; rules completely overlaps succeededIndexes",
    completions: 10,
    succeededIndexes: '1-3,7-8',
    successPolicy: idx('0-4,6-9'),
  },
  {
    name: 'rules.succeededIndexes and rules.succeededCount are specified; succeededIndexes matched rules; rules completely overlaps succeededIndexes',
    completions: 10,
    succeededIndexes: '1-3,7-8',
    successPolicy: idx('0-4,6-9', 5),
    wantMessage: at0,
  },
  {
    name: "rules.succeededIndexes is specified; succeededIndexes didn't match rules; rules overlaps multiple succeededIndexes at last",
    completions: 10,
    succeededIndexes: '1-3,5-9',
    successPolicy: idx('0-6,8-9'),
  },
  {
    name: 'rules.succeededIndexes and rules.succeededCount are specified; succeededIndexes matched rules; rules overlaps multiple succeededIndexes at last',
    completions: 10,
    succeededIndexes: '1-3,5-9',
    successPolicy: idx('0-6,8-9', 7),
    wantMessage: at0,
  },
  // Upstream's {1,5},{7,10} reaches index 10 = completions; read up to completions it is 1-5,7-9.
  {
    name: "rules.succeededIndexes is specified; succeededIndexes didn't match rules; rules overlaps succeededIndexes at first, and rules equals succeededIndexes at last",
    completions: 10,
    succeededIndexes: '1-5,7-10',
    successPolicy: idx('0-5,7-9'),
  },
  {
    name: 'rules.succeededIndexes and rules.succeededCount are specified; succeededIndexes matched rules; rules overlaps succeededIndexes at first, and rules equals succeededIndexes at last',
    completions: 10,
    succeededIndexes: '1-5,7-10',
    successPolicy: idx('0-5,7-9', 8),
    wantMessage: at0,
  },
  {
    name: "rules.succeededIndexes is specified; succeededIndexes didn't match rules; the first rules overlaps succeededIndexes at first",
    completions: 10,
    succeededIndexes: '1-10',
    successPolicy: idx('0-3,6-9'),
  },
  {
    name: 'rules.succeededIndexes and rules.succeededCount are specified; succeededIndexes matched rules; the first rules overlaps succeededIndexes at first',
    completions: 10,
    succeededIndexes: '1-10',
    successPolicy: idx('0-3,6-9', 7),
    wantMessage: at0,
  },
];

describe('TestMatchSuccessPolicy', () => {
  for (const tc of cases) {
    test(tc.name, () => {
      const got = matchSuccessPolicy(tc.successPolicy, tc.completions, tc.succeededIndexes);
      expect(got).toEqual(tc.wantMessage === undefined ? { matched: false } : { matched: true, message: tc.wantMessage });
    });
  }
});

describe('matchSuccessPolicy: malformed input never throws', () => {
  const table: { name: string; policy: unknown; completions?: unknown; succeeded?: unknown; matched: boolean }[] = [
    { name: 'rules missing', policy: {}, matched: false },
    { name: 'rules not a list', policy: { rules: { succeededCount: 1 } }, matched: false },
    { name: 'null rule skipped', policy: { rules: [null, { succeededCount: 1 }] }, matched: true },
    { name: 'rule with neither field skipped', policy: { rules: [{}, { succeededCount: 1 }] }, matched: true },
    { name: 'succeededIndexes not a string skipped', policy: { rules: [{ succeededIndexes: 3 }] }, matched: false },
    { name: 'corrupted pieces ignored', policy: { rules: [{ succeededIndexes: 'x,1-y,2' }] }, matched: true },
    { name: 'succeeded indexes not a string', policy: { rules: [{ succeededCount: 1 }] }, succeeded: null, matched: false },
    { name: 'completions not a number', policy: { rules: [{ succeededCount: 1 }] }, completions: 'ten', matched: false },
  ];
  for (const tc of table) {
    test(tc.name, () => {
      const got = matchSuccessPolicy(tc.policy as SuccessPolicy, (tc.completions ?? 10) as number, (tc.succeeded === undefined ? '2' : tc.succeeded) as string);
      expect(got.matched).toBe(tc.matched);
    });
  }
});
