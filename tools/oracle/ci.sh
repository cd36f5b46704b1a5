#!/usr/bin/env bash
# CI entry: when Go is available, build the oracle and diff jobkit against upstream on a fixed
# seed (N=500 per family: sync, statusValidation, jobValidation, jobUpdateValidation). Prints the
# divergence summary; exits 1 when any family diverges from upstream or its diff fails to run, so
# CI catches a regression against upstream's real code. Without Go it says so and exits 0 (the
# golden vectors in the test suite still run); with Go, an oracle or jobkit that does not build
# fails (exit 1): a silent skip would hide every divergence.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
SEED="${ORACLE_SEED:-20261128}"
COUNT="${ORACLE_COUNT:-500}"
if ! command -v go >/dev/null 2>&1; then
  echo "oracle: go not found; skipping the upstream differential test"
  exit 0
fi
if ! (cd "$here" && go build -o bin/oracle .); then
  echo "oracle: go is present but the oracle does not build; failing (exit 1)"
  exit 1
fi
if [ ! -f "$root/packages/jobkit/dist/index.js" ]; then
  (cd "$root" && npx tsc -b packages/jobkit) || { echo "oracle: jobkit build failed"; exit 1; }
fi
summary=""
bad=0
for fam in sync statusValidation jobValidation jobUpdateValidation; do
  echo "=== oracle diff: $fam"
  out="$(cd "$root" && node tools/oracle/diff.mjs --family "$fam" --seed "$SEED" --count "$COUNT" --limit 3 2>&1)"
  status=$?
  echo "$out"
  if [ $status -ne 0 ]; then
    summary="$summary $fam=failed(exit $status)"
    bad=1
    continue
  fi
  n="$(echo "$out" | sed -n 's/^summary: \([0-9]*\)\/.*/\1/p' | tail -1)"
  summary="$summary $fam=${n:-unknown}"
  [ "${n:-unknown}" = "0" ] || bad=1
done
echo "oracle divergences (seed $SEED, $COUNT cases each):$summary"
exit "$bad"
