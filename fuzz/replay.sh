#!/usr/bin/env bash
# Replays, once each, every input that the harnesses must keep passing: the
# seed corpora (fuzz/corpus/<harness>/), the regressions (crashes found and
# fixed, fuzz/regressions/<harness>/) and the fixtures the seeds come from.
# No fuzzing: this is what CI runs (scripts/test.sh).  Any crash, leak,
# sanitizer report or broken invariant fails it.
#
# Usage: fuzz/replay.sh [BUILD_DIR]   (default build-fuzz; built here with clang)
set -eu
cd "$(dirname "$0")/.."
build=${1:-build-fuzz}

CC=clang cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMH_BUILD_FUZZ=ON \
  -DMH_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target fuzz_referentiel fuzz_answers fuzz_csvread \
  fuzz_import fuzz_values fuzz_finess_extract fuzz_web >/dev/null

inputs() { # HARNESS: the files to replay, one a line
  local h=$1
  find "fuzz/corpus/$h" "fuzz/regressions/$h" -type f ! -name '*.md' 2>/dev/null || true
  case $h in
    fuzz_referentiel)
      ls referentiels/*/*.yaml fixtures/referentiel/*/*/referentiel.yaml \
        fixtures/answers-rules/referentiel.yaml fixtures/api/referentiel-full.yaml ;;
    fuzz_finess_extract)
      ls fixtures/finess-extract/*.csv ;;
    fuzz_answers)
      ls fixtures/answers/*.yaml fixtures/answers-esms/*.yaml fixtures/answers/*/answers.yaml \
        fixtures/answers-rules/*/*/answers.yaml fixtures/store/*.yaml ;;
  esac
}

status=0
for h in fuzz_referentiel fuzz_answers fuzz_csvread fuzz_import fuzz_values fuzz_finess_extract fuzz_web; do
  list=$(mktemp)
  inputs "$h" >"$list"
  start=$SECONDS
  # given files (not directories), libFuzzer runs each once and stops
  if ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    xargs -d '\n' "$build/fuzz/$h" -timeout=60 <"$list" >"$build/replay-$h.log" 2>&1; then
    echo "$h: $(wc -l <"$list") inputs replayed, $((SECONDS - start)) s"
  else
    echo "$h: FAILED, see $build/replay-$h.log:" >&2
    grep -E 'ERROR|runtime error|invariant|Running' "$build/replay-$h.log" | tail -5 >&2
    status=1
  fi
  rm -f "$list"
done
exit $status
