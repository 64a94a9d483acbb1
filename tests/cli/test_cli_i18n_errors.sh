#!/usr/bin/env bash
# One message per command and one per class of input error, in English under
# LC_ALL=C and in French under LC_ALL=fr_FR.UTF-8, the tag `error:` English
# in both (test_cli_i18n.sh covers the program's own messages, --help and the
# machine outputs).  The French is asserted word for word: a message that
# loses its translation, or a translation that loses its arguments, fails.
#
# Skipped (exit 77) when the locale fr_FR.UTF-8 is not installed.
#
# Usage: test_cli_i18n_errors.sh MATURINH SOURCE_DIR
set -u
mh=$1
src=$2
source "$(dirname "$0")/lib.sh"

need_french
need sqlite3
fr=fr_FR.UTF-8
ref=$src/referentiels/maturinh-cyber/maturinh-cyber.yaml
rules=$src/fixtures/answers-rules
hdf=$src/fixtures/answers/region-32-hauts-de-france.yaml
db=$work/i18n.db
run "a database" 0 "$mh" import --db "$db" -r "$ref" "$hdf"
in_db=$(sqlite3 "$db" 'SELECT finess FROM establishment ORDER BY finess LIMIT 1')

# ---- one per command
# import: questionnaires marked submitted with questions unanswered (a warning, exit 0)
both "import: submitted but incomplete" 0 \
  "maturinh: warning: $src/fixtures/answers/region-11-ile-de-france.yaml: 4 establishments marked submitted have unanswered questions: 780009312 (2 of 85), 940021173 (1 of 79), 920014503 (2 of 78), 750044026 (2 of 79) (what each is missing: maturinh fill --campaign 2025 --finess F, then :list)" \
  "maturinh: warning: $src/fixtures/answers/region-11-ile-de-france.yaml : 4 établissements marqués soumis ont des questions sans réponse : 780009312 (2 sur 85), 940021173 (1 sur 79), 920014503 (2 sur 78), 750044026 (2 sur 79) (ce qui manque à chacun : maturinh fill --campaign 2025 --finess F, puis :liste)" \
  import --db "$work/incomplete.db" -r "$ref" "$src/fixtures/answers/region-11-ile-de-france.yaml"
both "rank: an unknown scope" 64 \
  "maturinh: unknown scope 'region:99': expected national, region:CODE (one of the 18 INSEE region codes)" \
  "maturinh: périmètre 'region:99' inconnu : national, region:CODE (l'un des 18 codes de région INSEE)" \
  rank --db "$db" --campaign 2025 --scope region:99
both "report: a FINESS not in the campaign" 65 "maturinh: no establishment 750712184 in campaign 2025" \
  "maturinh: pas d'établissement 750712184 dans la campagne 2025" \
  report --db "$db" --campaign 2025 --finess 750712184 --html "$work/r.html"
touch "$work/mine.html"
both "report: a file of the user's" 73 "maturinh: $work/mine.html exists: give --force to replace it" \
  "maturinh: $work/mine.html existe : donnez --force pour le remplacer" \
  report --db "$db" --campaign 2025 --finess "$in_db" --html "$work/mine.html"
both "history: a FINESS not in the campaign" 65 "maturinh: no establishment 750712184 in campaign 2025 of $db" \
  "maturinh: pas d'établissement 750712184 dans la campagne 2025 de $db" \
  history --db "$db" --campaign 2025 --finess 750712184
both "referentiel show: no such file" 66 "nope.yaml: error: cannot open: No such file or directory" \
  "nope.yaml: error: impossible d'ouvrir : Aucun fichier ou dossier de ce type" \
  referentiel show "$work/nope.yaml"
both "campaign: an empty id" 64 "maturinh: invalid --campaign: the campaign id is empty" \
  "maturinh: --campaign invalide : l'id de campagne est vide" \
  campaign --db "$db" --campaign "" -r "$ref" --reference-date 2025-06-30
both "publish: a date not in the calendar" 64 "maturinh: invalid --date '2025-02-30': 2025-02-30 is not a calendar date" \
  "maturinh: --date '2025-02-30' invalide : 2025-02-30 n'est pas une date du calendrier" \
  publish --db "$db" --campaign 2025 --date 2025-02-30 --out "$work/pub"
both "template: a reference date not in the calendar" 64 \
  "maturinh: invalid reference date '2025-13-30': 2025-13-30 is not a calendar date" \
  "maturinh: date de référence invalide '2025-13-30' : 2025-13-30 n'est pas une date du calendrier" \
  template -r "$ref" --finess 750712184 --name x --region 11 --category 101 --campaign 2025 --reference-date 2025-13-30
both "gen: a reference date not in the calendar" 64 \
  "maturinh: invalid reference date '2025-02-30': 2025-02-30 is not a calendar date" \
  "maturinh: date de référence invalide '2025-02-30' : 2025-02-30 n'est pas une date du calendrier" \
  gen -r "$ref" --count 2 --reference-date 2025-02-30
both "export: a FINESS one digit away" 64 "did you mean $in_db?" "vouliez-vous dire $in_db ?" \
  export --db "$db" --campaign 2025 --finess "${in_db:0:8}$(((${in_db:8:1} + 1) % 10))"
both "gen: two outputs that are one file" 64 "maturinh: -o and --establishments name the same file (-): give each its own" \
  "maturinh: -o et --establishments désignent le même fichier (-) : donnez à chacun le sien" \
  gen -r "$ref" --count 2 -f csv -o - --establishments -

# ---- one per class of input error (answers files)
# error NAME FIXTURE ENGLISH FRENCH: score on fixtures/answers-rules/invalid/FIXTURE
error() {
  both "$1" 65 "$2/answers.yaml:$3" "$2/answers.yaml:$4" \
    score -r "$rules/referentiel.yaml" "$rules/invalid/$2/answers.yaml"
}
error "a YAML syntax error, libyaml's words too" syntax-error-second-document \
  "14:9: error: establishment 130783293: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence at line 13, column 11)" \
  "14:9: error: établissement 130783293 : erreur de syntaxe YAML : la ',' ou le ']' attendu est absent (dans une liste entre crochets à la ligne 13, colonne 11)"
error "an anchor" anchor-alias \
  "6:11: error: establishment 130783293: YAML anchors are not accepted (&r)" \
  "6:11: error: établissement 130783293 : les ancres YAML ne sont pas acceptées (&r)"
error "a duplicate key" duplicate-answer-key \
  "8:3: error: establishment 750712184: duplicate key 'B-01-A' (first given at line 6)" \
  "8:3: error: établissement 750712184 : clé en double 'B-01-A' (donnée d'abord à la ligne 6)"
error "an unknown indicator" unknown-indicator \
  "7:3: error: establishment 750712184: unknown indicator 'B-01-Z' (not in référentiel regles 1)" \
  "7:3: error: établissement 750712184 : indicateur inconnu 'B-01-Z' (absent du référentiel regles 1)"
error "a value out of range" percent-above-100 \
  "6:11: error: establishment 750712184: 'P-01-A' is a percentage from 0 to 100, got 120" \
  "6:11: error: établissement 750712184 : 'P-01-A' est un pourcentage de 0 à 100, reçu 120"
error "a value of the wrong form" percent-with-sign \
  "6:11: error: establishment 750712184: 'P-01-A' expects a percentage from 0 to 100, got '95 %'" \
  "6:11: error: établissement 750712184 : 'P-01-A' attend un pourcentage de 0 à 100, reçu '95 %'"
error "a choice not among the options" choice-unknown \
  "6:11: error: establishment 750712184: 'C-01-A' expects one of aucune, partielle, complete; got 'totale'" \
  "6:11: error: établissement 750712184 : 'C-01-A' attend l'une des valeurs aucune, partielle, complete ; reçu 'totale'"
error "a boolean" boolean-unknown \
  "6:11: error: establishment 750712184: 'B-01-A' expects oui or non (true or false), got 'peut-être'" \
  "6:11: error: établissement 750712184 : 'B-01-A' attend oui ou non (true ou false), reçu 'peut-être'"
error "na where not allowed" na-not-allowed \
  "6:11: error: establishment 750712184: 'B-01-A' cannot be answered na: this indicator does not allow it" \
  "6:11: error: établissement 750712184 : 'B-01-A' ne peut pas être répondu na : cet indicateur ne le permet pas"
error "a date before 1900" date-before-1900 \
  "7:11: error: establishment 750712184: 'D-01-A' 1899-12-31 is before 1900" \
  "7:11: error: établissement 750712184 : 'D-01-A' 1899-12-31 est antérieure à 1900"
error "a date after the reference date" date-after-reference \
  "6:11: error: establishment 750712184: 'D-01-A' 2025-07-01 is after the campaign's reference date 2025-06-30" \
  "6:11: error: établissement 750712184 : 'D-01-A' 2025-07-01 est postérieure à la date de référence de la campagne, 2025-06-30"
error "a date in the French form, in a file" date-french-format \
  "6:11: error: establishment 750712184: 'D-01-A' expects a date YYYY-MM-DD or jamais, got '14/03/2025'" \
  "6:11: error: établissement 750712184 : 'D-01-A' attend une date AAAA-MM-JJ ou jamais, reçu '14/03/2025'"
error "a text too long" text-too-long \
  "8:11: error: establishment 130783293: this text is 66000 bytes long: the limit is 64 KiB" \
  "8:11: error: établissement 130783293 : ce texte fait 66000 octets : la limite est de 64 Kio"
error "invalid UTF-8" invalid-utf8 \
  "8:17: error: invalid UTF-8: the character starting with byte 0xE9 is cut short" \
  "8:17: error: UTF-8 invalide : le caractère commençant par l'octet 0xE9 est tronqué"
both "a file without an establishment" 65 "no-establishment-empty-file/answers.yaml: error: no establishment in this file" \
  "no-establishment-empty-file/answers.yaml: error: aucun établissement dans ce fichier" \
  score -r "$rules/referentiel.yaml" "$rules/invalid/no-establishment-empty-file/answers.yaml"

# ---- a database whose stored référentiel was damaged (by hand): named as such
cp "$db" "$work/damaged.db"
sqlite3 "$work/damaged.db" "UPDATE referentiel SET yaml = CAST('id: [' AS BLOB)"
both "a damaged stored référentiel" 65 \
  "damaged.db (référentiel maturinh-cyber 2025.1 of campaign 2025):2:1: error: YAML syntax error: did not find expected node content" \
  "damaged.db (référentiel maturinh-cyber 2025.1 de la campagne 2025):2:1: error: erreur de syntaxe YAML : le contenu de nœud attendu est absent" \
  score --db "$work/damaged.db" --campaign 2025

# ---- a database another program holds: exit 75, the message in both languages
hold_database "$db"
export MATURINH_BUSY_TIMEOUT=1
both "a database in use" 75 \
  "maturinh: the database $db is in use by another maturinh (an import?) and stayed so for 1 s: nothing was changed; run this again when it is done" \
  "maturinh: la base de données $db est utilisée par un autre maturinh (un import ?) et l'est restée pendant 1 s : rien n'a été modifié ; relancez quand il aura fini" \
  submit --db "$db" --campaign 2025 --finess "$in_db" --incomplete
unset MATURINH_BUSY_TIMEOUT
release_database

finish
