// @jobkit/indexes: completion-index interval sets (lenient and strict parsers) and pod index helpers.
export * from './intervals.js';
export * from './strict.js';
export * from './podIndex.js';
