#!/usr/bin/env bash
# maturinh import --finess-extract: the official FINESS extract into the
# profiles of a campaign, as an ARS analyst runs it on the file of
# data.gouv.fr (fixtures/finess-extract/, written by its make.py):
# - each profile, field by field, from a UTF-8 file and from a Latin-1 one
#   (identical);
# - what is kept (--scope, --categories) and the summary, word for word, in
#   English and in French;
# - the errors (FILE:LINE:COLUMN), nothing written; re-imports; an update
#   that keeps answers, beds, OSE and GHT; the usage errors.
#
# Usage: test_cli_finess_extract.sh MATURINH SOURCE_DIR
set -u
mh=$1
src=$2
source "$(dirname "$0")/lib.sh"
need_french
cd "$src"
fr=fr_FR.UTF-8
ref=referentiels/maturinh-cyber/maturinh-cyber.yaml
dir=fixtures/finess-extract
utf8=$dir/etalab-cs1100507-stock-20260512-0400.csv
latin1=$dir/etalab-cs1100507-stock-20211015-0333.csv
export MATURINH_USER=analyste
export LC_ALL=C
unset LANGUAGE

# new_db NAME: a database holding campaign 2026 and nothing else
new_db() {
  "$mh" campaign --db "$work/$1.db" --campaign 2026 -r "$ref" --reference-date 2026-06-30 >/dev/null ||
    not_ok "campaign in $1.db"
}

# profile DB FINESS: finess_ej|name|region|departement|category|beds|ose|ght as the export gives them
profile() {
  "$mh" export --db "$work/$1.db" --campaign 2026 --finess "$2" 2>/dev/null |
    awk '/^establishment:/ { on = 1; next } on && /^[^ ]/ { exit }
         on { sub(/^  /, ""); k = $1; sub(/:$/, "", k); $1 = ""; sub(/^ /, ""); v[k] = $0 }
         END { printf "%s|%s|%s|%s|%s|%s|%s|%s\n", v["finess_ej"], v["name"], v["region"],
                      v["departement"], v["category"], v["beds"], v["ose"], v["ght"] }'
}

# ---- the UTF-8 file of today: every establishment of the table's categories
new_db utf8
run "import the UTF-8 extract" 0 "$mh" import --db "$work/utf8.db" --campaign 2026 --finess-extract "$utf8" --categories all
expect_file "the summary, in English" "$work/err" \
  "$utf8: 11 establishments (11 new, 0 updated, 0 unchanged); 19 lines skipped: 2 of other categories, 2 outside the ARS regions, 15 of another type"
if [ -s "$work/out" ]; then not_ok "nothing on stdout"; else ok "nothing on stdout"; fi

expected_profiles='010000024 010780054|"CH DE FLEYRIAT"|"84"|"01"|"355"||false|
690001235 690001243|"CLINIQUE \"LES TILLEULS\""|"84"|"69"|"128"||false|
380004564 380004572|"CH INTERCOMMUNAL DE LA VALLÉE DE L'"'"'ARVE"|"84"|"38"|"355"||false|
740007893 740007901|"CH ALPES LEMAN"|"84"|"74"|"355"||false|
380009993 380010009|"EHPAD LA VALLÉE"|"84"|"38"|"500"||false|
2A0000121 2A0000139|"CH D'"'"'AJACCIO"|"94"|"2A"|"355"||false|
2B0000202 2B0000210|"CH DE BASTIA"|"94"|"2B"|"355"||false|
970100228 970100236|"CHU DE POINTE-À-PITRE"|"01"|"971"|"101"||false|
970400586 970400594|"CHU DE LA RÉUNION"|"04"|"974"|"101"||false|
980600019 980600027|"CH DE MAYOTTE"|"06"|"976"|"355"||false|
750712184 750100018|"HÔPITAL SAINT-LOUIS"|"11"|"75"|"101"||false|'
# profiles DB: the profile of each FINESS of expected_profiles, in its order
profiles() {
  while IFS=' ' read -r finess _; do
    printf '%s %s\n' "$finess" "$(profile "$1" "$finess" | sed 's/^"\([^"]*\)"/\1/')"
  done <<<"$expected_profiles"
}
profiles utf8 >"$work/profiles-utf8"
expect_file "each profile, field by field (EJ, name, region, département, category; no beds, OSE false, no GHT)" \
  "$work/profiles-utf8" "$expected_profiles"
for gone in 750005558 690007778 986000015 975000011; do
  if "$mh" export --db "$work/utf8.db" --campaign 2026 --finess "$gone" >/dev/null 2>&1; then
    not_ok "$gone is skipped (PMI, retired category, Wallis-et-Futuna, Saint-Pierre-et-Miquelon)"
  else ok "$gone is skipped (PMI, retired category, Wallis-et-Futuna, Saint-Pierre-et-Miquelon)"; fi
done

# ---- the Latin-1 file of 2021: the same profiles
new_db latin1
run "import the Latin-1 extract" 0 "$mh" import --db "$work/latin1.db" --campaign 2026 --finess-extract "$latin1" --categories all
expect_file "the Latin-1 summary" "$work/err" \
  "$latin1: 11 establishments (11 new, 0 updated, 0 unchanged); 19 lines skipped: 2 of other categories, 2 outside the ARS regions, 15 of another type"
profiles latin1 >"$work/profiles-latin1"
expect_file "Latin-1 and UTF-8 give identical profiles" "$work/profiles-latin1" "$expected_profiles"
run "the Latin-1 file over the UTF-8 import" 0 "$mh" import --db "$work/utf8.db" --campaign 2026 --finess-extract "$latin1" --categories all
expect_grep "the other encoding changes nothing" "$work/err" "$latin1: 11 establishments (0 new, 0 updated, 11 unchanged)"

# ---- re-import: idempotent
run "the same extract again" 0 "$mh" import --db "$work/utf8.db" --campaign 2026 --finess-extract "$utf8" --categories all
expect_file "a re-import changes nothing" "$work/err" \
  "$utf8: 11 establishments (0 new, 0 updated, 11 unchanged); 19 lines skipped: 2 of other categories, 2 outside the ARS regions, 15 of another type"

# ---- French
new_db french
run "the summary, in French" 0 env LC_ALL=$fr "$mh" import --db "$work/french.db" --campaign 2026 --finess-extract "$utf8" --categories all
expect_file "the summary, in French, word for word" "$work/err" \
  "$utf8 : 11 établissements (nouveaux : 11, mis à jour : 0, inchangés : 0) ; 19 lignes ignorées : 2 d'autres catégories, 2 hors des régions des ARS, 15 d'un autre type"

# ---- --scope and --categories
new_db scope
run "--scope region:84 --categories sanitaire" 0 "$mh" import --db "$work/scope.db" --campaign 2026 --finess-extract "$utf8" --scope region:84 --categories sanitaire
expect_file "region 84, sanitaire: the summary" "$work/err" \
  "$utf8: 4 establishments (4 new, 0 updated, 0 unchanged); 26 lines skipped: 3 of other categories, 6 outside region 84, 2 outside the ARS regions, 15 of another type"
new_db fr_scope
run "the scope, in French" 0 env LC_ALL=$fr "$mh" import --db "$work/fr_scope.db" --campaign 2026 --finess-extract "$utf8" --scope region:84 --categories sanitaire
expect_file "region 84, sanitaire: the summary in French" "$work/err" \
  "$utf8 : 4 établissements (nouveaux : 4, mis à jour : 0, inchangés : 0) ; 26 lignes ignorées : 3 d'autres catégories, 6 hors de la région 84, 2 hors des régions des ARS, 15 d'un autre type"
profiles scope >"$work/profiles-scope"
if grep -q '|"500"|' "$work/profiles-scope" || grep -q '|"94"|' "$work/profiles-scope"; then
  not_ok "only the sanitaire establishments of region 84"
else ok "only the sanitaire establishments of region 84"; fi
new_db ehpad
run "--categories 500" 0 "$mh" import --db "$work/ehpad.db" --campaign 2026 --finess-extract "$utf8" --categories 500
expect_grep "--categories 500: one establishment" "$work/err" "$utf8: 1 establishment (1 new, 0 updated, 0 unchanged); 29 lines skipped: 14 of other categories, 15 of another type"
new_db medico
run "--categories medico-social" 0 "$mh" import --db "$work/medico.db" --campaign 2026 --finess-extract "$utf8" --categories medico-social
expect_grep "--categories medico-social: the EHPAD" "$work/err" "$utf8: 1 establishment (1 new"
new_db several
run "--categories 101,128 --scope region:11" 0 "$mh" import --db "$work/several.db" --campaign 2026 --finess-extract "$utf8" --categories 101,128 --scope region:11
expect_grep "--categories 101,128 --scope region:11" "$work/err" "$utf8: 1 establishment (1 new, 0 updated, 0 unchanged); 29 lines skipped: 11 of other categories, 3 outside region 11, 15 of another type"

# ---- numbers as people read them: a generated extract of a few thousand lines
/usr/bin/python3 bench/gen_finess_extract.py 2000 "$work/big.csv"
new_db big
run "a bigger extract" 0 "$mh" import --db "$work/big.db" --campaign 2026 --finess-extract "$work/big.csv" --categories all
if grep -qE '^[^ ]+: [0-9],[0-9]{3} establishments \([0-9],[0-9]{3} new, 0 updated, 0 unchanged\); [0-9],[0-9]{3} lines skipped' "$work/err"; then
  ok "English numbers: 1,234"; else not_ok "English numbers: 1,234"; sed 's/^/    /' "$work/err"; fi
en_numbers=$(grep -oE '[0-9],?[0-9]*' "$work/err" | tr -d ,)
new_db big_fr
run "a bigger extract, in French" 0 env LC_ALL=$fr "$mh" import --db "$work/big_fr.db" --campaign 2026 --finess-extract "$work/big.csv" --categories all
nnbsp=$(printf '\342\200\257')
fr_numbers=$(grep -oE "[0-9]($nnbsp)?[0-9]*" "$work/err" | sed "s/$nnbsp//g")
if [ "$en_numbers" = "$fr_numbers" ] && grep -qF "1${nnbsp}" "$work/err"; then
  ok "French numbers: the same, grouped by a narrow no-break space"
else not_ok "French numbers: the same, grouped by a narrow no-break space"; sed 's/^/    /' "$work/err"; fi

# ---- an update keeps the answers, the status, beds, OSE and GHT
new_db update
printf 'finess,finess_ej,name,region,departement,category,beds,ose,ght\n010000024,,CH FLEYRIAT (ancien nom),84,01,106,420,true,GHT BRESSE\n' >"$work/list.csv"
run "a list first" 0 "$mh" import --db "$work/update.db" --campaign 2026 "$work/list.csv"
printf 'campaign,finess,indicator,value,comment\n2026,010000024,GOUV-01-A,oui,vu en comité\n' >"$work/answers.csv"
run "an answer" 0 "$mh" import --db "$work/update.db" --campaign 2026 "$work/answers.csv"
run "the extract over it" 0 "$mh" import --db "$work/update.db" --campaign 2026 --finess-extract "$utf8" --categories all
expect_grep "one updated" "$work/err" "$utf8: 11 establishments (10 new, 1 updated, 0 unchanged)"
expect_file "the extract's fields, and beds, OSE, GHT kept" <(profile update 010000024) \
  '"010780054"|"CH DE FLEYRIAT"|"84"|"01"|"355"|420|true|"GHT BRESSE"'
"$mh" export --db "$work/update.db" --campaign 2026 --finess 010000024 >"$work/export.yaml"
expect_grep "the answer kept" "$work/export.yaml" '  GOUV-01-A: "true"'
expect_grep "its comment kept" "$work/export.yaml" '  GOUV-01-A: "vu en comité"'
run "history" 0 "$mh" history --db "$work/update.db" --campaign 2026 --finess 010000024
expect_grep "the history records the name" "$work/out" "profile.name"
expect_grep "the history records the category" "$work/out" "profile.category"
expect_grep "the history records the EJ" "$work/out" "profile.finess_ej"
if grep -q "profile.beds\|profile.ght\|profile.ose" "$work/out"; then not_ok "beds, OSE, GHT unchanged in the history"
else ok "beds, OSE, GHT unchanged in the history"; fi
run "the extract over it again" 0 "$mh" import --db "$work/update.db" --campaign 2026 --finess-extract "$utf8" --categories all
expect_grep "then unchanged" "$work/err" "$utf8: 11 establishments (0 new, 0 updated, 11 unchanged)"

# ---- errors: every one, located, nothing written
new_db bad
run "a malformed extract" 65 "$mh" import --db "$work/bad.db" --campaign 2026 --finess-extract $dir/malformed.csv --categories all
expect_file "every error, at FILE:LINE:COLUMN" "$work/err" "$dir/malformed.csv:3:13: error: invalid FINESS '690001230': wrong check digit (the Luhn key of 69000123 is 5)
$dir/malformed.csv:4:23: error: invalid FINESS EJ '38ABC': a FINESS number has 9 characters
$dir/malformed.csv:5:33: error: establishment 740007893 has no name (rs and rslongue are empty)
$dir/malformed.csv:6:98: error: unknown département 'XX': expected a code such as 01, 2A or 9A
$dir/malformed.csv:7:1: error: expected 32 fields in a structureet line, got 31
$dir/malformed.csv:9:33: error: quote not closed in this line
maturinh: $dir/malformed.csv: nothing imported"
if "$mh" export --db "$work/bad.db" --campaign 2026 --finess 010000024 >/dev/null 2>&1; then
  not_ok "nothing written (the valid line 2 neither)"; else ok "nothing written (the valid line 2 neither)"; fi
run "the errors, in French" 65 env LC_ALL=$fr "$mh" import --db "$work/bad.db" --campaign 2026 --finess-extract $dir/malformed.csv --categories all
expect_grep "French: the FINESS" "$work/err" "$dir/malformed.csv:3:13: error: FINESS invalide '690001230' : mauvaise clé de contrôle (la clé de Luhn de 69000123 est 5)"
expect_grep "French: no name" "$work/err" "$dir/malformed.csv:5:33: error: l'établissement 740007893 n'a pas de nom (rs et rslongue sont vides)"
expect_grep "French: the département" "$work/err" "$dir/malformed.csv:6:98: error: département 'XX' inconnu : un code tel que 01, 2A ou 9A est attendu"
expect_grep "French: the fields" "$work/err" "$dir/malformed.csv:7:1: error: 32 champs attendus dans une ligne structureet, 31 lus"
expect_grep "French: the quote" "$work/err" "$dir/malformed.csv:9:33: error: guillemet non fermé dans cette ligne"
printf 'finess;etalab;111;2026-05-12\nstructureet;"CH"x;\n' >"$work/after-quote.csv"
run "text after a closing quote" 65 "$mh" import --db "$work/bad.db" --campaign 2026 --finess-extract "$work/after-quote.csv"
expect_grep "text after a closing quote: the message" "$work/err" "$work/after-quote.csv:2:17: error: unexpected text after a closing quote: double a quote inside a quoted field (\"\")"
printf 'finess,finess_ej,name\n' >"$work/not-extract.csv"
both "not an extract" 65 \
  "$work/not-extract.csv:1:1: error: not a FINESS extract: the first line should be finess;etalab;N;YYYY-MM-DD" \
  "$work/not-extract.csv:1:1: error: pas un extrait FINESS : la première ligne doit être finess;etalab;N;AAAA-MM-JJ" \
  import --db "$work/bad.db" --campaign 2026 --finess-extract "$work/not-extract.csv"
both "no such campaign" 65 \
  "$utf8: error: no campaign 2099 in the database: import its answers (YAML) or create it first" \
  "$utf8: error: aucune campagne 2099 dans la base : importez ses réponses (YAML) ou créez-la d'abord" \
  import --db "$work/bad.db" --campaign 2099 --finess-extract "$utf8"

# ---- missing file, usage errors
both "a missing file" 66 "$work/none.csv: error: cannot open: " "$work/none.csv: error: impossible d'ouvrir : " \
  import --db "$work/bad.db" --campaign 2026 --finess-extract "$work/none.csv"
both "an unknown category" 64 \
  "maturinh: unknown category '999' (--categories): expected FINESS category codes of the table (101,355,...), sanitaire, medico-social or all" \
  "maturinh: catégorie '999' inconnue (--categories) : des codes de catégorie FINESS de la table (101,355,...), sanitaire, medico-social ou all sont attendus" \
  import --db "$work/bad.db" --campaign 2026 --finess-extract "$utf8" --categories 355,999
both "a retired category" 64 \
  "maturinh: category 437 was retired on 2018-10-26 (--categories)" \
  "maturinh: la catégorie 437 a été retirée le 2018-10-26 (--categories)" \
  import --db "$work/bad.db" --campaign 2026 --finess-extract "$utf8" --categories 437
both "an empty --categories" 64 \
  "maturinh: no category in --categories: give codes (101,355,...), sanitaire, medico-social or all" \
  "maturinh: aucune catégorie dans --categories : donnez des codes (101,355,...), sanitaire, medico-social ou all" \
  import --db "$work/bad.db" --campaign 2026 --finess-extract "$utf8" --categories ,
both "another scope" 64 \
  "maturinh: unknown scope 'departement:38' for a FINESS extract: expected region:CODE, an INSEE region code such as region:84" \
  "maturinh: périmètre 'departement:38' inconnu pour un extrait FINESS : region:CODE est attendu, un code de région INSEE tel que region:84" \
  import --db "$work/bad.db" --campaign 2026 --finess-extract "$utf8" --scope departement:38
both "an unknown region" 64 "maturinh: unknown scope 'region:99'" "maturinh: périmètre 'region:99' inconnu" \
  import --db "$work/bad.db" --campaign 2026 --finess-extract "$utf8" --scope region:99
both "--scope without an extract" 64 \
  "maturinh: --scope and --categories are for a FINESS extract: give it with --finess-extract FILE" \
  "maturinh: --scope et --categories sont pour un extrait FINESS : donnez-le avec --finess-extract FICHIER" \
  import --db "$work/bad.db" --campaign 2026 --scope region:84 "$utf8"
both "a file beside the extract" 64 \
  "maturinh: --finess-extract imports one file: 'other.csv' is one too many" \
  "maturinh: --finess-extract importe un seul fichier : 'other.csv' est de trop" \
  import --db "$work/bad.db" --campaign 2026 --finess-extract "$utf8" other.csv
both "-r with an extract" 64 \
  "maturinh: --finess-extract reads profiles only: no -r, --keep-going or --status with it" \
  "maturinh: --finess-extract ne lit que des profils : pas de -r, --keep-going ni --status avec lui" \
  import --db "$work/bad.db" --campaign 2026 --finess-extract "$utf8" -r "$ref"
both "no campaign given" 64 "maturinh: no campaign given: use --campaign ID" "maturinh: aucune campagne donnée : utilisez --campaign ID" \
  import --db "$work/bad.db" --finess-extract "$utf8"
run "--help names the options" 0 "$mh" import --help
expect_grep "--help: --finess-extract" "$work/out" "--finess-extract FILE"
expect_grep "--help: --categories" "$work/out" "--categories LIST"

finish
