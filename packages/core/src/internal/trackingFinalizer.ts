// The tracking finalizer a pass works with (SyncOptions.trackingFinalizer, orphanPodActions'
// option of the same name): its default per controller and why a given one is refused.
import { isQualifiedName, JobControllerName, JobTrackingFinalizer, trackingFinalizerFor } from '@jobkit/api';

interface FinalizerOptions {
  readonly controllerName?: string;
  readonly trackingFinalizer?: string;
}

/** The finalizer the options name, or the default for their controller (@jobkit/api trackingFinalizerFor). */
export function trackingFinalizerOf(options: FinalizerOptions): string {
  return options.trackingFinalizer ?? trackingFinalizerFor(options.controllerName ?? JobControllerName);
}

/**
 * Why `options.trackingFinalizer` cannot be used, or undefined: it must be a qualified name (a
 * finalizer's syntax), and an external controller must not use the built-in controller's (the
 * Kubernetes Job docs reserve batch.kubernetes.io/job-tracking for it).
 */
export function trackingFinalizerError(options: FinalizerOptions): string | undefined {
  const f = options.trackingFinalizer;
  if (f === undefined) return undefined;
  const syntax = isQualifiedName(f);
  if (syntax.length > 0) return `options.trackingFinalizer: Invalid value: ${JSON.stringify(f.slice(0, 100))}: ${syntax[0]}`;
  const controllerName = options.controllerName ?? JobControllerName;
  if (f === JobTrackingFinalizer && controllerName !== JobControllerName) {
    return `options.trackingFinalizer: Invalid value: "${f}": reserved for the built-in Job controller (${JobControllerName}); ${controllerName} must use another`;
  }
  return undefined;
}
