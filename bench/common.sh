# common.sh: what the benchmark scripts share.  Source it from the project's
# top folder; it builds the Release binaries in build-bench/ and defines:
#   mh, measure, floor, ref   maturinh, bench/measure, bench/yaml_floor and
#                             the shipped référentiel
#   measure_once NAME COMMAND...   runs COMMAND once under bench/measure and
#                             prints "seconds peak_kib"; a command that fails
#                             stops the benchmark (a fast failure is no
#                             measurement).  Needs $work, a scratch folder.
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DMH_BUILD_BENCH=ON -DMH_BUILD_TESTS=OFF >/dev/null
cmake --build build-bench -j"$(nproc)" >/dev/null
mh=$PWD/build-bench/cli/maturinh
measure=$PWD/build-bench/bench/measure
floor=$PWD/build-bench/bench/yaml_floor
ref=$PWD/referentiels/maturinh-cyber/maturinh-cyber.yaml

measure_once() {
  if ! "$measure" "${@:2}" >/dev/null 2>"$work/measure.err"; then
    echo "bench: $1 failed:" >&2
    cat "$work/measure.err" >&2
    exit 1
  fi
  tail -1 "$work/measure.err"
}
