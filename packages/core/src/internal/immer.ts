// The package's own immer instance, as in @jobkit/multikueue: no global immer settings are
// touched. Results are not frozen: immer's autoFreeze deep-freezes a result's untouched parts
// too, and those are the caller's objects (an input pod's spec, the status an action carries),
// so freezing would change the input (and walk it). Only applyActions uses it, one pod at a time:
// never syncJob's pass, never the pod list.
import { Immer, type produce as Produce } from 'immer';

const immer = new Immer({ autoFreeze: false });

// The type is the global produce's (immer does not export IProduce); the function is this instance's.
export const produce: typeof Produce = immer.produce;
export { castDraft, type Draft } from 'immer';
