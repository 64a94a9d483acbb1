#!/usr/bin/env bash
# Every writer of the program gives the same bytes under LC_ALL=fr_FR.UTF-8
# as under LC_ALL=C: the files are read by programs (a decimal point, ISO
# dates) and the French of the pages is maturinh's own (mh_fr_number), never
# the locale's.  Each command runs twice, once per locale, in a folder of its
# own with the same relative paths; its exit status, stdout, stderr and every
# file it writes are compared.
#
# maturinh calls setlocale(LC_ALL, "") (cli/i18n.c): the process is in the
# locale, and the bytes must not depend on it.  Its messages are translated
# (French under fr_*): here LANGUAGE=en keeps them English in both runs, so
# that stderr and --help compare too; tests/cli/test_cli_i18n.sh checks the
# French and the machine outputs under the whole French locale.
# Given SETLOCALE_PRELOAD (tests/support/setlocale_preload.c, built as
# mh_setlocale_preload), every maturinh runs with it in LD_PRELOAD: the
# process is then in the locale before main (printf writes "68,0"), as a program
# embedding the engine and calling setlocale is, which the engine promises
# to write the same bytes for (engine/src/cnum.c).
#
# Skipped (exit 77) when the locale fr_FR.UTF-8 is not installed (bash
# scripts/deps.sh --test generates it).
#
# Usage: test_cli_locale.sh MATURINH SOURCE_DIR [SETLOCALE_PRELOAD]
set -u
mh=$1
src=$2
preload=${3:-}
# (each command runs in a folder of its own)
case $mh in /*) ;; *) mh=$PWD/$mh ;; esac
case $src in /*) ;; *) src=$PWD/$src ;; esac
source "$(dirname "$0")/lib.sh"
export MATURINH_USER=locale

locale -a 2>/dev/null | grep -qiE '^fr_FR\.utf-?8$' ||
  skip_all "the locale fr_FR.UTF-8 is not installed (bash scripts/deps.sh --test generates it)"
fr=fr_FR.UTF-8
if [ "$(env LC_ALL=$fr printf '%.1f' 1 2>&1)" = "1,0" ]; then ok "$fr is in effect (printf writes 1,0)"; else
  not_ok "$fr is installed but not in effect: printf writes '$(env LC_ALL=$fr printf '%.1f' 1 2>&1)'"; fi
if [ -n "$preload" ]; then
  [ -f "$preload" ] || { not_ok "no $preload"; finish; exit; }
  # (a sanitizer build's runtime would want to be first in the list of libraries)
  export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
  env LD_PRELOAD="$preload" MH_SETLOCALE_PRELOAD_SHOW=1 LC_ALL=$fr "$mh" --version >/dev/null 2>"$work/preload"
  expect_grep "with the preload, maturinh runs in $fr (decimal comma)" "$work/preload" "setlocale_preload: $fr ','"
fi

ref=$src/referentiels/maturinh-cyber/maturinh-cyber.yaml
worked=$src/fixtures/answers/worked-example
rules=$src/fixtures/answers-rules
mapfile -t files < <(grep -v '^#' "$src/fixtures/answers/ORDER" | grep -v '^$' | sed "s|^|$src/|")

# ---- inputs, made once, the same for both runs
# a previous campaign (rank's progress since it)
sed -e 's/id: "2025", reference_date: 2025-06-30/id: "2024", reference_date: 2024-06-30/' \
  -e 's/202[45]-[0-9][0-9]-[0-9][0-9]/2024-01-15/g' -e 's/reference_date: 2024-01-15/reference_date: 2024-06-30/' \
  "${files[0]}" >"$work/previous.yaml"
# a population where a report has peers: the first member of the largest group
"$mh" gen -r "$ref" --count 600 --seed 11 -o "$work/population.yaml" 2>/dev/null
peer=$("$mh" rank -r "$ref" -f csv "$work/population.yaml" 2>/dev/null | tail -n +2 |
  awk -F, '{ n[$4 "," $5]++; if (!(($4 "," $5) in first)) first[$4 "," $5] = $2 }
    END { for (g in n) if (n[g] > best) { best = n[g]; pick = first[g] } print pick }')
if [ -n "$peer" ]; then ok "a member of the largest group of the population: $peer"; else not_ok "no establishment with peers"; fi
# answers for the questionnaire: a yes, a whole number, the help, a percentage with decimals, a skip
printf 'oui\n3\n?\n\n85.5\n12\n' >"$work/fill.txt"

# ---- the writers, run in the current folder; each leaves NAME.out, NAME.err and NAME.status
# w NAME EXPECTED_STATUS ARGS...: maturinh ARGS (stdin: $input, else nothing)
w() {
  local name=$1 expected=$2 pre=()
  shift 2
  [ -n "$preload" ] && pre=(LD_PRELOAD="$preload")
  echo "$expected" >"$work/expected-$name"
  env LANGUAGE=en "${pre[@]}" LC_ALL="$locale" "$mh" "$@" <"${input:-/dev/null}" >"$name.out" 2>"$name.err"
  echo $? >"$name.status"
}
# the commands that write a file, and may print nothing
quiet=" show-o score-o explain-o template-o export-o report report-peers report-db gen-csv gen-db "
writers() {
  local input=
  w version 0 --version
  w help 0 --help
  w score-help 0 score --help
  # référentiels
  w check 0 referentiel check "$ref" "$worked/referentiel.yaml" "$rules/referentiel.yaml"
  w check-invalid 65 referentiel check "$src"/fixtures/referentiel/invalid/{achieved-at-above-one,option-score-above-one,partial-at-above-achieved-at,multiple-errors,age-steps-decimal-age,level-decimal}/referentiel.yaml
  w show 0 referentiel show "$ref"
  w show-csv 0 referentiel show --format csv "$ref"
  w show-o 0 referentiel show --format csv -o show.csv "$ref"
  w show-worked 0 referentiel show "$worked/referentiel.yaml"
  # score, every format, with and without the detail
  w score-table 0 score -r "$ref" "${files[@]}"
  w score-table-detail 0 score -r "$ref" --detail "${files[@]}"
  w score-csv 0 score -r "$ref" -f csv "${files[@]}"
  w score-csv-detail 0 score -r "$ref" -f csv --detail "${files[@]}"
  w score-json 0 score -r "$ref" -f json "${files[@]}"
  w score-json-detail 0 score -r "$ref" -f json --detail "${files[@]}"
  w score-xml 0 score -r "$ref" -f xml "${files[@]}"
  w score-xml-detail 0 score -r "$ref" -f xml --detail "${files[@]}"
  w score-o 0 score -r "$ref" -f json -o score.json "${files[@]}"
  w score-worked 0 score -r "$worked/referentiel.yaml" -f csv "$worked/answers.yaml"
  w score-worked-table 0 score -r "$worked/referentiel.yaml" --detail "$worked/answers.yaml"
  w score-population 0 score -r "$ref" -f csv "$work/population.yaml"
  w score-invalid 65 score -r "$rules/referentiel.yaml" "$rules"/invalid/{integer-decimal,percent-above-100,percent-negative,beds-decimal}/answers.yaml
  w score-keep-going 65 score -r "$rules/referentiel.yaml" -f csv --keep-going "$rules"/valid/*/answers.yaml "$rules/invalid/integer-decimal/answers.yaml"
  # explain, template
  w explain 0 explain -r "$ref" --finess 920014503 "${files[0]}"
  w explain-ose 0 explain -r "$ref" --finess 690783063 "${files[1]}"
  w explain-o 0 explain -r "$ref" --finess 690783063 -o explain.txt "${files[1]}"
  w explain-worked 0 explain -r "$worked/referentiel.yaml" "$worked/answers.yaml"
  w template 0 template -r "$ref" --finess 750712184 --name "CH de l'Essai" --region 11 --category 101 \
    --campaign 2025 --reference-date 2025-06-30 --beds 1200 --ose --departement 75 --ght GHT-11-01
  w template-o 0 template -r "$ref" --finess 750712184 --name "CH de l'Essai" --region 11 --category 101 \
    --campaign 2025 --reference-date 2025-06-30 --beds 1200 -o template.yaml
  # rank, publish, report
  w rank 0 rank -r "$ref" "${files[@]}"
  w rank-csv 0 rank -r "$ref" -f csv "${files[@]}"
  w rank-region 0 rank -r "$ref" -f csv --scope region:84 "${files[@]}"
  w rank-population 0 rank -r "$ref" "$work/population.yaml"
  w publish 0 publish -r "$ref" --out observatoire --date 2025-09-15 "${files[@]}"
  w publish-undated 0 publish -r "$ref" --out undated "${files[@]}"
  w publish-population 0 publish -r "$ref" --out national --date 2025-06-30 "$work/population.yaml"
  w report 0 report -r "$ref" --finess 920014503 --html tilleuls.html "${files[@]}"
  w report-peers 0 report -r "$ref" --finess "$peer" --html peers.html "$work/population.yaml"
  # gen
  w gen 0 gen -r "$ref" --count 40 --seed 7
  w gen-csv 0 gen -r "$ref" --count 40 --seed 7 --campaign 2026 --reference-date 2026-06-30 --format csv \
    -o gen.csv --establishments gen-list.csv
  w gen-db 0 gen -r "$ref" --count 60 --seed 5 --campaign 2027 --db gen.db
  w score-gen-db 0 score --db gen.db --campaign 2027 -f csv
  # the database
  w import-previous 0 import --db m.db -r "$ref" "$work/previous.yaml"
  w import 0 import --db m.db -r "$ref" "${files[@]}"
  w import-template 0 import --db m.db --campaign 2025 template.yaml
  w score-db 0 score --db m.db --campaign 2025 -f csv
  w score-db-table 0 score --db m.db --campaign 2025 --detail
  w score-db-xml 0 score --db m.db --campaign 2025 -f xml
  w explain-db 0 explain --db m.db --campaign 2025 --finess 920014503
  w rank-db 0 rank --db m.db --campaign 2025
  w rank-db-csv 0 rank --db m.db --campaign 2025 -f csv
  w publish-db 0 publish --db m.db --campaign 2025 --out observatoire-db --date 2025-06-30
  w report-db 0 report --db m.db --campaign 2025 --finess 920014503 --html report-db.html
  w export 0 export --db m.db --campaign 2025 --finess 920014503
  w export-o 0 export --db m.db --campaign 2025 --finess 690783063 -o export.yaml
  w status-db 0 status --db m.db --campaign 2025 -f csv
  w status-db-table 0 status --db m.db --campaign 2025 --scope region:84
  w compare-db 0 compare --db m.db --campaign 2025 --with 2024 -f csv
  w compare-db-table 0 compare --db m.db --campaign 2025 --with 2024 --finess 920014503
  w campaign 0 campaign --db m.db --campaign 2026 -r "$ref" --reference-date 2026-06-30
  w import-list 0 import --db m.db --campaign 2026 gen-list.csv
  w import-csv 0 import --db m.db --campaign 2026 gen.csv
  w score-csv-db 0 score --db m.db --campaign 2026 -f csv
  input=$work/fill.txt w fill 0 fill --db m.db --campaign 2025 --finess 750712184 --user rssi
  w submit 0 submit --db m.db --campaign 2025 --finess 750712184 --user directrice --incomplete
  w reopen 0 reopen --db m.db --campaign 2025 --finess 750712184 --user directrice
  w export-filled 0 export --db m.db --campaign 2025 --finess 750712184
  w history 0 history --db m.db --campaign 2025 --finess 750712184
  # the times of the history are the runs', not the locale's: compare the rest
  sed -E -i 's/^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}Z?/TIME/' history.out
  sed -E -i 's/[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}Z| [0-9]{2}:[0-9]{2})/TIME/' \
    status-db.out status-db-table.out
}

for phase in C fr; do
  locale=C
  [ $phase = fr ] && locale=$fr
  mkdir "$work/$phase"
  (cd "$work/$phase" && writers)
done
mapfile -t names < <(cd "$work" && ls expected-* | sed 's/^expected-//')

# ---- every command: its status, its stdout and stderr
for name in "${names[@]}"; do
  expected=$(cat "$work/expected-$name")
  got_c=$(cat "$work/C/$name.status") got_fr=$(cat "$work/fr/$name.status")
  if [ "$got_c" != "$expected" ] || [ "$got_fr" != "$expected" ]; then
    not_ok "$name: exit $got_c under C, $got_fr under $fr, expected $expected"
    sed 's/^/    /' "$work/C/$name.err" | head -5
  elif [ ! -s "$work/C/$name.out" ] && [ ! -s "$work/C/$name.err" ] && [[ $quiet != *" $name "* ]]; then
    not_ok "$name: printed nothing"
  elif ! cmp -s "$work/C/$name.out" "$work/fr/$name.out"; then
    not_ok "$name: stdout differs under $fr"
    diff "$work/C/$name.out" "$work/fr/$name.out" | head -6 | sed 's/^/    /'
  elif ! cmp -s "$work/C/$name.err" "$work/fr/$name.err"; then
    not_ok "$name: stderr differs under $fr"
    diff "$work/C/$name.err" "$work/fr/$name.err" | head -6 | sed 's/^/    /'
  else
    ok "$name: the same exit status, stdout and stderr under $fr as under C"
  fi
done

expect_grep "history: its times masked, its lines compared" "$work/C/history.out" "TIME  rssi "
expect_grep "the report with peers draws their medians" "$work/C/peers.html" 'class="peers"'
expect_grep "rank from the database writes the progress" "$work/C/rank-db.out" "+2.2"

# ---- every file written (the databases are compared through score, export and history)
(cd "$work/C" && find . -type f ! -name '*.out' ! -name '*.err' ! -name '*.status' ! -name '*.db' ! -name '*.db-*' | sort) >"$work/files-C"
(cd "$work/fr" && find . -type f ! -name '*.out' ! -name '*.err' ! -name '*.status' ! -name '*.db' ! -name '*.db-*' | sort) >"$work/files-fr"
if cmp -s "$work/files-C" "$work/files-fr"; then ok "the same files written under both locales ($(wc -l <"$work/files-C"))"; else
  not_ok "not the same files written"; diff "$work/files-C" "$work/files-fr" | head -6 | sed 's/^/    /'; fi
for f in ./show.csv ./score.json ./explain.txt ./template.yaml ./export.yaml ./tilleuls.html ./peers.html \
  ./report-db.html ./gen.csv ./gen-list.csv ./observatoire/index.html ./observatoire-db/observatoire.xml; do
  grep -qxF "$f" "$work/files-C" || not_ok "${f#./}: not written"
done
while read -r f; do
  if [ ! -s "$work/C/$f" ]; then not_ok "${f#./}: empty"
  elif cmp -s "$work/C/$f" "$work/fr/$f"; then ok "${f#./}: the same bytes under $fr"
  else
    not_ok "${f#./}: differs under $fr"
    diff "$work/C/$f" "$work/fr/$f" | head -6 | sed 's/^/    /'
  fi
done <"$work/files-C"

finish
