#!/usr/bin/env bash
# The main job: installs what is missing, builds maturinh (build/), then
# checks the shipped MaturiN'H référentiel, imports the fixture establishments
# into the default database (./maturinh.db), scores them from it, and explains
# one clinic's score, shows the chase list of a region, then publishes the
# Observatoire into ./observatoire/.
# Running it again imports nothing new and publishes the same bytes.
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
echo "== maturinh import -r $ref fixtures/answers/region-*.yaml   (into ./maturinh.db)"
$mh import -r "$ref" "${answers[@]}"
echo
echo "== maturinh score --campaign 2025   (from ./maturinh.db)"
$mh score --campaign 2025
echo
# a clinic that misses mesures prioritaires: what its CISO reads before the committee
echo "== maturinh explain --campaign 2025 --finess 920014503"
$mh explain --campaign 2025 --finess 920014503
echo
# what an ARS analyst chases: the questionnaires of the region not yet complete
echo "== maturinh status --campaign 2025 --scope region:84"
$mh status --campaign 2025 --scope region:84
echo
echo "== maturinh publish --campaign 2025 --out observatoire --force"
$mh publish --campaign 2025 --out observatoire --force
echo "Open $(pwd)/observatoire/index.html in a browser: the Observatoire's public page."
