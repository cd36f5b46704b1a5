// @jobkit/cluster: jobkit as the Job controller of a real cluster for the Jobs whose
// `.spec.managedBy` names it — informers, work queue, expectations, leader election, metrics and
// the API calls around the pure pass. The only package that imports @kubernetes/client-node.
export { startController, leaseNameFor, type ControllerOptions, type ControllerHandle } from './controller.js';
export { jsonLogger, type Logger, type Level } from './log.js';
export { parseHostPort } from './server.js';
export { startMultiKueue, originFor, type MultiKueueOptions, type MultiKueueHandle, type MultiKueueWorker } from './multikueue.js';
