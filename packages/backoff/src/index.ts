// @jobkit/backoff: Pod-recreation backoff: finish times, backoff record, remaining delay
export { getFinishedTime, getFinishedTimeMs } from './finishedTime.js';
export {
  backoffDelayMs,
  backoffFromCountedPods,
  emptyBackoffRecord,
  newBackoffRecord,
  remainingBackoffMs,
  remainingBackoffMsPerIndex,
  remainingTimeForFailuresMs,
  type BackoffLimits,
  type BackoffRecord,
} from './backoffRecord.js';
