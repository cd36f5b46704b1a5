// The kubelet's restart back-off for containers of restartPolicy OnFailure / Always pods
// (pkg/kubelet/kuberuntime/kuberuntime_manager.go doBackOff with flowcontrol.Backoff, initial
// 10 s, MaxContainerBackOff 300 s): the first restart is immediate, the n-th waits
// 10 s · 2^(n−2), capped at 5 minutes.

const InitialMs = 10_000;
const MaxMs = 300_000;

/** Delay before restart number `restart` (1-based) of a container. */
export function crashLoopDelayMs(restart: number): number {
  if (restart <= 1) return 0;
  return Math.min(InitialMs * 2 ** (restart - 2), MaxMs);
}
