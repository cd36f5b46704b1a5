// Durations as the CLI prints them.

/** Short human form: "850ms", "12s", "1m5s", "2h0m". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)}s`;
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  return h > 0 ? `${h}h${m}m` : `${m}m${s}s`;
}

type Unit = 's' | 'm' | 'h' | 'd' | 'y';

const unitMs: Record<Unit, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, y: 365 * 86_400_000 };

/**
 * kubectl's ages and durations (apimachinery pkg/util/duration HumanDuration, v1.37.2) as data:
 * below `below` ms, the whole count of `unit`, then the rest in `rest` unless it is zero. About
 * two significant figures, as `kubectl get` and `kubectl describe` print them.
 */
export const humanDurationRules: readonly { readonly below: number; readonly unit: Unit; readonly rest?: Unit }[] = [
  { below: 2 * unitMs.m, unit: 's' },
  { below: 10 * unitMs.m, unit: 'm', rest: 's' },
  { below: 3 * unitMs.h, unit: 'm' },
  { below: 8 * unitMs.h, unit: 'h', rest: 'm' },
  { below: 48 * unitMs.h, unit: 'h' },
  { below: 8 * unitMs.d, unit: 'd', rest: 'h' },
  { below: 2 * unitMs.y, unit: 'd' },
  { below: 8 * unitMs.y, unit: 'y', rest: 'd' },
  { below: Infinity, unit: 'y' },
];

/** `kubectl` ages: "45s", "14m", "2d3h"; "<invalid>" for more than a second in the future. */
export function humanDuration(ms: number): string {
  // Go truncates toward zero; up to a second or so in the future reads as now (clock skew).
  if (Number.isNaN(ms)) return '<unknown>';
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  const rule = humanDurationRules.find((r) => ms < r.below)!;
  const count = Math.floor(ms / unitMs[rule.unit]);
  if (rule.unit === 's') return `${seconds}s`;
  const rest = rule.rest === undefined ? 0 : Math.floor(ms / unitMs[rule.rest]) - count * (unitMs[rule.unit] / unitMs[rule.rest]);
  return rest === 0 ? `${count}${rule.unit}` : `${count}${rule.unit}${rest}${rule.rest}`;
}
