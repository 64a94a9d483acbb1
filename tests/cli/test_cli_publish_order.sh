#!/usr/bin/env bash
# `maturinh publish` gives byte-identical files for the same population,
# whatever the order of the files and of the establishments inside them, and
# whether it comes from files or from the database: every published figure is
# computed exactly (publication.md), and the disclosure control decides from
# counts and codes only.  Run on the fixtures and on a synthetic population.
#
# Usage: test_cli_publish_order.sh MATURINH SOURCE_DIR
set -u
mh=$1
src=$2
source "$(dirname "$0")/lib.sh"
cd "$src"
ref=referentiels/maturinh-cyber/maturinh-cyber.yaml
mapfile -t files < <(grep -v '^#' fixtures/answers/ORDER | grep -v '^$')

# split FILE... DIR: one answers file per establishment (document) in DIR
split_documents() {
  local dir=${*: -1}
  mkdir -p "$dir"
  awk -v dir="$dir" '
    FNR == 1 { n_file++ }
    /^---/ { if (doc != "") close(doc); doc = sprintf("%s/%02d-%05d.yaml", dir, n_file, ++n_doc); print > doc; next }
    doc != "" { print >> doc }' "${@:1:$#-1}"
}

# same NAME DIR_A DIR_B: the two publications are byte-identical
same() {
  if diff -r "$2" "$3" >"$work/diff"; then ok "$1"; else
    not_ok "$1"; head -10 "$work/diff" | sed 's/^/    /'; fi
}

# a fixed pseudo-random order (shuf with a deterministic source)
shuffled() { printf '%s\n' "$@" | shuf --random-source=<(yes maturinh); }

# ---- the fixtures
run "publish the fixtures in ORDER" 0 "$mh" publish -r "$ref" --out "$work/in-order" "${files[@]}"
mapfile -t reversed < <(printf '%s\n' "${files[@]}" | tac)
run "publish the files in reverse order" 0 "$mh" publish -r "$ref" --out "$work/reversed" "${reversed[@]}"
same "files in reverse order: the same bytes" "$work/in-order" "$work/reversed"

split_documents "${files[@]}" "$work/docs"
mapfile -t docs < <(shuffled "$work"/docs/*.yaml)
if [ "${#docs[@]}" = 41 ]; then ok "41 establishments, one file each"; else not_ok "split gave ${#docs[@]} files"; fi
run "publish the establishments shuffled" 0 "$mh" publish -r "$ref" --out "$work/shuffled" "${docs[@]}"
same "establishments shuffled: the same bytes" "$work/in-order" "$work/shuffled"

db="$work/shuffled.db"
run "import the establishments shuffled" 0 "$mh" import --db "$db" -r "$ref" "${docs[@]}"
run "publish from the database" 0 "$mh" publish --db "$db" --campaign 2025 --out "$work/from-db"
same "from the database: the same bytes" "$work/in-order" "$work/from-db"

# ---- a synthetic national population: many groups, many suppressed cells
run "generate 1,500 establishments" 0 "$mh" gen -r "$ref" --count 1500 --seed 7 -o "$work/national.yaml"
split_documents "$work/national.yaml" "$work/national"
mapfile -t national < <(shuffled "$work"/national/*.yaml)
if [ "${#national[@]}" = 1500 ]; then ok "1,500 establishments, one file each"; else not_ok "split gave ${#national[@]} files"; fi
run "publish the national population" 0 "$mh" publish -r "$ref" --out "$work/national-a" "$work/national.yaml"
printf '%s\n' "${national[@]}" | xargs cat >"$work/national-shuffled.yaml"
run "publish it shuffled" 0 "$mh" publish -r "$ref" --out "$work/national-b" "$work/national-shuffled.yaml"
same "national population shuffled: the same bytes" "$work/national-a" "$work/national-b"
run "import it shuffled" 0 "$mh" import --db "$work/national.db" -r "$ref" "$work/national-shuffled.yaml"
run "publish it from the database" 0 "$mh" publish --db "$work/national.db" --campaign 2025 --out "$work/national-db"
same "national population from the database: the same bytes" "$work/national-a" "$work/national-db"
if [ "$(grep -c ',true,' "$work/national-a/observatoire.csv")" -gt 0 ] &&
   [ "$(grep -c ',false,' "$work/national-a/observatoire.csv")" -gt 0 ]; then
  ok "the national publication has both published and suppressed groups"
else not_ok "the national publication does not exercise suppression"; fi

finish
