#!/usr/bin/env bash
# fill from a pipe, as a script (or a CISO pasting answers) uses it: every
# message of its commands and of what a question accepts, in English and in
# French (the French part skipped without the fr_FR.UTF-8 locale), and its
# --help in both.  What it does in a terminal: test_cli_fill_tmux.sh.
#
# Usage: test_cli_fill.sh MATURINH SOURCE_DIR
set -u
mh=$1
src=$2
source "$(dirname "$0")/lib.sh"
shipped="$src/referentiels/maturinh-cyber/maturinh-cyber.yaml"
fixture="$src/fixtures/answers/region-32-hauts-de-france.yaml"
fr=fr_FR.UTF-8
finess=$(sed -n 's/^  finess: "\([0-9AB]*\)"$/\1/p' "$fixture" | head -1)
have_fr=$(locale -a 2>/dev/null | grep -ix 'fr_FR.utf-\?8')
"$mh" import --db "$work/fresh.db" -r "$shipped" "$fixture" >/dev/null 2>&1

# ---- every message of fill, in English and French, from a pipe (wide: not wrapped)
# piped NAME LOCALE FINESS LINES...: fill on a fresh copy, the LINES typed; NAME.out
piped() {
  local name=$1 loc=$2 f=$3
  shift 3
  cp "$work/fresh.db" "$work/$name.db"
  "$mh" reopen --db "$work/$name.db" --campaign 2025 --finess "$f" >/dev/null 2>&1
  printf '%s\n' "$@" | env -u LANGUAGE COLUMNS=200 LC_ALL="$loc" "$mh" fill --db "$work/$name.db" \
    --campaign 2025 --finess "$f" --user rssi >"$work/$name.out" 2>&1
}
lines=(":go GOUV-05-B" ":go" ":go IAM-03-B" ":go 1" ":back" "?" "n" ":go GOUV-01-A" ":go SAUV-04-D"
  ":go GOUV-01-B" "" ":go GOUV-02-C" ":go CRISE-01-A" "jamais" ":go CRISE-01-A" "?" ":go GOUV-04-A"
  ":go GOUV-02-A" ":go GOUV-02-B" ":note" "" ":note -" ":go 86" ":next" ":note x" "x" ":go NOPE" "")
piped pipe-en C "$finess" "${lines[@]}"
piped pipe-fr "$fr" "$finess" "${lines[@]}"
second=$(sed -n 's/^  finess: "\([0-9AB]*\)"$/\1/p' "$fixture" | sed -n 2p)
piped pipe-ose-en C "$second" ":go OSE" ":fin"
piped pipe-ose-fr "$fr" "$second" ":go OSE" ":fin"
while IFS='|' read -r what en_text fr_text; do
  expect_grep "pipe: $what" "$work/pipe-en.out" "$en_text"
  [ -n "$have_fr" ] && expect_grep "pipe ($fr): $what" "$work/pipe-fr.out" "$fr_text"
done <<'EOF'
the establishment|CHR de Lille-Métropole-Nord (FINESS 590780268), campaign 2025: maturinh-cyber 2025.1|CHR de Lille-Métropole-Nord (FINESS 590780268), campagne 2025 : maturinh-cyber 2025.1
a domain's progress, its English title|== GOUV  Information security governance  (7 of 8 answered)|== GOUV  Gouvernance et pilotage de la sécurité des SI  (7 sur 8 répondues)
a question that does not concern it|  question GOUV-05-B does not concern this establishment|  la question GOUV-05-B ne concerne pas cet établissement
:go alone|  give the question to go to: :go GOUV-01-A, :go GOUV or :go 12|  donnez la question où aller : :aller GOUV-01-A, :aller GOUV ou :aller 12
a comment shown|      comment: Dossier d'homologation déposé, en attente|      commentaire : Dossier d'homologation déposé, en attente
:back at the first|  this is the first question|  c'est la première question
a mesure prioritaire in the help|(level 1, mesure prioritaire)|(niveau 1, mesure prioritaire)
a boolean's answers|      (oui or non)|      (oui ou non)
no shown|      current answer: no (an empty line keeps it)|      réponse actuelle : non (une ligne vide la garde)
na shown|      current answer: na (does not apply) (an empty line keeps it)|      réponse actuelle : na (sans objet) (une ligne vide la garde)
where na is allowed|, or na if it does not apply)|, ou na si la question est sans objet)
a whole number's answers|      (a whole number (0 or more))|      (un nombre entier (0 ou plus))
kept|  kept|  gardée
a text's answers|      (free text (evidence, not scored))|      (texte libre (éléments de preuve, non noté))
never shown|      current answer: never (an empty line keeps it)|      réponse actuelle : jamais (une ligne vide la garde)
a percent's answers|      (a percentage from 0 to 100)|      (un pourcentage de 0 à 100)
a choice's answers|      (one of: aucune, en_redaction, redigee, validee)|      (l'une des valeurs : aucune, en_redaction, redigee, validee)
a date's answers|      (a date YYYY-MM-DD, not after 2025-06-30, or jamais if it never took place)|      (une date AAAA-MM-JJ (ou JJ/MM/AAAA), au plus tard le 30/06/2025, ou jamais si cela n'a jamais eu lieu)
:note asks for the comment|  comment (an empty line keeps it, - removes it): |  commentaire (une ligne vide le garde, - le supprime) : 
an empty comment keeps it|  comment kept|  commentaire gardé
:note - removes it|  comment removed|  commentaire supprimé
the review's hint|To change an answer, :go ID (or its number); :back goes to the last question; an empty line ends.|Pour changer une réponse, :aller ID (ou son numéro) ; :prec va à la dernière question ; une ligne vide termine.
no question at the review|  no question here: :go ID goes to one|  pas de question ici : :aller ID va à l'une d'elles
an unknown id|  NOPE: no such question or domain here (give GOUV-01-A, GOUV or a number from 1 to 86)|  NOPE : pas de telle question ni de tel domaine ici (donnez GOUV-01-A, GOUV ou un numéro de 1 à 86)
EOF
expect_grep "pipe: a domain that does not concern it" "$work/pipe-ose-en.out" "  no question of domain OSE concerns this establishment"
[ -n "$have_fr" ] && expect_grep "pipe ($fr): a domain that does not concern it" "$work/pipe-ose-fr.out" "  aucune question du domaine OSE ne concerne cet établissement"
run "fill --help" 0 "$mh" fill --help
expect_grep "fill --help: the commands" "$work/out" "  :aller ID  :go ID    the question ID (GOUV-01-A), the first of domain ID"
expect_grep "fill --help: the French habits" "$work/out" "Answers may be typed the French way: a percent as 12,5 or 12 %, a date as"
if [ -n "$have_fr" ]; then
  run "fill --help ($fr)" 0 env LC_ALL=$fr "$mh" fill --help
  expect_grep "fill --help ($fr): the commands" "$work/out" "  :prec  :back  <      la question précédente"
  expect_grep "fill --help ($fr): the French habits" "$work/out" "Les réponses se tapent aussi à la française : un pourcentage en 12,5 ou"
else
  skip "fill in French" "no $fr locale here"
fi

# ---- what the data holds, and what is typed, shown escaped, never raw
cp "$work/fresh.db" "$work/hostile.db"
"$mh" reopen --db "$work/hostile.db" --campaign 2025 --finess "$finess" >/dev/null 2>&1
printf 'campaign,finess,indicator,value,comment\n2025,%s,GOUV-01-A,oui,"ligne 1\nligne 2 \xe2\x80\xae inverse"\n' "$finess" >"$work/hostile.csv"
run "a comment with a line feed and a bidi control" 0 "$mh" import --db "$work/hostile.db" --campaign 2025 "$work/hostile.csv"
printf ':go GOUV-01-A\n:list\n:go \033[2J\n\n' | COLUMNS=200 "$mh" fill --db "$work/hostile.db" --campaign 2025 --finess "$finess" >"$work/hostile.out" 2>&1
expect_grep "a comment at its question, escaped" "$work/hostile.out" '      comment: ligne 1\nligne 2 \u202E inverse'
expect_grep "a comment in the review, escaped" "$work/hostile.out" '  1 GOUV-01-A    yes  (comment: ligne 1\nligne 2 \u202E inverse)'
expect_grep "what was typed, escaped" "$work/hostile.out" '  \x1B[2J: no such question or domain here'
if grep -q "$(printf '\033')" "$work/hostile.out"; then not_ok "no raw escape character"; else ok "no raw escape character"; fi

# ---- a long text answer is saved whole (3,000 characters, accented)
long=$(printf 'Décision %.0s' $(seq 300))
piped long C "$finess" ":go GOUV-02-C" "$long" ""
run "export the long answer" 0 "$mh" export --db "$work/long.db" --campaign 2025 --finess "$finess"
[ "$(grep -o 'Décision' "$work/out" | wc -l)" = 300 ] && ok "a long text answer saved whole" ||
  not_ok "a long text answer saved whole: $(grep -o 'Décision' "$work/out" | wc -l) of 300"

finish
