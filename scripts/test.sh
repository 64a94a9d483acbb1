#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what is missing, then
#   1. builds with warnings as errors and runs every test (build-ci/);
#   2. builds with ASan+UBSan and runs every test again (build-asan/);
#   3. runs the national benchmark and the load benchmark of `maturinh serve`
#      at a small size, to check that they work;
#   4. builds the fuzzing harnesses with clang and replays their corpora and
#      regressions once (build-fuzz/; no fuzzing: scripts/fuzz.sh does that);
#   5. checks that the C sources are clang-format clean.
set -eu
cd "$(dirname "$0")/.."

bash scripts/deps.sh --test
jobs=$(nproc)

echo "== build with -Werror, run the tests"
cmake -S . -B build-ci -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMH_WERROR=ON -DMH_BUILD_BENCH=ON >/dev/null
cmake --build build-ci -j"$jobs" >/dev/null
(cd build-ci && ctest --output-on-failure -j"$jobs")

echo "== build with ASan+UBSan, run the tests"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DMH_WERROR=ON -DMH_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs" >/dev/null
(cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j"$jobs")

echo "== the benchmarks at a small size (check that they run; timings are not asserted)"
RUNS=1 bash bench/national.sh --sizes 300
RUNS=1 bash bench/national.sh --sizes 300 --referentiel referentiels/maturinh-esms/maturinh-esms.yaml
bash bench/score_pairs.sh --size 300 --pairs 2
RUNS=1 bash bench/finess_extract.sh --lines 300
bash bench/serve.sh --build build-ci --sizes "4 12" --duration 1

echo "== fuzzing harnesses: build with clang, replay the corpora and regressions once"
bash fuzz/replay.sh

echo "== clang-format"
git ls-files '*.c' '*.h' | xargs clang-format --dry-run --Werror
echo "clang-format: clean"
