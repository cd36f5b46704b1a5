// Field errors printed the way the API server words them (field.Error.Error, in @jobkit/validation).
export { formatFieldError } from '@jobkit/validation';
