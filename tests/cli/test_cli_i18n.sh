#!/usr/bin/env bash
# The messages follow the locale: French under LC_ALL=fr_FR.UTF-8, English
# under LC_ALL=C, the tag `error:` English in both (so that scripts and
# editors find it); and the machine outputs (score, rank and referentiel
# show CSV, JSON, XML; gen; export; publish's folder) are the same bytes in
# both.  The catalogs are those of the build tree (MATURINH_LOCALEDIR, set
# for every test in tests/CMakeLists.txt).
#
# Skipped (exit 77) when the locale fr_FR.UTF-8 is not installed (bash
# scripts/deps.sh --test generates it).
#
# Usage: test_cli_i18n.sh MATURINH SOURCE_DIR
set -u
mh=$1
src=$2
source "$(dirname "$0")/lib.sh"

need_french
fr=fr_FR.UTF-8
ref=$src/referentiels/maturinh-cyber/maturinh-cyber.yaml
rules=$src/fixtures/answers-rules
mapfile -t files < <(grep -v '^#' "$src/fixtures/answers/ORDER" | grep -v '^$' | sed "s|^|$src/|")

# ---- the program's messages
both "unknown command" 64 "maturinh: unknown command 'scor' (did you mean 'score'?)" \
  "maturinh: commande inconnue 'scor' (vouliez-vous dire 'score' ?)" scor
expect_grep "unknown command: the hint in French" "$work/err" "Essayez 'maturinh --help'."
both "unknown option" 64 "maturinh: unknown option '--detial' (did you mean '--detail'?)" \
  "maturinh: option inconnue '--detial' (vouliez-vous dire '--detail' ?)" score -r "$ref" --detial
both "a value missing" 64 "maturinh: option '--format' needs a value" \
  "maturinh: l'option '--format' attend une valeur" score -r "$ref" --format
both "a missing --finess" 64 "missing: --finess" "il manque : --finess" \
  template -r "$ref" --name x --region 11 --category 101 --campaign 2025 --reference-date 2025-06-30
both "explain without --finess" 64 "no establishment given: use --finess FINESS" \
  "aucun établissement donné : utilisez --finess FINESS" explain --campaign 2025 --db "$work/none.db"
both "a number refused" 64 "--count takes a number, not 'dix'" "--count attend un nombre, pas 'dix'" \
  gen -r "$ref" --count dix

# --help: the program's usage and a command's options
run "--help ($fr)" 0 env LC_ALL=$fr "$mh" --help
expect_grep "--help ($fr): the usage" "$work/out" "Usage : maturinh COMMANDE [OPTIONS] [FICHIERS]"
expect_grep "--help ($fr): the exit codes" "$work/out" "Code de sortie : 0 succès, 64 erreur d'usage"
expect_grep "--help ($fr): a command's summary" "$work/out" "noter les établissements (table, csv, json, xml)"
run "--help (C)" 0 env LC_ALL=C "$mh" --help
expect_grep "--help (C): the usage" "$work/out" "Usage: maturinh COMMAND [OPTIONS] [FILES]"
run "score --help ($fr)" 0 env LC_ALL=$fr "$mh" score --help
expect_grep "score --help ($fr): an option" "$work/out" "table (par défaut), csv, json, xml ou xlsx"
expect_grep "score --help ($fr): the help option" "$work/out" "afficher cette aide"
expect_grep "score --help ($fr): the usage" "$work/out" "Note chaque établissement des fichiers de réponses"
run "score --help (C)" 0 env LC_ALL=C "$mh" score --help
expect_grep "score --help (C): an option" "$work/out" "table (default), csv, json, xml or xlsx"
# the options the database commands share (cli/cmd_store.h) are translated too
run "import --help ($fr)" 0 env LC_ALL=$fr "$mh" import --help
expect_grep "import --help ($fr): --user" "$work/out" "qui fait la modification (par défaut :"
expect_grep "import --help ($fr): --keep-going" "$work/out" "importer les établissements valides, rejeter les"
expect_no_grep "import --help ($fr): no English description left" "$work/out" "who changes it"
run "export --help ($fr)" 0 env LC_ALL=$fr "$mh" export --help
expect_grep "export --help ($fr): --finess" "$work/out" "le FINESS ET de l'établissement"
# every command's usage, in French and in English
for cmd in "referentiel" "referentiel check" "referentiel show" score explain template rank publish \
  report campaign import fill submit reopen history export gen; do
  # shellcheck disable=SC2086 # (two words for referentiel's commands)
  fr_head=$(env LC_ALL=$fr "$mh" $cmd --help 2>&1 | head -1)
  c_head=$(env LC_ALL=C "$mh" $cmd --help 2>&1 | head -1)
  if [[ $fr_head == "Usage : maturinh $cmd"* && $c_head == "Usage: maturinh $cmd"* ]]; then
    ok "$cmd --help: its usage in French and in English"
  else
    not_ok "$cmd --help: '$fr_head' under $fr, '$c_head' under C"
  fi
done
# LANGUAGE chooses among the languages too (GNU gettext), LC_MESSAGES alone as well
run "LC_MESSAGES=$fr alone" 64 env -u LC_ALL -u LANGUAGE LANG=C LC_MESSAGES=$fr "$mh" scor
expect_grep "LC_MESSAGES=$fr alone: in French" "$work/err" "commande inconnue 'scor'"
run "LANGUAGE=en under $fr" 64 env LANGUAGE=en LC_ALL=$fr "$mh" scor
expect_grep "LANGUAGE=en under $fr: in English" "$work/err" "unknown command 'scor'"

# ---- the commands' messages: errors, hints and summaries
both "score: nothing written" 65 \
  "maturinh: nothing written: fix the errors above, or use --keep-going to score the valid establishments" \
  "maturinh: rien n'a été écrit : corrigez les erreurs ci-dessus, ou utilisez --keep-going pour noter les établissements valides" \
  score -r "$rules/referentiel.yaml" "$rules/invalid/integer-decimal/answers.yaml"
both "gen without --count" 64 "maturinh: give the number of establishments: --count N" \
  "maturinh: donnez le nombre d'établissements : --count N" gen -r "$ref"
both "referentiel check without a file" 64 "maturinh: no référentiel file given" \
  "maturinh: aucun fichier de référentiel donné" referentiel check
run "referentiel check ($fr)" 0 env -u LANGUAGE LC_ALL=$fr "$mh" referentiel check "$ref"
expect_grep "referentiel check ($fr): the summary in French" "$work/out" " indicateurs)"
both "publish without --out" 64 "maturinh: no output folder given: use --out DIR" \
  "maturinh: aucun dossier de sortie donné : utilisez --out DOSSIER" publish -r "$ref" "${files[0]}"
run "publish ($fr)" 0 env -u LANGUAGE LC_ALL=$fr "$mh" publish -r "$ref" --out "$work/pub" "${files[0]}"
expect_grep "publish ($fr): the summary in French" "$work/out" "établissements de la campagne 2025 publiés dans $work/pub/"
both "import without a file" 64 "maturinh: no file given" "maturinh: aucun fichier donné" import
run "campaign ($fr)" 0 env -u LANGUAGE LC_ALL=$fr "$mh" campaign --campaign 2025 -r "$ref" \
  --reference-date 2025-06-30 --db "$work/i18n.db"
expect_grep "campaign ($fr): the summary in French" "$work/out" ", date de référence 30/06/2025"
run "import ($fr)" 0 env -u LANGUAGE LC_ALL=$fr "$mh" import --campaign 2025 --db "$work/i18n.db" "${files[0]}"
expect_grep "import ($fr): the summary in French" "$work/out" "ajouté(s), 0 modifié(s), 0 inchangé(s)"
run "reopen ($fr)" 0 env -u LANGUAGE LC_ALL=$fr "$mh" reopen --campaign 2025 --db "$work/i18n.db" --finess 750102048
expect_grep "reopen ($fr): in French" "$work/out" "établissement 750102048 rouvert pour la campagne 2025"
run "fill ($fr)" 0 env -u LANGUAGE LC_ALL=$fr "$mh" fill --campaign 2025 --db "$work/i18n.db" --finess 750102048
expect_grep "fill ($fr): the help line in French" "$work/out" "Chaque réponse est enregistrée aussitôt ;"
expect_grep "fill ($fr): the next step in French" "$work/out" "Toutes les questions sont répondues : quand le comité de sécurité les aura vérifiées, lancez"
run "submit ($fr)" 0 env -u LANGUAGE LC_ALL=$fr "$mh" submit --campaign 2025 --db "$work/i18n.db" --finess 750102048
expect_grep "submit ($fr): in French" "$work/out" "établissement 750102048 soumis pour la campagne 2025"
both "submit incomplete" 65 "maturinh: establishment 910019736: 62 of 80 questions answered; missing: " \
  "maturinh: établissement 910019736 : 62 questions sur 80 répondues ; il manque : " \
  submit --campaign 2025 --db "$work/i18n.db" --finess 910019736
expect_grep "submit incomplete ($fr): what to do" "$work/err" "maturinh: rien n'a été soumis : répondez-y avec"
both "a FINESS not in the campaign" 65 "maturinh: no establishment 750712184 in campaign 2025 of" \
  "maturinh: pas d'établissement 750712184 dans la campagne 2025 de" \
  explain --campaign 2025 --db "$work/i18n.db" --finess 750712184
both "a FINESS near one of the campaign" 64 "; did you mean 750102048?" "; vouliez-vous dire 750102048 ?" \
  explain --campaign 2025 --db "$work/i18n.db" --finess 750102049
both "an output that is an input" 73 "is the référentiel this command reads: refusing to write over it" \
  "est le référentiel que lit cette commande : refus d'écrire par-dessus" \
  score -r "$ref" -o "$ref" "${files[0]}"

# ---- the library's diagnostics: the tag English, the message French
both "an answers file error" 65 \
  "integer-decimal/answers.yaml:6:11: error: establishment 750712184: 'E-01-A' expects a whole number, got '2.5'" \
  "integer-decimal/answers.yaml:6:11: error: établissement 750712184 : 'E-01-A' attend un nombre entier, reçu '2.5'" \
  score -r "$rules/referentiel.yaml" "$rules/invalid/integer-decimal/answers.yaml"
both "an unknown key" 65 "9:3: error: establishment 750712184: unknown key 'bets' in 'establishment' (did you mean 'beds'?)" \
  "9:3: error: établissement 750712184 : clé inconnue 'bets' dans 'establishment' (vouliez-vous dire 'beds' ?)" \
  score -r "$rules/referentiel.yaml" "$rules/invalid/establishment-key-typo/answers.yaml"
both "a FINESS check digit" 65 "error: establishment at line 1: invalid FINESS '750712185': wrong check digit (the Luhn key of 75071218 is 4)" \
  "error: établissement de la ligne 1 : FINESS invalide '750712185' : mauvaise clé de contrôle (la clé de Luhn de 75071218 est 4)" \
  score -r "$rules/referentiel.yaml" "$rules/invalid/finess-bad-key/answers.yaml"
both "an invalid FINESS" 65 "a FINESS number has 9 characters" "un numéro FINESS a 9 caractères" \
  score -r "$rules/referentiel.yaml" "$rules/invalid/finess-wrong-length/answers.yaml"
both "a date" 65 "is not a calendar date" "n'est pas une date du calendrier" \
  score -r "$rules/referentiel.yaml" "$rules/invalid/date-not-leap-year/answers.yaml"

# ---- the machine outputs: the same bytes in both languages (the human
# outputs, French under $fr, are tests/cli/test_cli_french_outputs.sh's)
# same NAME ARGS...: maturinh ARGS under C and under French write the same stdout
same() {
  local name=$1
  shift
  env -u LANGUAGE LC_ALL=C "$mh" "$@" >"$work/C.out" 2>"$work/C.err"
  env -u LANGUAGE LC_ALL=$fr "$mh" "$@" >"$work/fr.out" 2>"$work/fr.err"
  if [ ! -s "$work/C.out" ]; then not_ok "$name: nothing written"; head -3 "$work/C.err"
  elif cmp -s "$work/C.out" "$work/fr.out"; then ok "$name: the same bytes under C and $fr"
  else not_ok "$name differs under $fr"; diff "$work/C.out" "$work/fr.out" | head -6 | sed 's/^/    /'
  fi
}
for format in csv json xml; do
  same "score -f $format --detail" score -r "$ref" -f $format --detail "${files[@]}"
  same "score -f $format" score -r "$ref" -f $format "${files[@]}"
done
same "rank -f csv" rank -r "$ref" -f csv "${files[@]}"
same "referentiel show --format csv" referentiel show --format csv "$ref"
same "gen" gen -r "$ref" --count 30 --seed 3
for l in C $fr; do
  env -u LANGUAGE LC_ALL=$l "$mh" gen -r "$ref" --count 30 --seed 3 --format csv -o "$work/gen-$l.csv" \
    --establishments "$work/gen-list-$l.csv" 2>/dev/null
done
if [ -s "$work/gen-C.csv" ] && cmp -s "$work/gen-C.csv" "$work/gen-$fr.csv" &&
  cmp -s "$work/gen-list-C.csv" "$work/gen-list-$fr.csv"; then ok "gen --format csv: the same two files under C and $fr"
else not_ok "gen --format csv: not the same files under C and $fr"; fi
mdb=$work/i18n-machine.db
"$mh" import --db "$mdb" -r "$ref" "${files[@]}" >/dev/null 2>&1
same "score --db -f json" score --db "$mdb" --campaign 2025 -f json --detail
same "rank --db -f csv" rank --db "$mdb" --campaign 2025 -f csv
same "export" export --db "$mdb" --campaign 2025 --finess 920014503
# publish: every file of two folders made under C and under French, the same date
env -u LANGUAGE LC_ALL=C "$mh" publish -r "$ref" --out "$work/pub-C" --date 2025-09-15 "${files[@]}" >/dev/null 2>&1
env -u LANGUAGE LC_ALL=$fr "$mh" publish -r "$ref" --out "$work/pub-fr" --date 2025-09-15 "${files[@]}" >/dev/null 2>&1
if [ -z "$(ls -A "$work/pub-C" 2>/dev/null)" ]; then not_ok "publish (C): nothing written"
elif diff -r "$work/pub-C" "$work/pub-fr" >"$work/pub.diff" 2>&1; then
  ok "publish: the same files and bytes under C and $fr ($(find "$work/pub-C" -type f | wc -l) files)"
else not_ok "publish differs under $fr"; head -6 "$work/pub.diff" | sed 's/^/    /'; fi

# ---- the library's diagnostics beyond the answers reader: one per source
# (référentiel loader, CSV import, database, publication, input files)
libref=$src/fixtures/referentiel/invalid
both "a référentiel error" 65 \
  "20:13: error: 'within_days' and 'age_steps' cannot both be given: a date indicator takes exactly one of 'within_days' or 'age_steps'" \
  "20:13: error: 'within_days' et 'age_steps' ne peuvent pas être donnés ensemble : un indicateur de type date n'accepte qu'une clé parmi 'within_days' ou 'age_steps'" \
  referentiel check "$libref/date-two-methods/referentiel.yaml"
both "a référentiel's duplicate id" 65 "19:13: error: duplicate id 'GOUV-01' (first used at line 12)" \
  "19:13: error: id en double 'GOUV-01' (déjà utilisé à la ligne 12)" \
  referentiel check "$libref/duplicate-id-criteria/referentiel.yaml"
libdb=$work/i18n-lib.db
run "a campaign for the import errors" 0 "$mh" campaign --db "$libdb" --campaign 2026 -r "$ref" --reference-date 2026-06-30
printf '%s\n690781810,,Clinique A,84,69,128,120,false,\n690781810,,Clinique A bis,84,69,128,120,false,\n' \
  'finess,finess_ej,name,region,departement,category,beds,ose,ght' >"$work/i18n-list-twice.csv"
both "a CSV import error" 65 "i18n-list-twice.csv:3:1: error: establishment 690781810 already given at line 2" \
  "i18n-list-twice.csv:3:1: error: établissement 690781810 déjà donné à la ligne 2" \
  import --db "$libdb" --campaign 2026 "$work/i18n-list-twice.csv"

both "a database error" 65 "maturinh: no campaign 2099 in $libdb" "maturinh: aucune campagne 2099 dans $libdb" \
  export --db "$libdb" --campaign 2099 --finess 690781810
printf 'campaign,finess,indicator,value,comment\n2026,690781810,"GOUV-01-A,oui,\n' >"$work/i18n-quote.csv"
both "a CSV syntax error" 65 "i18n-quote.csv:2:16: error: this quoted field is never closed" \
  "i18n-quote.csv:2:16: error: ce champ entre guillemets n'est jamais fermé" \
  import --db "$libdb" --campaign 2026 "$work/i18n-quote.csv"
mkdir -p "$work/i18n-pub" && echo notes >"$work/i18n-pub/notes.txt"
both "a publication folder not ours" 73 "i18n-pub: error: not a folder written by maturinh publish (no .maturinh-publication)" \
  "i18n-pub: error: ce n'est pas un dossier écrit par maturinh publish (pas de .maturinh-publication)" \
  publish -r "$ref" --force --out "$work/i18n-pub" "${files[0]}"
both "a publication folder not ours: what to do" 73 ": refusing to replace it; choose another --out or remove it yourself" \
  " : refus de le remplacer ; choisissez un autre --out ou supprimez-le vous-même" \
  publish -r "$ref" --force --out "$work/i18n-pub" "${files[0]}"
both "an input file missing" 66 "i18n-none.yaml: error: cannot open: " "i18n-none.yaml: error: impossible d'ouvrir : " \
  score -r "$ref" "$work/i18n-none.yaml"

finish
