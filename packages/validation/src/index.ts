// @jobkit/validation: validateJob, validateJobUpdate, validateJobStatusUpdate as the API server applies them
export type { FieldError, FieldErrorType } from './fieldError.js';
export { errorBody, formatFieldError } from './fieldError.js';
export { type JobStatusValidationOptions, getStatusValidationOptions, validateJobStatusUpdate } from './jobStatusValidation.js';
export { type JobValidationOptions, managedByErrors, validateJob } from './jobValidation.js';
export { type JobFeatureGates, getUpdateValidationOptions, validateJobUpdate } from './jobUpdateValidation.js';
