#!/usr/bin/env bash
# Regenerates the golden vectors from upstream's answers. Needs Go and the module proxy.
#   testdata/conformance/oracle/golden-<seed>.json                   family sync (SEEDS x COUNT)
#   testdata/conformance/oracle/status-validation-golden-<seed>.json family statusValidation
#   testdata/conformance/oracle/job-validation-golden-<seed>.json    family jobValidation (cases upstream panics on are dropped)
#   testdata/conformance/oracle/job-update-validation-golden-<seed>.json family jobUpdateValidation
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../../testdata/conformance/oracle"
SEEDS="${SEEDS:-1 2 3 4 5}"
COUNT="${COUNT:-400}"
(cd "$here" && go build -o bin/oracle .)
mkdir -p "$out"
for s in $SEEDS; do
  "$here/bin/oracle" generate --seed "$s" --count "$COUNT" | "$here/bin/oracle" run > "$out/golden-$s.json"
  echo "golden-$s.json: $(wc -c < "$out/golden-$s.json") bytes"
done
for s in ${STATUS_SEEDS:-1}; do
  "$here/bin/oracle" generate --family statusValidation --seed "$s" --count "${STATUS_COUNT:-1000}" | "$here/bin/oracle" run > "$out/status-validation-golden-$s.json"
  echo "status-validation-golden-$s.json: $(wc -c < "$out/status-validation-golden-$s.json") bytes"
done
for f in jobValidation:job-validation jobUpdateValidation:job-update-validation; do
  fam="${f%%:*}"; file="${f##*:}"
  for s in ${JOB_SEEDS:-1}; do
    "$here/bin/oracle" generate --family "$fam" --seed "$s" --count "${JOB_COUNT:-1000}" | "$here/bin/oracle" run --drop-unrunnable > "$out/$file-golden-$s.json"
    echo "$file-golden-$s.json: $(wc -c < "$out/$file-golden-$s.json") bytes"
  done
done
