#!/usr/bin/env bash
# The database's rules on what a file gives: one row per answer and per
# establishment in a CSV, profile changes in the history, campaign ids.
#
# Usage: test_cli_store_rules.sh MATURINH SOURCE_DIR
set -u
mh=$1
src=$2
source "$(dirname "$0")/lib.sh"
cd "$src"
ref=referentiels/maturinh-cyber/maturinh-cyber.yaml
db="$work/maturinh.db"
export MATURINH_USER=analyste

run "create a campaign" 0 "$mh" campaign --db "$db" --campaign 2026 -r "$ref" --reference-date 2026-06-30
list_header='finess,finess_ej,name,region,departement,category,beds,ose,ght'
answers_header='campaign,finess,indicator,value,comment'

# ---- a CSV establishment list giving one establishment twice
printf '%s\n690781810,,Clinique A,84,69,128,120,false,\n750712184,,CH B,11,75,355,300,false,\n690781810,,Clinique A bis,84,69,128,120,false,\n' \
  "$list_header" >"$work/list-twice.csv"
run "a list giving an establishment twice" 65 "$mh" import --db "$db" --campaign 2026 "$work/list-twice.csv"
expect_grep "a list giving an establishment twice: located, naming the first row" "$work/err" \
  "$work/list-twice.csv:4:1: error: establishment 690781810 already given at line 2"
run "nothing of that list was imported" 65 "$mh" export --db "$db" --campaign 2026 --finess 750712184
run "a list giving an establishment twice, --keep-going" 65 "$mh" import --db "$db" --campaign 2026 --keep-going "$work/list-twice.csv"
expect_grep "--keep-going imports the first row, rejects the second" "$work/out" "2 added, 0 changed, 0 unchanged, 0 answers written, 1 rejected"
run "the first row's name is kept" 0 "$mh" export --db "$db" --campaign 2026 --finess 690781810
expect_grep "the first row's name is kept: Clinique A" "$work/out" 'name: "Clinique A"'
expect_no_grep "the second row's name is not" "$work/out" "Clinique A bis"

# ---- CSV answers giving one answer twice
printf '%s\n2026,690781810,GOUV-01-A,oui,\n2026,690781810,GOUV-01-B,2,\n2026,690781810,GOUV-01-A,non,\n' \
  "$answers_header" >"$work/answers-twice.csv"
run "CSV answers giving an answer twice" 65 "$mh" import --db "$db" --campaign 2026 "$work/answers-twice.csv"
expect_file "CSV answers giving an answer twice: located, naming the first row" "$work/err" \
  "$work/answers-twice.csv:4:16: error: GOUV-01-A of 690781810 already given at line 2
maturinh: $work/answers-twice.csv: nothing imported"
run "nothing of those answers was imported" 0 "$mh" export --db "$db" --campaign 2026 --finess 690781810
expect_no_grep "nothing of those answers was imported: no GOUV-01-B" "$work/out" "GOUV-01-B: 2"

# the same answer in two separate runs of rows of one establishment
printf '%s\n2026,690781810,GOUV-01-A,oui,\n2026,750712184,GOUV-01-A,oui,\n2026,690781810,GOUV-01-B,2,\n2026,690781810,GOUV-01-A,non,\n' \
  "$answers_header" >"$work/answers-apart.csv"
run "CSV answers giving an answer twice, rows apart" 65 "$mh" import --db "$db" --campaign 2026 "$work/answers-apart.csv"
expect_grep "rows apart: located, naming the first row" "$work/err" \
  "$work/answers-apart.csv:5:16: error: GOUV-01-A of 690781810 already given at line 2"
run "rows apart, --keep-going" 65 "$mh" import --db "$db" --campaign 2026 --keep-going "$work/answers-apart.csv"
expect_grep "rows apart, --keep-going: the second run of rows is rejected" "$work/out" "1 rejected"
run "rows apart, --keep-going: the first value stays" 0 "$mh" export --db "$db" --campaign 2026 --finess 690781810
expect_grep "the first run of rows is kept" "$work/out" "GOUV-01-A:"
expect_no_grep "the second run of rows is not" "$work/out" "GOUV-01-B:"

# a file that cannot be read twice (a pipe) cannot say where the first row was
if mkfifo "$work/pipe.csv" 2>/dev/null; then
  cat "$work/answers-twice.csv" >"$work/pipe.csv" &
  run "CSV answers twice through a pipe" 65 "$mh" import --db "$db" --campaign 2026 "$work/pipe.csv"
  wait
  expect_grep "through a pipe: earlier in this file" "$work/err" \
    "$work/pipe.csv:4:16: error: GOUV-01-A of 690781810 already given earlier in this file"
else
  skip "CSV answers twice through a pipe" "mkfifo is not possible here"
fi

# ---- a changed profile is in the history
printf '%s\n750712184,,CH B,11,75,355,300,false,\n' "$list_header" >"$work/list-b.csv"
run "a list for one establishment" 0 "$mh" import --db "$db" --campaign 2026 "$work/list-b.csv"
printf '%s\n750712184,750712176,CH Bichat,11,75,355,,true,GHT-75-1\n' "$list_header" >"$work/list-b2.csv"
run "its profile changed" 0 "$mh" import --db "$db" --campaign 2026 --user ars-idf "$work/list-b2.csv"
expect_grep "its profile changed: counted as changed" "$work/out" "0 added, 1 changed, 0 unchanged"
run "history of a changed profile" 0 "$mh" history --db "$db" --campaign 2026 --finess 750712184
sed 's/^[^ ]*  //' "$work/out" >"$work/history"
expect_grep "history: FINESS EJ given" "$work/history" "ars-idf       profile.finess_ej  (none) -> 750712176"
expect_grep "history: the name" "$work/history" "ars-idf       profile.name       CH B -> CH Bichat"
expect_grep "history: beds removed" "$work/history" "ars-idf       profile.beds       300 -> (none)"
expect_grep "history: OSE" "$work/history" "ars-idf       profile.ose        false -> true"
expect_grep "history: GHT" "$work/history" "ars-idf       profile.ght        (none) -> GHT-75-1"
# the what column as wide as its longest value (profile.finess_ej), the rest aligned under it
expect_grep "history: the what column sized to profile.finess_ej" "$work/out" "who           what               old -> new"
expect_no_grep "history: the region did not change" "$work/history" "profile.region"
run "the same profile again" 0 "$mh" import --db "$db" --campaign 2026 "$work/list-b2.csv"
run "history after the same profile" 0 "$mh" history --db "$db" --campaign 2026 --finess 750712184
if [ "$(grep -c profile.name "$work/out")" = 1 ]; then ok "an unchanged profile adds nothing to the history"; else
  not_ok "an unchanged profile adds to the history"; cat "$work/out"; fi
if command -v sqlite3 >/dev/null 2>&1; then
  sqlite3 -batch "$db" "SELECT changes FROM history WHERE finess = '750712184' AND changes LIKE '%profile.name%'" >"$work/json"
  expect_grep "the history row's JSON" "$work/json" '["profile.name","CH B","CH Bichat"]'
else
  skip "the history row's JSON" "sqlite3 is not installed"
fi

# ---- campaign ids: 1 to 32 letters, digits, '-', '_' or '.', first a letter or a digit
rule="may hold only letters, digits, '-', '_' and '.', and starts with a letter or a digit"
run "campaign: an empty id" 64 "$mh" campaign --db "$db" --campaign "" -r "$ref" --reference-date 2027-06-30
expect_file "campaign: an empty id: message" "$work/err" "maturinh: invalid --campaign: the campaign id is empty
Try 'maturinh campaign --help'."
run "campaign: an id with a space" 64 "$mh" campaign --db "$db" --campaign "2027 T1" -r "$ref" --reference-date 2027-06-30
expect_grep "campaign: an id with a space: message" "$work/err" "maturinh: invalid --campaign: the campaign id '2027 T1' $rule"
run "campaign: an id with a slash" 64 "$mh" campaign --db "$db" --campaign "../2027" -r "$ref" --reference-date 2027-06-30
expect_grep "campaign: an id with a slash: message" "$work/err" "maturinh: invalid --campaign: the campaign id '../2027' $rule"
run "campaign: an id like an option" 64 "$mh" campaign --db "$db" --campaign=-2027 -r "$ref" --reference-date 2027-06-30
expect_grep "campaign: an id like an option: message" "$work/err" "the campaign id '-2027' $rule"
run "campaign: a long id" 64 "$mh" campaign --db "$db" --campaign "$(printf 'a%.0s' $(seq 33))" -r "$ref" --reference-date 2027-06-30
expect_grep "campaign: a long id: message" "$work/err" "the campaign id '$(printf 'a%.0s' $(seq 33))' is 33 characters long: at most 32"
run "campaign: an id of 32 characters, '-', '_' and '.'" 0 "$mh" campaign --db "$db" --campaign "2027-T1_ars.idf-$(printf 'a%.0s' $(seq 16))" -r "$ref" --reference-date 2027-06-30
if command -v sqlite3 >/dev/null 2>&1; then
  run "campaign: none of the refused ones was created" 0 sqlite3 -batch "$db" "SELECT count(*) FROM campaign"
  expect_file "campaign: two campaigns" "$work/out" "2"
else
  skip "campaign: none of the refused ones was created" "sqlite3 is not installed"
fi
# the store applies the same rule to a campaign a YAML file creates
sed 's/^campaign: {id: "2025"/campaign: {id: "2025 T1"/' fixtures/answers/worked-example/answers.yaml >"$work/spaced.yaml"
run "import: a new campaign with a space" 65 "$mh" import --db "$db" -r fixtures/answers/worked-example/referentiel.yaml "$work/spaced.yaml"
expect_grep "import: a new campaign with a space: message" "$work/err" "$work/spaced.yaml:6:1: error: establishment 010780914: the campaign id '2025 T1' $rule"
run "gen --db: an id with a space" 65 "$mh" gen -r "$ref" --count 1 --campaign "2027 T2" --db "$db"
expect_grep "gen --db: an id with a space: message" "$work/err" "the campaign id '2027 T2' $rule"

finish
