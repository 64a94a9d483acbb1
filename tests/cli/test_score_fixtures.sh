#!/usr/bin/env bash
# The fixture population scored by maturinh equals, byte for byte, what the
# independent reference implementation (tools/reference_score.py) computed:
# fixtures/expected/score.csv and score-detail.csv, and the worked example.
#
# Usage: test_score_fixtures.sh MATURINH SOURCE_DIR
set -u
mh=$1
src=$2
source "$(dirname "$0")/lib.sh"
cd "$src"
shipped=referentiels/maturinh-cyber/maturinh-cyber.yaml
mapfile -t files < <(grep -v '^#' fixtures/answers/ORDER | grep -v '^$')

check() { # NAME EXPECTED_FILE COMMAND...
  local name=$1 expected=$2; shift 2
  if "$@" >"$work/out" 2>"$work/err" && cmp -s "$work/out" "$expected"; then
    ok "$name"
  else
    not_ok "$name"
    diff "$expected" "$work/out" | head -20 | sed 's/^/    /'
    sed 's/^/    /' "$work/err" | head -5
  fi
}

check "population: score csv" fixtures/expected/score.csv \
  "$mh" score -r "$shipped" -f csv "${files[@]}"
check "population: score --detail csv" fixtures/expected/score-detail.csv \
  "$mh" score -r "$shipped" -f csv --detail "${files[@]}"
check "worked example: score csv" fixtures/expected/worked-example.csv \
  "$mh" score -r fixtures/answers/worked-example/referentiel.yaml -f csv fixtures/answers/worked-example/answers.yaml
check "worked example: score --detail csv" fixtures/expected/worked-example-detail.csv \
  "$mh" score -r fixtures/answers/worked-example/referentiel.yaml -f csv --detail fixtures/answers/worked-example/answers.yaml

# reading the files in another order changes the order of the rows, nothing else
reversed=()
for ((i = ${#files[@]} - 1; i >= 0; i--)); do reversed+=("${files[i]}"); done
"$mh" score -r "$shipped" -f csv "${reversed[@]}" | sort >"$work/reversed"
sort fixtures/expected/score.csv >"$work/sorted"
if cmp -s "$work/reversed" "$work/sorted"; then
  ok "input order changes no result"
else
  not_ok "input order changes results"
fi

# the médico-social population (fixtures/answers-esms) and its référentiel
esms=referentiels/maturinh-esms/maturinh-esms.yaml
mapfile -t esms_files < <(grep -v '^#' fixtures/answers-esms/ORDER | grep -v '^$')
check "ESMS population: score csv" fixtures/expected/esms-score.csv \
  "$mh" score -r "$esms" -f csv "${esms_files[@]}"
check "ESMS population: score --detail csv" fixtures/expected/esms-score-detail.csv \
  "$mh" score -r "$esms" -f csv --detail "${esms_files[@]}"
reversed=()
for ((i = ${#esms_files[@]} - 1; i >= 0; i--)); do reversed+=("${esms_files[i]}"); done
"$mh" score -r "$esms" -f csv "${reversed[@]}" | sort >"$work/reversed"
sort fixtures/expected/esms-score.csv >"$work/sorted"
if cmp -s "$work/reversed" "$work/sorted"; then
  ok "ESMS: input order changes no result"
else
  not_ok "ESMS: input order changes results"
fi

finish
