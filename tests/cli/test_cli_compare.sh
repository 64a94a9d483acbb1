#!/usr/bin/env bash
# maturinh compare: two campaigns of one référentiel side by side, CSV value
# by value (deltas of the rounded scores, a domain not applicable on one
# side, a domain the earlier référentiel does not have), the table in
# English and in French, --finess down to the criteria, XLSX read back, and
# the refusals (another référentiel id, an unknown campaign).
#
# Usage: test_cli_compare.sh MATURINH SOURCE_DIR
set -u
mh=$1
src=$2
source "$(dirname "$0")/lib.sh"
cd "$src"
need sqlite3
fr=fr_FR.UTF-8
nbsp=$(printf '\302\240') # the no-break space of a French percentage
source "$(dirname "$0")/follow_lib.sh"

# ---- CSV: one row per establishment in both campaigns (780009312 is not in 2024)
header="finess,name,region,category,global_before,global_after,delta,level_before,level_after,delta:GOUV,delta:CRISE,delta:SAUV"
run "compare csv" 0 "$mh" compare --db "$db" --campaign 2025 --with 2024 -f csv
# Lyon: G 70.833333 -> 94.444444; GOUV 41.666667 -> 83.333333: +41.6 (of the
# rounded 41.7 and 83.3, not 41.666666 rounded); CRISE applies to neither
# Roanne (not OSE) in 2025: empty; SAUV is new in version 2: empty.
expect_file "compare csv: every column of every row" "$work/out" \
"$header
420013153,CH de Roanne,84,355,66.7,33.3,-33.4,0,0,+33.4,,
690783063,CH Lyon Sud,84,101,70.8,94.4,+23.6,0,1,+41.6,0.0,
750102048,CH Paris Centre,11,101,100.0,0.0,-100.0,2,0,-100.0,-100.0,"
cp "$work/out" "$work/all.csv"
run "compare the other way round" 0 "$mh" compare --db "$db" --campaign 2024 --with 2025 -f csv
if cmp -s "$work/out" "$work/all.csv"; then ok "the earlier reference date is before, whatever the order"; else
  not_ok "--campaign 2024 --with 2025 differs"; diff "$work/all.csv" "$work/out" | head; fi
run "compare csv under French" 0 env LC_ALL=fr_FR.UTF-8 "$mh" compare --db "$db" --campaign 2025 --with 2024 -f csv
if cmp -s "$work/out" "$work/all.csv"; then ok "the CSV does not depend on the locale"; else not_ok "the CSV depends on the locale"; fi
run "compare --scope region:84" 0 "$mh" compare --db "$db" --campaign 2025 --with 2024 -f csv --scope region:84
expect_file "--scope region:84" "$work/out" "$(head -3 "$work/all.csv")"

# ---- --finess: one establishment down to its criteria
run "compare --finess csv" 0 "$mh" compare --db "$db" --campaign 2025 --with 2024 --finess 690783063 -f csv
expect_file "compare --finess csv" "$work/out" \
"finess,domain,criterion,status_before,status_after,score_before,score_after
690783063,GOUV,GOUV-01,partial,achieved,0.625000,1.000000
690783063,GOUV,GOUV-02,not_achieved,partial,0.000000,0.500000
690783063,CRISE,CRISE-01,achieved,achieved,1.000000,1.000000
690783063,SAUV,SAUV-01,,achieved,,1.000000"
run "compare --finess table" 0 env -u LANGUAGE LC_ALL=C "$mh" compare --db "$db" --campaign 2025 --with 2024 --finess 420013153
expect_file "compare --finess table (C)" "$work/out" \
"finess    name                             2024    2025   delta  level
420013153 CH de Roanne                     66.7    33.3   -33.4  0 → 0
    GOUV        Gouvernance                                       +33.4
      GOUV-01   Comité stratégique de la sécurité des SI missing        → missing           0.0%   50.0%
      GOUV-02   Sensibilisation des personnels           achieved       → achieved        100.0%  100.0%
    CRISE       Gestion de crise                                      —
      CRISE-01  Exercice de crise                        missing        → not applicable  100.0%       —
    SAUV        Sauvegardes                                           —
      SAUV-01   Sauvegardes hors ligne                   —              → missing              —    0.0%"
run "compare --finess outside --scope" 0 "$mh" compare --db "$db" --campaign 2025 --with 2024 --finess 690783063 --scope region:11 -f csv
expect_file "--finess outside the scope: the criteria header alone" "$work/out" \
  "finess,domain,criterion,status_before,status_after,score_before,score_after"
run "compare --finess not in the earlier campaign" 65 "$mh" compare --db "$db" --campaign 2025 --with 2024 --finess 780009312
expect_grep "--finess not in 2024" "$work/err" "maturinh: no establishment 780009312 in campaign 2024"
run "compare --finess not a FINESS" 64 "$mh" compare --db "$db" --campaign 2025 --with 2024 --finess 12345
expect_grep "--finess checked" "$work/err" "maturinh: --finess 12345:"

# ---- the table
run "compare table" 0 env -u LANGUAGE LC_ALL=C "$mh" compare --db "$db" --campaign 2025 --with 2024
expect_file "compare table (C)" "$work/out" \
"finess    name                             2024    2025   delta  level
420013153 CH de Roanne                     66.7    33.3   -33.4  0 → 0
690783063 CH Lyon Sud                      70.8    94.4   +23.6  0 → 1
750102048 CH Paris Centre                 100.0     0.0  -100.0  2 → 0"
if locale -a 2>/dev/null | grep -qiE '^fr_FR\.utf-?8$' && [ -n "${MATURINH_LOCALEDIR:-}" ]; then
  fr_ok=1
  run "compare table (fr)" 0 env -u LANGUAGE LC_ALL=$fr "$mh" compare --db "$db" --campaign 2025 --with 2024
  expect_file "compare table (fr)" "$work/out" \
"finess    nom                              2024    2025   écart  niveau
420013153 CH de Roanne                     66,7    33,3   -33,4  0 → 0
690783063 CH Lyon Sud                      70,8    94,4   +23,6  0 → 1
750102048 CH Paris Centre                 100,0     0,0  -100,0  2 → 0"
  run "compare --finess table (fr)" 0 env -u LANGUAGE LC_ALL=$fr "$mh" compare --db "$db" --campaign 2025 --with 2024 --finess 690783063
  expect_grep "French criterion line" "$work/out" "      GOUV-01   Comité stratégique de la sécurité des SI partiel        → atteint         62,5${nbsp}% 100,0${nbsp}%"
  expect_grep "French domain line" "$work/out" "    GOUV        Gouvernance                                       +41,6"
else
  fr_ok=
  skip "compare in French" "the locale fr_FR.UTF-8 or the build's catalogs are missing"
fi

# ---- XLSX
run "compare xlsx" 0 "$mh" compare --db "$db" --campaign 2025 --with 2024 -f xlsx -o "$work/compare.xlsx"
run "compare --finess xlsx" 0 "$mh" compare --db "$db" --campaign 2025 --with 2024 --finess 690783063 -f xlsx -o "$work/detail.xlsx"
if /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
  /usr/bin/python3 - "$work/compare.xlsx" "$work/detail.xlsx" >"$work/xlsx.txt" 2>&1 <<'PY'
import sys, openpyxl
for path in sys.argv[1:]:
    ws = openpyxl.load_workbook(path)["compare"]
    for row in ws.iter_rows(values_only=True):
        print("|".join("%s:%r" % (type(v).__name__, v) for v in row))
    print("freeze", ws.freeze_panes, "filter", ws.auto_filter.ref)
PY
  expect_grep "xlsx header" "$work/xlsx.txt" "str:'finess'|str:'name'|str:'region'|str:'category'|str:'global_before'|str:'global_after'|str:'delta'|str:'level_before'|str:'level_after'|str:'delta:GOUV'|str:'delta:CRISE'|str:'delta:SAUV'"
  expect_grep "xlsx: FINESS text, scores numbers, empty deltas no cell" "$work/xlsx.txt" "str:'420013153'|str:'CH de Roanne'|str:'84'|str:'355'|float:66.7|float:33.3|float:-33.4|int:0|int:0|float:33.4|NoneType:None|NoneType:None"
  expect_grep "xlsx: frozen header, autofilter" "$work/xlsx.txt" "freeze A2 filter A1:L4"
  expect_grep "xlsx --finess: the criteria" "$work/xlsx.txt" "str:'690783063'|str:'GOUV'|str:'GOUV-01'|str:'partial'|str:'achieved'|float:0.625|int:1"
  expect_grep "xlsx --finess: a criterion new in the later référentiel" "$work/xlsx.txt" "str:'690783063'|str:'SAUV'|str:'SAUV-01'|NoneType:None|str:'achieved'|NoneType:None|int:1"
else
  skip "compare xlsx read back" "openpyxl is missing for /usr/bin/python3"
fi

# ---- refusals
run "compare another référentiel" 65 "$mh" compare --db "$db" --campaign 2025 --with X
expect_file "another référentiel: refused, nothing written" "$work/out" ""
expect_grep "another référentiel message" "$work/err" "maturinh: campaigns X and 2025 use different référentiels (autre, exemple): only campaigns of one référentiel can be compared"
run "compare another référentiel -o FILE" 65 "$mh" compare --db "$db" --campaign 2025 --with X -f xlsx -o "$work/never.xlsx"
if ls "$work" | grep -q never; then not_ok "a refused comparison left a file"; else ok "a refused comparison leaves no file"; fi
if [ -n "$fr_ok" ]; then
  both "compare another référentiel" 65 \
    "maturinh: campaigns X and 2025 use different référentiels (autre, exemple): only campaigns of one référentiel can be compared" \
    "maturinh: les campagnes X et 2025 n'utilisent pas le même référentiel (autre, exemple) : seules des campagnes d'un même référentiel se comparent" \
    compare --db "$db" --campaign 2025 --with X
  both "compare without --with" 64 "maturinh: no campaign to compare with: use --with ID" \
    "maturinh: aucune campagne à comparer : utilisez --with ID" compare --db "$db" --campaign 2025
  both "compare with itself" 64 "maturinh: --with 2025 is the campaign itself: give another one" \
    "maturinh: --with 2025 est la campagne elle-même : donnez-en une autre" compare --db "$db" --campaign 2025 --with 2025
fi
run "compare an unknown campaign" 65 "$mh" compare --db "$db" --campaign 2025 --with 2099
expect_grep "unknown campaign" "$work/err" "maturinh: no campaign 2099 in $db"
run "compare without --with" 64 "$mh" compare --db "$db" --campaign 2025
expect_grep "no --with" "$work/err" "maturinh: no campaign to compare with: use --with ID"
run "compare with itself" 64 "$mh" compare --db "$db" --campaign 2025 --with 2025
expect_grep "with itself" "$work/err" "maturinh: --with 2025 is the campaign itself: give another one"
run "compare xlsx -o an existing file" 73 "$mh" compare --db "$db" --campaign 2025 --with 2024 -f xlsx -o "$work/compare.xlsx"
expect_grep "xlsx -o refuses an existing file" "$work/err" "maturinh: $work/compare.xlsx exists: give --force to replace it"
run "compare xlsx -o --force" 0 "$mh" compare --db "$db" --campaign 2025 --with 2024 -f xlsx -o "$work/compare.xlsx" --force
run "compare -o" 0 "$mh" compare --db "$db" --campaign 2025 --with 2024 -f csv -o "$work/c.csv"
run "compare -o an existing file" 73 "$mh" compare --db "$db" --campaign 2025 --with 2024 -f csv -o "$work/c.csv"
expect_grep "-o refuses an existing file" "$work/err" "maturinh: $work/c.csv exists: give --force to replace it"
run "compare -o the database" 73 "$mh" compare --db "$db" --campaign 2025 --with 2024 -f csv -o "$db" --force
run "compare --help" 0 "$mh" compare --help
expect_grep "compare --help: usage" "$work/out" "Usage: maturinh compare [--db FILE] --campaign ID --with ID [--scope SCOPE]"

finish
