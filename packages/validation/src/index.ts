// @jobkit/validation: validateJob, validateJobUpdate, validateJobStatusUpdate as the API server applies them
export {};
