#!/usr/bin/env bash
# The spreadsheet outputs: `score` and `rank` as XLSX read back with openpyxl
# column by column against their CSV (tests/support/xlsx_check.py), a
# workbook of every type of cell (tests/integration/test_sheet.c), the memory
# of a large workbook, --with-profile, --scope on score and export, and the
# usage errors in English and French.
#
# Skipped (exit 77) without /usr/bin/python3 and its openpyxl (Debian's
# python3-openpyxl) or without the locale fr_FR.UTF-8.
#
# Usage: test_cli_xlsx.sh MATURINH SOURCE_DIR TEST_SHEET
set -u
mh=$1
src=$2
test_sheet=$3
source "$(dirname "$0")/lib.sh"

py=/usr/bin/python3
[ -x "$py" ] && "$py" -c 'import openpyxl' 2>/dev/null ||
  skip_all "/usr/bin/python3 with openpyxl is not installed (bash scripts/deps.sh --test installs python3-openpyxl)"
need_french
fr=fr_FR.UTF-8
check="$src/tests/support/xlsx_check.py"
ref=$src/referentiels/maturinh-cyber/maturinh-cyber.yaml
answers=("$src"/fixtures/answers/region-*.yaml)
reunion=$src/fixtures/answers/region-04-reunion.yaml

# xlsx_same NAME WORKBOOK SHEET CSV: the workbook holds the CSV's cells, typed
xlsx_same() {
  if "$py" "$check" "$2" "$3" "$4" >"$work/check" 2>&1; then ok "$1"; else
    not_ok "$1"
    sed 's/^/    /' "$work/check" | head -20
  fi
}

# on_terminal COMMAND...: runs it with stdout on a pseudo-terminal (stderr to $work/err)
on_terminal() {
  "$py" - "$@" <<'PY' 2>"$work/err" >/dev/null
import os, pty, subprocess, sys
master, slave = pty.openpty()
p = subprocess.run(sys.argv[1:], stdout=slave, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
os.close(slave)
os.close(master)
sys.stderr.buffer.write(p.stderr)
sys.exit(p.returncode)
PY
}

# ---- score: files
run "score csv" 0 "$mh" score -r "$ref" -f csv "${answers[@]}"
cp "$work/out" "$work/score.csv"
run "score xlsx -o" 0 "$mh" score -r "$ref" -f xlsx -o "$work/score.xlsx" "${answers[@]}"
xlsx_same "score xlsx: the CSV's columns and cells, typed" "$work/score.xlsx" score "$work/score.csv"
expect_grep "score xlsx: a FINESS with its leading zero is text" "$work/score.csv" "060008380,"
"$py" - "$work/score.xlsx" >"$work/check" 2>&1 <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["score"]
rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
r = rows["060008380"]
assert isinstance(r[0], str), r
assert isinstance(r[3], float) and not isinstance(r[4], bool) and isinstance(r[4], int), r
PY
if [ $? = 0 ]; then ok "score xlsx: 060008380 a string, its score a float, its level an integer"; else
  not_ok "score xlsx: types"; sed 's/^/    /' "$work/check"; fi
if [ "$(stat -c %a "$work/score.xlsx")" = 644 ]; then ok "score xlsx: mode 0644"; else
  not_ok "score xlsx: mode $(stat -c %a "$work/score.xlsx")"; fi
# stdout that is not a terminal: the workbook itself
run "score xlsx to stdout" 0 "$mh" score -r "$ref" -f xlsx "${answers[@]}"
cp "$work/out" "$work/stdout.xlsx"
xlsx_same "score xlsx to stdout: the same workbook" "$work/stdout.xlsx" score "$work/score.csv"
# the locale changes no byte (libxlsxwriter's numbers, "11.7" not "11,7", in
# the C locale); with SOURCE_DATE_EPOCH, two runs give the same bytes
run "score xlsx (C, SOURCE_DATE_EPOCH)" 0 env LC_ALL=C SOURCE_DATE_EPOCH=1751241600 "$mh" score -r "$ref" -f xlsx -o "$work/c.xlsx" "${answers[@]}"
run "score xlsx ($fr, SOURCE_DATE_EPOCH)" 0 env LC_ALL=$fr SOURCE_DATE_EPOCH=1751241600 "$mh" score -r "$ref" -f xlsx -o "$work/fr.xlsx" "${answers[@]}"
if cmp -s "$work/c.xlsx" "$work/fr.xlsx"; then ok "score xlsx: the same bytes under $fr as under C"; else
  not_ok "score xlsx: the bytes depend on the locale"; fi
xlsx_same "score xlsx under $fr: the CSV's cells" "$work/fr.xlsx" score "$work/score.csv"
if "$py" -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode())' "$work/fr.xlsx" |
  grep -q 'width="[0-9]*,'; then
  not_ok "score xlsx under $fr: a width with a decimal comma"; else ok "score xlsx under $fr: widths with a decimal point"; fi
# --detail
run "score --detail csv" 0 "$mh" score -r "$ref" -f csv --detail "${answers[@]}"
cp "$work/out" "$work/detail.csv"
run "score --detail xlsx" 0 "$mh" score -r "$ref" -f xlsx --detail -o "$work/detail.xlsx" "${answers[@]}"
xlsx_same "score --detail xlsx: the CSV's columns and cells" "$work/detail.xlsx" score "$work/detail.csv"
# a workbook may hold a person's notes: kept without --force, replaced atomically with it
cp "$work/score.xlsx" "$work/score-before.xlsx"
both "score xlsx -o over a workbook" 73 \
  "maturinh: $work/score.xlsx exists: give --force to replace it" \
  "maturinh: $work/score.xlsx existe" \
  score -r "$ref" -f xlsx -o "$work/score.xlsx" "$reunion"
if cmp -s "$work/score.xlsx" "$work/score-before.xlsx"; then ok "score xlsx without --force: the workbook kept"; else
  not_ok "score xlsx without --force changed the workbook"; fi
run "score xlsx -o --force" 0 "$mh" score -r "$ref" -f xlsx -o "$work/score.xlsx" --force "$reunion"
run "score csv of one file" 0 "$mh" score -r "$ref" -f csv "$reunion"
cp "$work/out" "$work/reunion.csv"
xlsx_same "score xlsx -o: replaced by the new workbook" "$work/score.xlsx" score "$work/reunion.csv"
if [ -z "$(find "$work" -maxdepth 1 -name '*.tmp-*')" ]; then ok "score xlsx: no temporary file left"; else
  not_ok "score xlsx: temporary files left: $(find "$work" -maxdepth 1 -name '*.tmp-*')"; fi

# ---- a batch with an error: nothing written, the previous workbook kept
sed 's/GOUV-01-A: oui/GOUV-01-A: peut-être/' "$reunion" >"$work/broken.yaml"
cp "$work/score.xlsx" "$work/kept.xlsx"
run "score xlsx of a broken batch" 65 "$mh" score -r "$ref" -f xlsx -o "$work/score.xlsx" --force "${answers[@]}" "$work/broken.yaml"
if cmp -s "$work/score.xlsx" "$work/kept.xlsx"; then ok "score xlsx of a broken batch: the previous file kept"; else
  not_ok "score xlsx of a broken batch: the previous file changed"; fi
run "score xlsx of a broken batch to stdout" 65 "$mh" score -r "$ref" -f xlsx "${answers[@]}" "$work/broken.yaml"
if [ ! -s "$work/out" ]; then ok "score xlsx of a broken batch: nothing on stdout"; else
  not_ok "score xlsx of a broken batch: $(wc -c <"$work/out") bytes on stdout"; fi

# ---- where a workbook cannot go
run "score xlsx into a missing folder" 73 "$mh" score -r "$ref" -f xlsx -o "$work/missing/s.xlsx" "$reunion"
expect_grep "score xlsx into a missing folder: why" "$work/err" "maturinh: cannot create $work/missing/s.xlsx: No such file or directory"
if [ ! -e "$work/missing" ]; then ok "score xlsx into a missing folder: nothing made"; else
  not_ok "score xlsx into a missing folder: $work/missing made"; fi
mkdir "$work/folder"
run "score xlsx -o a folder" 73 "$mh" score -r "$ref" -f xlsx -o "$work/folder" "$reunion"
expect_grep "score xlsx -o a folder: why" "$work/err" "maturinh: $work/folder is a folder: give a file name"
run "score xlsx -o /dev/null" 0 "$mh" score -r "$ref" -f xlsx -o /dev/null "$reunion"

# ---- the usage errors, in English and in French
on_terminal env -u LANGUAGE LC_ALL=C "$mh" score -r "$ref" -f xlsx "$reunion"
status=$?
if [ $status = 64 ]; then ok "score xlsx to a terminal (C): exit 64"; else not_ok "score xlsx to a terminal (C): exit $status"; fi
expect_file "score xlsx to a terminal (C): in English" "$work/err" "maturinh: an XLSX workbook is not written to a terminal: give -o FILE, or redirect the output
Try 'maturinh score --help'."
on_terminal env -u LANGUAGE LC_ALL=$fr "$mh" score -r "$ref" -f xlsx "$reunion"
status=$?
if [ $status = 64 ]; then ok "score xlsx to a terminal ($fr): exit 64"; else not_ok "score xlsx to a terminal ($fr): exit $status"; fi
expect_grep "score xlsx to a terminal ($fr): in French" "$work/err" "maturinh: un classeur XLSX ne s'écrit pas sur un terminal : donnez -o FICHIER, ou redirigez la sortie"
on_terminal env -u LANGUAGE LC_ALL=C "$mh" rank -r "$ref" -f xlsx "$reunion"
status=$?
if [ $status = 64 ]; then ok "rank xlsx to a terminal: exit 64"; else not_ok "rank xlsx to a terminal: exit $status"; fi
expect_file "rank xlsx to a terminal: in English" "$work/err" "maturinh: an XLSX workbook is not written to a terminal: give -o FILE, or redirect the output
Try 'maturinh rank --help'."
on_terminal env -u LANGUAGE LC_ALL=C "$mh" score -r "$ref" -f csv -o "$work/t.csv" "$reunion"
status=$?
if [ $status = 0 ]; then ok "score xlsx to a terminal: csv -o is fine"; else not_ok "score csv -o with a terminal: exit $status"; fi
both "score --with-profile with a table" 64 \
  "maturinh: --with-profile adds columns: it needs --format csv or xlsx, not table" \
  "maturinh: --with-profile ajoute des colonnes : il faut --format csv ou xlsx, pas table" \
  score -r "$ref" --with-profile "$reunion"
both "score --with-profile with json" 64 \
  "maturinh: --with-profile adds columns: it needs --format csv or xlsx, not json" \
  "maturinh: --with-profile ajoute des colonnes : il faut --format csv ou xlsx, pas json" \
  score -r "$ref" -f json --with-profile "$reunion"
both "score unknown format" 64 \
  "maturinh: unknown format 'xls': expected table, csv, json, xml or xlsx" \
  "maturinh: format 'xls' inconnu : table, csv, json, xml ou xlsx attendu" \
  score -r "$ref" -f xls "$reunion"
both "rank unknown format" 64 \
  "maturinh: unknown format 'json': expected table, csv or xlsx" \
  "maturinh: format 'json' inconnu : table, csv ou xlsx attendu" \
  rank -r "$ref" -f json "$reunion"
both "score unknown scope" 64 \
  "maturinh: unknown scope 'region:99': expected national, region:CODE (one of the 18 INSEE region codes), category:CODE (a 3-digit FINESS category) or ght:ID" \
  "maturinh: périmètre 'region:99' inconnu : national, region:CODE (l'un des 18 codes de région INSEE), category:CODE (une catégorie FINESS à 3 chiffres) ou ght:ID attendu" \
  score -r "$ref" --scope region:99 "$reunion"

# ---- --with-profile
run "score --with-profile csv" 0 "$mh" score -r "$ref" -f csv --with-profile "${answers[@]}"
cp "$work/out" "$work/profile.csv"
expect_grep "score --with-profile: the profile after every domain column" "$work/profile.csv" \
  "domain:TIERS,domain:OSE,name,region,category,departement,ght,category_label"
if cut -d, -f1-19 "$work/profile.csv" | cmp -s - <(cut -d, -f1-19 "$work/score.csv"); then
  ok "score --with-profile: the stable columns unchanged"; else not_ok "score --with-profile: the stable columns changed"; fi
expect_grep "score --with-profile: name, region, category, département, GHT, category label" "$work/profile.csv" \
  "970400214,2025,submitted,99.333333,3,1.000000,11,11,100.000000,100.000000,100.000000,94.000000,100.000000,100.000000,100.000000,100.000000,100.000000,100.000000,100.000000,CHU de La Réunion — site de Saint-Pierre-des-Cafres,04,101,974,GHT-974-01,Centre Hospitalier Régional (C.H.R.)"
run "score --with-profile xlsx" 0 "$mh" score -r "$ref" -f xlsx --with-profile -o "$work/profile.xlsx" "${answers[@]}"
xlsx_same "score --with-profile xlsx: the CSV's columns" "$work/profile.xlsx" score "$work/profile.csv"
"$py" - "$work/profile.xlsx" >"$work/check" 2>&1 <<'PY'
import sys, openpyxl
legend = dict(r for r in openpyxl.load_workbook(sys.argv[1])["colonnes"].iter_rows(min_row=2, values_only=True))
want = {"finess": "FINESS géographique (ET)", "global_score": "Score global (0 à 100)",
        "name": "Raison sociale", "region": "Région (code INSEE)",
        "category": "Catégorie FINESS (code)", "departement": "Département (code)",
        "ght": "Groupement hospitalier de territoire (GHT)",
        "category_label": "Catégorie FINESS (libellé)"}
for k, v in want.items():
    assert legend.get(k) == v, (k, legend.get(k))
assert legend["domain:GOUV"].startswith("Score du domaine GOUV (0 à 100) : "), legend["domain:GOUV"]
PY
if [ $? = 0 ]; then ok "score --with-profile xlsx: the French labels of 'colonnes'"; else
  not_ok "score --with-profile xlsx: labels"; sed 's/^/    /' "$work/check"; fi

# ---- --scope on score
run "score --scope region:04" 0 "$mh" score -r "$ref" -f csv --with-profile --scope region:04 "${answers[@]}"
cp "$work/out" "$work/scoped.csv"
n_reunion=$(grep -c '^  finess:' "$reunion")
if [ "$(($(wc -l <"$work/scoped.csv") - 1))" = "$n_reunion" ] &&
  [ "$(tail -n +2 "$work/scoped.csv" | awk -F, '{print $21}' | sort -u)" = 04 ]; then
  ok "score --scope region:04: the $n_reunion establishments of La Réunion only"; else
  not_ok "score --scope region:04"; sed 's/^/    /' "$work/scoped.csv" | head; fi
grep -E '^(finess|97)' "$work/profile.csv" | grep -E '^(finess|[0-9]{9},[^,]*,[^,]*,.*,04,[0-9]{3},)' >"$work/want.csv"
if cmp -s "$work/scoped.csv" "$work/want.csv"; then ok "score --scope: the rows, unchanged"; else
  not_ok "score --scope: rows differ"; diff "$work/want.csv" "$work/scoped.csv" | head; fi
run "score --scope category:101" 0 "$mh" score -r "$ref" -f csv --with-profile --scope category:101 "${answers[@]}"
if [ "$(tail -n +2 "$work/out" | awk -F, '{print $22}' | sort -u)" = 101 ]; then
  ok "score --scope category:101: only category 101"; else not_ok "score --scope category:101"; fi
run "score --scope ght:GHT-974-01" 0 "$mh" score -r "$ref" -f csv --with-profile --scope ght:GHT-974-01 "${answers[@]}"
if [ "$(tail -n +2 "$work/out" | awk -F, '{print $24}' | sort -u)" = GHT-974-01 ]; then
  ok "score --scope ght: only that GHT"; else not_ok "score --scope ght"; fi
run "score --scope national" 0 "$mh" score -r "$ref" -f csv --scope national "${answers[@]}"
if cmp -s "$work/out" "$work/score.csv"; then ok "score --scope national: every row"; else not_ok "score --scope national"; fi

# ---- the database: score, rank, export
db=$work/m.db
run "import" 0 "$mh" import --db "$db" -r "$ref" "${answers[@]}"
run "score --campaign csv" 0 "$mh" score --db "$db" --campaign 2025 -f csv --with-profile
cp "$work/out" "$work/db.csv"
run "score --campaign xlsx" 0 "$mh" score --db "$db" --campaign 2025 -f xlsx --with-profile -o "$work/db.xlsx"
xlsx_same "score --campaign xlsx: the CSV's columns and cells" "$work/db.xlsx" score "$work/db.csv"
run "score --campaign --scope" 0 "$mh" score --db "$db" --campaign 2025 -f csv --with-profile --scope region:04
if cmp -s "$work/out" <(head -1 "$work/db.csv"; grep -E '^[0-9]{9},.*,04,[0-9]{3},' "$work/db.csv"); then
  ok "score --campaign --scope region:04: its rows"; else not_ok "score --campaign --scope region:04"; fi
run "rank csv" 0 "$mh" rank --db "$db" --campaign 2025 -f csv
cp "$work/out" "$work/rank.csv"
run "rank xlsx" 0 "$mh" rank --db "$db" --campaign 2025 -f xlsx -o "$work/rank.xlsx"
xlsx_same "rank xlsx: the CSV's columns and cells (praised booleans)" "$work/rank.xlsx" rank "$work/rank.csv"
# two campaigns of one référentiel: the progress column, signed
run "gen 2024" 0 "$mh" gen -r "$ref" --count 60 --seed 3 --campaign 2024 --reference-date 2024-06-30 --db "$work/two.db"
run "gen 2025" 0 "$mh" gen -r "$ref" --count 60 --seed 4 --campaign 2025 --reference-date 2025-06-30 --db "$work/two.db"
run "rank csv with a previous campaign" 0 "$mh" rank --db "$work/two.db" --campaign 2025 -f csv
cp "$work/out" "$work/rank-delta.csv"
if grep -qE ',[-+][0-9]+\.[0-9]$' "$work/rank-delta.csv" && grep -qE ',$' "$work/rank-delta.csv"; then
  ok "rank csv: deltas, and empty ones"; else not_ok "rank csv: no delta to check"; fi
run "rank xlsx with a previous campaign" 0 "$mh" rank --db "$work/two.db" --campaign 2025 -f xlsx -o "$work/rank-delta.xlsx"
xlsx_same "rank xlsx: delta numbers shown with their sign, empty where none" "$work/rank-delta.xlsx" rank "$work/rank-delta.csv"
run "rank xlsx -o over a workbook" 73 "$mh" rank --db "$db" --campaign 2025 -f xlsx -o "$work/rank.xlsx"
expect_grep "rank xlsx -o: kept without --force" "$work/err" "maturinh: $work/rank.xlsx exists: give --force to replace it"
run "rank xlsx -o --force" 0 "$mh" rank --db "$db" --campaign 2025 -f xlsx -o "$work/rank.xlsx" --force
run "rank csv -o" 0 "$mh" rank --db "$db" --campaign 2025 -f csv -o "$work/rank-o.csv"
run "rank csv -o again: a CSV is replaced" 0 "$mh" rank --db "$db" --campaign 2025 -f csv -o "$work/rank-o.csv"
if cmp -s "$work/rank-o.csv" "$work/rank.csv"; then ok "rank -o: the same CSV"; else not_ok "rank -o"; fi
run "rank files xlsx to stdout" 0 "$mh" rank -r "$ref" -f xlsx --scope region:84 "${answers[@]}"
cp "$work/out" "$work/rank84.xlsx"
run "rank files csv" 0 "$mh" rank -r "$ref" -f csv --scope region:84 "${answers[@]}"
cp "$work/out" "$work/rank84.csv"
xlsx_same "rank xlsx to stdout: the CSV's cells" "$work/rank84.xlsx" rank "$work/rank84.csv"

run "export --scope" 0 "$mh" export --db "$db" --campaign 2025 --scope region:04 -o "$work/reunion-export.yaml"
if [ "$(grep -c '^format: maturinh-answers/1' "$work/reunion-export.yaml")" = "$n_reunion" ] &&
  [ "$(grep -c '^---$' "$work/reunion-export.yaml")" = "$((n_reunion - 1))" ]; then
  ok "export --scope: $n_reunion documents separated by ---"; else not_ok "export --scope: documents"; fi
run "export --scope: scored" 0 "$mh" score -r "$ref" -f csv --with-profile "$work/reunion-export.yaml"
if cmp -s "$work/out" <(head -1 "$work/db.csv"; grep -E '^[0-9]{9},.*,04,[0-9]{3},' "$work/db.csv"); then
  ok "export --scope: imports back as the same establishments"; else not_ok "export --scope: scores differ"; fi
run "export --finess still" 0 "$mh" export --db "$db" --campaign 2025 --finess 970400214
expect_grep "export --finess: one document" "$work/out" 'finess: "970400214"'
run "export --scope exists" 73 "$mh" export --db "$db" --campaign 2025 --scope region:04 -o "$work/reunion-export.yaml"
both "export --finess and --scope" 64 \
  "maturinh: give --finess FINESS or --scope SCOPE, not both" \
  "maturinh: donnez --finess FINESS ou --scope SCOPE, pas les deux" \
  export --db "$db" --campaign 2025 --finess 970400214 --scope region:04
both "export --scope with nobody in it" 65 \
  "maturinh: no establishment of campaign 2025 in $db is in scope ght:none" \
  "maturinh: aucun établissement de la campagne 2025 de $db n'est dans le périmètre ght:none" \
  export --db "$db" --campaign 2025 --scope ght:none -o "$work/none.yaml"
if [ ! -e "$work/none.yaml" ]; then ok "export --scope with nobody in it: no file"; else not_ok "export --scope: $work/none.yaml made"; fi
both "export unknown scope" 64 \
  "maturinh: unknown scope 'nation': expected national, region:CODE (one of the 18 INSEE region codes), category:CODE (a 3-digit FINESS category) or ght:ID" \
  "maturinh: périmètre 'nation' inconnu : national, region:CODE (l'un des 18 codes de région INSEE), category:CODE (une catégorie FINESS à 3 chiffres) ou ght:ID attendu" \
  export --db "$db" --campaign 2025 --scope nation

# ---- every type of cell (test_sheet PATH writes it)
if "$test_sheet" "$work/types.xlsx" 2>"$work/err"; then ok "a workbook of every type"; else
  not_ok "a workbook of every type"; sed 's/^/    /' "$work/err"; fi
"$py" - "$work/types.xlsx" >"$work/check" 2>&1 <<'PY'
import datetime, sys, zipfile, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["types"]
rows = [[(c.value, c.data_type, c.number_format) for c in r] for r in ws.iter_rows()]
assert [v for v, _, _ in rows[0]] == ["finess", "score", "n", "ok", "when", "delta"], rows[0]
assert rows[1][0] == ("010780054", "s", "General"), rows[1][0]
assert rows[1][1] == (41.66, "n", "0.0"), rows[1][1]
assert rows[1][2][:2] == (12, "n"), rows[1][2]
assert rows[1][3][:2] == (True, "b"), rows[1][3]
assert rows[1][4] == (datetime.datetime(2025, 6, 30, 8, 15, 7), "d", "yyyy-mm-dd hh:mm:ss"), rows[1][4]
assert rows[1][5] == (2.5, "n", "+0.0;-0.0;0.0"), rows[1][5]
# a text that looks like a formula is a string, never a formula
assert rows[2][0] == ('=HYPERLINK("http://x")', "s", "General"), rows[2][0]
assert rows[2][1][0] is None and rows[2][2][0] is None, rows[2]
assert rows[2][3][:2] == (False, "b"), rows[2][3]
assert rows[2][4] == (datetime.datetime(2025, 7, 1), "d", "yyyy-mm-dd"), rows[2][4]
assert rows[2][5][0] == -0.5, rows[2][5]
xml = zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode()
assert "<f>" not in xml and "<f " not in xml, "a formula in the sheet"
assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:F3", (ws.freeze_panes, ws.auto_filter.ref)
legend = list(wb["colonnes"].iter_rows(values_only=True))
assert legend[5] == ("when", "Dernière modification"), legend
PY
if [ $? = 0 ]; then ok "every type: text, number with its decimals, integer, boolean, datetime, signed; no formula"; else
  not_ok "every type"; sed 's/^/    /' "$work/check"; fi

# ---- memory: a workbook of 20,000 rows costs what one of 500 costs
run "gen 500" 0 "$mh" gen -r "$ref" --count 500 --seed 7 -o "$work/small.yaml"
run "gen 20000" 0 "$mh" gen -r "$ref" --count 20000 --seed 7 -o "$work/large.yaml"
"$py" - "$mh" "$ref" "$work" >"$work/check" 2>&1 <<'PY'
import os, resource, subprocess, sys
mh, ref, work = sys.argv[1:4]
# under AddressSanitizer, freed memory waits in a quarantine: measure without it
env = dict(os.environ)
env["ASAN_OPTIONS"] = ":".join(filter(None, [env.get("ASAN_OPTIONS"), "quarantine_size_mb=0"]))
def peak(name):
    subprocess.run([mh, "score", "-r", ref, "-f", "xlsx", "-o", work + "/" + name + ".xlsx",
                    work + "/" + name + ".yaml"], check=True, env=env)
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
small = peak("small")
large = peak("large")  # ru_maxrss of the children is the largest one's
print("peak KiB: 500 rows", small, "20000 rows", large)
assert large - small < 4096, (small, large)
PY
if [ $? = 0 ]; then ok "score xlsx: memory flat ($(tail -1 "$work/check"))"; else
  not_ok "score xlsx: memory grows"; sed 's/^/    /' "$work/check"; fi
"$py" -c "import openpyxl,sys; ws=openpyxl.load_workbook(sys.argv[1], read_only=True)['score']; sys.exit(0 if ws.max_row == 20001 else 1)" "$work/large.xlsx"
if [ $? = 0 ]; then ok "score xlsx: 20,000 rows and the header"; else not_ok "score xlsx: rows of the large workbook"; fi

finish
