#!/usr/bin/env bash
# The contract's answers rules, through the commands that read or write
# answers:
# - a date indicator answered `never` or `jamais` (plain or quoted, any
#   case): answered, scores 0; it goes through the store as `never` (import,
#   export, explain, fill) and `template` and `fill` say it is accepted;
# - a file that holds no establishment (empty, comments only, empty
#   documents; a CSV with a header and no row) is an error, exit 65, for
#   score, explain and import;
# - an establishment with no scored criterion is at level 0 (every output).
#
# Usage: test_cli_spec.sh MATURINH SOURCE_DIR
set -u
mh=$1
src=$2
source "$(dirname "$0")/lib.sh"
export MATURINH_USER=rssi
rules=$src/fixtures/answers-rules
ref=$rules/referentiel.yaml
shipped=$src/referentiels/maturinh-cyber/maturinh-cyber.yaml
db=$work/m.db

# ---- no establishment in the file
: >"$work/empty.yaml"
printf '# à compléter\n' >"$work/comments.yaml"
printf -- '---\n---\n# rien\n...\n' >"$work/documents.yaml"
for f in empty comments documents; do
  run "score, $f" 65 "$mh" score -r "$ref" "$work/$f.yaml"
  expect_grep "score, $f: the message" "$work/err" "$work/$f.yaml: error: no establishment in this file"
  if [ -s "$work/out" ]; then not_ok "score, $f: nothing on stdout"; else ok "score, $f: nothing on stdout"; fi
done
run "score --keep-going, empty" 65 "$mh" score --keep-going -r "$ref" -f csv "$work/empty.yaml"
expect_grep "score --keep-going, empty: the message" "$work/err" "$work/empty.yaml: error: no establishment in this file"
run "score, an empty file among valid ones" 65 "$mh" score -r "$ref" "$rules/valid/booleans/answers.yaml" "$work/comments.yaml"
expect_grep "score, an empty file among valid ones: the message" "$work/err" "$work/comments.yaml: error: no establishment in this file"
run "rank, empty" 65 "$mh" rank -r "$ref" "$work/empty.yaml"
expect_grep "rank, empty: the message" "$work/err" "$work/empty.yaml: error: no establishment in this file"
run "explain, empty" 65 "$mh" explain -r "$ref" "$work/documents.yaml"
expect_grep "explain, empty: the message" "$work/err" "$work/documents.yaml: error: no establishment in this file"
run "import, empty" 65 "$mh" import --db "$db" -r "$ref" "$work/comments.yaml"
expect_grep "import, empty: the message" "$work/err" "$work/comments.yaml: error: no establishment in this file"
# a CSV: a header and no row is no establishment too
run "campaign" 0 "$mh" campaign --db "$db" --campaign 2025 -r "$ref" --reference-date 2025-06-30
printf 'campaign,finess,indicator,value,comment\n' >"$work/answers.csv"
run "import, CSV answers with a header only" 65 "$mh" import --db "$db" --campaign 2025 "$work/answers.csv"
expect_grep "import, CSV answers with a header only: the message" "$work/err" "$work/answers.csv: error: no establishment in this file"
printf 'finess,finess_ej,name,region,departement,category,beds,ose,ght\r\n' >"$work/list.csv"
run "import, CSV list with a header only" 65 "$mh" import --db "$db" --campaign 2025 "$work/list.csv"
expect_grep "import, CSV list with a header only: the message" "$work/err" "$work/list.csv: error: no establishment in this file"
: >"$work/nothing.csv"
run "import, an empty CSV" 65 "$mh" import --db "$db" --campaign 2025 "$work/nothing.csv"
expect_grep "import, an empty CSV: the message" "$work/err" "$work/nothing.csv:1:1: error: the file is empty: expected a header row"

# ---- never / jamais
never=$rules/valid/date-jamais-quoted/answers.yaml
run "score jamais" 0 "$mh" score -r "$ref" -f csv "$never"
expect_grep "score jamais: answered, scores 0" "$work/out" "750712184,2025,draft,16.666667,0,0.333333,1,1,100.000000,0.000000,"
run "explain jamais" 0 "$mh" explain -r "$ref" "$never"
expect_grep "explain jamais: shown as never, scoring 0" "$work/out" "- D-01-A  answer never -> 0%  <- pulls it down"
run "import jamais" 0 "$mh" import --db "$db" -r "$ref" "$never"
run "export jamais" 0 "$mh" export --db "$db" --campaign 2025 --finess 750712184
expect_grep "export: stored as never" "$work/out" '  D-01-A: "never"'
cp "$work/out" "$work/exported.yaml"
run "score the export" 0 "$mh" score -r "$ref" -f csv "$work/exported.yaml"
expect_grep "score the export: the same score" "$work/out" "750712184,2025,draft,16.666667,0,0.333333,1,1,100.000000,0.000000,"
run "explain from the store" 0 "$mh" explain --db "$db" --campaign 2025 --finess 750712184
expect_grep "explain from the store: never" "$work/out" "- D-01-A  answer never -> 0%"
# the CSV form: JAMAIS in any case, stored as never
printf 'campaign,finess,indicator,value,comment\n2025,750712184,D-01-A,2024-09-01,\n' >"$work/dated.csv"
run "import CSV, a date" 0 "$mh" import --db "$db" --campaign 2025 "$work/dated.csv"
printf 'campaign,finess,indicator,value,comment\n2025,750712184,D-01-A,JAMAIS,pas encore\n' >"$work/jamais.csv"
run "import CSV JAMAIS" 0 "$mh" import --db "$db" --campaign 2025 "$work/jamais.csv"
run "export after the CSV" 0 "$mh" export --db "$db" --campaign 2025 --finess 750712184
expect_grep "export after the CSV: never" "$work/out" '  D-01-A: "never"'
run "history" 0 "$mh" history --db "$db" --campaign 2025 --finess 750712184
expect_grep "history: 2024-09-01 -> never" "$work/out" "never"
printf 'campaign,finess,indicator,value,comment\n2025,750712184,D-01-A,1899-12-31,\n' >"$work/old.csv"
run "import CSV before 1900" 65 "$mh" import --db "$db" --campaign 2025 "$work/old.csv"
expect_grep "import CSV before 1900: the message" "$work/err" "1899-12-31 is before 1900"

run "campaign before 1900" 65 "$mh" campaign --db "$work/other.db" --campaign 1899 -r "$ref" --reference-date 1899-12-31
expect_grep "campaign before 1900: the message" "$work/err" "maturinh: 1899-12-31 is before 1900"

# ---- template and fill say jamais is accepted for a date
run "template" 0 "$mh" template -r "$ref" --finess 750712184 --name "CH X" --region 11 --category 101 --campaign 2025 --reference-date 2025-06-30
expect_grep "template: a date's comment names never" "$work/out" "#   or never if it never took place (it then scores 0)"
run "template of the shipped référentiel" 0 "$mh" template -r "$shipped" --finess 750712184 --name "CH X" --region 11 --category 101 --campaign 2025 --reference-date 2025-06-30
expect_no_grep "template of the shipped référentiel: no 2000-01-01 convention" "$work/out" "2000-01-01"
expect_grep "template of the shipped référentiel: its help says jamais" "$work/out" "jamais"
# fill: the first question left is D-01-A (date); `?` shows the allowed answers, then jamais
printf 'campaign,finess,indicator,value,comment\n2025,750712184,D-01-A,,\n' >"$work/clear.csv"
run "clear D-01-A" 0 "$mh" import --db "$db" --campaign 2025 "$work/clear.csv"
printf '%s\n' '' '' '' '' '?' 'Jamais' '' '' >"$work/fill.txt"
COLUMNS=200 "$mh" fill --db "$db" --campaign 2025 --finess 750712184 <"$work/fill.txt" >"$work/out" 2>"$work/err"
status=$?
if [ "$status" = 0 ]; then ok "fill: exit 0"; else not_ok "fill: exit $status"; sed 's/^/    /' "$work/err" | head; fi
expect_grep "fill: the allowed answers name jamais" "$work/out" "a date YYYY-MM-DD, not after 2025-06-30, or jamais if it never took place"
run "export after fill" 0 "$mh" export --db "$db" --campaign 2025 --finess 750712184
expect_grep "export after fill: never" "$work/out" '  D-01-A: "never"'

# ---- no scored criterion: level 0 everywhere
allna=$rules/valid/all-na-level-0
run "score all na" 0 "$mh" score -r "$allna/referentiel.yaml" -f json "$allna/answers.yaml"
expect_grep "score all na, JSON: level 0" "$work/out" '"global_score": null,
  "global_score_rounded": null,
  "level": 0,'
run "explain all na" 0 "$mh" explain -r "$allna/referentiel.yaml" --finess 750712184 "$allna/answers.yaml"
expect_grep "explain all na: level 0" "$work/out" "Maturity level         0 No level reached"
expect_grep "explain all na: nothing scored" "$work/out" "  no criterion is scored (none applies, or every one is answered na): no level is reached"
expect_no_grep "explain all na: not every level" "$work/out" "Every level is reached."
run "report all na" 0 "$mh" report -r "$allna/referentiel.yaml" --finess 750712184 --html "$work/report.html" "$allna/answers.yaml"
expect_grep "report all na: nothing scored" "$work/report.html" "aucun critère n'est évalué (aucun ne s'applique, ou tous sont répondus na), aucun niveau n'est donc atteint."

finish
