// @jobkit/cli: The jobkit command: run, simulate, validate, explain
export {};
