// The package's own immer instance, as in @jobkit/core, @jobkit/loop, @jobkit/sim and
// @jobkit/runner: no global immer settings are touched, and results are not frozen (callers hand
// them to client libraries that may add fields; immer's autoFreeze would also deep-freeze their
// untouched parts, which are the callers' objects).
import { Immer, type produce as Produce } from 'immer';

const immer = new Immer({ autoFreeze: false });

// The type is the global produce's (immer does not export IProduce); the function is this instance's.
export const produce: typeof Produce = immer.produce;
export { castDraft, type Draft } from 'immer';
