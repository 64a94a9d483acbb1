#!/usr/bin/env bash
# maturinh status: the chase list of a campaign, as an ARS analyst reads it
# (a table, in English and in French), and its CSV and XLSX columns, value
# by value; --only, --scope and the refusals.
#
# Usage: test_cli_status.sh MATURINH SOURCE_DIR
set -u
mh=$1
src=$2
source "$(dirname "$0")/lib.sh"
cd "$src"
need sqlite3
fr=fr_FR.UTF-8
nbsp=$(printf '\302\240') # the no-break space of a French percentage
source "$(dirname "$0")/follow_lib.sh"

# ---- CSV: the stable columns, in the chase order
run "status csv" 0 "$mh" status --db "$db" --campaign 2025 --format csv
expect_file "status csv: every column of every row" "$work/out" \
"finess,name,region,category,status,completeness,answered,applicable,last_change,to_confirm,category_label,contact_name,contact_email
750102048,CH Paris Centre,11,101,draft,0.000000,0,6,,0,Centre Hospitalier Régional (C.H.R.),Mme Durand (RSSI),rssi@ch-paris-centre.example
420013153,CH de Roanne,84,355,draft,0.500000,2,4,2025-06-02T14:05:59Z,0,Centre Hospitalier (C.H.),,
780009312,CH de Versailles,11,355,draft,1.000000,4,4,2025-06-20T07:00:00Z,0,Centre Hospitalier (C.H.),,
690783063,CH Lyon Sud,84,101,submitted,1.000000,6,6,2025-05-12T09:30:00Z,0,Centre Hospitalier Régional (C.H.R.),,"
cp "$work/out" "$work/all.csv"
run "status csv under French" 0 env LC_ALL=fr_FR.UTF-8 "$mh" status --db "$db" --campaign 2025 -f csv
if cmp -s "$work/out" "$work/all.csv"; then ok "the CSV does not depend on the locale"; else not_ok "the CSV depends on the locale"; fi

# ---- --only and --scope
run "status --only draft" 0 "$mh" status --db "$db" --campaign 2025 -f csv --only draft
expect_file "--only draft: the three drafts" "$(echo "$work/out")" "$(head -4 "$work/all.csv")"
run "status --only submitted" 0 "$mh" status --db "$db" --campaign 2025 -f csv --only submitted
expect_file "--only submitted: the submitted one" "$work/out" "$(sed -n '1p;5p' "$work/all.csv")"
run "status --only incomplete" 0 "$mh" status --db "$db" --campaign 2025 -f csv --only incomplete
expect_file "--only incomplete: completeness below 1 (a complete draft is not)" "$work/out" "$(head -3 "$work/all.csv")"
run "status --scope region:11" 0 "$mh" status --db "$db" --campaign 2025 -f csv --scope region:11
expect_file "--scope region:11" "$work/out" "$(sed -n '1,2p;4p' "$work/all.csv")"
run "status --scope category:101 --only draft" 0 "$mh" status --db "$db" --campaign 2025 -f csv --scope category:101 --only draft
expect_file "--scope and --only together" "$work/out" "$(head -2 "$work/all.csv")"
run "status --scope region:93: nobody" 0 "$mh" status --db "$db" --campaign 2025 -f csv --scope region:93
expect_file "an empty scope: the header alone" "$work/out" "$(head -1 "$work/all.csv")"

# ---- the table, in English
run "status table" 0 env -u LANGUAGE LC_ALL=C "$mh" status --db "$db" --campaign 2025
expect_file "status table (C)" "$work/out" \
"finess    name                           region category               state      complete  answered  last change (UTC)
750102048 CH Paris Centre                11     Centre Hospitalier Ré… not started    0.0%       0/6
420013153 CH de Roanne                   84     Centre Hospitalier (C… in progress   50.0%       2/4  2025-06-02 14:05
780009312 CH de Versailles               11     Centre Hospitalier (C… in progress  100.0%       4/4  2025-06-20 07:00
690783063 CH Lyon Sud                    84     Centre Hospitalier Ré… submitted    100.0%       6/6  2025-05-12 09:30
4 establishments: 1 not started, 2 in progress, 1 submitted"
run "status table, one establishment" 0 env -u LANGUAGE LC_ALL=C "$mh" status --db "$db" --campaign 2025 --only submitted
expect_grep "the count line in the singular" "$work/out" "1 establishment: 0 not started, 0 in progress, 1 submitted"

# ---- the table, in French
if locale -a 2>/dev/null | grep -qiE '^fr_FR\.utf-?8$' && [ -n "${MATURINH_LOCALEDIR:-}" ]; then
  run "status table (fr)" 0 env -u LANGUAGE LC_ALL=fr_FR.UTF-8 "$mh" status --db "$db" --campaign 2025
  expect_grep "French title line" "$work/out" "finess    nom                            région catégorie              état        complétude  renseignés  dernière modification (UTC)"
  expect_grep "French: not started" "$work/out" "750102048 CH Paris Centre                11     Centre Hospitalier Ré… non commencé     0,0${nbsp}%         0/6"
  expect_grep "French: in progress, French date" "$work/out" "420013153 CH de Roanne                   84     Centre Hospitalier (C… en cours        50,0${nbsp}%         2/4  02/06/2025 14:05"
  expect_grep "French: submitted" "$work/out" "690783063 CH Lyon Sud                    84     Centre Hospitalier Ré… soumis         100,0${nbsp}%         6/6  12/05/2025 09:30"
  expect_grep "French count line" "$work/out" "4 établissements : 1 non commencé, 2 en cours, 1 soumis"
  run "status table (fr), one" 0 env -u LANGUAGE LC_ALL=fr_FR.UTF-8 "$mh" status --db "$db" --campaign 2025 --only draft --scope region:84
  expect_grep "French count line, singular" "$work/out" "1 établissement : 0 non commencé, 1 en cours, 0 soumis"
  fr_ok=1
else
  skip "status in French" "the locale fr_FR.UTF-8 or the build's catalogs are missing"
  fr_ok=
fi

# ---- -o: never replaced without --force
run "status -o" 0 "$mh" status --db "$db" --campaign 2025 -f csv -o "$work/chase.csv"
if cmp -s "$work/chase.csv" "$work/all.csv"; then ok "-o writes the CSV"; else not_ok "-o wrote something else"; fi
run "status -o an existing file" 73 "$mh" status --db "$db" --campaign 2025 -f csv -o "$work/chase.csv"
expect_grep "-o refuses an existing file" "$work/err" "maturinh: $work/chase.csv exists: give --force to replace it"
run "status -o --force" 0 "$mh" status --db "$db" --campaign 2025 -o "$work/chase.csv" --force
expect_grep "--force replaces it (with the table)" "$work/chase.csv" "4 establishments: 1 not started, 2 in progress, 1 submitted"

# ---- XLSX
# a workbook is never written to a terminal (script(1) gives the command one)
if command -v script >/dev/null 2>&1; then
  script -qec "env -u LANGUAGE LC_ALL=C '$mh' status --db '$db' --campaign 2025 -f xlsx" /dev/null >"$work/term" 2>&1
  status=$?
  if [ "$status" = 64 ]; then ok "status xlsx to a terminal: exit 64"; else not_ok "status xlsx to a terminal: exit $status"; fi
  expect_grep "xlsx to a terminal: refused" "$work/term" "maturinh: an XLSX workbook is not written to a terminal: give -o FILE, or redirect the output"
  if [ -n "${MATURINH_LOCALEDIR:-}" ] && locale -a 2>/dev/null | grep -qiE '^fr_FR\.utf-?8$'; then
    script -qec "env -u LANGUAGE LC_ALL=$fr '$mh' status --db '$db' --campaign 2025 -f xlsx" /dev/null >"$work/term" 2>&1
    expect_grep "xlsx to a terminal: refused (fr)" "$work/term" "maturinh: un classeur XLSX ne s'écrit pas sur un terminal : donnez -o FICHIER, ou redirigez la sortie"
  fi
else
  skip "status xlsx to a terminal" "script(1) is missing"
fi
run "status xlsx to a pipe" 0 "$mh" status --db "$db" --campaign 2025 -f xlsx
cp "$work/out" "$work/piped.xlsx"
run "status xlsx" 0 "$mh" status --db "$db" --campaign 2025 -f xlsx -o "$work/chase.xlsx"
run "status xlsx an existing file" 73 "$mh" status --db "$db" --campaign 2025 -f xlsx -o "$work/chase.xlsx"
expect_grep "xlsx -o refuses an existing file" "$work/err" "maturinh: $work/chase.xlsx exists: give --force to replace it"
if /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
  /usr/bin/python3 - "$work/chase.xlsx" >"$work/xlsx.txt" 2>&1 <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["status"]
for row in ws.iter_rows(values_only=True):
    print("|".join("%s:%r" % (type(v).__name__, v) for v in row))
for cell in ws[2]:
    print(cell.column_letter, cell.data_type, cell.number_format)
print("freeze", ws.freeze_panes, "filter", ws.auto_filter.ref)
PY
  expect_grep "xlsx header" "$work/xlsx.txt" "str:'finess'|str:'name'|str:'region'|str:'category'|str:'status'|str:'completeness'|str:'answered'|str:'applicable'|str:'last_change'|str:'to_confirm'|str:'category_label'|str:'contact_name'|str:'contact_email'"
  expect_grep "xlsx never started: FINESS text, counts, no time" "$work/xlsx.txt" "str:'750102048'|str:'CH Paris Centre'|str:'11'|str:'101'|str:'draft'|int:0|int:0|int:6|NoneType:None|int:0|str:'Centre Hospitalier Régional (C.H.R.)'|str:'Mme Durand (RSSI)'|str:'rssi@ch-paris-centre.example'"
  expect_grep "xlsx in progress: completeness a number, the time a date" "$work/xlsx.txt" "str:'420013153'|str:'CH de Roanne'|str:'84'|str:'355'|str:'draft'|float:0.5|int:2|int:4|datetime:datetime.datetime(2025, 6, 2, 14, 5, 59)"
  expect_grep "xlsx: the FINESS cell is text" "$work/xlsx.txt" "A s General"
  expect_grep "xlsx: completeness is a number cell with 6 decimals" "$work/xlsx.txt" "F n 0.000000"
  expect_grep "xlsx frozen header and autofilter" "$work/xlsx.txt" "freeze A2 filter A1:M5"
  /usr/bin/python3 - "$work/piped.xlsx" >"$work/piped.txt" 2>&1 <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["status"]
print(ws.max_row, ws["A2"].value, ws["F3"].value)
PY
  expect_file "xlsx to a pipe: the same workbook" "$work/piped.txt" "5 750102048 0.5"
else
  skip "status xlsx read back" "openpyxl is missing for /usr/bin/python3"
fi

# ---- the list holds the private contacts: its files are the owner's only, whatever the umask
for f in csv xlsx table; do
  rm -f "$work/private.$f"
  run "status -f $f -o, umask 022" 0 sh -c "umask 022; exec \"\$0\" \"\$@\"" "$mh" status --db "$db" --campaign 2025 -f "$f" -o "$work/private.$f"
  mode=$(stat -c %a "$work/private.$f" 2>/dev/null)
  if [ "$mode" = 600 ]; then ok "status -f $f -o: mode 600"; else not_ok "status -f $f -o: mode $mode, expected 600"; fi
done

# ---- next year's campaign: the answers carried over, to confirm, in their own column
run "a campaign from 2025" 0 "$mh" campaign --db "$db" --campaign 2026 --from 2025 --reference-date 2026-06-30
run "status of 2026 (csv)" 0 "$mh" status --db "$db" --campaign 2026 --format csv
expect_grep "2026: nothing answered, the 2025 answers to confirm" "$work/out" \
  "420013153,CH de Roanne,84,355,draft,0.000000,0,4,,2,Centre Hospitalier (C.H.),,"
expect_grep "2026: the contact carried over with the profile" "$work/out" \
  "750102048,CH Paris Centre,11,101,draft,0.000000,0,6,,0,Centre Hospitalier Régional (C.H.R.),Mme Durand (RSSI),rssi@ch-paris-centre.example"
run "status of 2026 (table)" 0 env LC_ALL=C "$mh" status --db "$db" --campaign 2026
expect_grep "the table has a to-confirm column" "$work/out" "answered  to confirm  last change (UTC)"
expect_grep "the table: 2 to confirm for CH de Roanne" "$work/out" "not started    0.0%       0/4           2"
run "status of 2025 (table): no carried answer, no such column" 0 env LC_ALL=C "$mh" status --db "$db" --campaign 2025
expect_no_grep "2025: no to-confirm column" "$work/out" "to confirm"
if [ -n "${MATURINH_LOCALEDIR:-}" ] && locale -a 2>/dev/null | grep -qi '^fr_FR.utf-\?8$'; then
  run "status of 2026 (table, French)" 0 env LC_ALL=$fr "$mh" status --db "$db" --campaign 2026
  expect_grep "the French table: à confirmer" "$work/out" "à confirmer"
fi

# ---- refusals
run "status without --campaign" 64 "$mh" status --db "$db"
expect_grep "no campaign" "$work/err" "maturinh: no campaign given: use --campaign ID"
run "status an unknown campaign" 65 "$mh" status --db "$db" --campaign 2099
expect_grep "unknown campaign" "$work/err" "maturinh: no campaign 2099 in $db"
run "status --only a typo" 64 "$mh" status --db "$db" --campaign 2025 --only drafts
expect_grep "unknown --only" "$work/err" "maturinh: unknown --only 'drafts': expected draft, incomplete or submitted"
run "status --format json" 64 "$mh" status --db "$db" --campaign 2025 --format json
expect_grep "unknown format" "$work/err" "maturinh: unknown format 'json': expected table, csv or xlsx"
run "status a bad scope" 64 "$mh" status --db "$db" --campaign 2025 --scope region:99
expect_grep "unknown scope" "$work/err" "maturinh: unknown scope 'region:99'"
run "status an argument" 64 "$mh" status --db "$db" --campaign 2025 extra
expect_grep "unexpected argument" "$work/err" "maturinh: unexpected argument 'extra'"
run "status no database" 66 "$mh" status --db "$work/none.db" --campaign 2025
if [ -e "$work/none.db" ]; then not_ok "status created a database"; else ok "status creates no database"; fi
if [ -n "$fr_ok" ]; then
  both "status --only a typo" 64 "maturinh: unknown --only 'x': expected draft, incomplete or submitted" \
    "maturinh: --only 'x' inconnu : draft, incomplete ou submitted attendu" status --db "$db" --campaign 2025 --only x
  both "status --format json" 64 "maturinh: unknown format 'json': expected table, csv or xlsx" \
    "maturinh: format 'json' inconnu : table, csv ou xlsx attendu" status --db "$db" --campaign 2025 -f json
fi
run "status --help" 0 "$mh" status --help
expect_grep "status --help: usage" "$work/out" "Usage: maturinh status [--db FILE] --campaign ID [--scope SCOPE]"
expect_grep "status --help: --only" "$work/out" "draft, incomplete or submitted"

finish
