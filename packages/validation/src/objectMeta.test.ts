import type { FieldError } from './fieldError.js';
import { validateObjectMetaInto, validateObjectMetaUpdateInto } from './objectMeta.js';

const meta = (extra: Record<string, unknown>) => ({ metadata: { name: 'pi', namespace: 'default', resourceVersion: '1', ...extra } });
const pairs = (errs: FieldError[]) => [...new Set(errs.map((e) => `${e.type} ${e.field}`))].sort();

// Expectations checked against k8s.io/kubernetes v1.37.2 with tools/oracle (jobValidation / jobUpdateValidation).
describe('validateObjectMetaInto (create)', () => {
  test.each<[string, Record<string, unknown>, string[]]>([
    ['standard and qualified finalizers', { finalizers: ['kubernetes', 'example.com/x'] }, []],
    ['unqualified non-standard finalizer', { finalizers: ['foo'] }, ['FieldValueInvalid metadata.finalizers[0]']],
    ['orphan together with foregroundDeletion', { finalizers: ['orphan', 'foregroundDeletion'] }, ['FieldValueInvalid metadata.finalizers']],
    ['finalizer that is not a qualified name', { finalizers: ['a/b/c'] }, ['FieldValueInvalid metadata.finalizers']],
    ['finalizer failing both rules', { finalizers: ['-bad'] }, ['FieldValueInvalid metadata.finalizers', 'FieldValueInvalid metadata.finalizers[0]']],
    ['negative generation', { generation: -1 }, ['FieldValueInvalid metadata.generation']],
  ])('%s', (_n, extra, want) => {
    const errs: FieldError[] = [];
    validateObjectMetaInto(meta(extra), errs);
    expect(pairs(errs)).toEqual(want);
  });
});

describe('validateObjectMetaUpdateInto', () => {
  test.each<[string, Record<string, unknown>, string[]]>([
    ['negative generation', { generation: -1 }, ['FieldValueInvalid metadata.generation']],
    ['unqualified non-standard finalizer', { finalizers: ['foo', 'x/y'] }, ['FieldValueInvalid metadata.finalizers[0]']],
    // The update path has no ValidateFinalizers: neither qualified-name nor orphan/foreground checks.
    ['finalizer that is not a qualified name', { finalizers: ['a/b/c'] }, []],
    ['orphan together with foregroundDeletion', { finalizers: ['orphan', 'foregroundDeletion'] }, []],
  ])('%s', (_n, extra, want) => {
    const errs: FieldError[] = [];
    validateObjectMetaUpdateInto(meta(extra), meta({}), errs);
    expect(pairs(errs)).toEqual(want);
  });
});
