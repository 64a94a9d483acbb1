#!/usr/bin/env bash
# fill as a CISO uses it, in a terminal of 60 columns that tmux gives it:
# going back and changing an answer, jumping to a question and to a domain,
# the review, a comment, the help, the French input habits (12,5 ; 12 % ;
# a label with accents ; a number ; o/n ; jamais ; 30/06/2024), a refused
# answer, questions word-wrapped to the width, and the messages of Ctrl-D
# and Ctrl-C; in English and in French.  Each step waits for what fill
# shows (a bounded number of looks at the pane), never for a time.
# Skipped (exit 77) without tmux.
#
# Usage: test_cli_fill_tmux.sh MATURINH SOURCE_DIR
set -u
mh=$1
src=$2
source "$(dirname "$0")/lib.sh"
need tmux
shipped="$src/referentiels/maturinh-cyber/maturinh-cyber.yaml"
fixture="$src/fixtures/answers/region-32-hauts-de-france.yaml"
fr=fr_FR.UTF-8
nbsp=$'\xc2\xa0' # U+00A0, before % in French
sock="mh-fill-$$"
tm() { tmux -u -L "$sock" "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$work"' EXIT
finess=$(sed -n 's/^  finess: "\([0-9AB]*\)"$/\1/p' "$fixture" | head -1)
have_fr=$(locale -a 2>/dev/null | grep -ix 'fr_FR.utf-\?8')

# a database where the establishment is a draft (84 of 86 questions answered)
"$mh" import --db "$work/m.db" -r "$shipped" "$fixture" >/dev/null 2>&1
"$mh" reopen --db "$work/m.db" --campaign 2025 --finess "$finess" >/dev/null 2>&1
cp "$work/m.db" "$work/fresh.db"

# a campaign 2026 started from 2025: every answer carried over, to confirm
cp "$work/fresh.db" "$work/carry-fresh.db"
"$mh" campaign --db "$work/carry-fresh.db" --campaign 2026 --from 2025 --reference-date 2026-06-30 >/dev/null 2>&1

# start NAME LOCALE DB [CAMPAIGN]: fill in a detached tmux session of 60 columns
start() {
  printf '#!/bin/bash\n%q fill --db %q --campaign %s --finess %s --user rssi\necho "exit=$?"\nexec sleep 600\n' \
    "$mh" "$3" "${4:-2025}" "$finess" >"$work/$1.sh"
  tm new-session -d -s "$1" -x 60 -y 40 \
    "env -u COLUMNS -u LANGUAGE LC_ALL=$2 MATURINH_LOCALEDIR=${MATURINH_LOCALEDIR:-} bash $work/$1.sh"
}
# pane NAME: all it showed, lines joined where tmux wrapped them
pane() { tm capture-pane -p -J -S -5000 -t "$1" 2>/dev/null; }
# wait_for NAME REGEX [COUNT]: until COUNT lines of the pane match (at most 400 looks)
wait_for() {
  local i
  for i in $(seq 400); do
    [ "$(pane "$1" | grep -cE -- "$2")" -ge "${3:-1}" ] && return 0
    sleep 0.05
  done
  return 1
}
# type NAME TEXT: TEXT and Enter
type_in() { tm send-keys -t "$1" -l -- "$2" && tm send-keys -t "$1" Enter; }
# step NAME CHECK TEXT REGEX [COUNT]: type TEXT, then CHECK is that the pane shows REGEX
step() {
  type_in "$1" "$3"
  if wait_for "$1" "$4" "${5:-1}"; then ok "$2"; else
    not_ok "$2: '$4' not shown"
    pane "$1" | tail -15 | sed 's/^/      /'
  fi
}

# ---- in English
start en C "$work/m.db"
wait_for en '^> ' && ok "fill starts at a prompt" || not_ok "fill starts at a prompt"
pane en >"$work/en-start"
expect_grep "the progress first" "$work/en-start" "84 of 86 questions answered.  Each answer is saved at once;"
expect_grep "the first unanswered question" "$work/en-start" "[5/86] GOUV-02-C  Référence de la décision de validation de"
step en "a text answer is saved" "Décision DG du 12/03/2024" '^\[11/86\] CRISE-01-C'
# back, and change an answer
step en ":back shows the previous question" ":back" '^\[10/86\] CRISE-01-B'
expect_grep ":back: the current answer, kept by an empty line" <(pane en) "      current answer: yes (an empty line keeps it)"
step en "o/n: n is no" "n" '^  saved as no$'
wait_for en '^\[11/86\] CRISE-01-C' 2 && ok "after a change, the next unanswered question" ||
  not_ok "after a change, the next unanswered question"
step en "< goes back too" "<" '^      current answer: no \(an empty line keeps it\)$'
step en "an empty line keeps the answer" "" '^  kept$'
# jump to a question, to a domain
step en ":go ID" ":go GOUV-04-A" '^\[7/86\] GOUV-04-A  Quelle part du budget numérique$'
pane en >"$work/en-wrap"
expect_grep "a long question on several lines (1)" "$work/en-wrap" "      (exploitation et investissement) est consacrée à la"
expect_grep "a long question on several lines (2)" "$work/en-wrap" "      cybersécurité (en %) ?"
step en "a decimal comma and a %: 12,5 %" "12,5 %" '^  saved as 12\.5%$'
step en ":aller, lower case id" ":aller crise-05-a" '^\[[0-9]+/86\] CRISE-05-A'
step en "a % after the number: 12%" "12%" '^  saved as 12%$'
step en "a decimal comma alone: 12,5" ":go CRISE-03-A" '^\[[0-9]+/86\] CRISE-03-A'
step en "a decimal comma alone: 12,5 saved as 12.5" "99,5" '^  saved as 99\.5%$'
step en ":go a domain: its first question" ":go SAUV" '^\[21/86\] SAUV-01-A'
expect_grep ":go a domain: its header, its English title" <(pane en) "== SAUV  Backup and restore"
expect_grep "the options numbered" <(pane en) "       1 Aucune politique"
expect_grep "the options numbered, the current one marked" <(pane en) "     * 4 Politique écrite et validée par la direction"
step en "a choice by its label, case and accents ignored" "POLITIQUE ÉCRITE, NON VALIDÉE" '^  saved as redigee$'
step en "a choice by its number" ":go GOUV-02-A" '^\[3/86\] GOUV-02-A'
step en "a choice by its number: 2" "2" '^  saved as en_redaction$'
step en "a choice by its value, accented: Validée" ":go GOUV-02-A" '^\[3/86\] GOUV-02-A' 2
step en "Validée is validee" "Validée" '^  saved as validee$'
step en "a date JJ/MM/AAAA" ":go ANNU-04-A" '^\[39/86\] ANNU-04-A'
step en "30/06/2024 is 2024-06-30" "30/06/2024" '^  saved as 2024-06-30$'
step en "jamais for a date" ":go CRISE-01-A" '^\[9/86\] CRISE-01-A'
step en "jamais is never" "jamais" '^  saved as never$'
step en "o for a boolean" ":go GOUV-01-A" '^\[1/86\] GOUV-01-A'
step en "o is yes" "o" '^  saved as yes$'
# refused: ambiguous, and not a date
step en "1,234,5 is refused" ":go GOUV-05-A" '^\[8/86\] GOUV-05-A'
step en "1,234,5: the check's message" "1,234,5" "^  not accepted: 'GOUV-05-A' expects a percentage from 0 to$"
step en "30/02/2025" ":go GOUV-02-B" '^\[4/86\] GOUV-02-B'
step en "30/02/2025 is refused: no such day" "30/02/2025" "^  not accepted: 'GOUV-02-B' 2025-02-30 is not a calendar$"
# a comment, the help, the review
step en ":note TEXT saves a comment" ":note Vérifié en comité" '^  comment saved$'
step en ":comment with no text asks for it" ":comment" 'comment \(an empty line keeps it, - removes it\): $'
step en "the comment typed" "Vérifié par la DSI" '^  comment saved$' 2
step en "? shows the help" "?" '^      criterion GOUV-02 '
expect_grep "the help: the allowed answers" <(pane en) "      (a date YYYY-MM-DD, not after 2025-06-30, or jamais if"
expect_grep "the help: the commands" <(pane en) "      commands: :prec or :back (<), :suiv or :next,"
step en ":zz is no command" ":zz" '^  :zz: no such command \(:help lists them\)$'
step en ":go an unknown id" ":go NOPE-01" '^  NOPE-01: no such question or domain here \(give'
step en ":next" ":next" '^\[5/86\] GOUV-02-C' 2
expect_grep ":next shows the answer given" <(pane en) "      current answer: Décision DG du 12/03/2024 (an empty"
step en ":list: the review" ":list" '^Review: 85 of 86 questions answered\.$'
pane en >"$work/en-review"
expect_grep "the review: an answer changed" "$work/en-review" " 10 CRISE-01-B   no"
expect_grep "the review: a percent" "$work/en-review" "  7 GOUV-04-A    12.5%"
expect_grep "the review: never" "$work/en-review" "  9 CRISE-01-A   never"
expect_grep "the review: na" "$work/en-review" " 32 SAUV-04-D    na (does not apply)"
expect_grep "the review: a comment" "$work/en-review" "  4 GOUV-02-B    2024-02-29  (comment: Vérifié par la DSI)"
# the width: no line wider than the terminal (in characters, not bytes)
# (but what was typed at a prompt, which the terminal wraps)
grep -v '^  comment (an empty line keeps it' "$work/en-review" >"$work/en-shown"
if LC_ALL=C.UTF-8 grep -qE '^.{61,}' "$work/en-shown"; then
  not_ok "no line wider than 60 columns"; LC_ALL=C.UTF-8 grep -E '^.{61,}' "$work/en-review" | head -3
else ok "no line wider than 60 columns"; fi
tm send-keys -t en C-d
wait_for en '^exit=0$' && ok "Ctrl-D: exit 0" || not_ok "Ctrl-D: exit 0"
expect_grep "Ctrl-D: the answers are saved" <(pane en) "Stopped: your answers are saved; run fill again to go on."

# what the database holds: the changed answers, the comment, and the history of both
run "export after fill" 0 "$mh" export --db "$work/m.db" --campaign 2025 --finess "$finess"
expect_grep "export: the changed answer" "$work/out" '  CRISE-01-B: "false"'
expect_grep "export: 12,5 % as 12.5" "$work/out" '  GOUV-04-A: "12.5"'
expect_grep "export: the choice by its number" "$work/out" '  GOUV-02-A: "validee"'
expect_grep "export: the date" "$work/out" '  ANNU-04-A: "2024-06-30"'
expect_grep "export: the comment" "$work/out" '  GOUV-02-B: "Vérifié par la DSI"'
run "history after fill" 0 "$mh" history --db "$work/m.db" --campaign 2025 --finess "$finess"
grep -E 'CRISE-01-B' "$work/out" | grep -q true && grep -E 'rssi +CRISE-01-B' "$work/out" | grep -q false &&
  ok "history: CRISE-01-B first true, then changed to false by rssi" || { not_ok "history: CRISE-01-B"; grep CRISE-01-B "$work/out"; }
[ "$(grep -cE 'rssi +GOUV-02-A' "$work/out")" = 2 ] && ok "history: both changes of GOUV-02-A" ||
  not_ok "history: both changes of GOUV-02-A: $(grep -c GOUV-02-A "$work/out")"
grep -E 'rssi +GOUV-02-B' "$work/out" | grep -q "Vérifié par la DSI" && ok "history: the comment" ||
  { not_ok "history: the comment"; grep GOUV-02-B "$work/out"; }

# the review after the last question; Ctrl-C
cp "$work/fresh.db" "$work/c.db"
start int C "$work/c.db"
wait_for int '^\[5/86\] GOUV-02-C' && ok "Ctrl-C: fill asks" || not_ok "Ctrl-C: fill asks"
step int "an empty line skips the question" "" '^  skipped$'
step int "after the last unanswered one: the review" "" '^Review: 84 of 86 questions answered\.$'
expect_grep "the review: unanswered" <(pane int) "  5 GOUV-02-C    unanswered"
expect_grep "the review: what to do" <(pane int) "To change an answer, :go ID (or its number); :back goes to"
tm send-keys -t int C-c
wait_for int '^exit=130$' && ok "Ctrl-C: exit 130" || not_ok "Ctrl-C: exit 130"
expect_grep "Ctrl-C: the answers are saved" <(pane int) "Interrupted: your answers are saved (each when given), 84 of 86"

# answers carried over from 2025: shown, Enter leaves them, = confirms, :list marks them
cp "$work/carry-fresh.db" "$work/carry.db"
start carry C "$work/carry.db" 2026
wait_for carry '^> ' && ok "carried: fill starts at a prompt" || not_ok "carried: fill starts at a prompt"
expect_grep "carried: how many to confirm" <(pane carry) "answers carried over from the campaign before are to"
wait_for carry '^      answer of campaign 2025: .* — type = to take it$' &&
  ok "carried: the answer of 2025 under the first question" || not_ok "carried: the answer of 2025 is not shown"
step carry "carried: Enter leaves it to confirm" "" '^  skipped: the answer carried over is still to confirm$'
step carry "carried: = confirms the next one" "=" '^  confirmed$'
step carry "carried: :list" ":list" '^Review: 1 of 86 questions answered\.$'
expect_grep "carried: :list marks those to confirm" <(pane carry) "  1 GOUV-01-A    to confirm: "
tm send-keys -t carry C-d
wait_for carry '^exit=0$' && ok "carried: Ctrl-D: exit 0" || not_ok "carried: Ctrl-D: exit 0"
expect_grep "carried: the summary counts those left" <(pane carry) "answers carried over are still to confirm (they count for nothing until then)"

# ---- in French
if [ -z "$have_fr" ]; then
  skip "fill in French" "no $fr locale here"
  finish
  exit
fi
cp "$work/fresh.db" "$work/fr.db"
start fr "$fr" "$work/fr.db"
wait_for fr '^> ' && ok "fr: fill starts at a prompt" || not_ok "fr: fill starts at a prompt"
expect_grep "fr: the progress" <(pane fr) "84 questions sur 86 répondues.  Chaque réponse est"
step fr "fr: :prec" ":prec" '^\[4/86\] GOUV-02-B'
expect_grep "fr: the current answer, as French dates are written" <(pane fr) "      réponse actuelle : 29/02/2024 (une ligne vide la"
step fr "fr: 30/06/2024" "30/06/2024" '^  enregistrée : 30/06/2024$'
step fr "fr: :aller" ":aller GOUV-04-A" '^\[7/86\] GOUV-04-A'
expect_grep "fr: a percent as the French write it" <(pane fr) "      réponse actuelle : 12,5$nbsp% (une ligne vide la garde)"
expect_grep "fr: what it accepts" <(pane fr) "      (un pourcentage de 0 à 100)"
step fr "fr: 12,5 %" "12,5 %" '^  enregistrée : 12,5 %$'
step fr "fr: ? for the help" ":aller GOUV-02-A" '^\[3/86\] GOUV-02-A'
step fr "fr: :aide" ":aide" '^      critère GOUV-02 '
expect_grep "fr: the allowed answers" <(pane fr) "      (l'une des valeurs : aucune, en_redaction, redigee,"
expect_grep "fr: the commands" <(pane fr) "      commandes : :prec ou :back (<), :suiv ou :next, :aller"
step fr "fr: a label" "pssi rédigée, non validée par le représentant légal" '^  enregistrée : redigee$'
step fr "fr: refused" ":aller GOUV-01-A" '^\[1/86\] GOUV-01-A'
step fr "fr: refused, in French" "peut-être" "^  refusée : 'GOUV-01-A' "
step fr "fr: :note" ":note Revu" '^  commentaire enregistré$'
step fr "fr: :zz" ":zz" '^  :zz : commande inconnue \(:aide les liste\)$'
step fr "fr: :liste" ":liste" '^Récapitulatif : 84 questions sur 86 répondues\.$'
expect_grep "fr: the review" <(pane fr) "  1 GOUV-01-A    oui  (commentaire : Revu)"
expect_grep "fr: the review, a percent" <(pane fr) "  7 GOUV-04-A    12,5$nbsp%"
expect_grep "fr: the review, unanswered" <(pane fr) "  5 GOUV-02-C    sans réponse"
tm send-keys -t fr C-d
wait_for fr '^exit=0$' && ok "fr: Ctrl-D: exit 0" || not_ok "fr: Ctrl-D: exit 0"
expect_grep "fr: Ctrl-D: the answers are saved" <(pane fr) "vos réponses sont enregistrées"
cp "$work/fresh.db" "$work/frc.db"
start frc "$fr" "$work/frc.db"
wait_for frc '^> ' || not_ok "fr: Ctrl-C: fill asks"
tm send-keys -t frc C-c
wait_for frc '^exit=130$' && ok "fr: Ctrl-C: exit 130" || not_ok "fr: Ctrl-C: exit 130"
expect_grep "fr: Ctrl-C: the answers are saved" <(pane frc) "vos réponses sont enregistrées"
cp "$work/carry-fresh.db" "$work/frcarry.db"
start frcarry "$fr" "$work/frcarry.db" 2026
wait_for frcarry '^      Réponse de la campagne 2025 : ' && ok "fr: carried: the answer of 2025 shown" ||
  not_ok "fr: carried: the answer of 2025 is not shown"
step frcarry "fr: carried: Enter leaves it" "" '^  passée : la réponse reprise reste à confirmer$'
step frcarry "fr: carried: = confirms" "=" '^  confirmée$'
step frcarry "fr: carried: :liste" ":liste" '^Récapitulatif : 1 questions? sur 86 répondues?\.$'
expect_grep "fr: carried: :liste marks those to confirm" <(pane frcarry) "  1 GOUV-01-A    à confirmer : "
tm send-keys -t frcarry C-d
wait_for frcarry '^exit=0$' && ok "fr: carried: Ctrl-D: exit 0" || not_ok "fr: carried: Ctrl-D: exit 0"
expect_grep "fr: carried: the summary" <(pane frcarry) "réponses reprises restent à confirmer"

finish
