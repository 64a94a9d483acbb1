#!/usr/bin/env bash
# The main job: installs what is missing, builds maturinh (build/), then
# checks the two shipped référentiels (sanitaire and médico-social), imports
# the fixture establishments into the default database (./maturinh.db), scores
# them from it, and explains one clinic's score, shows the chase list of a
# region, then publishes the Observatoire into ./observatoire/; then the same
# for the médico-social side: its own campaign (esms-2025) and its own
# Observatoire in ./observatoire-esms/.
# Running it again imports nothing new and publishes the same bytes.
set -eu
cd "$(dirname "$0")/.."

bash scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMH_BUILD_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)" >/dev/null

mh=build/cli/maturinh
ref=referentiels/maturinh-cyber/maturinh-cyber.yaml
esms=referentiels/maturinh-esms/maturinh-esms.yaml
mapfile -t answers < <(grep -v '^#' fixtures/answers/ORDER | grep -v '^$')
mapfile -t esms_answers < <(grep -v '^#' fixtures/answers-esms/ORDER | grep -v '^$')

echo "== maturinh referentiel check $ref $esms"
$mh referentiel check "$ref" "$esms"
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
echo
# the médico-social side: the same engine, its own référentiel, campaign and publication
echo "== maturinh import -r $esms fixtures/answers-esms/region-*.yaml   (campaign esms-2025)"
$mh import -r "$esms" "${esms_answers[@]}"
echo
echo "== maturinh rank --campaign esms-2025"
$mh rank --campaign esms-2025
echo
echo "== maturinh publish --campaign esms-2025 --out observatoire-esms --force"
$mh publish --campaign esms-2025 --out observatoire-esms --force
echo "Open $(pwd)/observatoire-esms/index.html: the Observatoire of the médico-social side."
