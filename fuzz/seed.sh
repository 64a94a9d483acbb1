#!/usr/bin/env bash
# Rebuilds the seed corpora fuzz/corpus/<harness>/ from the fixtures: gathers
# every relevant fixture, then keeps only the inputs that add coverage
# (libFuzzer -merge=1), so that the committed corpora stay small.
#
# Usage: fuzz/seed.sh [BUILD_DIR]   (default build-fuzz, built by scripts/fuzz.sh)
set -eu
cd "$(dirname "$0")/.."
build=${1:-build-fuzz}
raw=$(mktemp -d)
trap 'rm -rf "$raw"' EXIT

mkdir -p "$raw"/{fuzz_referentiel,fuzz_answers,fuzz_csvread,fuzz_import,fuzz_values}
n=0
add() { # HARNESS FILE...
  local h=$1; shift
  for f in "$@"; do n=$((n + 1)); cp "$f" "$raw/$h/$n-$(basename "$f")"; done
}

# référentiels: the shipped one, every valid and invalid fixture
add fuzz_referentiel referentiels/maturinh-cyber/*.yaml fixtures/referentiel/*/*/referentiel.yaml \
  fixtures/answers-rules/referentiel.yaml fixtures/api/referentiel-full.yaml

# answers files: the regions, the worked example, every answers-rules case, an export
add fuzz_answers fixtures/answers/*.yaml fixtures/answers/worked-example/answers.yaml \
  fixtures/answers-rules/*/*/answers.yaml fixtures/store/schema-1.export.yaml

# CSV: the lists and answers of tests/cli (into campaign 2025 and establishments of
# fixtures/answers/region-84-auvergne-rhone-alpes.yaml), broken ones, and the score outputs
csv() { printf "$2" >"$raw/fuzz_import/$1.csv"; cp "$raw/fuzz_import/$1.csv" "$raw/fuzz_csvread/"; }
csv list 'finess,finess_ej,name,region,departement,category,beds,ose,ght\n690781810,,"Clinique du Rhône, Lyon",84,69,128,120,false,\n'
csv list-existing 'finess,finess_ej,name,region,departement,category,beds,ose,ght\r\n690783063,690783006,CH Test,84,69,101,350,oui,GHT Rhône\r\n690781810,,"Clinique ""Rhône""",84,,128,,,\r\n'
csv list-errors 'finess,finess_ej,name,region,departement,category,beds,ose,ght\n690781811,,X,99,20,128,-3,peut-être,\n690781810,,X,84\n'
csv answers 'campaign,finess,indicator,value,comment\n2025,690783063,GOUV-01-A,oui,"réuni le 12/02"\n2025,690783063,GOUV-01-B,3,\n2025,420013153,GOUV-02-B,2024-01-15,\n'
csv answers-errors 'campaign,finess,indicator,value,comment\n2025,690783063,GOUV-01-B,deux,\n2026,690783063,GOUV-01-A,oui,\n2025,690781810,GOUV-01-A,oui,\n2025,690783063,NOPE-01,x,\n2025,690783063\n'
csv answers-bom '\xef\xbb\xbfcampaign,finess,indicator,value,comment\n2025,420013153,GOUV-01-A,na,"multi\nline"\n'
csv bad-header 'finess,name\n1,2\n'
csv unterminated 'campaign,finess,indicator,value,comment\n2025,690783063,GOUV-01-A,"oui\n'
cp fixtures/expected/*.csv "$raw/fuzz_csvread/"

# values: numbers, dates, FINESS, codes, and doubles with decimals for mh__format_fixed
v=0
val() { for s in "$@"; do v=$((v + 1)); printf '%s' "$s" >"$raw/fuzz_values/$v"; done; }
val 0 42 -1 +7 3.14 100 100.0 0.5 1. .5 12345678901234567 0.000000000000000001 1e3 0x10 inf \
  2025-06-30 2024-02-29 2023-02-29 1899-12-31 2025-13-01 \
  690783063 2A0001285 2B0002398 970000000 960000000 200000000 \
  84 94 05 2A 2B 971 975 976 99
printf '\x00\x00\x00\x00\x00\x00\x04\x40\x02' >"$raw/fuzz_values/d1"        # 2.5, 2 decimals
printf '\x9a\x99\x99\x99\x99\x99\xb9\x3f\x01' >"$raw/fuzz_values/d2"        # 0.1, 1 decimal
printf '\x00\x00\x00\x00\x00\x40\x8f\xc0\x09' >"$raw/fuzz_values/d3"        # -1000, 9 decimals

for h in fuzz_referentiel fuzz_answers fuzz_csvread fuzz_import fuzz_values; do
  out=fuzz/corpus/$h
  rm -rf "$out" && mkdir -p "$out"
  if [ -x "$build/fuzz/$h" ]; then
    "$build/fuzz/$h" -merge=1 "$out" "$raw/$h" 2>&1 | grep -E '^MERGE-OUTER: [0-9]+ new files' || true
  else
    cp "$raw/$h"/* "$out/"
  fi
  echo "$h: $(ls "$out" | wc -l) files, $(du -sk "$out" | cut -f1) KB"
done
