// A run's timeline as text: the first column the offset since the Job was created, then what
// happened (the entries are the loop's data, @jobkit/sim's TimelineEntry).
import type { TimelineEntry } from '@jobkit/loop';

/** Seconds with millisecond precision, right-aligned: the timeline's first column. */
export function formatOffset(ms: number): string {
  return `${(ms / 1000).toFixed(3)}s`.padStart(10);
}

/** One entry as text, without its time. */
export function entryText(entry: TimelineEntry): string {
  switch (entry.kind) {
    case 'sync':
      return `sync #${entry.pass}`;
    case 'create':
      return `  create pod ${entry.pod}${entry.index !== undefined ? ` (index ${entry.index})` : ''}`;
    case 'delete':
      return `  delete pod ${entry.pod}`;
    case 'removeFinalizer':
      return `  remove finalizer from ${entry.pod}`;
    case 'status':
      return `  status: ${entry.changes.join(', ')}`;
    case 'event':
      return `  event ${entry.eventType} ${entry.reason}: ${entry.message}`;
    case 'requeue':
      return `  requeue after ${(entry.afterMs / 1000).toFixed(3)}s (${entry.why})`;
    case 'pod':
      return `pod ${entry.pod}: ${entry.change}`;
    case 'note':
      return entry.text;
  }
}

/** The whole timeline, one line per entry with its offset. */
export function renderTimeline(entries: readonly TimelineEntry[]): string {
  return entries.map((e) => `${formatOffset(e.at)}  ${entryText(e)}`).join('\n');
}
