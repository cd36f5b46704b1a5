// @jobkit/backoff: Pod-recreation backoff: finish times, backoff record, remaining delay
export {};
