#!/usr/bin/env bash
# Regenerates the golden vectors testdata/conformance/oracle/golden-<seed>.json
# (SEEDS seeds x COUNT cases each) from upstream's answers. Needs Go and the module proxy.
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
