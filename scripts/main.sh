#!/usr/bin/env bash
# The main job: installs what is missing, builds maturinh (build/), then
# checks the shipped MaturiN'H référentiel, scores the fixture establishments
# with it and explains the first one's score.
set -eu
cd "$(dirname "$0")/.."

bash scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMH_BUILD_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)" >/dev/null

mh=build/cli/maturinh
ref=referentiels/maturinh-cyber/maturinh-cyber.yaml
mapfile -t answers < <(grep -v '^#' fixtures/answers/ORDER | grep -v '^$')

echo "== maturinh referentiel check $ref"
$mh referentiel check "$ref"
echo
echo "== maturinh score -r $ref fixtures/answers/region-*.yaml  (${#answers[@]} files)"
$mh score -r "$ref" "${answers[@]}"
echo
# a clinic that misses mesures prioritaires: what its CISO reads before the committee
echo "== maturinh explain -r $ref --finess 920014503 fixtures/answers/region-11-ile-de-france.yaml"
$mh explain -r "$ref" --finess 920014503 fixtures/answers/region-11-ile-de-france.yaml
