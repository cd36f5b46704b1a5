// The package's own immer instance: no global immer settings are touched, and results are not
// frozen (callers hand them to client libraries that may add fields).
import { Immer } from 'immer';

export const immer = new Immer({ autoFreeze: false });
