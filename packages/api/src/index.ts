// @jobkit/api: types, io-ts codecs and constants for batch/v1 Job and v1 Pod.
export * from './types.js';
export * from './constants.js';
export * from './decode.js';
export * from './reporter.js';
export * from './defaults.js';
export * from './meta.js';
export * from './pod.js';
export * from './job.js';
export * from './list.js';
export * from './finished.js';
export * from './labelSelector.js';
export * from './names.js';
export { isRfc3339, formatTime, formatValidTime, parseTime, GoZeroTimeMs, isZeroTime, parseTimeOrZero, TimeCodec } from './time.js';
export { MaxDepth } from './internal/failure.js';
export type { Json } from './internal/json.js';
export { type FieldTree, type FieldValidation, unknownFieldMessage, unknownJobFields } from './unknownFields.js';
export { JobFieldTree } from './fieldTree.generated.js';
