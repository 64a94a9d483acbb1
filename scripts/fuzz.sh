#!/usr/bin/env bash
# Fuzzes every parser of the engine for a while (see fuzz/README.md).
#
# Usage: scripts/fuzz.sh [SECONDS] [HARNESS...]
#   SECONDS   how long each harness runs (default 600)
#   HARNESS   which ones (default all: fuzz_referentiel fuzz_answers fuzz_csvread
#             fuzz_import fuzz_values fuzz_web)
#   FUZZ_JOBS how many run at once (default nproc)
#
# Builds the harnesses with clang (ASan+UBSan+libFuzzer) in build-fuzz/, then
# runs each from a copy of its seed corpus (fuzz/corpus/<harness>/, plus its
# regressions) in build-fuzz/work/<harness>/, with fuzz/<format>.dict.  A
# crash, leak, timeout or UBSan report is saved under
# fuzz/regressions/<harness>/ (libFuzzer's crash-/leak-/timeout- names) and
# makes the script exit 1; each run's log, with its final exec and coverage
# counts, is build-fuzz/work/<harness>.log.
set -eu
cd "$(dirname "$0")/.."

seconds=${1:-600}
shift || true
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(fuzz_referentiel fuzz_answers fuzz_csvread fuzz_import fuzz_values fuzz_web)
jobs=${FUZZ_JOBS:-$(nproc)}
build=build-fuzz

CC=clang cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMH_BUILD_FUZZ=ON \
  -DMH_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target "${harnesses[@]}" >/dev/null

dict_of() {
  case $1 in
    fuzz_referentiel) echo fuzz/referentiel.dict ;;
    fuzz_answers) echo fuzz/answers.dict ;;
    fuzz_csvread | fuzz_import) echo fuzz/csv.dict ;;
    *) echo "" ;;
  esac
}

run_one() {
  local h=$1 work=$build/work/$1 dict rc=0
  dict=$(dict_of "$h")
  mkdir -p "$work/corpus" "fuzz/regressions/$h"
  cp -n fuzz/corpus/"$h"/* "$work/corpus/" 2>/dev/null || true
  # the time budget is -max_total_time; the seeds and regressions are read first
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:symbolize=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$build/fuzz/$h" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 ${dict:+-dict="$dict"} \
    -artifact_prefix="fuzz/regressions/$h/" \
    "$work/corpus" "fuzz/regressions/$h" >"$work.log" 2>&1 || rc=$?
  local last
  last=$(grep -E '^#[0-9]+' "$work.log" | tail -1)
  echo "$h: exit $rc; $last"
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$work.log" | tr '\n' ' '
  echo
  return $rc
}

status=0
running=0
mkdir -p "$build/work"
for h in "${harnesses[@]}"; do
  run_one "$h" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n || status=1
    running=$((running - 1))
  fi
done
while [ "$running" -gt 0 ]; do
  wait -n || status=1
  running=$((running - 1))
done
if [ $status != 0 ]; then
  echo "fuzz: something was found: see fuzz/regressions/ and $build/work/*.log" >&2
fi
exit $status
