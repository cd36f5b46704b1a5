// metav1.Time lives in @jobkit/api (formatValidTime, parseTime); this re-export only keeps
// classifyPods' import working until its rewrite imports @jobkit/api directly.
export { formatValidTime as formatTime, parseTime } from '@jobkit/api';
