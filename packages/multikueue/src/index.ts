// @jobkit/multikueue: MultiKueue-style status mirroring (a manager's Job mirrors a worker's copy)
// that writes only statuses the API server accepts.
export {};
