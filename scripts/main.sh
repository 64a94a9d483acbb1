#!/usr/bin/env bash
# The main job: installs what is missing, builds maturinh (build/), then
# checks and summarises the shipped MaturiN'H référentiel.
set -eu
cd "$(dirname "$0")/.."

bash scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMH_BUILD_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)" >/dev/null

mh=build/cli/maturinh
echo "== maturinh referentiel check referentiels/maturinh-cyber/*.yaml"
$mh referentiel check referentiels/maturinh-cyber/*.yaml
echo
echo "== maturinh referentiel show referentiels/maturinh-cyber/maturinh-cyber.yaml"
$mh referentiel show referentiels/maturinh-cyber/maturinh-cyber.yaml
