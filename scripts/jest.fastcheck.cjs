// Property tests run on a fixed seed under CI, so a run that passed on a developer's machine
// cannot fail on a clone of main by drawing new cases; elsewhere every run draws fresh cases
// (fast-check prints the seed of a failure). FC_SEED=<n> replays one run anywhere.
const fc = require('fast-check');

const fixed = process.env.FC_SEED ?? (process.env.CI ? '20261204' : undefined);
if (fixed !== undefined) fc.configureGlobal({ seed: Number(fixed) });
