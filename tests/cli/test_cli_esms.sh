#!/usr/bin/env bash
# The médico-social référentiel (maturinh-esms) through the whole workflow, as
# an ARS analyst and an EHPAD director run it: check and show it, write the
# templates of an EHPAD, a MAS and a SSIAD, score and explain the fixture
# population (fixtures/answers-esms), import it, follow, rank and publish the
# campaign, the board report, the warnings of a category of the other sector,
# the FINESS extract kept to the campaign's sector, and fill from a pipe.  The
# French checks run only with the fr_FR.UTF-8 locale and the build's catalogs
# (MATURINH_LOCALEDIR, set by ctest), and are skipped otherwise.
#
# Usage: test_cli_esms.sh MATURINH SOURCE_DIR
set -u
mh=$1
src=$2
source "$(dirname "$0")/lib.sh"
cd "$src"
esms=referentiels/maturinh-esms/maturinh-esms.yaml
cyber=referentiels/maturinh-cyber/maturinh-cyber.yaml
mapfile -t files < <(grep -v '^#' fixtures/answers-esms/ORDER | grep -v '^$')
fr=fr_FR.UTF-8
have_fr=
if locale -a 2>/dev/null | grep -qiE '^fr_FR\.utf-?8$' && [ -n "${MATURINH_LOCALEDIR:-}" ]; then
  have_fr=1
fi
db=$work/esms.db

# ---- the référentiel
run "referentiel check" 0 env -u LANGUAGE LC_ALL=C "$mh" referentiel check "$esms"
expect_file "referentiel check: the summary" "$work/out" "OK maturinh-esms 2025.1 (10 domains, 45 criteria, 80 indicators)"
run "referentiel show" 0 env -u LANGUAGE LC_ALL=C "$mh" referentiel show "$esms"
if grep -qx '  sector       médico-social' "$work/out"; then ok "referentiel show: the sector"; else
  not_ok "referentiel show: no line '  sector       médico-social'"; sed -n 1,8p "$work/out" | sed 's/^/    /'
fi
expect_grep "referentiel show: 9 mesures prioritaires, 12 public criteria" "$work/out" \
  "  contents     10 domains, 45 criteria, 80 indicators, 9 mesures prioritaires, 12 public criteria"
run "referentiel show (sanitaire)" 0 env -u LANGUAGE LC_ALL=C "$mh" referentiel show "$cyber"
expect_no_grep "referentiel show (sanitaire): not médico-social" "$work/out" "médico-social"

# ---- templates: an EHPAD of 80 and of 120 places, a MAS, a SSIAD
template() { # OUT CATEGORY PLACES
  "$mh" template -r "$esms" --finess 690100011 --name "Structure d'essai" --region 84 --departement 69 \
    --category "$2" --beds "$3" --campaign esms-2025 --reference-date 2025-06-30 -o "$work/$1.yaml"
}
questions() { grep -o '^  [A-Z]*-[0-9]*-[A-Z]:' "$work/$1.yaml" | tr -d ' :'; }
for t in "ehpad 500 80" "ehpad120 500 120" "mas 255 50" "ssiad 354 40"; do
  set -- $t
  run "template $1 (category $2, $3 places)" 0 template "$@"
  if grep -q '^ *ose:' "$work/$1.yaml"; then not_ok "template $1: an ose line"; else ok "template $1: no ose line"; fi
  expect_grep "template $1: the places comment" "$work/$1.yaml" "  beds: $3  # capacity, in places installed"
  run "template $1 loads back" 0 "$mh" score -r "$esms" -f csv "$work/$1.yaml"
  if awk -F, 'NR == 2 && $4 == "0.000000" && $6 == "0.000000" { ok = 1 } END { exit !ok }' "$work/out"; then
    ok "template $1: everything unanswered (score 0, completeness 0)"
  else not_ok "template $1: not all unanswered"; sed 's/^/    /' "$work/out" | cut -c1-120; fi
done
expect_grep "template EHPAD: the category label" "$work/ehpad.yaml" \
  "  category: \"500\"  # EHPAD (Établissement d'hébergement pour personnes âgées dépendantes)"
expect_grep "template MAS: the category label" "$work/mas.yaml" '  category: "255"  # MAS'
expect_grep "template SSIAD: the category label" "$work/ssiad.yaml" \
  '  category: "354"  # SSIAD (Service de soins infirmiers à domicile)'
questions ehpad >"$work/q-ehpad"
questions ehpad120 >"$work/q-ehpad120"
questions ssiad >"$work/q-ssiad"
questions mas >"$work/q-mas"
[ "$(grep -c . "$work/q-ehpad")" = 71 ] && ok "template EHPAD 80 places: 71 questions" ||
  not_ok "template EHPAD 80 places: $(grep -c . "$work/q-ehpad") questions, expected 71"
[ "$(grep -c . "$work/q-ehpad120")" = 72 ] && ok "template EHPAD 120 places: 72 questions" ||
  not_ok "template EHPAD 120 places: $(grep -c . "$work/q-ehpad120") questions, expected 72"
[ "$(grep -c . "$work/q-ssiad")" = 74 ] && ok "template SSIAD: 74 questions" ||
  not_ok "template SSIAD: $(grep -c . "$work/q-ssiad") questions, expected 74"
if [ "$(grep -c '^MOBIL-' "$work/q-ssiad")" = 7 ]; then ok "template SSIAD: the 7 MOBIL questions"; else
  not_ok "template SSIAD: $(grep -c '^MOBIL-' "$work/q-ssiad") MOBIL questions"; fi
if grep -q '^MOBIL-' "$work/q-ehpad" "$work/q-mas"; then not_ok "template EHPAD/MAS: MOBIL questions"; else
  ok "template EHPAD/MAS: no MOBIL question"; fi
for q in RESEAU-01-A RESEAU-01-B CONT-02-A CONT-02-B CONT-06-A CONT-04-B; do
  if grep -qx "$q" "$work/q-ehpad"; then ok "template EHPAD: $q"; else not_ok "template EHPAD: no $q"; fi
done
if grep -q '^RESEAU-01-\|^CONT-06-' "$work/q-ssiad"; then not_ok "template SSIAD: a question for residents"; else
  ok "template SSIAD: no RESEAU-01 nor CONT-06 (nobody lives there)"; fi
if grep -qx 'CONT-02-A' "$work/q-ssiad"; then ok "template SSIAD: CONT-02 (it gives care)"; else not_ok "template SSIAD: no CONT-02"; fi
if grep -q '^GOUV-02-' "$work/q-ehpad"; then not_ok "template EHPAD 80 places: GOUV-02"; else ok "template EHPAD 80 places: no GOUV-02"; fi
if grep -qx 'GOUV-02-A' "$work/q-ehpad120"; then ok "template EHPAD 120 places: GOUV-02-A"; else not_ok "template EHPAD 120 places: no GOUV-02-A"; fi
if grep -qx 'CONT-04-A' "$work/q-ehpad120" && ! grep -qx 'CONT-04-B' "$work/q-ehpad120"; then
  ok "template EHPAD 120 places: CONT-04-A, not CONT-04-B"; else not_ok "template EHPAD 120 places: CONT-04"; fi

# ---- score and explain the population, from its files
run "score csv" 0 "$mh" score -r "$esms" -f csv "${files[@]}"
cmp -s "$work/out" fixtures/expected/esms-score.csv && ok "score csv equals fixtures/expected/esms-score.csv" ||
  not_ok "score csv differs from fixtures/expected/esms-score.csv"
cp "$work/out" "$work/files.csv"
run "score --detail csv" 0 "$mh" score -r "$esms" -f csv --detail "${files[@]}"
cmp -s "$work/out" fixtures/expected/esms-score-detail.csv && ok "score --detail equals fixtures/expected/esms-score-detail.csv" ||
  not_ok "score --detail differs from fixtures/expected/esms-score-detail.csv"
run "score table" 0 env -u LANGUAGE LC_ALL=C COLUMNS=200 "$mh" score -r "$esms" "${files[@]}"
[ "$(grep -c '^[0-9][0-9AB][0-9]\{7\} ' "$work/out")" = 27 ] && ok "score table: 27 establishments" ||
  not_ok "score table: $(grep -c '^[0-9][0-9AB][0-9]\{7\} ' "$work/out") rows"
expect_grep "score table: the bad EHPAD, level 0 and 8 of 9" "$work/out" "730300092 EHPAD public de Bourg-en-Maurienne"
if grep '^730300092 ' "$work/out" | grep -q ' 89\.4  0 No level reached .* 100\.0%  8/9$'; then
  ok "score table: 730300092 at 89.4, level 0, 8/9"
else not_ok "score table: 730300092 row"; grep '^730300092 ' "$work/out" | sed 's/^/    /'; fi
run "score json" 0 "$mh" score -r "$esms" -f json "${files[@]}"
if python3 - "$work/out" <<'EOF'; then ok "score json: the same scores as the csv"; else not_ok "score json: differs from the csv"; fi
import csv, json, sys
data = json.load(open(sys.argv[1], encoding="utf-8"))
rows = data if isinstance(data, list) else data.get("establishments", data.get("results"))
exp = {r["finess"]: r for r in csv.DictReader(open("fixtures/expected/esms-score.csv", encoding="utf-8"))}
got = {}
for r in rows:
    f = r.get("finess") or r["establishment"]["finess"]
    got[f] = (round(float(r["global_score"]), 6), int(r["level"]))
want = {f: (round(float(r["global_score"]), 6), int(r["level"])) for f, r in exp.items()}
sys.exit(0 if got == want else 1)
EOF

run "explain an EHPAD missing a mesure prioritaire" 0 env -u LANGUAGE LC_ALL=C "$mh" explain -r "$esms" \
  --finess 730300092 "${files[0]}"
expect_grep "explain: the header" "$work/out" "EHPAD public de Bourg-en-Maurienne (FINESS 730300092), region 84, category 500"
expect_grep "explain: 8 of 9" "$work/out" "Mesures prioritaires   8 of 9 achieved"
expect_grep "explain: level 0" "$work/out" "Maturity level         0 No level reached"
expect_grep "explain: SAUV-02 not achieved" "$work/out" "      not achieved, 0% [level 1, max, mesure prioritaire]"
expect_grep "explain: what blocks level 1" "$work/out" "What blocks level 1 (Socle)"
expect_grep "explain: SAUV-02 blocks it" "$work/out" \
  "  SAUV-02  Copie des sauvegardes hors ligne ou immuable: not achieved (level 1, mesure prioritaire)"
expect_grep "explain: SAUV-02 first in the plan" "$work/out" "   1. SAUV-02  Copie des sauvegardes hors ligne ou immuable"
expect_grep "explain: GOUV-02 does not apply under 100 places" "$work/out" "      not applicable [level 3, mean]"

# ---- the database: import, score, status, rank, publish, report
run "import the population" 0 "$mh" import --db "$db" -r "$esms" "${files[@]}"
expect_grep "import: region 84" "$work/out" "fixtures/answers-esms/region-84-auvergne-rhone-alpes.yaml: 10 added, 0 changed, 0 unchanged"
expect_grep "import: region 76" "$work/out" "fixtures/answers-esms/region-76-occitanie.yaml: 5 added, 0 changed, 0 unchanged"
run "score --campaign 2025" 0 "$mh" score --db "$db" --campaign esms-2025 -f csv
head -1 "$work/out" >"$work/db-sorted"
tail -n +2 "$work/out" | sort >>"$work/db-sorted"
head -1 "$work/files.csv" >"$work/files-sorted"
tail -n +2 "$work/files.csv" | sort >>"$work/files-sorted"
cmp -s "$work/db-sorted" "$work/files-sorted" && ok "score from the database equals the file-based csv" ||
  not_ok "score from the database differs from the file-based csv"
[ "$(grep -c . "$work/db-sorted")" = 28 ] && ok "score from the database: 27 rows" || not_ok "score from the database: row count"
run "status region 84" 0 env -u LANGUAGE LC_ALL=C COLUMNS=200 "$mh" status --db "$db" --campaign esms-2025 --scope region:84
expect_grep "status: the summary of region 84" "$work/out" "10 establishments: 0 not started, 3 in progress, 7 submitted"
if grep '^740100177 SSIAD du Genevois haut-savoya' "$work/out" | grep -q ' in progress   90\.1%     64/71 '; then
  ok "status: the SSIAD in progress, 64 of 71"; else not_ok "status: the SSIAD's line"; fi
if grep -q '^750400210 ' "$work/out"; then not_ok "status region 84: an establishment of region 11"; else
  ok "status region 84: only region 84"; fi
run "rank" 0 env -u LANGUAGE LC_ALL=C "$mh" rank --db "$db" --campaign esms-2025
[ "$(grep -c ' yes *$' "$work/out")" = 8 ] && ok "rank: 8 praised" || not_ok "rank: $(grep -c ' yes *$' "$work/out") praised"
if grep -E '^ +1 +690100011 ' "$work/out" | grep -q ' yes'; then ok "rank: 690100011 first, praised"; else
  not_ok "rank: 690100011 not first"; fi

run "publish" 0 "$mh" publish --db "$db" --campaign esms-2025 --out "$work/pub"
expect_grep "publish: index.html's title" "$work/pub/index.html" "établissements et services médico-sociaux"
expect_no_grep "publish: not établissements de santé" "$work/pub/index.html" "établissements de santé"
tail -n +2 "$work/pub/palmares.csv" | cut -d, -f2 | sort >"$work/praised-published"
awk -F, 'NR > 1 && $3 == "submitted" && $4 >= 80 && $5 >= 1 && $6 == "1.000000" && $7 == $8 { print $1 }' \
  fixtures/expected/esms-score.csv | sort >"$work/praised-expected"
expect_file "publish: the palmarès holds exactly the praised establishments" "$work/praised-published" \
  "$(cat "$work/praised-expected")"
[ "$(grep -c . "$work/praised-expected")" = 8 ] && ok "publish: 8 praised expected" || not_ok "publish: praised count"
expect_grep "publish: the (84, 500) cell is shown" "$work/pub/observatoire.csv" "84,500,7,7,7,false,"
expect_grep "publish: a small cell is suppressed" "$work/pub/observatoire.csv" "53,255,1,1,1,true,"
expect_grep "publish: region 11 is suppressed" "$work/pub/observatoire.csv" "11,,6,5,5,true,"
leaks=0
for f in "$work"/pub/*; do
  for s in SECRET-ESMS "<script" HYPERLINK "@SUM" "attaquant.example" "Copie hors ligne chez le prestataire" \
    "le NAS reste branché" "Référente : cadre" "Référente mutualisée" "SAUV-02" "RESEAU-03" "MOBIL-02" "POSTE-04" \
    "SAUV-03" "RESEAU-01" "Tablettes sans chiffrement"; do
    if grep -qF -- "$s" "$f"; then not_ok "publish: '$s' in $(basename "$f")"; leaks=1; fi
  done
done
[ $leaks = 0 ] && ok "publish: no comment, no text answer, no non-public criterion in any published file"
run "report of an EHPAD" 0 "$mh" report --db "$db" --campaign esms-2025 --finess 380700039 --html "$work/report.html"
expect_grep "report: the title" "$work/report.html" "<title>Maturité cybersécurité — EHPAD public du Grésivaudan"
expect_no_grep "report: no comment" "$work/report.html" "Copie hors ligne chez le prestataire"
run "report again without --force" 73 "$mh" report --db "$db" --campaign esms-2025 --finess 380700039 --html "$work/report.html"

# ---- a category of the other sector: a located warning, and it still scores
# sector NAME STATUS ENGLISH FRENCH ARGS...: `both`, or only English without French
sector() {
  if [ -n "$have_fr" ]; then both "$@"; return; fi
  local name=$1 expected=$2 en=$3
  shift 4
  run "$name (C)" "$expected" env -u LANGUAGE LC_ALL=C "$mh" "$@"
  expect_grep "$name (C): in English" "$work/err" "$en"
}
sector "template: an EHPAD with the sanitaire référentiel" 0 \
  "maturinh: warning: establishment 690100011: category 500 (EHPAD (Établissement d'hébergement pour personnes âgées dépendantes)) is médico-social, and the référentiel maturinh-cyber is written for the sanitaire sector: check the category or the référentiel" \
  "maturinh: warning: établissement 690100011 : la catégorie 500 (EHPAD (Établissement d'hébergement pour personnes âgées dépendantes)) est médico-sociale, et le référentiel maturinh-cyber est écrit pour le secteur sanitaire : vérifiez la catégorie ou le référentiel" \
  template -r "$cyber" --finess 690100011 --name "EHPAD d'essai" --region 84 --category 500 --beds 80 \
  --campaign esms-2025 --reference-date 2025-06-30 -o "$work/cyber-ehpad.yaml" --force
sector "template: a FINESS of another region" 0 \
  "maturinh: warning: establishment 750712184: the FINESS number is one of département 75 (Paris, region 11), not of region 84 (Auvergne-Rhône-Alpes) as stated: right after a move or a merger of regions, else check the region" \
  "maturinh: warning: établissement 750712184 : " \
  template -r "$esms" --finess 750712184 --name "EHPAD d'essai" --region 84 --category 500 \
  --campaign esms-2025 --reference-date 2025-06-30 -o "$work/region.yaml" --force
run "template: the population's own sector, no warning" 0 "$mh" template -r "$esms" --finess 690100011 \
  --name "EHPAD d'essai" --region 84 --category 500 --campaign esms-2025 --reference-date 2025-06-30
expect_no_grep "template: no warning" "$work/err" "warning"
"$mh" template -r "$esms" --finess 420013153 --name "CH d'essai" --region 84 --category 355 --beds 300 \
  --campaign esms-2025 --reference-date 2025-06-30 -o "$work/esms-ch.yaml"
line=$(grep -n '^  category:' "$work/cyber-ehpad.yaml" | cut -d: -f1)
sector "an EHPAD with the sanitaire référentiel" 0 \
  "$work/cyber-ehpad.yaml:$line:13: warning: establishment 690100011: category 500 (EHPAD (Établissement d'hébergement pour personnes âgées dépendantes)) is médico-social, and the référentiel maturinh-cyber is written for the sanitaire sector: check the category or the référentiel" \
  "$work/cyber-ehpad.yaml:$line:13: warning: établissement 690100011 : la catégorie 500 (EHPAD (Établissement d'hébergement pour personnes âgées dépendantes)) est médico-sociale, et le référentiel maturinh-cyber est écrit pour le secteur sanitaire : vérifiez la catégorie ou le référentiel" \
  score -r "$cyber" "$work/cyber-ehpad.yaml"
line=$(grep -n '^  category:' "$work/esms-ch.yaml" | cut -d: -f1)
sector "a CH with the médico-social référentiel" 0 \
  "$work/esms-ch.yaml:$line:13: warning: establishment 420013153: category 355 (Centre Hospitalier (C.H.)) is sanitaire, and the référentiel maturinh-esms is written for the médico-social sector: check the category or the référentiel" \
  "$work/esms-ch.yaml:$line:13: warning: établissement 420013153 : la catégorie 355 (Centre Hospitalier (C.H.)) est sanitaire, et le référentiel maturinh-esms est écrit pour le secteur médico-social : vérifiez la catégorie ou le référentiel" \
  score -r "$esms" "$work/esms-ch.yaml"
run "the population with its own référentiel: no sector warning" 0 "$mh" score -r "$esms" "${files[@]}"
expect_no_grep "no sector warning" "$work/err" "warning"

# ---- the FINESS extract, kept to the campaign's sector
extract=fixtures/finess-extract/etalab-cs1100507-stock-20260512-0400.csv
run "an ESMS campaign" 0 "$mh" campaign --db "$work/extract.db" --campaign 2026 -r "$esms" --reference-date 2026-06-30
expect_file "an ESMS campaign: said" "$work/out" "campaign 2026: référentiel maturinh-esms 2025.1, reference date 2026-06-30"
run "a sanitaire campaign" 0 "$mh" campaign --db "$work/extract.db" --campaign 2026-es -r "$cyber" --reference-date 2026-06-30
run "the extract into the ESMS campaign" 0 env -u LANGUAGE LC_ALL=C "$mh" import --db "$work/extract.db" --campaign 2026 --finess-extract "$extract"
expect_file "the extract into the ESMS campaign: only the médico-social lines" "$work/err" \
  "$extract: 1 establishment (1 new, 0 updated, 0 unchanged); 29 lines skipped: 14 of other categories, 15 of another type"
run "the extract into the sanitaire campaign" 0 env -u LANGUAGE LC_ALL=C "$mh" import --db "$work/extract.db" --campaign 2026-es --finess-extract "$extract"
expect_file "the extract into the sanitaire campaign: only the sanitaire lines" "$work/err" \
  "$extract: 10 establishments (10 new, 0 updated, 0 unchanged); 20 lines skipped: 3 of other categories, 2 outside the ARS regions, 15 of another type"
run "the extract with --categories all" 0 env -u LANGUAGE LC_ALL=C "$mh" import --db "$work/extract.db" --campaign 2026 --finess-extract "$extract" --categories all
expect_file "the extract with --categories all: both sectors" "$work/err" \
  "$extract: 11 establishments (10 new, 0 updated, 1 unchanged); 19 lines skipped: 2 of other categories, 2 outside the ARS regions, 15 of another type"

# ---- fill from a pipe: the director of an EHPAD answers three questions
cp "$db" "$work/fill.db"
printf '%s\n' ":go SAUV-03-A" "2025-02-10" "oui" ":go POSTE-03-A" "85" ":fin" |
  env -u LANGUAGE COLUMNS=200 LC_ALL=C "$mh" fill --db "$work/fill.db" --campaign esms-2025 --finess 920500238 \
    --user directrice >"$work/fill.out" 2>&1
status=$?
[ $status = 0 ] && ok "fill from a pipe: exit 0" || not_ok "fill from a pipe: exit $status"
expect_grep "fill: the establishment" "$work/fill.out" "EHPAD Villa Les Marronniers (FINESS 920500238), campaign esms-2025: maturinh-esms 2025.1"
expect_grep "fill: a question in places" "$work/fill.out" "SAUV-03-B  Un utilisateur (cadre, secrétariat) vérifie-t-il que les données restaurées sont complètes et utilisables ?"
expect_grep "fill: saved" "$work/fill.out" "Stopped: your answers are saved; run fill again to go on."
expect_grep "fill: the count" "$work/fill.out" "68 of 71 questions answered."
run "export after fill" 0 "$mh" export --db "$work/fill.db" --campaign esms-2025 --finess 920500238
expect_grep "fill saved SAUV-03-A" "$work/out" '  SAUV-03-A: "2025-02-10"'
expect_grep "fill saved SAUV-03-B" "$work/out" '  SAUV-03-B: "true"'
expect_grep "fill saved POSTE-03-A" "$work/out" '  POSTE-03-A: "85"'
run "the original database is unchanged" 0 "$mh" export --db "$db" --campaign esms-2025 --finess 920500238
expect_no_grep "the original database: no SAUV-03-A" "$work/out" "SAUV-03-A"

# ---- in French
if [ -n "$have_fr" ]; then
  run "referentiel show ($fr)" 0 env -u LANGUAGE LC_ALL=$fr "$mh" referentiel show "$esms"
  if grep -qx '  secteur      médico-social' "$work/out"; then ok "referentiel show ($fr): le secteur"; else
    not_ok "referentiel show ($fr): no line '  secteur      médico-social'"; sed -n 1,8p "$work/out" | sed 's/^/    /'
  fi
  run "template ($fr)" 0 env -u LANGUAGE LC_ALL=$fr "$mh" template -r "$esms" --finess 690100011 --name E --region 84 \
    --category 500 --beds 80 --campaign esms-2025 --reference-date 2025-06-30
  expect_grep "template ($fr): the places comment" "$work/out" "  beds: 80  #"
  run "explain ($fr)" 0 env -u LANGUAGE LC_ALL=$fr "$mh" explain -r "$esms" --finess 730300092 "${files[0]}"
  expect_grep "explain ($fr): 8 sur 9" "$work/out" "8 sur 9"
else
  skip "the French checks" "the locale fr_FR.UTF-8 or MATURINH_LOCALEDIR is missing"
fi

finish
