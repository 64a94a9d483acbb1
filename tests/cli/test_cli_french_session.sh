#!/usr/bin/env bash
# A CISO's whole session, as issue "French throughout" asks: campaign,
# import, template, fill (piped), explain, score, rank, report and history,
# once under LC_ALL=fr_FR.UTF-8 and once under LC_ALL=C.  In French, none of
# the program's English words shows; in English, none of its French words
# (the référentiel's own texts, its questions and titles, are French data in
# both; the report, a document for the establishment's board, is French in
# both).  A few lines of each command are asserted word for word.
#
# Skipped (exit 77) when the locale fr_FR.UTF-8 is not installed.
#
# Usage: test_cli_french_session.sh MATURINH SOURCE_DIR
set -u
mh=$1
src=$2
source "$(dirname "$0")/lib.sh"

need_french
ref=$src/referentiels/maturinh-cyber/maturinh-cyber.yaml
nbsp=$'\xc2\xa0' # U+00A0 (bytes: \u needs a UTF-8 locale to parse)

# session LOCALE: the whole session in $work/LOCALE, its outputs in $work/LOCALE.out
session() {
  local dir=$work/$1
  mkdir -p "$dir"
  (
    cd "$dir" || exit 1
    export LC_ALL=$1
    unset LANGUAGE
    "$mh" campaign --db s.db --campaign 2025 -r "$ref" --reference-date 2025-06-30
    "$mh" import --db s.db --campaign 2025 "$src/fixtures/answers/region-53-bretagne.yaml"
    "$mh" template -r "$ref" --finess 290000017 --name "CH de Morlaix" --region 53 --category 355 \
      --campaign 2025 --reference-date 2025-06-30 -o t.yaml
    "$mh" import --db s.db --campaign 2025 t.yaml
    printf 'o\n4\nValidée\n30/06/2024\n\n:liste\n:fin\n' |
      "$mh" fill --db s.db --campaign 2025 --finess 290000017 --user rssi
    "$mh" explain --db s.db --campaign 2025 --finess 290000017
    "$mh" score --db s.db --campaign 2025
    "$mh" rank --db s.db --campaign 2025
    "$mh" report --db s.db --campaign 2025 --finess 290000017 --html r.html
    "$mh" history --db s.db --campaign 2025 --finess 290000017
  ) >"$work/$1.out" 2>&1
  echo $? >"$work/$1.status"
}
session fr_FR.UTF-8
session C
fr=$work/fr_FR.UTF-8.out
en=$work/C.out
[ "$(cat "$work/fr_FR.UTF-8.status")" = 0 ] && ok "the French session: every command succeeds" ||
  { not_ok "the French session failed"; tail -5 "$fr"; }
[ "$(cat "$work/C.status")" = 0 ] && ok "the English session: every command succeeds" ||
  { not_ok "the English session failed"; tail -5 "$en"; }

# ---- in French: the program's English words never show
english='answered|saved|skipped|global score|level|completeness|achieved|missing|review|stopped|interrupted|comment|none|campaign|written|added|changed|rejected|yes|no|answer|today|blocks|action plan|draft|submitted|rank|who|when|what'
# (an option's name, --campaign, is a word of the command line, not of the language)
if sed -E 's/--[a-z-]+//g' "$fr" | grep -niwE "$english" >"$work/english-in-french"; then
  not_ok "French session: English words show"; head -5 "$work/english-in-french" | sed 's/^/      /'
else ok "French session: none of the program's English words"; fi
if grep -niwE "$english" "$work/fr_FR.UTF-8/t.yaml" | grep '^[0-9]*:#' | grep -v '^[0-9]*:#   ' >"$work/english-in-template"; then
  not_ok "French template: English words in its comments"; head -3 "$work/english-in-template" | sed 's/^/      /'
else ok "French template: its comments are French"; fi
while IFS='|' read -r what text; do expect_grep "French session: $what" "$fr" "$text"; done <<EOF
campaign|campagne 2025 : référentiel maturinh-cyber 2025.1, date de référence 30/06/2025
import|t.yaml : 1 ajouté(s), 0 modifié(s), 0 inchangé(s), 0 réponse(s) écrite(s), 0 rejeté(s)
fill: a boolean read from o|  enregistrée : oui
fill: a label read, accents and case ignored|  enregistrée : validee
fill: a French date|  enregistrée : 30/06/2024
fill: the review|Récapitulatif : 4 questions sur 79 répondues.
fill: the end|Arrêté : vos réponses sont enregistrées ; relancez fill pour continuer.
fill: the summary|Score global 4,0 / 100, niveau 0 Aucun niveau atteint, complétude 5${nbsp}%, mesures prioritaires 1 sur 11.
explain: the level|Niveau de maturité     0 Aucun niveau atteint
explain: the completeness|Complétude             5${nbsp}% (4 sur 76 indicateurs applicables répondus)
explain: a criterion|      atteint, 100${nbsp}% [niveau 1, minimum, mesure prioritaire]
explain: an unanswered one|      - GOUV-03-A  MANQUANT : sans réponse, compte 0
explain: the action plan|Plan d'action : 43 critères à atteindre, mesures prioritaires d'abord, puis par points gagnés
score: the heading|finess    nom                                  statut     score  niveau                   complétude  prioritaires
score: a row|290000017 CH de Morlaix                        brouillon    4,0  0 Aucun niveau atteint        5,3${nbsp}%  1/11
rank: the heading| rang  finess     nom                                       région  catégorie   score  niveau  salué    progrès
rank: a row|    2  290001346  CHU de Brest-Armorique                    53      101          87,6       2  oui
history: the heading|quand (UTC)       qui           quoi          avant -> après
EOF
expect_grep "French template: its header" "$work/fr_FR.UTF-8/t.yaml" "# Écrivez chaque réponse après ses deux-points"
expect_grep "the report: French" "$work/fr_FR.UTF-8/r.html" "Aucun niveau atteint"

# ---- in English: the program's French words never show
french='répondues?|enregistrée|Arrêté|Score global|complétude|manquant|Récapitulatif|ajouté\(s\)|brouillon|soumis|\(vide\)|Aucun niveau atteint|Niveau de maturité|Plan d.action|le fait baisser|aujourd.hui|Essayez|quand \(UTC\)|salué|atteintes?,'
if grep -nE "$french" "$en" >"$work/french-in-english"; then
  not_ok "English session: French words show"; head -5 "$work/french-in-english" | sed 's/^/      /'
else ok "English session: none of the program's French words"; fi
while IFS='|' read -r what text; do expect_grep "English session: $what" "$en" "$text"; done <<'EOF'
campaign|campaign 2025: référentiel maturinh-cyber 2025.1, reference date 2025-06-30
fill: a boolean read from o|  saved as yes
fill: a date read the French way|  saved as 2024-06-30
fill: the review|Review: 4 of 79 questions answered.
fill: the summary|Global score 4.0 / 100, level 0 No level reached, completeness 5%, mesures prioritaires 1 of 11.
explain: the level|Maturity level         0 No level reached
score: a row|290000017 CH de Morlaix                        draft        4.0  0 No level reached           5.3%  1/11
EOF
expect_grep "English template: its header" "$work/C/t.yaml" "# Booleans: oui or non.  Dates: YYYY-MM-DD, or never."

# ---- the machine outputs of both sessions: the same answers stored
"$mh" export --db "$work/fr_FR.UTF-8/s.db" --campaign 2025 --finess 290000017 >"$work/fr.export" 2>&1
"$mh" export --db "$work/C/s.db" --campaign 2025 --finess 290000017 >"$work/C.export" 2>&1
cmp -s "$work/fr.export" "$work/C.export" && ok "both sessions stored the same answers" ||
  { not_ok "the sessions stored different answers"; diff "$work/C.export" "$work/fr.export" | head -5; }

finish
