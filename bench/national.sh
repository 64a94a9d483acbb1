#!/usr/bin/env bash
# The national benchmark: maturinh against the floor set by its own inputs.
#
# Usage: bench/national.sh [--sizes "5000 50000 200000"] [--referentiel FILE] [--keep DIR]
#
# For each size, on the shipped sanitaire référentiel (or FILE: the médico-social
# one, referentiels/maturinh-esms/maturinh-esms.yaml, makes an ESMS population,
# since gen follows the référentiel's sector), generates a synthetic population
# (maturinh gen, seed 1) and measures, side by side:
#   score    stateless `score --format csv` of the YAML stream  vs  libyaml parse-only
#   import   `import` of the CSV answers into a fresh database   vs  sqlite3 .import
#   db-score `score --campaign` from the database                vs  a raw SELECT
#   rank     `rank --campaign`                                    vs  a raw SELECT
#   publish  `publish --campaign`                                 vs  a raw SELECT
# with the peak resident memory of each.  Prints a table with the ratios.
# Timings are never asserted: CI runs it at a small size to check it works.
set -eu
cd "$(dirname "$0")/.."
sizes="5000 50000 200000"
keep=""
referentiel=""
while [ $# -gt 0 ]; do
  case $1 in
    --sizes) sizes=$2; shift 2 ;;
    --referentiel) referentiel=$(realpath "$2"); shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    *) echo "usage: bench/national.sh [--sizes \"N...\"] [--referentiel FILE] [--keep DIR]" >&2; exit 64 ;;
  esac
done
command -v sqlite3 >/dev/null || { echo "bench: the sqlite3 shell is needed (apt-get install sqlite3)" >&2; exit 69; }

source bench/common.sh
[ -z "$referentiel" ] || ref=$referentiel
work=${keep:-$(mktemp -d)}
mkdir -p "$work"
[ -n "$keep" ] || trap 'rm -rf "$work"' EXIT

# m NAME COMMAND...: runs it $runs times; prints the fastest "seconds peak_kib".
runs=${RUNS:-3}
m() {
  local best="" r out
  for ((r = 0; r < runs; r++)); do
    out=$(measure_once "$@") || exit 1
    if [ -z "$best" ] || awk -v a="${out%% *}" -v b="${best%% *}" 'BEGIN {exit !(a < b)}'; then best=$out; fi
  done
  echo "$best"
}

printf '%-8s %8s %10s %10s %8s %12s %12s\n' size task maturinh floor ratio "peak MiB" "floor MiB"
for n in $sizes; do
  d="$work/$n"
  mkdir -p "$d"
  "$mh" gen -r "$ref" --count "$n" --seed 1 -o "$d/answers.yaml"
  "$mh" gen -r "$ref" --count "$n" --seed 1 --format csv -o "$d/answers.csv" --establishments "$d/establishments.csv"
  rm -f "$d/maturinh.db"* "$d/floor.db"*

  row() { # TASK "secs kib" "secs kib"
    set -- "$1" $2 $3
    printf '%-8s %8s %10.3f %10.3f %7.2fx %12.1f %12.1f\n' "$n" "$1" "$2" "$4" \
      "$(awk -v a="$2" -v b="$4" 'BEGIN {print (b > 0 ? a / b : 0)}')" \
      "$(awk -v k="$3" 'BEGIN {print k / 1024}')" "$(awk -v k="$5" 'BEGIN {print k / 1024}')"
  }

  a=$(m score "$mh" score -r "$ref" -f csv "$d/answers.yaml")
  b=$(m floor "$floor" "$d/answers.yaml")
  row score "$a" "$b"

  # the database the other tasks read: the YAML stream imported
  "$mh" import --db "$d/maturinh.db" -r "$ref" "$d/answers.yaml" >/dev/null
  # CSV import into a fresh database whose campaign exists
  a=$(m import sh -c "rm -f '$d/csv.db'*; '$mh' campaign --db '$d/csv.db' --campaign 2025 -r '$ref' --reference-date 2025-06-30 && '$mh' import --db '$d/csv.db' --campaign 2025 '$d/establishments.csv' '$d/answers.csv'")
  b=$(m sqlite sh -c "rm -f '$d/floor.db'; sqlite3 '$d/floor.db' 'CREATE TABLE answer (campaign TEXT, finess TEXT, indicator TEXT, value TEXT, comment TEXT, PRIMARY KEY (campaign, finess, indicator))' '.import --csv --skip 1 $d/answers.csv answer'")
  row import "$a" "$b"

  b=$(m select sqlite3 "$d/maturinh.db" "SELECT campaign, finess, indicator, value, na, comment FROM answer ORDER BY campaign, finess")
  a=$(m db-score "$mh" score --db "$d/maturinh.db" --campaign 2025 -f csv)
  row db-score "$a" "$b"
  a=$(m rank "$mh" rank --db "$d/maturinh.db" --campaign 2025 -f csv)
  row rank "$a" "$b"
  a=$(m publish "$mh" publish --db "$d/maturinh.db" --campaign 2025 --out "$d/out" --force)
  row publish "$a" "$b"
done
