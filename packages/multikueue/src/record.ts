// The mirror record: what the manager persists on its Job (an annotation) so that mirroring
// survives a manager restart and a change of worker. Decoded with io-ts at that boundary.
import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { toFieldErrors, type DecodeResult, type Job } from '@jobkit/api';

/**
 * The annotation on the manager's Job that holds the {@link MirrorRecord} (JSON).
 * @category MultiKueue
 */
export const MirrorRecordAnnotation = 'jobkit.io/multikueue-mirror';

/**
 * The label {@link remoteJobFor} puts on the worker's copy: which manager created it. A manager
 * deletes a remote Job only if this label names it.
 * @category MultiKueue
 */
export const MultiKueueOriginLabel = 'jobkit.io/multikueue-origin';

/**
 * What earlier remotes contributed, carried into the status written from the current one:
 * the local counters (and index sets) as they stood before the first write from the current remote.
 * @category MultiKueue
 */
export interface MirrorBaseline {
  readonly succeeded: number;
  readonly failed: number;
  /** Indexed Jobs: the completed indexes known before the current remote. */
  readonly completedIndexes?: string;
  /** Jobs with backoffLimitPerIndex: the failed indexes known before the current remote. */
  readonly failedIndexes?: string;
}

/**
 * Which remote the manager's Job mirrors and the baseline carried from earlier ones. Plain JSON;
 * persist it with {@link encodeMirrorRecord} in {@link MirrorRecordAnnotation} before writing a
 * status computed with it, and pass it back into the next `mirrorStatus` call.
 * @category MultiKueue
 */
export interface MirrorRecord {
  /** The manager Job's uid the record was made for (a re-created Job with copied annotations starts afresh). */
  readonly localUid?: string;
  /** The worker cluster of the current remote. */
  readonly cluster?: string;
  /** metadata.uid of the current remote Job. */
  readonly remoteUid?: string;
  /** How many distinct remotes this Job has been mirrored from. */
  readonly dispatches: number;
  readonly baseline: MirrorBaseline;
}

/** The record of a Job never dispatched. */
export const emptyMirrorRecord: MirrorRecord = { dispatches: 0, baseline: { succeeded: 0, failed: 0 } };

const Count = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 0 && n <= 2 ** 31 - 1, 'a non-negative int32');

/** An optional field: absent (undefined) or `codec`; errors keep the field's own path. */
const opt = <A>(codec: t.Type<A, A, unknown>): t.Type<A | undefined, A | undefined, unknown> =>
  new t.Type<A | undefined, A | undefined, unknown>(
    codec.name,
    (u): u is A | undefined => u === undefined || codec.is(u),
    (u, c) => (u === undefined ? t.success(undefined) : codec.validate(u, c)),
    (a) => a,
  );

const BaselineCodec = t.type({
  succeeded: Count,
  failed: Count,
  completedIndexes: opt(t.string),
  failedIndexes: opt(t.string),
});

/** io-ts codec of {@link MirrorRecord}. @category MultiKueue */
export const MirrorRecordCodec = t.type({
  localUid: opt(t.string),
  cluster: opt(t.string),
  remoteUid: opt(t.string),
  dispatches: Count,
  baseline: BaselineCodec,
}) as unknown as t.Type<MirrorRecord, MirrorRecord, unknown>;

/** Only the known keys, undefined ones dropped: the annotation stays canonical. */
function canonicalRecord(r: MirrorRecord): MirrorRecord {
  const b = r.baseline;
  return {
    ...(r.localUid !== undefined ? { localUid: r.localUid } : {}),
    ...(r.cluster !== undefined ? { cluster: r.cluster } : {}),
    ...(r.remoteUid !== undefined ? { remoteUid: r.remoteUid } : {}),
    dispatches: r.dispatches,
    baseline: {
      succeeded: b.succeeded,
      failed: b.failed,
      ...(b.completedIndexes !== undefined ? { completedIndexes: b.completedIndexes } : {}),
      ...(b.failedIndexes !== undefined ? { failedIndexes: b.failedIndexes } : {}),
    },
  };
}

/**
 * The annotation value for `record` (compact JSON, keys in a fixed order).
 * @category MultiKueue
 */
export function encodeMirrorRecord(record: MirrorRecord): string {
  return JSON.stringify(canonicalRecord(record));
}

/**
 * Decodes an annotation value written by {@link encodeMirrorRecord}. An absent annotation
 * (`undefined`) decodes to `undefined`: the Job was never mirrored. Never throws; errors name
 * the field, e.g. `metadata.annotations[jobkit.io/multikueue-mirror].baseline.failed: ...`.
 * @category MultiKueue
 */
export function decodeMirrorRecord(value: string | undefined): DecodeResult<MirrorRecord | undefined> {
  const field = `metadata.annotations[${MirrorRecordAnnotation}]`;
  if (value === undefined) return { ok: true, value: undefined };
  if (typeof value !== 'string') return { ok: false, errors: [`${field}: expected a string`] };
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch (e) {
    return { ok: false, errors: [`${field}: not JSON (${e instanceof Error ? e.message : String(e)})`] };
  }
  return decodeRecordValue(json, field);
}

/** Decodes a record given as a value (what mirrorStatus receives), naming fields under `field`. */
export function decodeRecordValue(json: unknown, field: string): DecodeResult<MirrorRecord> {
  const r = MirrorRecordCodec.decode(json);
  if (E.isLeft(r)) return { ok: false, errors: toFieldErrors(r.left).map((e) => `${e.field === '' ? field : `${field}.${e.field}`}: ${e.detail}`) };
  return { ok: true, value: canonicalRecord(r.right) };
}

/**
 * The record stored on the manager's Job (its {@link MirrorRecordAnnotation}), decoded.
 * @category MultiKueue
 */
export function mirrorRecordOf(local: Job): DecodeResult<MirrorRecord | undefined> {
  return decodeMirrorRecord(local.metadata?.annotations?.[MirrorRecordAnnotation]);
}
