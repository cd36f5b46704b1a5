// @jobkit/api: types, io-ts codecs and constants for batch/v1 Job and v1 Pod.
export * from './types.js';
export * from './constants.js';
