// jobkit: jobkit: the public API (re-exports the pure packages)
export {};
