#!/usr/bin/env bash
# score against its floor, as alternating pairs of runs: the check of a small
# margin on a noisy machine.
#
# Usage: bench/score_pairs.sh [--size N] [--pairs P]
#
# Generates N establishments (maturinh gen, seed 1; 50,000 by default), then
# runs P times (10 by default) `score --format csv` of the YAML stream and,
# right after it, the libyaml parse-only floor (bench/yaml_floor) on the
# same file.  Prints each pair, the ratio of the fastest of each, and the
# median of the pairs' ratios.  Timings are never asserted.
set -eu
cd "$(dirname "$0")/.."
size=50000
pairs=10
while [ $# -gt 0 ]; do
  case $1 in
    --size) size=$2; shift 2 ;;
    --pairs) pairs=$2; shift 2 ;;
    *) echo "usage: bench/score_pairs.sh [--size N] [--pairs P]" >&2; exit 64 ;;
  esac
done

source bench/common.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$mh" gen -r "$ref" --count "$size" --seed 1 -o "$work/answers.yaml"

seconds() { # NAME COMMAND...: the wall time measured by bench/measure
  local out
  out=$(measure_once "$@") || exit 1
  echo "${out%% *}"
}

printf '%-6s %10s %10s %8s\n' pair maturinh floor ratio
for ((p = 1; p <= pairs; p++)); do
  a=$(seconds score "$mh" score -r "$ref" -f csv "$work/answers.yaml") || exit 1
  b=$(seconds floor "$floor" "$work/answers.yaml") || exit 1
  echo "$a $b" >>"$work/pairs"
  printf '%-6s %10.3f %10.3f %7.2fx\n' "$p" "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN {print a / b}')"
done
fastest_a=$(cut -d' ' -f1 "$work/pairs" | sort -n | head -1)
fastest_b=$(cut -d' ' -f2 "$work/pairs" | sort -n | head -1)
median=$(awk '{print $1 / $2}' "$work/pairs" | sort -n |
  awk '{r[NR] = $1} END {print NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2}')
printf 'fastest: %.3f s against %.3f s, %.2fx; median of the pairs: %.2fx\n' "$fastest_a" "$fastest_b" \
  "$(awk -v a="$fastest_a" -v b="$fastest_b" 'BEGIN {print a / b}')" "$median"
