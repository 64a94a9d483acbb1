#!/usr/bin/env bash
# The cost of refusing one huge YAML scalar: the document limit (16 MiB)
# holds inside a token, so time and memory stay near the limit whatever the
# scalar holds.
#
# Usage: bench/one_scalar.sh [--mb M]
#
# Writes an answers file whose one comment is M megabytes of 'x' (1000 by
# default; it needs that much room in $TMPDIR), runs `score` on it under
# bench/measure, and prints its exit status (65: refused), its wall time and
# its peak resident memory.  Timings are never asserted.
set -eu
cd "$(dirname "$0")/.."
mb=1000
while [ $# -gt 0 ]; do
  case $1 in
    --mb) mb=$2; shift 2 ;;
    *) echo "usage: bench/one_scalar.sh [--mb M]" >&2; exit 64 ;;
  esac
done

source bench/common.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
{ printf 'format: maturinh-answers/1\ncomments:\n  K: '
  head -c $((mb * 1000000)) /dev/zero | tr '\0' x
  echo; } >"$work/scalar.yaml"
status=0
"$measure" "$mh" score -r "$ref" "$work/scalar.yaml" 2>"$work/measure.err" || status=$?
read -r seconds peak_kib < <(tail -1 "$work/measure.err")
printf 'one scalar of %s MB: exit %s, %s s, peak %s MiB\n' "$mb" "$status" "$seconds" \
  "$(awk -v k="$peak_kib" 'BEGIN { printf "%.1f", k / 1024 }')"
