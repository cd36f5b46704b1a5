// @jobkit/runner: Local runtime: runs a Job's pods as processes on this machine
export {};
