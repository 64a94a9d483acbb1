#!/usr/bin/env bash
# Campaigns from the database: `campaign list` (table and CSV), a campaign
# started from the one before (`campaign --from`: profiles copied, answers
# carried over apart until each is confirmed, in fill, by an import, never
# by re-importing an export), and the private contact of an establishment
# (kept by updates that do not carry it, exported, never published).  Every
# message in English and in French.
#
# Usage: test_cli_campaign.sh MATURINH SOURCE_DIR
set -u
mh=$1
src=$2
source "$(dirname "$0")/lib.sh"
need sqlite3
need_french
fr=fr_FR.UTF-8
ref="$src/referentiels/maturinh-cyber/maturinh-cyber.yaml"
idf="$src/fixtures/answers/region-11-ile-de-france.yaml"
F=920014503
C() { env -u LANGUAGE LC_ALL=C "$mh" "$@"; }
FR() { env -u LANGUAGE LC_ALL="$fr" "$mh" "$@"; }
q() { sqlite3 "$1" "$2"; }

# ---- campaign list ---------------------------------------------------------
printf 'un-mot-de-passe-assez-long\n' | "$mh" user add --db "$work/empty.db" --login a --role admin --password-stdin >/dev/null 2>&1
both "an empty database" 0 "maturinh: no campaign in $work/empty.db: create one with \`maturinh campaign\` or \`maturinh import\`" \
  "maturinh: aucune campagne dans $work/empty.db : créez-en une avec \`maturinh campaign\` ou \`maturinh import\`" \
  campaign list --db "$work/empty.db"
[ ! -s "$work/out" ] && ok "an empty database: nothing on stdout" || not_ok "an empty database printed $(cat "$work/out")"
run "campaign list without a database" 66 "$mh" campaign list --db "$work/none.db"
"$mh" import --db "$work/a.db" -r "$ref" "$idf" >/dev/null 2>&1
run "campaign list (C)" 0 C campaign list --db "$work/a.db"
expect_file "the table in English" "$work/out" "campaign  référentiel            reference date  establishments  submitted
2025      maturinh-cyber 2025.1  2025-06-30                   6          5"
run "campaign list ($fr)" 0 FR campaign list --db "$work/a.db"
expect_file "the table in French" "$work/out" "campagne  référentiel            date de référence  établissements  soumis
2025      maturinh-cyber 2025.1  30/06/2025                      6       5"
run "campaign list --format csv ($fr)" 0 FR campaign list --db "$work/a.db" --format csv
expect_file "the CSV, the same in every language" "$work/out" "campaign,referentiel,referentiel_version,reference_date,establishments,submitted
2025,maturinh-cyber,2025.1,2025-06-30,6,5"
both "campaign list --format xml" 64 "unknown format 'xml': expected table or csv" "format 'xml' inconnu : table ou csv attendu" \
  campaign list --db "$work/a.db" --format xml

# ---- campaign --from -------------------------------------------------------
for l in C FR; do cp "$work/a.db" "$work/from-$l.db"; done
run "--from (C)" 0 C campaign --db "$work/from-C.db" --campaign 2026 --from 2025 --reference-date 2026-06-30
expect_grep "--from: the summary in English" "$work/err" "2026: 6 establishments, 462 answers carried over from 2025, to be confirmed by each establishment; 0 dropped (no longer valid)"
run "--from ($fr)" 0 FR campaign --db "$work/from-FR.db" --campaign 2026 --from 2025 --reference-date 2026-06-30
expect_grep "--from: the summary in French" "$work/err" "2026 : 6 établissements, 462 réponses reprises de 2025, à confirmer par chaque établissement ; 0 écartées (plus valables)"
db=$work/from-C.db
[ "$(q "$db" "SELECT count(*) FROM establishment WHERE campaign = '2026'; SELECT count(*) FROM answer WHERE campaign = '2026'; SELECT count(*) FROM carried_answer WHERE campaign = '2026'")" = $'6\n0\n462' ] &&
  ok "the profiles copied, no answer given, 462 carried over" || not_ok "after --from: $(q "$db" "SELECT count(*) FROM carried_answer")"
run "campaign list after --from" 0 C campaign list --db "$db"
expect_grep "the new campaign first, its establishments drafts" "$work/out" "2026      maturinh-cyber 2025.1  2026-06-30                   6          0"
# carried answers count for nothing: scores, completeness and submit's rule see none
run "score of the new campaign" 0 "$mh" score --db "$db" --campaign 2026 -f csv
[ "$(tail -n +2 "$work/out" | cut -d, -f6 | sort -u)" = "0.000000" ] && ok "completeness 0 everywhere" || not_ok "completeness: $(cut -d, -f6 "$work/out" | sort -u | tr '\n' ' ')"
run "submit refuses the questionnaire of carried answers" 65 "$mh" submit --db "$db" --campaign 2026 --finess $F
# a reference date before OLD's: the dates after it are no longer valid
cp "$work/a.db" "$work/drop.db"
run "--from with an earlier reference date" 0 C campaign --db "$work/drop.db" --campaign 2024b --from 2025 --reference-date 2024-01-01
dropped=$(sed -n 's/.*; \([0-9]*\) dropped.*/\1/p' "$work/err")
[ -n "$dropped" ] && [ "$dropped" -gt 0 ] && [ "$(q "$work/drop.db" "SELECT count(*) FROM carried_answer WHERE campaign = '2024b'")" = $((462 - dropped)) ] &&
  ok "dates after the new reference date dropped and counted ($dropped)" || not_ok "dropped: '$dropped' $(cat "$work/err")"
# thousands in the summary, French and English
"$mh" import --db "$work/all.db" -r "$ref" $(grep -v '^#' "$src/fixtures/answers/ORDER" | sed "s|^|$src/|") >/dev/null 2>&1
cp "$work/all.db" "$work/all-fr.db"
run "--from, thousands (C)" 0 C campaign --db "$work/all.db" --campaign 2026 --from 2025 --reference-date 2026-06-30
n=$(q "$work/all.db" "SELECT count(*) FROM carried_answer")
grouped=$(printf '%d,%03d' $((n / 1000)) $((n % 1000)))
expect_grep "--from: $n written $grouped in English" "$work/err" "$grouped answers carried over"
run "--from, thousands ($fr)" 0 FR campaign --db "$work/all-fr.db" --campaign 2026 --from 2025 --reference-date 2026-06-30
expect_grep "--from: $n written with a narrow no-break space in French" "$work/err" "$(printf '%d\342\200\257%03d' $((n / 1000)) $((n % 1000))) réponses reprises"
# refusals
both "--from over an existing campaign" 65 "maturinh: campaign 2026 already exists in $db: a campaign is started from another only when new" \
  "maturinh: la campagne 2026 existe déjà dans $db : une campagne ne part d'une autre que si elle est nouvelle" \
  campaign --db "$db" --campaign 2026 --from 2025 --reference-date 2026-06-30
both "--from an unknown campaign" 65 "maturinh: no campaign 2019 in $db" "maturinh: aucune campagne 2019 dans $db" \
  campaign --db "$db" --campaign 2027 --from 2019 --reference-date 2027-06-30
both "--from with another référentiel" 65 \
  "maturinh: campaign 2025 is held with référentiel maturinh-cyber, not exemple: a campaign can be started only from one of the same référentiel" \
  "maturinh: la campagne 2025 est enregistrée avec le référentiel maturinh-cyber, et non exemple : une campagne ne peut partir que d'une campagne du même référentiel" \
  campaign --db "$db" --campaign 2027 --from 2025 -r "$src/fixtures/answers/worked-example/referentiel.yaml" --reference-date 2027-06-30
both "--from without a reference date" 64 "give --campaign ID, --from OLD and --reference-date YYYY-MM-DD" \
  "donnez --campaign ID, --from ANCIENNE et --reference-date AAAA-MM-JJ" campaign --db "$db" --campaign 2027 --from 2025
[ "$(q "$db" "SELECT count(*) FROM campaign")" = 2 ] && ok "the refusals created nothing" || not_ok "campaigns: $(q "$db" "SELECT id FROM campaign")"

# ---- fill: shown, = confirms, Enter leaves it, :liste, the summary ---------
fill_in() {
  local name=$1 loc=$2
  shift 2
  cp "$db" "$work/$name.db"
  printf '%s\n' "$@" | env -u LANGUAGE COLUMNS=200 LC_ALL="$loc" "$mh" fill --db "$work/$name.db" \
    --campaign 2026 --finess $F --user rssi >"$work/$name.out" 2>&1
}
gouv01a=$(q "$db" "SELECT value FROM carried_answer WHERE campaign = '2026' AND finess = '$F' AND indicator = 'GOUV-01-A'")
[ "$gouv01a" = false ] && ok "GOUV-01-A carried over as false" || not_ok "GOUV-01-A carried: '$gouv01a'"
fill_in fill-en C "=" "" ":list" ":quit"
fill_in fill-fr "$fr" "=" "" ":liste" ":fin"
while IFS='|' read -r what en_text fr_text; do
  expect_grep "fill: $what" "$work/fill-en.out" "$en_text"
  expect_grep "fill ($fr): $what" "$work/fill-fr.out" "$fr_text"
done <<'EOF'
how many to confirm|answers carried over from the campaign before are to confirm: each is shown under its question, = confirms it.|réponses reprises de la campagne précédente sont à confirmer : chacune est montrée sous sa question, = la confirme.
the carried answer under its question|      answer of campaign 2025: no — type = to take it|      Réponse de la campagne 2025 : non — tapez = pour la reprendre
= confirms it|  confirmed|  confirmée
Enter leaves it to confirm|  skipped: the answer carried over is still to confirm|  passée : la réponse reprise reste à confirmer
:list marks those to confirm|GOUV-01-B    to confirm: |GOUV-01-B    à confirmer : 
the closing summary|answers carried over are still to confirm (they count for nothing until then): run fill again and type = at each.|réponses reprises restent à confirmer (elles ne comptent pour rien d'ici là) : relancez fill et tapez = à chacune.
EOF
expect_grep "fill: :list shows the confirmed one as an answer" "$work/fill-en.out" "  1 GOUV-01-A    no"
e=$work/fill-en.db
[ "$(q "$e" "SELECT value FROM answer WHERE campaign = '2026' AND finess = '$F' AND indicator = 'GOUV-01-A'; SELECT count(*) FROM carried_answer WHERE finess = '$F' AND indicator IN ('GOUV-01-A', 'GOUV-01-B') AND campaign = '2026'; SELECT count(*) FROM answer WHERE campaign = '2026' AND finess = '$F'")" = $'false\n1\n1' ] &&
  ok "fill: = made GOUV-01-A an answer, Enter left GOUV-01-B carried" || not_ok "after fill: $(q "$e" "SELECT indicator, value FROM answer WHERE campaign = '2026'")"
run "history (C)" 0 C history --db "$e" --campaign 2026 --finess $F
expect_grep "history notes the confirmation" "$work/out" "(none) -> false  (confirmed from campaign 2025)"
run "history ($fr)" 0 FR history --db "$e" --campaign 2026 --finess $F
expect_grep "history notes the confirmation, in French" "$work/out" "(vide) -> false  (confirmée depuis la campagne 2025)"
cp "$work/fill-en.db" "$work/fill-none.db"
printf '%s\n' ":go GOUV-01-A" "=" ":quit" | env -u LANGUAGE COLUMNS=200 LC_ALL=C "$mh" fill --db "$work/fill-none.db" --campaign 2026 --finess $F >"$work/fill-none.out" 2>&1
cp "$work/fill-en.db" "$work/fill-none-fr.db"
printf '%s\n' ":aller GOUV-01-A" "=" ":fin" | env -u LANGUAGE COLUMNS=200 LC_ALL="$fr" "$mh" fill --db "$work/fill-none-fr.db" --campaign 2026 --finess $F >"$work/fill-none-fr.out" 2>&1
expect_grep "fill: = where nothing is carried" "$work/fill-none.out" "  no answer carried over to confirm here: type the answer"
expect_grep "fill ($fr): = where nothing is carried" "$work/fill-none-fr.out" "  aucune réponse reprise à confirmer ici : tapez la réponse"
# an answer typed replaces the carried one
cp "$db" "$work/typed.db"
printf '%s\n' "oui" ":quit" | "$mh" fill --db "$work/typed.db" --campaign 2026 --finess $F >/dev/null 2>&1
[ "$(q "$work/typed.db" "SELECT value FROM answer WHERE campaign = '2026' AND finess = '$F' AND indicator = 'GOUV-01-A'; SELECT count(*) FROM carried_answer WHERE campaign = '2026' AND finess = '$F' AND indicator = 'GOUV-01-A'")" = $'true\n0' ] &&
  ok "fill: the answer typed is saved, the carried one gone" || not_ok "typed over a carried answer"

# ---- export: comments, never confirmed by a re-import ----------------------
run "export (C)" 0 C export --db "$db" --campaign 2026 --finess $F -o "$work/e.yaml"
expect_grep "export: a carried answer as a comment" "$work/e.yaml" '  # GOUV-01-A: "false"  # carried over from campaign 2025, to be confirmed'
run "export ($fr)" 0 FR export --db "$db" --campaign 2026 --finess $F -o "$work/e-fr.yaml"
expect_grep "export ($fr): a carried answer as a comment" "$work/e-fr.yaml" '  # GOUV-01-A: "false"  # reprise de la campagne 2025, à confirmer'
# a carried comment goes with its answer, commented too
run "export of an establishment with a carried comment (C)" 0 C export --db "$db" --campaign 2026 --finess 750044026
expect_grep "export: a carried comment under its answer" "$work/out" '  #   comment: "Dossier d'"'"'homologation déposé, en attente"'
run "export of an establishment with a carried comment ($fr)" 0 FR export --db "$db" --campaign 2026 --finess 750044026
expect_grep "export ($fr): a carried comment under its answer" "$work/out" '  #   commentaire : "Dossier d'"'"'homologation déposé, en attente"'
expect_no_grep "export: a carried comment is not a comment of the file" "$work/out" "comments:"
before=$(q "$db" "SELECT count(*) FROM carried_answer WHERE campaign = '2026'")
run "re-import of the export" 0 "$mh" import --db "$db" --campaign 2026 "$work/e.yaml"
expect_grep "re-import: nothing changed" "$work/out" "0 added, 0 changed, 1 unchanged, 0 answers written, 0 rejected"
run "re-import of the French export" 0 "$mh" import --db "$db" --campaign 2026 "$work/e-fr.yaml"
[ "$(q "$db" "SELECT count(*) FROM carried_answer WHERE campaign = '2026'")" = "$before" ] && [ "$(q "$db" "SELECT count(*) FROM answer WHERE campaign = '2026'")" = 0 ] &&
  ok "re-importing the export confirms nothing" || not_ok "re-import changed the carried answers"
# an import that answers an indicator settles its carried answer with what it gives
sed -e 's/^campaign: .*/campaign: {id: "2026", reference_date: 2026-06-30}/' -e 's/^  GOUV-01-A: true/  GOUV-01-A: false/' -e 's/^status: submitted/status: draft/' "$idf" >"$work/2026.yaml"
run "import answers into 2026" 0 "$mh" import --db "$db" --campaign 2026 "$work/2026.yaml"
[ "$(q "$db" "SELECT count(*) FROM carried_answer WHERE campaign = '2026' AND finess = '$F' AND indicator IN (SELECT indicator FROM answer WHERE campaign = '2026' AND finess = '$F')")" = 0 ] &&
  ok "import: every indicator it answers is no longer carried" || not_ok "import left carried answers beside answers"

# ---- contacts: private, kept, exported, never published ---------------------
cp "$work/a.db" "$work/ct.db"
"$mh" reopen --db "$work/ct.db" --campaign 2025 --finess $F >/dev/null 2>&1
cat >"$work/list.csv" <<EOF
finess,finess_ej,name,region,departement,category,beds,ose,ght,contact_name,contact_email
920014503,,Clinique des Tilleuls,11,92,128,95,false,,Zoé Contact-Secret,zoe.secret@ch-exemple.fr
EOF
run "an establishment list with contacts" 0 "$mh" import --db "$work/ct.db" --campaign 2025 "$work/list.csv"
[ "$(q "$work/ct.db" "SELECT contact_name || '|' || contact_email FROM establishment WHERE finess = '$F'")" = "Zoé Contact-Secret|zoe.secret@ch-exemple.fr" ] &&
  ok "the contact is stored" || not_ok "contact: $(q "$work/ct.db" "SELECT contact_name, contact_email FROM establishment WHERE finess = '$F'")"
head -1 "$work/list.csv" | cut -d, -f1-9 >"$work/plain.csv"; tail -1 "$work/list.csv" | cut -d, -f1-9 >>"$work/plain.csv"
run "a list without the contact columns" 0 "$mh" import --db "$work/ct.db" --campaign 2025 "$work/plain.csv"
[ "$(q "$work/ct.db" "SELECT contact_email FROM establishment WHERE finess = '$F'")" = "zoe.secret@ch-exemple.fr" ] &&
  ok "an update without contact columns keeps the contact" || not_ok "the contact was lost"
run "the establishment's own export" 0 "$mh" export --db "$work/ct.db" --campaign 2025 --finess $F -o "$work/ct.yaml"
expect_grep "export: the contact's name" "$work/ct.yaml" '  contact_name: "Zoé Contact-Secret"'
expect_grep "export: the contact's email" "$work/ct.yaml" '  contact_email: "zoe.secret@ch-exemple.fr"'
run "a YAML file without contact" 0 "$mh" import --db "$work/ct.db" --campaign 2025 --status draft "$idf"
[ "$(q "$work/ct.db" "SELECT contact_name FROM establishment WHERE finess = '$F'")" = "Zoé Contact-Secret" ] &&
  ok "an answers file without contact keeps it" || not_ok "the answers file removed the contact"
run "score, rank and publish" 0 "$mh" score --db "$work/ct.db" --campaign 2025 -f csv -o "$work/score.csv"
"$mh" rank --db "$work/ct.db" --campaign 2025 -f csv >"$work/rank.csv" 2>&1
"$mh" rank --db "$work/ct.db" --campaign 2025 >"$work/rank.txt" 2>&1
"$mh" publish --db "$work/ct.db" --campaign 2025 --out "$work/pub" >/dev/null 2>&1
[ -d "$work/pub" ] && ok "publish made its folder" || not_ok "publish made no folder"
if grep -rlE "Contact-Secret|zoe\.secret|ch-exemple" "$work/pub" "$work/score.csv" "$work/rank.csv" "$work/rank.txt"; then
  not_ok "a contact appears in what is published or ranked"
else ok "no contact in the published folder, the score or the ranking"; fi
# the contact is checked: loosely, located
printf 'finess,finess_ej,name,region,departement,category,beds,ose,ght,contact_name,contact_email\n920014503,,Clinique des Tilleuls,11,92,128,95,false,,Zoe,zoe at ch.fr\n' >"$work/bad.csv"
both "a bad contact email" 65 "bad.csv:2:58: error: establishment 920014503: 'contact_email': 'zoe at ch.fr' is not an email address (one '@', no space, at most 254 characters)" \
  "bad.csv:2:58: error: établissement 920014503 : 'contact_email' : 'zoe at ch.fr' n'est pas une adresse électronique (un seul '@', aucune espace, au plus 254 caractères)" \
  import --db "$work/ct.db" --campaign 2025 "$work/bad.csv"
sed 's/^  ght: .*/&\n  contact_email: "a@b@c"/' "$idf" | awk '/contact_email/ && n++ {next} {print}' >"$work/bad.yaml"
both "a bad contact email in an answers file" 65 "'contact_email': 'a@b@c' is not an email address" "'contact_email' : 'a@b@c' n'est pas une adresse électronique" \
  import --db "$work/ct.db" --campaign 2025 "$work/bad.yaml"
# an empty cell of a contact column removes the contact
printf 'finess,finess_ej,name,region,departement,category,beds,ose,ght,contact_email\n920014503,,Clinique des Tilleuls,11,92,128,95,false,,\n' >"$work/clear.csv"
"$mh" reopen --db "$work/ct.db" --campaign 2025 --finess $F >/dev/null 2>&1
run "an empty contact cell" 0 "$mh" import --db "$work/ct.db" --campaign 2025 "$work/clear.csv"
[ "$(q "$work/ct.db" "SELECT coalesce(contact_email, 'none') || '|' || contact_name FROM establishment WHERE finess = '$F'")" = "none|Zoé Contact-Secret" ] &&
  ok "an empty cell removes that contact field, the other kept" || not_ok "after the empty cell: $(q "$work/ct.db" "SELECT contact_name, contact_email FROM establishment WHERE finess = '$F'")"
# the new campaign takes the contacts along
cp "$work/ct.db" "$work/ct2.db"
run "--from copies the contact" 0 "$mh" campaign --db "$work/ct2.db" --campaign 2026 --from 2025 --reference-date 2026-06-30
[ "$(q "$work/ct2.db" "SELECT contact_name FROM establishment WHERE campaign = '2026' AND finess = '$F'")" = "Zoé Contact-Secret" ] &&
  ok "the contact goes with the profile to the new campaign" || not_ok "the contact stayed behind"

finish
