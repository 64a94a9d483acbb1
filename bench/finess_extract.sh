#!/usr/bin/env bash
# The FINESS extract benchmark: `import --finess-extract` against the floor
# set by reading its file.
#
# Usage: bench/finess_extract.sh [--lines N] [--keep DIR]
#
# Generates a synthetic national extract in the exact official format
# (bench/gen_finess_extract.py: N structureet lines, default 50,000, then as
# many geolocalisation lines: about 100,000 lines as the real file), in UTF-8
# and in Latin-1, and measures side by side, with the peak resident memory:
#   read       the file read in 64 KiB chunks, lines counted (the floor)
#   parse      parsing and filtering, no store (every category of the table,
#              then sanitaire only)
#   import     the full import into a fresh database: sanitaire only (about
#              2,500 establishments, an ARS's hospitals), then everything the
#              table holds; then the same import again (all unchanged)
# Prints a table with the ratio of each to the floor.  Timings are never
# asserted: CI runs it at a small size to check it works.
set -eu
cd "$(dirname "$0")/.."
lines=50000
keep=""
while [ $# -gt 0 ]; do
  case $1 in
    --lines) lines=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    *) echo "usage: bench/finess_extract.sh [--lines N] [--keep DIR]" >&2; exit 64 ;;
  esac
done

source bench/common.sh
xfloor=$PWD/build-bench/bench/finess_extract_floor
work=${keep:-$(mktemp -d)}
mkdir -p "$work"
[ -n "$keep" ] || trap 'rm -rf "$work"' EXIT

runs=${RUNS:-3}
m() {
  local best="" r out
  for ((r = 0; r < runs; r++)); do
    out=$(measure_once "$@") || exit 1
    if [ -z "$best" ] || awk -v a="${out%% *}" -v b="${best%% *}" 'BEGIN {exit !(a < b)}'; then best=$out; fi
  done
  echo "$best"
}

/usr/bin/python3 bench/gen_finess_extract.py "$lines" "$work/extract.csv"
/usr/bin/python3 bench/gen_finess_extract.py "$lines" "$work/extract-latin1.csv" --latin1
printf 'extract: %s lines, %s MiB\n' "$(wc -l <"$work/extract.csv")" \
  "$(awk -v b="$(stat -c %s "$work/extract.csv")" 'BEGIN {printf "%.1f", b / 1048576}')"

floor_read=$(m read "$xfloor" read "$work/extract.csv")
printf '%-26s %10s %8s %10s\n' task seconds ratio "peak MiB"
row() { # TASK "secs kib"
  set -- "$1" $2
  printf '%-26s %10.3f %7.1fx %10.1f\n' "$1" "$2" \
    "$(awk -v a="$2" -v b="${floor_read%% *}" 'BEGIN {print (b > 0 ? a / b : 0)}')" \
    "$(awk -v k="$3" 'BEGIN {print k / 1024}')"
}
row "read (floor)" "$floor_read"
row "parse, every category" "$(m parse "$xfloor" parse "$work/extract.csv")"
row "parse, Latin-1" "$(m parse "$xfloor" parse "$work/extract-latin1.csv")"
row "parse, sanitaire" "$(m parse "$xfloor" parse "$work/extract.csv" sanitaire)"
fresh="rm -f '$work/m.db'*; '$mh' campaign --db '$work/m.db' --campaign 2026 -r '$ref' --reference-date 2026-06-30 >/dev/null"
row "campaign alone" "$(m campaign sh -c "$fresh")"
row "import, sanitaire" "$(m import sh -c "$fresh && '$mh' import --db '$work/m.db' --campaign 2026 --finess-extract '$work/extract.csv' --categories sanitaire")"
row "import, everything" "$(m import sh -c "$fresh && '$mh' import --db '$work/m.db' --campaign 2026 --finess-extract '$work/extract.csv'")"
row "import again, unchanged" "$(m import "$mh" import --db "$work/m.db" --campaign 2026 --finess-extract "$work/extract.csv")"
"$mh" import --db "$work/m.db" --campaign 2026 --finess-extract "$work/extract.csv"
