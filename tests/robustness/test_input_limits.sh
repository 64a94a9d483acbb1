#!/usr/bin/env bash
# The YAML document limit holds inside a single token: libyaml keeps a whole
# scalar in memory before handing it over, so the reader stops at 16 MiB
# whatever one scalar holds, with a located error, instead of buffering it.
#
# Usage: test_input_limits.sh MATURINH SOURCE_DIR
set -u
mh=$1
src=$2
source "$src/tests/robustness/common.sh"
ref="$src/fixtures/answers/worked-example/referentiel.yaml"
answers="$src/fixtures/answers/worked-example/answers.yaml"

# xs N: N bytes of 'x'
xs() { head -c "$1" /dev/zero | tr '\0' x; }

# one scalar just over the limit (past the 16 KiB libyaml reads at a time), as
# an answers comment
{ printf 'format: maturinh-answers/1\ncomments:\n  K: '; xs $((16 * 1024 * 1024 + 64 * 1024)); echo; } >"$work/scalar.yaml"
run "one scalar over 16 MiB" 65 "$mh" score -r "$ref" "$work/scalar.yaml"
expect_grep "one scalar over 16 MiB: the document limit" "$work/err" \
  "$work/scalar.yaml:1:1: error: establishment at line 1: this YAML document is larger than the 16 MiB limit"

# the same in the second document of a stream, quoted: located at that document
{ cat "$answers"; printf -- '---\nformat: maturinh-answers/1\ncomments:\n  K: "'; xs $((17 * 1024 * 1024)); echo '"'; } >"$work/second.yaml"
run "a scalar over 16 MiB in the second document" 65 "$mh" score -r "$ref" "$work/second.yaml"
expect_grep "a scalar over 16 MiB in the second document: located" "$work/err" \
  "$work/second.yaml:23:1: error: establishment at line 23: this YAML document is larger than the 16 MiB limit"

# a document that is one plain scalar: libyaml reads it before the document starts
xs $((17 * 1024 * 1024)) >"$work/bare.yaml"
run "a bare scalar over 16 MiB" 65 "$mh" score -r "$ref" "$work/bare.yaml"
expect_grep "a bare scalar over 16 MiB: the document limit" "$work/err" \
  "$work/bare.yaml:1:1: error: this YAML document is larger than the 16 MiB limit"
rm -f "$work/scalar.yaml" "$work/second.yaml" "$work/bare.yaml"

# Memory stays bounded: a 200 MB scalar under an address-space limit of the
# program's own size plus 4 times the document limit is refused for its size,
# not for want of memory (which buffering it would need: 256 MiB and more).
limit_kib=$((4 * 16 * 1024))
base_kib=0
for try in 32768 49152 65536 98304 131072; do
  if (ulimit -v $((try)) && "$mh" score -r "$ref" "$answers" >/dev/null 2>&1); then
    base_kib=$try
    break
  fi
done
if [ -n "${MH_TEST_WRAPPER:-}" ] || [ "$base_kib" = 0 ]; then
  skip "a 200 MB scalar in bounded memory" "the program does not run under ulimit -v here (a sanitizer or valgrind build)"
else
  { printf 'format: maturinh-answers/1\ncomments:\n  K: '; xs 200000000; echo; } >"$work/huge.yaml"
  run "a 200 MB scalar under ulimit -v $((base_kib + limit_kib)) KiB" 65 \
    bash -c 'ulimit -v "$1" && exec "$2" score -r "$3" "$4"' - $((base_kib + limit_kib)) "$mh" "$ref" "$work/huge.yaml"
  expect_grep "a 200 MB scalar in bounded memory: the document limit, not out of memory" "$work/err" \
    "$work/huge.yaml:1:1: error: establishment at line 1: this YAML document is larger than the 16 MiB limit"
  rm -f "$work/huge.yaml"
fi
finish
