#!/usr/bin/env bash
# The human outputs speak the language of the messages, in its conventions:
# French words, numbers (41,7; 12,5 % with a no-break space) and dates
# (30/06/2025) under LC_ALL=fr_FR.UTF-8, English words, 41.7, 12.5% and ISO
# dates under LC_ALL=C: the score table and its --detail, explain, rank,
# history, template and referentiel show.  Level 0 has one wording, "Aucun
# niveau atteint" ("No level reached" in English), and the JSON keeps the
# French one in every locale.  The machine outputs are compared under both
# locales by tests/cli/test_cli_i18n.sh.
#
# Skipped (exit 77) when the locale fr_FR.UTF-8 is not installed (bash
# scripts/deps.sh --test generates it).
#
# Usage: test_cli_french_outputs.sh MATURINH SOURCE_DIR
set -u
mh=$1
src=$2
source "$(dirname "$0")/lib.sh"

need_french
fr=fr_FR.UTF-8
nbsp=$(printf '\302\240')
ref=$src/referentiels/maturinh-cyber/maturinh-cyber.yaml
worked=$src/fixtures/answers/worked-example
mapfile -t files < <(grep -v '^#' "$src/fixtures/answers/ORDER" | grep -v '^$' | sed "s|^|$src/|")

# en NAME ARGS... / fr NAME ARGS...: maturinh ARGS in English (C) or in French
en() { local name=$1; shift; run "$name (C)" 0 env -u LANGUAGE LC_ALL=C "$mh" "$@"; }
fr() { local name=$1; shift; run "$name ($fr)" 0 env -u LANGUAGE LC_ALL=$fr "$mh" "$@"; }

# ---- score, the table: the worked example scores 41.7, level 0
en "score table" score -r "$worked/referentiel.yaml" --detail "$worked/answers.yaml"
expect_grep "score (C): the headings" "$work/out" "finess    name                                 status     score  level"
expect_grep "score (C): the score, level 0 and completeness" "$work/out" \
  "submitted   41.7  0 No level reached         100.0%  0/1"
expect_grep "score (C): a criterion not achieved" "$work/out" "not achieved      0.0%"
expect_grep "score (C): a criterion partial" "$work/out" "partial          75.0%"
expect_grep "score (C): a domain's score" "$work/out" "83.3"
expect_no_grep "score (C): no machine status name" "$work/out" "not_achieved"
fr "score table" score -r "$worked/referentiel.yaml" --detail "$worked/answers.yaml"
expect_grep "score ($fr): the headings" "$work/out" "finess    nom                                  statut     score  niveau                   complétude  prioritaires"
expect_grep "score ($fr): the score, level 0 and completeness (a no-break space)" "$work/out" \
  "soumis      41,7  0 Aucun niveau atteint      100,0${nbsp}%  0/1"
expect_grep "score ($fr): a criterion non atteint" "$work/out" "non atteint      0,0${nbsp}%"
expect_grep "score ($fr): a criterion partiel" "$work/out" "partiel         75,0${nbsp}%"
expect_grep "score ($fr): a criterion atteint" "$work/out" "atteint        100,0${nbsp}%"
expect_grep "score ($fr): a domain's score" "$work/out" "83,3"
expect_no_grep "score ($fr): no English status" "$work/out" "achieved"
expect_no_grep "score ($fr): no decimal point" "$work/out" "41.7"
# the référentiel's English texts, when it has them, in the English table
en "score table, cyber" score -r "$ref" --detail "${files[0]}"
expect_grep "score (C): a domain's English title" "$work/out" "Information security governance"
fr "score table, cyber" score -r "$ref" --detail "${files[0]}"
expect_grep "score ($fr): the domain's French title" "$work/out" "Gouvernance et pilotage de la sécurité des SI"
# level 0 in the JSON: the French wording in every locale
for l in C $fr; do
  run "score json ($l)" 0 env -u LANGUAGE LC_ALL=$l "$mh" score -r "$worked/referentiel.yaml" -f json "$worked/answers.yaml"
  expect_grep "score json ($l): level 0's label" "$work/out" '"level_label": "Aucun niveau atteint"'
done

# ---- explain
en "explain" explain -r "$worked/referentiel.yaml" "$worked/answers.yaml"
expect_grep "explain (C): the global score" "$work/out" "Global score           41.7 / 100"
expect_grep "explain (C): level 0" "$work/out" "Maturity level         0 No level reached"
expect_grep "explain (C): the completeness" "$work/out" "Completeness           100% (5 of 5 applicable indicators answered)"
expect_grep "explain (C): the reference date" "$work/out" "(reference date 2025-06-30), submitted"
expect_grep "explain (C): a status and its percentage" "$work/out" "partial, 75% [level 1, mean, mesure prioritaire]"
expect_grep "explain (C): what pulls it down" "$work/out" "<- pulls it down"
expect_no_grep "explain (C): no machine status name" "$work/out" "not_achieved"
expect_grep "explain (C): a boolean answer" "$work/out" "- GOUV-01-A  answer true -> 100%"
expect_grep "explain (C): a date answer, ISO" "$work/out" "- CRISE-01-A  answer 2024-05-01 -> 0%  <- pulls it down"
fr "explain" explain -r "$worked/referentiel.yaml" "$worked/answers.yaml"
expect_grep "explain ($fr): the global score" "$work/out" "Score global           41,7 / 100"
expect_grep "explain ($fr): level 0" "$work/out" "Niveau de maturité     0 Aucun niveau atteint"
expect_grep "explain ($fr): the completeness" "$work/out" "Complétude             100${nbsp}% (5 sur 5 indicateurs applicables répondus)"
expect_grep "explain ($fr): the reference date" "$work/out" "(date de référence 30/06/2025), soumise"
expect_grep "explain ($fr): a status and its percentage" "$work/out" "partiel, 75${nbsp}% [niveau 1, moyenne, mesure prioritaire]"
expect_grep "explain ($fr): what pulls it down" "$work/out" "<- le fait baisser"
expect_grep "explain ($fr): the domain" "$work/out" "GOUV  Gouvernance : 83,3 / 100"
expect_grep "explain ($fr): the action plan" "$work/out" "Plan d'action : "
expect_grep "explain ($fr): a gain" "$work/out" "points, mesure prioritaire, aujourd'hui partiel"
expect_grep "explain ($fr): a boolean answer as oui" "$work/out" "- GOUV-01-A  réponse oui -> 100${nbsp}%"
expect_grep "explain ($fr): a date answer as 01/05/2024" "$work/out" "- CRISE-01-A  réponse 01/05/2024 -> 0${nbsp}%  <- le fait baisser"
rules=$src/fixtures/answers-rules
run "explain jamais ($fr)" 0 env -u LANGUAGE LC_ALL=$fr "$mh" explain -r "$rules/referentiel.yaml" "$rules/valid/date-jamais-quoted/answers.yaml"
expect_grep "explain ($fr): never as jamais" "$work/out" "- D-01-A  réponse jamais -> 0${nbsp}%  <- le fait baisser"
for s in achieved not_achieved partial "pulls it down" "Action plan"; do
  expect_no_grep "explain ($fr): no '$s'" "$work/out" "$s"
done

# ---- rank
en "rank" rank -r "$ref" "${files[@]}"
expect_grep "rank (C): the headings" "$work/out" " rank  finess     name"
expect_grep "rank (C): a praised establishment" "$work/out" "100.0      5  yes"
expect_grep "rank (C): what the category codes mean" "$work/out" "categories:"
expect_grep "rank (C): a category and its label" "$work/out" "  355  Centre Hospitalier (C.H.)"
expect_grep "rank (C): a region and its name" "$work/out" "  84   Auvergne-Rhône-Alpes"
fr "rank" rank -r "$ref" "${files[@]}"
expect_grep "rank ($fr): the headings, each column as wide as its title" "$work/out" "région  catégorie   score  niveau  salué    progrès"
expect_grep "rank ($fr): a praised establishment" "$work/out" "100,0       5  oui"
expect_grep "rank ($fr): the legend in French" "$work/out" "catégories :"
expect_grep "rank ($fr): the regions in French" "$work/out" "régions :"

# ---- template: the comments in the language, the YAML the same
tpl=(template -r "$ref" --finess 750712184 --name "CH de l'Essai" --region 11 --category 101
  --campaign 2025 --reference-date 2025-06-30 --beds 1200)
en "template" "${tpl[@]}"
cp "$work/out" "$work/template-C.yaml"
expect_grep "template (C): a date's hint says never" "$work/out" \
  "#   answer: a date YYYY-MM-DD, not after 2025-06-30,"
expect_grep "template (C): never" "$work/out" "#   or never if it never took place (it then scores 0)"
expect_grep "template (C): a criterion" "$work/out" "(level 1, mesure prioritaire)"
fr "template" "${tpl[@]}"
cp "$work/out" "$work/template-fr.yaml"
expect_grep "template ($fr): a date's hint" "$work/out" "#   réponse : une date AAAA-MM-JJ, au plus tard le 30/06/2025,"
expect_grep "template ($fr): jamais" "$work/out" "#   ou jamais si cela n'a jamais eu lieu (la note est alors 0)"
expect_grep "template ($fr): a boolean's hint" "$work/out" "#   réponse : oui ou non"
expect_grep "template ($fr): a criterion" "$work/out" "(niveau 1, mesure prioritaire)"
expect_grep "template ($fr): the header" "$work/out" "# Réponses de CH de l'Essai (FINESS 750712184) au référentiel maturinh-cyber"
if diff <(grep -v '^ *#' "$work/template-C.yaml") <(grep -v '^ *#' "$work/template-fr.yaml") >/dev/null; then
  ok "template: the same YAML under both, only the comments differ"
else not_ok "template: the YAML itself differs under $fr"; fi
run "template ($fr) loads back" 0 env -u LANGUAGE LC_ALL=$fr "$mh" score -r "$ref" -f csv "$work/template-fr.yaml"

# ---- history: French dates, columns sized to their longest value
db=$work/h.db
run "import" 0 "$mh" import --db "$db" -r "$ref" --user analyste "${files[0]}"
run "reopen" 0 "$mh" reopen --db "$db" --campaign 2025 --finess 920014503 --user ars
printf 'finess,finess_ej,name,region,departement,category,beds,ose,ght\n920014503,,Clinique des Tilleuls,11,93,128,,false,\n' >"$work/list.csv"
run "a profile change" 0 "$mh" import --db "$db" --campaign 2025 --user ars "$work/list.csv"
printf 'campaign,finess,indicator,value,comment\n2025,920014503,GOUV-01-A,oui,vu en comité\n' >"$work/answers.csv"
run "an answer with a comment" 0 "$mh" import --db "$db" --campaign 2025 --user rssi "$work/answers.csv"
en "history" history --db "$db" --campaign 2025 --finess 920014503
expect_grep "history (C): the headings" "$work/out" "when (UTC)            who           what"
if grep -qE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z  analyste ' "$work/out"; then
  ok "history (C): the ISO time"; else not_ok "history (C): no ISO time"; sed 's/^/    /' "$work/out" | head -3; fi
expect_grep "history (C): (none)" "$work/out" "(none) -> "
expect_grep "history (C): a comment" "$work/out" "  comment: vu en comité"
fr "history" history --db "$db" --campaign 2025 --finess 920014503
expect_grep "history ($fr): the headings" "$work/out" "quand (UTC)       qui           quoi"
if grep -qE '^[0-9]{2}/[0-9]{2}/[0-9]{4} [0-9]{2}:[0-9]{2}  analyste ' "$work/out"; then
  ok "history ($fr): the time as 30/06/2025 14:05"; else not_ok "history ($fr): no French time"; sed 's/^/    /' "$work/out" | head -3; fi
expect_grep "history ($fr): (vide)" "$work/out" "(vide) -> "
expect_grep "history ($fr): the old -> new heading" "$work/out" "avant -> après"
expect_grep "history ($fr): a comment" "$work/out" "  commentaire : vu en comité"
# the what column as wide as profile.departement, every value after it aligned
if grep -q 'profile.departement' "$work/out"; then
  expect_grep "history ($fr): profile.departement fits its column" "$work/out" "profile.departement  92 -> 93"
  expect_grep "history ($fr): a short what padded to it" "$work/out" "GOUV-01-A            (vide) -> "
else not_ok "history: no change of profile.departement"; sed 's/^/    /' "$work/out" | tail -3; fi

# ---- referentiel show
en "referentiel show" referentiel show "$worked/referentiel.yaml"
expect_grep "referentiel show (C): the contents" "$work/out" "  contents     2 domains, 3 criteria, 5 indicators"
expect_grep "referentiel show (C): a criterion" "$work/out" "[level 1, weight 2, mean, prioritaire]"
fr "referentiel show" referentiel show "$worked/referentiel.yaml"
expect_grep "referentiel show ($fr): the contents" "$work/out" "  contenu      2 domaines, 3 critères, 5 indicateurs"
expect_grep "referentiel show ($fr): the levels" "$work/out" "  niveaux      1 Socle, 2 Avancé"
expect_grep "referentiel show ($fr): a criterion" "$work/out" "[niveau 1, poids 2, mean, prioritaire]"
expect_grep "referentiel show ($fr): na allowed" "$work/out" "na permis"

# ---- the report (always French): level 0 in its one wording, French statuses
run "report" 0 env -u LANGUAGE LC_ALL=C "$mh" report -r "$worked/referentiel.yaml" --finess 010780914 \
  --html "$work/report.html" "$worked/answers.yaml"
expect_grep "report: level 0" "$work/report.html" "0 (Aucun niveau atteint)"
expect_grep "report: a French status" "$work/report.html" ">non atteint<"
expect_no_grep "report: no machine status name" "$work/report.html" "not_achieved"

# ---- gen's diagnostic of a reference date (engine/src/generate.c), in both languages
run "gen, a wrong date (C)" 64 env -u LANGUAGE LC_ALL=C "$mh" gen -r "$ref" --count 2 --reference-date 2025-02-30
expect_grep "gen (C): the date's message" "$work/err" "invalid reference date '2025-02-30': 2025-02-30 is not a calendar date"
run "gen, a wrong date ($fr)" 64 env -u LANGUAGE LC_ALL=$fr "$mh" gen -r "$ref" --count 2 --reference-date 2025-02-30
expect_grep "gen ($fr): the date's message" "$work/err" "date de référence invalide '2025-02-30' : 2025-02-30 n'est pas une date du calendrier"

# ---- the observatoire's pages (always French) and the XML: the same wording
run "a population" 0 "$mh" gen -r "$ref" --count 300 --seed 4 -o "$work/population.yaml"
run "publish" 0 env -u LANGUAGE LC_ALL=C "$mh" publish -r "$ref" --out "$work/pub" --date 2025-09-15 "$work/population.yaml"
expect_grep "publish: level 0 in the page" "$work/pub/index.html" "0 — Aucun niveau atteint"
run "score xml" 0 env -u LANGUAGE LC_ALL=$fr "$mh" score -r "$worked/referentiel.yaml" -f xml "$worked/answers.yaml"
expect_grep "score xml ($fr): level 0's label" "$work/out" 'level="0" level-label="Aucun niveau atteint"'

finish
