// This package's own immer instance; every package that uses immer has this same module. No
// global immer setting is touched, and results are not frozen: immer's autoFreeze would
// deep-freeze their untouched parts too, which are the callers' objects.
// Here also: callers hand results to client libraries that may add fields.
import { Immer, type produce as Produce } from 'immer';

const immer = new Immer({ autoFreeze: false });

// The type is the global produce's (immer does not export IProduce); the function is this instance's.
export const produce: typeof Produce = immer.produce;
export { castDraft, type Draft } from 'immer';
