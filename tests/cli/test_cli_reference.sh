#!/usr/bin/env bash
# The reference tables the project ships (engine/data/): an establishment's
# category must be a FINESS category of the table, not a retired one; its
# département must be one of its region; a FINESS registered in a
# département of another region only gets a warning (a move or a merger of
# regions explains it).  In answers files (YAML) and establishment lists
# (CSV), every message word for word in English and in French.
#
# Usage: test_cli_reference.sh MATURINH SOURCE_DIR
set -u
mh=$1
src=$2
source "$(dirname "$0")/lib.sh"

need_french
fr=fr_FR.UTF-8
worked=$src/fixtures/answers/worked-example
ref=$worked/referentiel.yaml

# answers FILE FIELD VALUE: the worked example with one profile line changed
answers() {
  sed "s|^  $2: .*|  $2: $3|" "$worked/answers.yaml" >"$1"
}

# ---- categories: unknown, retired, not three digits
answers "$work/unknown.yaml" category '"999"'
both "an unknown category" 65 \
  "unknown.yaml:14:13: error: establishment 010780914: unknown category '999': not a FINESS category code MaturiN'H knows (355 Centre Hospitalier, 500 EHPAD...: docs/categories.md lists them)" \
  "unknown.yaml:14:13: error: établissement 010780914 : catégorie inconnue '999' : ce n'est pas un code de catégorie FINESS que MaturiN'H connaît (355 Centre Hospitalier, 500 EHPAD... : docs/categories.md les liste)" \
  score -r "$ref" "$work/unknown.yaml"
expect_no_grep "an unknown category: nothing scored" "$work/out" "010780914"

answers "$work/retired.yaml" category '"437"'
both "a retired category" 65 \
  "retired.yaml:14:13: error: establishment 010780914: category 437 (Foyer d'accueil médicalisé pour adultes handicapés (F.A.M.)) was retired from FINESS on 2018-10-26: give the establishment's category of today" \
  "retired.yaml:14:13: error: établissement 010780914 : la catégorie 437 (Foyer d'accueil médicalisé pour adultes handicapés (F.A.M.)) a été supprimée de FINESS le 2018-10-26 : indiquez la catégorie actuelle de l'établissement" \
  score -r "$ref" "$work/retired.yaml"

# every code of the shipped table is accepted, the retired ones refused
while IFS=$'\t' read -r code sector retired label; do
  answers "$work/c.yaml" category "\"$code\""
  if [ "$retired" = - ]; then want=0; else want=65; fi
  "$mh" score -r "$ref" "$work/c.yaml" >/dev/null 2>&1
  rc=$?
  if [ "$rc" -eq "$want" ]; then ok "category $code ($sector, retired $retired): exit $want"; else not_ok "category $code: exit $rc, expected $want"; fi
done < <(grep -v '^#' "$src/engine/data/categories.tsv")

# docs/categories.md, where the message sends people, lists every row of the tables
missing=0
while IFS=$'\t' read -r code sector retired label; do
  grep -qF "| $code | " "$src/docs/categories.md" || { missing=1; not_ok "docs/categories.md lacks category $code"; }
done < <(grep -v '^#' "$src/engine/data/categories.tsv")
while IFS=$'\t' read -r code region name; do
  grep -qF "$code $name" "$src/docs/categories.md" || { missing=1; not_ok "docs/categories.md lacks département $code"; }
done < <(grep -v '^#' "$src/engine/data/departements.tsv")
[ "$missing" = 0 ] && ok "docs/categories.md lists every category and département"

# ---- a département of another region: an error
answers "$work/dep.yaml" departement '"75"'
both "a département of another region" 65 \
  "dep.yaml:13:16: error: establishment 010780914: département 75 (Paris) is in region 11 (Île-de-France), not in region 84 (Auvergne-Rhône-Alpes)" \
  "dep.yaml:13:16: error: établissement 010780914 : le département 75 (Paris) est dans la région 11 (Île-de-France), pas dans la région 84 (Auvergne-Rhône-Alpes)" \
  score -r "$ref" "$work/dep.yaml"
answers "$work/corse.yaml" departement '"2B"'
sed -i 's|^  region: .*|  region: "94"|' "$work/corse.yaml"
run "Haute-Corse is in Corse" 0 "$mh" score -r "$ref" -f csv "$work/corse.yaml"
expect_grep "Haute-Corse is in Corse: scored" "$work/out" "010780914,2025,submitted,41.666667,0,1.000000"
expect_grep "Haute-Corse: the FINESS of the Ain is only a warning" "$work/err" \
  "corse.yaml:10:11: warning: establishment 010780914: the FINESS number is one of département 01 (Ain, region 84), not of region 94 (Corse) as stated: right after a move or a merger of regions, else check the region"

# ---- a FINESS of another region: a warning, and the score as without it
answers "$work/moved.yaml" region '"11"'
sed -i '/^  departement: /d' "$work/moved.yaml"
both "a FINESS of another region" 0 \
  "moved.yaml:10:11: warning: establishment 010780914: the FINESS number is one of département 01 (Ain, region 84), not of region 11 (Île-de-France) as stated: right after a move or a merger of regions, else check the region" \
  "moved.yaml:10:11: warning: établissement 010780914 : le numéro FINESS est celui d'un établissement du département 01 (Ain, région 84), pas de la région 11 (Île-de-France) indiquée : c'est juste après un déménagement ou une fusion de régions, sinon vérifiez la région" \
  score -r "$ref" -f csv "$work/moved.yaml"
expect_grep "a FINESS of another region: scored all the same" "$work/out" "010780914,2025,submitted,41.666667,0,1.000000"
run "the worked example itself: no warning" 0 "$mh" score -r "$ref" "$worked/answers.yaml"
expect_no_grep "the worked example: no warning" "$work/err" "warning"

# ---- the same rules in an establishment list (CSV) imported into the database
db=$work/m.db
run "a campaign" 0 "$mh" import --db "$db" -r "$ref" "$worked/answers.yaml"
run "reopened, to change its profile" 0 "$mh" reopen --db "$db" --campaign 2025 --finess 010780914
header='finess,finess_ej,name,region,departement,category,beds,ose,ght'
printf '%s\n010780914,,CH de l'"'"'exemple,84,01,999,,false,\n' "$header" >"$work/list.csv"
both "CSV: an unknown category" 65 \
  "list.csv:2:1: error: establishment 010780914: unknown category '999'" \
  "list.csv:2:1: error: établissement 010780914 : catégorie inconnue '999'" \
  import --db "$db" --campaign 2025 "$work/list.csv"
printf '%s\n010780914,,CH de l'"'"'exemple,84,2A,355,,false,\n' "$header" >"$work/list.csv"
both "CSV: a département of another region" 65 \
  "list.csv:2:1: error: establishment 010780914: département 2A (Corse-du-Sud) is in region 94 (Corse), not in region 84 (Auvergne-Rhône-Alpes)" \
  "list.csv:2:1: error: établissement 010780914 : le département 2A (Corse-du-Sud) est dans la région 94 (Corse), pas dans la région 84 (Auvergne-Rhône-Alpes)" \
  import --db "$db" --campaign 2025 "$work/list.csv"
printf '%s\n010780914,,CH de l'"'"'exemple,11,,355,,false,\n' "$header" >"$work/list.csv"
both "CSV: a FINESS of another region" 0 \
  "list.csv:2:1: warning: 010780914: the FINESS number is one of département 01 (Ain, region 84), not of region 11 (Île-de-France) as stated" \
  "list.csv:2:1: warning: 010780914 : le numéro FINESS est celui d'un établissement du département 01 (Ain, région 84), pas de la région 11 (Île-de-France) indiquée" \
  import --db "$db" --campaign 2025 "$work/list.csv"
run "CSV: the profile was saved with its region" 0 "$mh" export --db "$db" --campaign 2025 --finess 010780914
expect_grep "CSV: region 11 stored" "$work/out" 'region: "11"'

finish
