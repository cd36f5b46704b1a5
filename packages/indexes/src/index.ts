// @jobkit/indexes: completion-index interval sets (lenient and strict parsers) and pod index helpers.
export * from './intervals.js';
export * from './strict.js';
export * from './podIndex.js';
/** Go's strconv.Quote (%q), for messages worded like the API server's. */
export { goQuote } from './internal/goQuote.js';
