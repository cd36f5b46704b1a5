// Scripted pod outcomes for `jobkit simulate`: what each run of a pod's containers does, chosen
// per completion index and attempt, per attempt of the whole Job, or by a default.

import { parseDuration } from './duration.js';

/** What one run of a pod's containers does. */
export interface Outcome {
  /** Exit code of every app container (0 = success)... */
  readonly exitCode: number;
  /** ...except those named here. */
  readonly containerExitCodes: ReadonlyMap<string, number>;
  /** How long the containers run before exiting (or being disrupted). */
  readonly durationMs: number;
  /** Pending → Running delay (scheduling, image pull). */
  readonly startDelayMs: number;
  /** Running → Ready delay; undefined = never ready. */
  readonly readyAfterMs: number | undefined;
  /** When set, the pod is disrupted at the end of its duration instead of exiting: it gets the
   *  DisruptionTarget condition with this reason, is deleted, and its containers are killed. */
  readonly disruption: string | undefined;
  /** How long the containers take to exit after SIGTERM (capped by the grace period). */
  readonly terminationDelayMs: number;
}

export interface Script {
  readonly default: Outcome;
  /** Attempt n (1-based, in pod creation order, restarts included) of a NonIndexed Job. */
  readonly attempts: ReadonlyMap<number, Outcome>;
  /** Attempt n (1-based) of completion index i. */
  readonly indexes: ReadonlyMap<number, ReadonlyMap<number, Outcome>>;
  /** Sets spec.suspend=false at this time (ms after the Job's creation). */
  readonly resumeAtMs: number | undefined;
  /** Stop the simulation at this virtual time. */
  readonly untilMs: number;
}

export interface ScriptError {
  readonly field: string;
  readonly detail: string;
}

export type ScriptResult = { readonly ok: true; readonly script: Script } | { readonly ok: false; readonly errors: readonly ScriptError[] };

/** The outcome of runs a script does not mention: exit 0 after 1 s, ready at once. */
export const builtinDefaultOutcome: Outcome = {
  exitCode: 0,
  containerExitCodes: new Map(),
  durationMs: 1000,
  startDelayMs: 0,
  readyAfterMs: 0,
  disruption: undefined,
  terminationDelayMs: 0,
};

const outcomeKeys = new Set(['exitCode', 'containers', 'duration', 'startDelay', 'readyAfter', 'disruption', 'terminationDelay']);
const topKeys = new Set(['default', 'attempts', 'indexes', 'resumeAt', 'until']);

/** Parses a decoded OUTCOMES.yaml document; every problem is reported with its field path. */
export function parseScript(input: unknown): ScriptResult {
  const errors: ScriptError[] = [];
  const doc = input ?? {};
  if (!isRecord(doc)) {
    return { ok: false, errors: [{ field: '<root>', detail: 'must be a mapping with default, attempts or indexes' }] };
  }
  for (const key of Object.keys(doc)) {
    if (!topKeys.has(key)) errors.push({ field: key, detail: `unknown field (expected one of ${[...topKeys].join(', ')})` });
  }
  const base = doc['default'] === undefined ? builtinDefaultOutcome : parseOutcome(doc['default'], 'default', builtinDefaultOutcome, errors);
  const attempts = parseAttemptList(doc['attempts'], 'attempts', base, errors);
  const indexes = new Map<number, ReadonlyMap<number, Outcome>>();
  const rawIndexes = doc['indexes'];
  if (rawIndexes !== undefined) {
    if (!isRecord(rawIndexes)) errors.push({ field: 'indexes', detail: 'must be a mapping from completion index to outcomes' });
    else {
      for (const [key, value] of Object.entries(rawIndexes)) {
        const index = Number(key);
        if (!Number.isInteger(index) || index < 0) {
          errors.push({ field: `indexes.${key}`, detail: 'completion index must be a non-negative integer' });
          continue;
        }
        indexes.set(index, parseAttemptList(value, `indexes.${key}`, base, errors));
      }
    }
  }
  const resumeAtMs = optionalDuration(doc['resumeAt'], 'resumeAt', errors);
  const untilMs = optionalDuration(doc['until'], 'until', errors) ?? 24 * 3_600_000;
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, script: { default: base, attempts, indexes, resumeAtMs, untilMs } };
}

/** The outcome of a run: by index and attempt, else by Job-wide attempt, else the default. */
export function outcomeFor(script: Script, attempt: number, index: number | undefined, indexAttempt: number): Outcome {
  if (index !== undefined) {
    const byIndex = script.indexes.get(index)?.get(indexAttempt);
    if (byIndex !== undefined) return byIndex;
  }
  return script.attempts.get(attempt) ?? script.default;
}

/** A list of outcomes (attempt 1, 2, ...), a mapping attempt → outcome, or one outcome for attempt 1. */
function parseAttemptList(value: unknown, field: string, base: Outcome, errors: ScriptError[]): Map<number, Outcome> {
  const result = new Map<number, Outcome>();
  if (value === undefined) return result;
  if (Array.isArray(value)) {
    value.forEach((item, i) => result.set(i + 1, parseOutcome(item, `${field}[${i}]`, base, errors)));
  } else if (isRecord(value) && Object.keys(value).every((k) => /^\d+$/.test(k))) {
    for (const [key, item] of Object.entries(value)) {
      const n = Number(key);
      if (n < 1) errors.push({ field: `${field}.${key}`, detail: 'attempts are numbered from 1' });
      else result.set(n, parseOutcome(item, `${field}.${key}`, base, errors));
    }
  } else if (isRecord(value)) {
    result.set(1, parseOutcome(value, field, base, errors));
  } else {
    errors.push({ field, detail: 'must be a list of outcomes or a mapping from attempt number to outcome' });
  }
  return result;
}

function parseOutcome(value: unknown, field: string, base: Outcome, errors: ScriptError[]): Outcome {
  if (!isRecord(value)) {
    errors.push({ field, detail: `must be a mapping (${[...outcomeKeys].join(', ')})` });
    return base;
  }
  for (const key of Object.keys(value)) {
    if (!outcomeKeys.has(key)) errors.push({ field: `${field}.${key}`, detail: `unknown field (expected one of ${[...outcomeKeys].join(', ')})` });
  }
  let exitCode = base.exitCode;
  if (value['exitCode'] !== undefined) {
    const code = value['exitCode'];
    if (typeof code !== 'number' || !Number.isInteger(code) || code < 0 || code > 255) {
      errors.push({ field: `${field}.exitCode`, detail: 'must be an integer from 0 to 255' });
    } else exitCode = code;
  }
  let containerExitCodes = base.containerExitCodes;
  const rawContainers = value['containers'];
  if (rawContainers !== undefined) {
    if (!isRecord(rawContainers)) errors.push({ field: `${field}.containers`, detail: 'must be a mapping from container name to exit code' });
    else {
      const codes = new Map<string, number>();
      for (const [name, code] of Object.entries(rawContainers)) {
        if (typeof code !== 'number' || !Number.isInteger(code) || code < 0 || code > 255)
          errors.push({ field: `${field}.containers.${name}`, detail: 'must be an integer from 0 to 255' });
        else codes.set(name, code);
      }
      containerExitCodes = codes;
    }
  }
  let disruption = base.disruption;
  const rawDisruption = value['disruption'];
  if (rawDisruption !== undefined) {
    if (rawDisruption === true) disruption = 'EvictionByEvictionAPI';
    else if (rawDisruption === false) disruption = undefined;
    else if (typeof rawDisruption === 'string' && rawDisruption !== '') disruption = rawDisruption;
    else errors.push({ field: `${field}.disruption`, detail: 'must be true or a DisruptionTarget reason such as EvictionByEvictionAPI' });
  }
  let readyAfterMs = base.readyAfterMs;
  if (value['readyAfter'] === 'never') readyAfterMs = undefined;
  else if (value['readyAfter'] !== undefined) readyAfterMs = optionalDuration(value['readyAfter'], `${field}.readyAfter`, errors);
  // A disruption kills the containers: SIGKILL's 137 unless the script says otherwise.
  if (disruption !== undefined && value['exitCode'] === undefined && rawDisruption !== undefined) exitCode = 137;
  return {
    exitCode,
    containerExitCodes,
    durationMs: optionalDuration(value['duration'], `${field}.duration`, errors) ?? base.durationMs,
    startDelayMs: optionalDuration(value['startDelay'], `${field}.startDelay`, errors) ?? base.startDelayMs,
    readyAfterMs,
    disruption,
    terminationDelayMs: optionalDuration(value['terminationDelay'], `${field}.terminationDelay`, errors) ?? base.terminationDelayMs,
  };
}

function optionalDuration(value: unknown, field: string, errors: ScriptError[]): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseDuration(value);
  if (ms === undefined) errors.push({ field, detail: 'must be a duration such as 500ms, 2s, 1m30s or a number of seconds' });
  return ms;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
