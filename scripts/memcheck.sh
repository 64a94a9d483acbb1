#!/usr/bin/env bash
# The whole test suite under valgrind memcheck: every test program and every
# `maturinh` the CLI tests start runs under valgrind, and any invalid read or
# write, use of uninitialised memory or definite/indirect leak fails the test
# (valgrind exits 99 and keeps its report in build-memcheck/valgrind/).
#
# Slow (20 to 50 times slower than the normal build): not part of CI, which
# runs the whole suite under ASan+UBSan instead.  Run it before a release.
#
# Usage: scripts/memcheck.sh [CTEST_ARGS...]   (e.g. -R cli/score)
set -eu
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "memcheck: valgrind is needed (apt-get install valgrind)" >&2; exit 69; }

build=build-memcheck
logs=$PWD/$build/valgrind
vg="valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect --track-origins=yes --log-file=$logs/%p.log"
# valgrind is 20 to 50 times slower: the longest tests get an hour, the others
# ctest's default (1500 s)
cmake -S . -B $build -DCMAKE_BUILD_TYPE=Debug -DMH_WERROR=ON -DMH_TEST_LONG_TIMEOUT=3600 \
  "-DCMAKE_CROSSCOMPILING_EMULATOR=$(echo "$vg" | tr ' ' ';')" >/dev/null
cmake --build $build -j"$(nproc)" >/dev/null
rm -rf "$logs"
mkdir -p "$logs"
chmod 1777 "$logs" # some tests run maturinh as another user (nobody)
# integration/streaming_memory measures the resident size, which valgrind changes.
status=0
(cd $build && MH_TEST_WRAPPER="$vg" ctest --output-on-failure -j"$(nproc)" -E 'streaming_memory' "$@") || status=$?
reports=$(find "$logs" -name '*.log' -size +0 | wc -l)
if [ "$reports" -gt 0 ]; then
  echo "memcheck: $reports valgrind reports in $logs:" >&2
  find "$logs" -name '*.log' -size +0 | head -5 | xargs cat >&2
  status=1
fi
[ "$status" = 0 ] && echo "memcheck: clean"
exit "$status"
