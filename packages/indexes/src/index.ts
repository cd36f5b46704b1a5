// @jobkit/indexes: Completion-index interval sets and pod index helpers
export {};
