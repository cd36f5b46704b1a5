// @jobkit/core: syncJob: one pure reconcile pass of the Job controller; applyActions; orphanPodActions
export {};
