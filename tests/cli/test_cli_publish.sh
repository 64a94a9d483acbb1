#!/usr/bin/env bash
# `maturinh rank`, `publish` and `report` as the ARS, the Observatoire and a
# CISO run them, from files and from the database.  The published page and
# observatoire.xml are kept in PAGES_DIR for test_pages_xmllint.sh (the XSD)
# and test_pages_chromium.sh.
#
# Usage: test_cli_publish.sh MATURINH SOURCE_DIR [PAGES_DIR]
set -u
mh=$1
src=$2
pages=${3:-}
source "$(dirname "$0")/lib.sh"
cd "$src"
ref=referentiels/maturinh-cyber/maturinh-cyber.yaml
mapfile -t files < <(grep -v '^#' fixtures/answers/ORDER | grep -v '^$')


# ---- rank
run "rank help" 0 "$mh" rank --help
run "rank a mistyped option" 64 "$mh" rank -r "$ref" --scoep region:53 "${files[@]}"
expect_file "rank a mistyped option: did you mean" "$work/err" "maturinh: unknown option '--scoep' (did you mean '--scope'?)
Try 'maturinh rank --help'."
run "publish an ambiguous prefix" 64 "$mh" publish -r "$ref" --d --out "$work/never" "${files[@]}"
expect_grep "publish --d is --db or --date" "$work/err" "maturinh: unknown option '--d'"
run "report --html missing its value" 64 "$mh" report -r "$ref" --finess 750102048 "${files[@]}" --html
expect_grep "report --html missing its value message" "$work/err" "maturinh: option '--html' needs a value"
# a long name is cut in the table on a whole character, and the cut is marked
long=$(printf 'A%.0s' $(seq 39))éèx
sed "s/^  name: \"Hôpitaux universitaires de Lutèce\"/  name: \"$long\"/" "${files[0]}" >"$work/long-name.yaml"
run "rank a long name" 0 "$mh" rank -r "$ref" "$work/long-name.yaml"
if iconv -f UTF-8 -t UTF-8 "$work/out" >/dev/null 2>&1; then ok "rank table: whole UTF-8"; else not_ok "rank table: a character cut in two"; fi
expect_grep "rank table: the cut is marked" "$work/out" "$(printf 'A%.0s' $(seq 39))…  11"
# a write that fails says why (here the file size limit, as a full disk would)
(trap '' XFSZ; ulimit -f 8; "$mh" publish -r "$ref" --out "$work/too-big" "${files[@]}" >"$work/out" 2>"$work/err")
status=$?
[ $status = 74 ] && ok "publish past the file size limit: exit 74" || not_ok "publish past the file size limit: exit $status"
expect_grep "publish past the file size limit: the cause" "$work/err" "error: cannot write: File too large"
if [ -e "$work/too-big" ]; then not_ok "a failed publish leaves no folder"; else ok "a failed publish leaves no folder"; fi
# the publication date is printed on the public page: a real date, or none
run "publish with a date that is none" 64 "$mh" publish -r "$ref" --out "$work/never" --date "n'importe quoi" "${files[@]}"
expect_grep "publish --date message" "$work/err" "maturinh: invalid --date 'n'importe quoi': expects a date YYYY-MM-DD"
run "publish with an impossible date" 64 "$mh" publish -r "$ref" --out "$work/never" --date 2025-02-30 "${files[@]}"
expect_grep "publish --date calendar message" "$work/err" "maturinh: invalid --date '2025-02-30': 2025-02-30 is not a calendar date"
if [ -e "$work/never" ]; then not_ok "a refused date writes nothing"; else ok "a refused date writes nothing"; fi
run "rank csv" 0 "$mh" rank -r "$ref" -f csv "${files[@]}"
expect_grep "rank: the columns of cli.md, then the progress" "$work/out" "rank,finess,name,region,category,score,level,praised,delta"
expect_grep "rank: ties share a rank" "$work/out" '1,750102048,Hôpitaux universitaires de Lutèce,11,101,100.0,5,true,'
expect_grep "rank: the next rank skips" "$work/out" '5,690783063,CHU de Lyon-Confluence,84,101,99.8,4,true,'
expect_grep "rank: an eligible establishment missing a mesure prioritaire is not praised" "$work/out" '11,130781537,CHU des Calanques,93,101,96.9,1,false,'
if grep -q '920014503' "$work/out" && ! grep -q '380005124' "$work/out"; then ok "rank: drafts are not ranked"; else not_ok "rank: drafts"; fi
run "rank a region" 0 "$mh" rank -r "$ref" -f csv --scope region:53 "${files[@]}"
cp "$work/out" "$work/region.csv"
run "rank --scope=region:53" 0 "$mh" rank -r "$ref" --format=csv --scope=region:53 "${files[@]}"
if cmp -s "$work/out" "$work/region.csv"; then ok "rank --scope=S --format=F is --scope S -f F"; else not_ok "rank --scope=S differs"; fi
if [ "$(tail -n +2 "$work/out" | cut -d, -f4 | sort -u)" = 53 ]; then ok "rank: only the region"; else not_ok "rank region rows"; fi
run "rank a category" 0 "$mh" rank -r "$ref" -f csv --scope category:101 "${files[@]}"
if [ "$(tail -n +2 "$work/out" | cut -d, -f5 | sort -u)" = 101 ]; then ok "rank: only the category"; else not_ok "rank category rows"; fi
run "rank an unknown scope" 64 "$mh" rank -r "$ref" --scope county:1 "${files[@]}"
expect_grep "unknown scope message" "$work/err" "maturinh: unknown scope 'county:1': expected national, region:CODE (one of the 18 INSEE region codes), category:CODE (a 3-digit FINESS category) or ght:ID"
run "rank a region no establishment has" 64 "$mh" rank -r "$ref" --scope region:99 "${files[@]}"
expect_grep "rank region:99 is refused, not an empty table" "$work/err" "maturinh: unknown scope 'region:99'"
run "rank a category of 4 digits" 64 "$mh" rank -r "$ref" --scope category:1010 "${files[@]}"
run "rank a real region" 0 "$mh" rank -r "$ref" --scope region:53 "${files[@]}"

# progress: a previous campaign in the database
db="$work/maturinh.db"
sed -e 's/id: "2025", reference_date: 2025-06-30/id: "2024", reference_date: 2024-06-30/' \
    -e 's/202[45]-[0-9][0-9]-[0-9][0-9]/2024-01-15/g' -e 's/reference_date: 2024-01-15/reference_date: 2024-06-30/' "${files[0]}" >"$work/previous.yaml"
run "import a previous campaign" 0 "$mh" import --db "$db" -r "$ref" "$work/previous.yaml"
"$mh" import --db "$db" -r "$ref" "${files[@]}" >/dev/null 2>&1
run "rank from the database" 0 "$mh" rank --db "$db" --campaign 2025 -f csv
if grep -q '^1,750102048,.*,true,[+-]\?[0-9]' "$work/out"; then ok "rank: progress since 2024 where it was scored"; else
  not_ok "rank: no progress column"; head -3 "$work/out"; fi
if grep -q '^[0-9]*,130781537,.*,false,$' "$work/out"; then ok "rank: no progress where 2024 had no score"; else not_ok "rank: progress for an absent one"; fi

# ---- publish
out="$work/observatoire"
run "publish" 0 "$mh" publish -r "$ref" --out "$out" "${files[@]}"
expect_grep "publish says where to look" "$work/out" "(open $out/index.html)"
for f in palmares.csv observatoire.csv observatoire.xml index.html; do
  if [ -s "$out/$f" ]; then ok "publish wrote $f"; else not_ok "publish did not write $f"; fi
done
if [ -z "$(ls -d "$work"/observatoire.* 2>/dev/null)" ]; then ok "no temporary folder left"; else not_ok "temporary folder left"; fi
if grep -rq "SECRET-PLANTED" "$out"; then not_ok "a planted answer or comment is published"; else ok "no planted answer or comment is published"; fi
if grep -q "Clinique des Tilleuls" "$out"/*; then not_ok "a non-praised establishment is named"; else ok "a non-praised establishment is never named"; fi
run "publish again without --force" 73 "$mh" publish -r "$ref" --out "$out" "${files[@]}"
expect_grep "refuses to replace" "$work/err" "maturinh: $out exists: give --force to replace it"
cp -r "$out" "$work/first"
run "publish again with --force" 0 "$mh" publish -r "$ref" --out "$out" --force "${files[@]}"
if diff -r "$work/first" "$out" >/dev/null; then ok "publications are byte-identical"; else not_ok "publications differ"; fi
# --out a link to a publication (a web server's document root): the folder it
# names is replaced, the link stays a link
ln -s "$(basename "$out")" "$work/docroot"
run "publish --force through a link" 0 "$mh" publish -r "$ref" --out "$work/docroot" --force "${files[@]}"
[ -L "$work/docroot" ] && [ "$(readlink "$work/docroot")" = "$(basename "$out")" ] &&
  ok "the link stays, naming the same folder" || not_ok "the link was replaced"
if diff -r "$work/first" "$out" >/dev/null; then ok "the folder it names was published"; else not_ok "the linked folder differs"; fi
[ -z "$(ls -a "$work" | grep -e '\.tmp-' -e '\.old-')" ] && ok "through a link: no temporary folder left" ||
  not_ok "through a link: left $(ls -a "$work" | grep -e .tmp- -e .old-)"
run "publish with a date" 0 "$mh" publish -r "$ref" --out "$work/dated" --date 2025-09-15 "${files[@]}"
expect_grep "the date is printed when given, in French" "$work/dated/index.html" "publié le 15 septembre 2025"
run "publish from the database" 0 "$mh" publish --db "$db" --campaign 2025 --out "$work/from-db"
if diff -r "$out" "$work/from-db" >/dev/null; then ok "publication from the database equals from files"; else
  not_ok "publication from the database differs"; diff -r "$out" "$work/from-db" | head -5; fi
printf 'format: maturinh-answers/1\nreferentiel: {id: maturinh-cyber, version: "2025.1"}\n' >"$work/broken.yaml"
run "publish with an invalid answers file" 65 "$mh" publish -r "$ref" --out "$work/broken" "${files[@]}" "$work/broken.yaml"
if [ ! -e "$work/broken" ]; then ok "nothing published from a batch with an error"; else not_ok "published despite an error"; fi
keep "$out/index.html" index.html
keep "$out/observatoire.xml" observatoire.xml
if grep -qE '(src|href)="(https?:)?//' "$out/index.html"; then not_ok "index.html loads something from the network"; else ok "index.html is self-contained"; fi

# an establishment given twice would be ranked and counted twice: refused
run "rank with an establishment twice" 65 "$mh" rank -r "$ref" "${files[0]}" "${files[0]}"
expect_grep "duplicate message" "$work/err" "error: establishment 750102048 appears twice: it would be ranked and counted twice"
run "publish with an establishment twice" 65 "$mh" publish -r "$ref" --out "$work/twice" "${files[0]}" "${files[0]}"
if [ ! -e "$work/twice" ]; then ok "nothing published with a duplicate"; else not_ok "published with a duplicate"; fi

# ---- report
run "report" 0 "$mh" report -r "$ref" --finess 920014503 --html "$work/report.html" "${files[@]}"
expect_grep "report: the establishment" "$work/report.html" "Maturité cybersécurité — Clinique des Tilleuls"
expect_grep "report: the radar" "$work/report.html" "<polygon"
expect_grep "report: the action plan" "$work/report.html" "Plan d'action"
expect_grep "report: private" "$work/report.html" "ne doit pas être publié"
# 690783063 is the only eligible establishment of (84, 101) in the fixtures: fewer than
# min_cell_size (5) peers, so no median and the reason (test_cli_report.sh builds enough peers)
run "report among too few peers" 0 "$mh" report -r "$ref" --finess 690783063 --html "$work/peers.html" "${files[@]}"
expect_no_grep "report: no peers' median from too few peers" "$work/peers.html" 'class="median"'
expect_no_grep "report: no peers' shape from too few peers" "$work/peers.html" 'class="peers"'
expect_grep "report: why there is no median" "$work/peers.html" "non montrée : moins de 5 établissements comparables ont ce domaine évalué"
run "report for an absent establishment" 65 "$mh" report -r "$ref" --finess 750712184 --html "$work/none.html" "${files[@]}"
run "report without --html" 64 "$mh" report -r "$ref" --finess 920014503 "${files[@]}"
cp "$work/report.html" "$work/report-before.html"
run "report over an existing file" 73 "$mh" report -r "$ref" --finess 920014503 --html "$work/peers.html" "${files[@]}"
expect_grep "report refuses to replace a file" "$work/err" "maturinh: $work/peers.html exists: give --force to replace it"
if cmp -s "$work/peers.html" "$work/report-before.html"; then not_ok "report replaced the file"; else ok "the existing file is untouched"; fi
run "report over an existing file with --force" 0 "$mh" report -r "$ref" --finess 920014503 --html "$work/peers.html" --force "${files[@]}"
if cmp -s "$work/peers.html" "$work/report-before.html"; then ok "--force replaces it"; else not_ok "--force did not replace it"; fi
# a file made while report runs (it reads its answers from a pipe we hold) is not replaced
mkfifo "$work/answers.pipe"
# race MAKE -- COMMAND...: starts COMMAND reading its answers from the pipe,
# runs MAKE (a function) once it is waiting, then feeds it; sets $status.
race() {
  local make=$1
  shift 2
  "$@" >"$work/out" 2>"$work/err" &
  local pid=$!
  exec 4>"$work/answers.pipe"
  "$make"
  cat fixtures/answers/region-11-ile-de-france.yaml >&4
  exec 4>&-
  wait $pid
  status=$?
}
make_race_file() { echo "made meanwhile" >"$work/race.html"; }
race make_race_file -- "$mh" report -r "$ref" --finess 920014503 --html "$work/race.html" "$work/answers.pipe"
[ $status = 73 ] && ok "report over a file made meanwhile: exit 73" || not_ok "report over a file made meanwhile: exit $status"
expect_grep "made-meanwhile message" "$work/err" "maturinh: $work/race.html exists (made while this ran): give --force to replace it"
expect_file "the file made meanwhile is kept" "$work/race.html" "made meanwhile"
if [ -z "$(ls "$work" | grep -e '^race\.html\.tmp-')" ]; then ok "no temporary file left"; else not_ok "temporary file left"; fi
# the same for publish's folder
make_race_folder() { mkdir "$work/race-pub" && touch "$work/race-pub/mine"; }
race make_race_folder -- "$mh" publish -r "$ref" --out "$work/race-pub" "$work/answers.pipe"
[ $status = 73 ] && ok "publish over a folder made meanwhile: exit 73" || not_ok "publish over a folder made meanwhile: exit $status"
expect_grep "publish made-meanwhile message" "$work/err" "maturinh: $work/race-pub exists (made while this ran): give --force to replace it"
if [ "$(ls "$work/race-pub")" = mine ]; then ok "the folder made meanwhile is kept as it was"; else not_ok "the folder was changed: $(ls "$work/race-pub")"; fi
if [ -z "$(ls -d "$work"/race-pub.* 2>/dev/null)" ]; then ok "no temporary folder left"; else not_ok "temporary folder left"; fi
run "report into a folder" 73 "$mh" report -r "$ref" --finess 920014503 --html "$work" --force "${files[@]}"
expect_grep "a folder is refused" "$work/err" "maturinh: $work is a folder: give a file name"
run "report for an absent establishment leaves no file" 65 "$mh" report -r "$ref" --finess 750712184 --html "$work/none2.html" "${files[@]}"
if [ -z "$(ls "$work" | grep -e '^none2' -e '\.tmp-')" ]; then ok "no file and no temporary file left"; else not_ok "a file was left: $(ls "$work" | grep -e none2 -e .tmp-)"; fi

# ---- the contact of an establishment is private: in no published file, rank or report
secret_name="Zoé Contact-Privé"
secret_mail="zoe.contact-prive@ch-exemple.fr"
contacts=()
for f in "${files[@]}"; do
  sed "s/^  name: .*/&\n  contact_name: \"$secret_name\"\n  contact_email: \"$secret_mail\"/" "$f" >"$work/contact-$(basename "$f")"
  contacts+=("$work/contact-$(basename "$f")")
done
[ "$(grep -c "contact_email" "${contacts[0]}")" -gt 0 ] && ok "the fixtures with contacts" || not_ok "no contact put in the fixtures"
run "publish with contacts" 0 "$mh" publish -r "$ref" --out "$work/pub-contact" "${contacts[@]}"
run "rank with contacts" 0 "$mh" rank -r "$ref" "${contacts[@]}"
cp "$work/out" "$work/rank-contact.txt"
run "rank csv with contacts" 0 "$mh" rank -r "$ref" -f csv "${contacts[@]}"
cp "$work/out" "$work/rank-contact.csv"
run "score json with contacts" 0 "$mh" score -r "$ref" -f json "${contacts[@]}"
cp "$work/out" "$work/score-contact.json"
run "report with contacts" 0 "$mh" report -r "$ref" --finess 920014503 --html "$work/report-contact.html" "${contacts[@]}"
if grep -rlF -e "Contact-Priv" -e "$secret_mail" -e "ch-exemple" "$work/pub-contact" "$work/rank-contact.txt" \
  "$work/rank-contact.csv" "$work/score-contact.json" "$work/report-contact.html"; then
  not_ok "a contact appears in a published file, the ranking, the scores or the report"
else
  ok "no contact in any file of publish --out (observatoire included), rank, score or report"
fi

finish
