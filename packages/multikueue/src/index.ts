// @jobkit/multikueue: MultiKueue-style status mirroring (the manager's Job mirrors a worker's
// copy) that writes only statuses the API server accepts. See docs/multikueue.md.
export {
  MirrorRecordAnnotation,
  MultiKueueOriginLabel,
  MirrorRecordCodec,
  emptyMirrorRecord,
  encodeMirrorRecord,
  decodeMirrorRecord,
  mirrorRecordOf,
  type MirrorBaseline,
  type MirrorRecord,
} from './record.js';
export { remoteJobFor, type RemoteJobOptions } from './remoteJob.js';
export { finishLocally } from './finishLocally.js';
export { mirrorStatus, type MirrorInput, type MirrorOptions, type MirrorReasonWord, type MirrorResult } from './mirrorStatus.js';
