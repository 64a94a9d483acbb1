#!/usr/bin/env bash
# `maturinh report` as a hospital CISO reads it before the security
# committee: French statuses, numbers and dates; the domain table beside the
# radar; the peers' median only from min_cell_size other eligible peers, and
# why not elsewhere; no radar vertex for a domain that does not apply; what
# blocks the next level, as `explain` says it; a file only its owner reads.
# Two reports are kept in PAGES_DIR (tilleuls.html, chu.html) for
# test_pages_xmllint.sh and test_pages_chromium.sh.
#
# Usage: test_cli_report.sh MATURINH SOURCE_DIR [PAGES_DIR]
set -u
mh=$1
src=$2
pages=${3:-}
source "$(dirname "$0")/lib.sh"
cd "$src"
ref=referentiels/maturinh-cyber/maturinh-cyber.yaml
mapfile -t files < <(grep -v '^#' fixtures/answers/ORDER | grep -v '^$')
nbsp=$(printf '\xc2\xa0')

# finess PREFIX8: the FINESS number with its Luhn key
finess() {
  local p=$1 sum=0 i d
  for ((i = 0; i < 8; i++)); do
    d=${p:7-i:1}
    if ((i % 2 == 0)); then d=$((d * 2)); ((d > 9)) && d=$((d - 9)); fi
    sum=$((sum + d))
  done
  echo "$p$(((10 - sum % 10) % 10))"
}
[ "$(finess 01078091)" = 010780914 ] && ok "the test's Luhn key" || not_ok "the test's Luhn key: $(finess 01078091)"

# section FILE START END: the lines from the first matching START to the next END
section() { awk -v s="$2" -v e="$3" 'index($0, s) { on = 1 } on { print } on && index($0, e) && !index($0, s) { exit }' "$1"; }
# row FILE DOMAIN: the lines of a domain's row of the domain table
row() { section "$1" "<tr id=\"domaine-$2\">" "</tr>"; }

# The radar (report.c): centre (300, 215), radius 160 for a score of 100, axis
# i of n at the angle -pi/2 + 2 pi i / n (from the top, clockwise); the axes
# are the domains the establishment has a score for, in référentiel order.
# A shape with a value on every axis is a polygon; otherwise a polyline for
# each run of neighbouring axes with a value (starting after the first axis
# without one), never through the centre.
# expected_shapes CSV OWN PEERS_REGEX MIN_CELL_SIZE own|peers: the shapes
# report.c draws, one a line, "polygon X,Y X,Y ..." or "polyline ...",
# unrounded, from score's CSV (the `domain:` columns): OWN's scores (own), or
# on each axis the median of the rows matching PEERS_REGEX, OWN excluded,
# that have that domain scored, where at least MIN_CELL_SIZE do (peers).
expected_shapes() {
  awk -F, -v own="$2" -v re="$3" -v min="$4" -v what="$5" '
    function xy(a, r) {
      r = 160 * v[a] / 100
      return sprintf("%.6f,%.6f", 300 + r * cos(-pi / 2 + 2 * pi * a / n), 215 + r * sin(-pi / 2 + 2 * pi * a / n))
    }
    NR == 1 { for (c = 1; c <= NF; c++) if ($c ~ /^domain:/) col[++nd] = c; next }
    $1 == own { for (d = 1; d <= nd; d++) mine[d] = $(col[d]); next }
    $1 ~ re { np++; for (d = 1; d <= nd; d++) peer[np, d] = $(col[d]) }
    END {
      pi = atan2(0, -1)
      for (d = 1; d <= nd; d++) {
        if (mine[d] == "") continue
        a = n++ # axis a, from 0 as in report.c
        if (what == "own") { v[a] = mine[d]; has[a] = 1; continue }
        k = 0
        for (p = 1; p <= np; p++) if (peer[p, d] != "") {
          x = peer[p, d] + 0
          for (j = k++; j > 0 && vals[j] > x; j--) vals[j + 1] = vals[j]
          vals[j + 1] = x
        }
        has[a] = k > 0 && k >= min
        if (has[a]) v[a] = k % 2 ? vals[(k + 1) / 2] : (vals[k / 2] + vals[k / 2 + 1]) / 2
      }
      for (a = 0; a < n; a++) missing += !has[a]
      if (missing == n) exit
      if (!missing) { line = "polygon"; for (a = 0; a < n; a++) line = line " " xy(a); print line; exit }
      for (start = 0; has[start]; start++) ;
      line = ""
      for (k = 0; k <= n; k++) {
        a = (start + k) % n
        if (k < n && has[a]) line = line " " xy(a)
        else if (line != "") { print "polyline" line; line = "" }
      }
    }' "$1"
}
# shapes HTML CLASS: the radar's polygons and polylines of that class, as expected_shapes writes them
shapes() { grep -o "<poly[a-z]* class=\"$2\" points=\"[^\"]*\"" "$1" | sed -E 's/^<(poly[a-z]*) class="[^"]*" points="([^"]*)"$/\1 \2/'; }
# same_shapes GOT EXPECTED (files): the same shapes, each coordinate the expected one to
# the page's one decimal (within 0.05, and 0.0001 for the CSV's six decimals)
same_shapes() {
  awk 'NR == FNR { got[++ng] = $0; next } { want[++nw] = $0 }
    END {
      if (ng != nw || ng == 0) exit 1
      for (i = 1; i <= ng; i++) {
        a = split(got[i], g, /[ ,]/); b = split(want[i], w, /[ ,]/)
        if (a != b || g[1] != w[1]) exit 1
        for (j = 2; j <= a; j++) if (g[j] - w[j] > 0.0501 || w[j] - g[j] > 0.0501) exit 1
      }
    }' "$1" "$2"
}
# check_shapes NAME HTML CLASS CSV OWN PEERS_REGEX MIN_CELL_SIZE own|peers
check_shapes() {
  shapes "$2" "$3" >"$work/shapes-got"
  expected_shapes "$4" "$5" "$6" "$7" "$8" >"$work/shapes-expected"
  if same_shapes "$work/shapes-got" "$work/shapes-expected"; then ok "$1"; else
    not_ok "$1"
    echo "    expected:"; sed 's/^/      /' "$work/shapes-expected"
    echo "    got:"; sed 's/^/      /' "$work/shapes-got"
  fi
}

# ---- the shipped référentiel: a clinic alone in its group (920014503, not OSE)
html=$work/tilleuls.html
run "report" 0 "$mh" report -r "$ref" --finess 920014503 --html "$html" "${files[@]}"
keep "$html" tilleuls.html
if grep -qE '(src|href)="(https?:)?//' "$html"; then not_ok "the report loads something"; else ok "the report is self-contained"; fi

# statuses in French, and no English status name anywhere in the page
for s in '>atteint<' '>partiel<' '>non atteint<' '>non applicable<'; do
  expect_grep "French status $s" "$html" "$s"
done
for s in achieved partial missing not_applicable not_achieved; do
  expect_no_grep "no English status '$s'" "$html" "$s"
done

# French numbers and dates
expect_grep "the global score in French" "$html" "Score global 68,0 sur 100"
expect_grep "completeness with a no-break space" "$html" "complétude 100${nbsp}%"
expect_grep "a criterion score in French" "$html" "<td class=\"n\">25${nbsp}%</td>"
expect_grep "the reference date in French" "$html" "date de référence 30 juin 2025"
expect_no_grep "no ISO date" "$html" "2025-06-30"
decimal_points() { grep -E '>[^<]*[0-9]\.[0-9][^<]*<' "$1" | grep -v '<style>\|référentiel maturinh-cyber 2025\.1'; }
if decimal_points "$html" | grep -q .; then
  not_ok "a decimal point in the text: $(decimal_points "$html" | head -2)"
else ok "no decimal point in the text"; fi

# the domain table: each domain, its score, and why there is no median
"$mh" score -r "$ref" -f csv "${files[@]}" | grep '^920014503,' >"$work/own.csv"
expect_grep "the domain table" "$html" '<table class="domains">'
gouv=$(awk -F, '{ printf "%.1f", int($9 * 10 + 0.5) / 10 }' "$work/own.csv" | tr . ,)
row "$html" GOUV >"$work/row"
expect_grep "the GOUV row has its score ($gouv)" "$work/row" "<td class=\"n\">$gouv</td>"
expect_grep "the GOUV row says why there is no median" "$work/row" "non montrée : moins de 5 établissements comparables ont ce domaine évalué"
row "$html" OSE >"$work/row"
expect_grep "OSE does not apply: non applicable in the table" "$work/row" ">non applicable<"
# (the radar is there: the peers' shape is missing from it, not with it)
expect_grep "the radar has the clinic's polygon" "$html" '<polygon class="own" points="'
expect_no_grep "no peers' shape without peers" "$html" 'class="peers"'
expect_no_grep "no peers' dashes, neither a shape nor the legend's line, without peers" "$html" 'stroke-dasharray="6 3"'

# the radar: applicable domains only, labelled rings
points=$(grep -o '<polygon class="own" points="[^"]*"' "$html" | sed 's/.*points="//; s/"$//')
if [ "$(wc -w <<<"$points")" = 10 ]; then ok "10 vertices: the 10 applicable domains"; else not_ok "vertices: $points"; fi
if grep -qw '300.0,215.0' <<<"$points"; then not_ok "a vertex at the centre"; else ok "no vertex at the centre"; fi
svg=$(section "$html" "<svg" "</svg>")
if grep -q '>OSE</text>' <<<"$svg"; then not_ok "OSE is an axis of the radar"; else ok "OSE is not an axis of the radar"; fi
for t in 25 50 75 100; do
  if grep -q "<text class=\"ring\"[^>]*>$t</text>" <<<"$svg"; then ok "ring label $t"; else not_ok "ring label $t"; fi
done

# what blocks the next level: the same criteria as `explain`, and the cap
run "explain 920014503" 0 "$mh" explain -r "$ref" --finess 920014503 fixtures/answers/region-11-ile-de-france.yaml
sed -n '/^What blocks level/,/^$/p' "$work/out" | awk '/^  [A-Z]/ { print $1 }' >"$work/explain-blocking"
section "$html" '<table class="blocking">' '</table>' | sed -n 's/.*<td class="id">\(.*\)<\/td>/\1/p' >"$work/report-blocking"
expect_grep "explain blocks level 2" "$work/out" "What blocks level 2 (Fondamental)"
if [ -s "$work/explain-blocking" ] && diff "$work/explain-blocking" "$work/report-blocking" >/dev/null; then
  ok "the report's blocking criteria are explain's ($(wc -l <"$work/report-blocking"))"
else not_ok "blocking criteria differ"; diff "$work/explain-blocking" "$work/report-blocking" | head; fi
expect_grep "the section" "$html" "Ce qui bloque le niveau suivant"
expect_grep "the levels" "$html" "Niveau actuel 1 (Socle). Pour atteindre le niveau 2 (Fondamental), 13 critères restent à atteindre"
# SAUV-04 is of level 3, but a mesure prioritaire: the cap keeps the level at 1 while it fails
expect_grep "a level-3 mesure prioritaire blocks level 2 (explain)" "$work/explain-blocking" "SAUV-04"
expect_grep "the priority cap" "$html" "le niveau est plafonné à 1"
expect_grep "explain says the cap" "$work/out" "(a mesure prioritaire is not achieved: the level is capped at 1)"

# the action plan in French, the gains as explain computes them
gain=$(awk '/^   1\. / { getline; sub(/^ *\+/, ""); sub(/ .*/, ""); print; exit }' "$work/out" | tr . ,)
expect_grep "the first action's gain in French ($gain)" "$html" "+$gain${nbsp}points"
first=$(awk '/^   1\. / { print $2; exit }' "$work/out")
if [ -n "$first" ] && [ "$(section "$html" '<table class="actions">' '</table>' | sed -n 's/.*<td class="id">\(.*\)<\/td>/\1/p' | head -1)" = "$first" ]; then
  ok "the first action is explain's ($first)"; else not_ok "the first action is not explain's ($first)"; fi

# ---- peers: five copies of 690783063 (84, 101, OSE) with other answers, two of them not OSE
awk 'index($0, "finess: \"690783063\"") { found = 1 } /^---$/ { if (found) exit; doc = "" ; next } { doc = doc $0 "\n" } END { printf "%s", doc }' \
  fixtures/answers/region-84-auvergne-rhone-alpes.yaml >"$work/chu.yaml"
peer() { # NUMBER OSE SED-EXPRESSIONS...
  local n=$1 ose=$2
  shift 2
  echo "---"
  sed -e "s/finess: \"690783063\"/finess: \"$(finess 6900010$n)\"/" -e "/finess_ej:/d" \
      -e "s/name: \"CHU de Lyon-Confluence\"/name: \"Pair $n\"/" "$@" "$work/chu.yaml" |
    if [ "$ose" = true ]; then cat; else sed -e 's/ose: true/ose: false/' -e '/^  OSE-/d' -e '/^  CRISE-06-A:/d'; fi
}
{
  # (IAM-01-A and TIERS-01-A lower in three peers each: medians of IAM and TIERS below the CHU's)
  peer 1 true -e 's/GOUV-01-A: oui/GOUV-01-A: non/' -e 's/SAUV-05-A: oui/SAUV-05-A: non/' \
    -e 's/IAM-01-A: 100/IAM-01-A: 70/' -e 's/TIERS-01-A: 100/TIERS-01-A: 80/'
  peer 2 true -e 's/IAM-01-A: 100/IAM-01-A: 40/' -e 's/SENS-02-A: 86/SENS-02-A: 30/'
  peer 3 true -e 's/TIERS-01-A: 100/TIERS-01-A: 20/' -e 's/EXPO-03-A: 100/EXPO-03-A: 50/' -e 's/OSE-01-B: 100/OSE-01-B: 10/'
  peer 4 false -e 's/CRISE-02-A: oui/CRISE-02-A: non/' -e 's/MSS-01-A: oui/MSS-01-A: non/' -e 's/TIERS-01-A: 100/TIERS-01-A: 60/'
  peer 5 false -e 's/DETECT-01-A: oui/DETECT-01-A: non/' -e 's/ANNU-05-A: 100/ANNU-05-A: 30/' -e 's/IAM-01-A: 100/IAM-01-A: 55/'
} >"$work/peers.yaml"
run "score the peers" 0 "$mh" score -r "$ref" -f csv "${files[@]}" "$work/peers.yaml"
cp "$work/out" "$work/peers.csv"
if [ "$(grep -c '^6900010[1-5].,2025,submitted,[0-9.]*,[0-9],1.000000,' "$work/peers.csv")" = 5 ]; then ok "five eligible peers"; else not_ok "peers: $(grep '^6900010[1-5]' "$work/peers.csv")"; fi
# median FINESS-REGEX COLUMN: round1 of the median of a column over the rows matching, in French
median() {
  grep "$1" "$work/peers.csv" | cut -d, -f"$2" | grep . | sort -g |
    awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f", int(m * 10 + 0.5) / 10 }' | tr . ,
}
chu=$work/chu.html
run "report with peers" 0 "$mh" report -r "$ref" --finess 690783063 --html "$chu" "${files[@]}" "$work/peers.yaml"
keep "$chu" chu.html
col=9
for d in GOUV CRISE SAUV ANNU EXPO IAM SENS DETECT MSS TIERS; do
  m=$(median '^6900010[1-5]' $col)
  row "$chu" $d >"$work/row"
  expect_grep "$d: the median of the five peers ($m)" "$work/row" "<td class=\"median\">$m</td>"
  col=$((col + 1))
done
row "$chu" OSE >"$work/row"
expect_grep "OSE: three peers only have it scored, no median" "$work/row" "non montrée : moins de 5 établissements comparables ont ce domaine évalué"
expect_no_grep "OSE: no median figure" "$work/row" 'class="median"'
# the peers' shape: ten vertices (every axis but OSE), in a polyline that never goes through the centre
shape=$(grep -o '<poly[a-z]* class="peers" points="[^"]*"' "$chu")
if [ "$(wc -l <<<"$shape")" = 1 ] && grep -q '^<polyline' <<<"$shape" && [ "$(sed 's/.*points="//; s/"$//' <<<"$shape" | wc -w)" = 10 ]; then
  ok "the peers' line: 10 vertices, open at OSE"; else not_ok "the peers' shape: $shape"; fi
# its vertices: on each axis, the five peers' median (the unrounded one the
# table shows rounded); none on OSE, which only three peers have
check_shapes "the peers' line: each vertex at the peers' median, none on OSE" "$chu" peers \
  "$work/peers.csv" 690783063 '^6900010[1-5].$' 5 peers
check_shapes "the CHU's polygon: each vertex at its score, OSE too (11 axes)" "$chu" own \
  "$work/peers.csv" 690783063 '^$' 5 own
# a non-OSE peer: its axes exclude OSE, and the five others (the CHU too) make a closed polygon
p4=$(finess 69000104)
run "report for a non-OSE peer" 0 "$mh" report -r "$ref" --finess "$p4" --html "$work/p4.html" "${files[@]}" "$work/peers.yaml"
shape=$(grep -o '<polygon class="peers" points="[^"]*"' "$work/p4.html" | sed 's/.*points="//; s/"$//')
if [ "$(wc -w <<<"$shape")" = 10 ]; then ok "the peers' polygon: 10 vertices"; else not_ok "the peers' polygon: $shape"; fi
check_shapes "the peers' polygon: each vertex at the median of the CHU and the four other peers" "$work/p4.html" peers \
  "$work/peers.csv" "$p4" '^6900010[1-5].$|^690783063$' 5 peers
row "$work/p4.html" OSE >"$work/row"
expect_grep "a non-OSE peer: OSE non applicable" "$work/row" ">non applicable<"
# four peers only (min_cell_size - 1): no median anywhere, no peers' shape, the radar still there
awk '/^---$/ { n++ } n <= 4' "$work/peers.yaml" >"$work/four-peers.yaml"
run "report with four peers" 0 "$mh" report -r "$ref" --finess 690783063 --html "$work/chu4.html" "${files[@]}" "$work/four-peers.yaml"
if [ "$(grep -c '^---$' "$work/four-peers.yaml")" = 4 ]; then ok "four peers kept of five"; else not_ok "four peers: $(grep -c '^---$' "$work/four-peers.yaml") documents"; fi
expect_grep "four peers: the radar has the CHU's polygon" "$work/chu4.html" '<polygon class="own" points="'
expect_no_grep "four peers: no peers' shape" "$work/chu4.html" 'class="peers"'
expect_no_grep "four peers: no median" "$work/chu4.html" 'class="median"'
expect_grep "four peers: the page says no median is shown" "$work/chu4.html" "Elle n'est montrée pour aucun domaine ici."

# ---- a tiny référentiel: exactly min_cell_size - 1 peers, then min_cell_size, then one more
cat >"$work/mini.yaml" <<'YAML'
format: maturinh-referentiel/1
id: mini
version: "1"
title: "Petit référentiel pour le rapport"
levels:
  - {level: 1, label: "Socle"}
  - {level: 2, label: "Intermédiaire"}
  - {level: 3, label: "Avancé"}
scoring: {achieved_at: 1.0, partial_at: 0.5, priority_level_cap: 1}
publication: {min_completeness: 1.0, praise_min_score: 80, praise_requires_priority: true, praise_min_level: 1, min_cell_size: 3}
domains:
  - id: GOUV
    title: "Gouvernance"
    weight: 1
    criteria:
      - {id: GOUV-01, title: "Comité", level: 1, weight: 1, combine: mean,
         indicators: [{id: GOUV-01-A, question: "Réunions ?", type: integer, target: 10}]}
  - id: SAUV
    title: "Sauvegardes"
    weight: 1
    criteria:
      - {id: SAUV-01, title: "Sauvegardes hors ligne", level: 2, weight: 1, combine: mean,
         indicators: [{id: SAUV-01-A, question: "Copies ?", type: integer, target: 10}]}
  - id: DETECT
    title: "Détection"
    weight: 1
    criteria:
      - {id: DETECT-01, title: "Supervision", level: 3, weight: 1, priority: true, combine: mean,
         indicators: [{id: DETECT-01-A, question: "Sondes ?", type: integer, target: 10}]}
  - id: OSE
    title: "Opérateurs de services essentiels"
    weight: 1
    applies_to: {ose: true}
    criteria:
      - {id: OSE-01, title: "Homologation", level: 1, weight: 1, combine: mean,
         indicators: [{id: OSE-01-A, question: "Systèmes homologués ?", type: integer, target: 10}]}
YAML
# doc FINESS REGION CATEGORY OSE STATUS GOUV SAUV DETECT [OSE]: one establishment
doc() {
  printf -- '---\nformat: maturinh-answers/1\nreferentiel: {id: mini, version: "1"}\n'
  printf 'campaign: {id: "2025", reference_date: 2025-06-30}\n'
  printf 'establishment: {finess: "%s", name: "Établissement %s", region: "%s", category: "%s", ose: %s}\n' "$1" "$1" "$2" "$3" "$4"
  printf 'status: %s\nanswers:\n  GOUV-01-A: %s\n  SAUV-01-A: %s\n  DETECT-01-A: %s\n' "$5" "$6" "$7" "$8"
  [ -n "${9:-}" ] && printf '  OSE-01-A: %s\n' "$9"
  return 0
}
own=$(finess 69000200)
{
  doc "$own" 84 355 false submitted 10 5 2
  doc "$(finess 69000201)" 84 355 true submitted 10 8 6 10
  doc "$(finess 69000202)" 84 355 false submitted 9 6 4
  # not peers: a draft, an incomplete one, another category, another region (all would change the median)
  doc "$(finess 69000206)" 84 355 false draft 0 0 0
  doc "$(finess 69000207)" 84 355 false submitted 0 0 ''
  doc "$(finess 69000208)" 84 101 false submitted 0 0 0
  doc "$(finess 75000209)" 11 355 false submitted 0 0 0
} >"$work/two.yaml"
{ cat "$work/two.yaml"; doc "$(finess 69000203)" 84 355 false submitted 5 10 2; } >"$work/three.yaml"
{ cat "$work/three.yaml"; doc "$(finess 69000204)" 84 355 false submitted 6 7 3; } >"$work/four.yaml"

run "mini: two peers (min_cell_size - 1)" 0 "$mh" report -r "$work/mini.yaml" --finess "$own" --html "$work/two.html" "$work/two.yaml"
expect_no_grep "two peers: no median" "$work/two.html" 'class="median"'
expect_grep "two peers: the radar has the establishment's polygon" "$work/two.html" '<polygon class="own" points="'
expect_no_grep "two peers: no peers' shape" "$work/two.html" 'class="peers"'
row "$work/two.html" SAUV >"$work/row"
expect_grep "two peers: why, with min_cell_size from the référentiel" "$work/row" "non montrée : moins de 3 établissements comparables ont ce domaine évalué"
expect_grep "two peers: the page says no median is shown" "$work/two.html" "Elle n'est montrée pour aucun domaine ici."

run "mini: three peers (min_cell_size)" 0 "$mh" report -r "$work/mini.yaml" --finess "$own" --html "$work/three.html" "$work/three.yaml"
# medians of {10, 9, 5}, {8, 6, 10}, {6, 4, 2} tenths: 90, 80, 40; radius 160 around (300, 215)
expect_grep "three peers: the peers' polygon" "$work/three.html" '<polygon class="peers" points="300.0,71.0 410.9,279.0 244.6,247.0"'
expect_grep "three peers: the establishment's polygon" "$work/three.html" '<polygon class="own" points="300.0,55.0 369.3,255.0 272.3,231.0"'
for pair in GOUV:90,0:+10,0 SAUV:80,0:−30,0 DETECT:40,0:−20,0; do
  IFS=: read -r d m diff <<<"$pair"
  row "$work/three.html" "$d" >"$work/row"
  expect_grep "three peers: $d median $m" "$work/row" "<td class=\"median\">$m</td>"
  expect_grep "three peers: $d difference $diff" "$work/row" "<td class=\"n\">$diff</td>"
done
row "$work/three.html" OSE >"$work/row"
expect_grep "mini: OSE does not apply" "$work/row" ">non applicable<"
expect_no_grep "mini: OSE not compared" "$work/row" 'class="median"'
points=$(grep -o '<polygon class="own" points="[^"]*"' "$work/three.html" | sed 's/.*points="//; s/"$//')
[ "$(wc -w <<<"$points")" = 3 ] && ok "mini: three axes, OSE left off" || not_ok "mini: axes $points"

run "mini: four peers (an even count)" 0 "$mh" report -r "$work/mini.yaml" --finess "$own" --html "$work/four.html" "$work/four.yaml"
for pair in GOUV:75,0 SAUV:75,0 DETECT:35,0; do
  row "$work/four.html" "${pair%%:*}" >"$work/row"
  expect_grep "four peers: ${pair%%:*} median ${pair#*:}" "$work/row" "<td class=\"median\">${pair#*:}</td>"
done

# the rule of the next level: level 1 (SAUV-01 of level 2 partial); DETECT-01, of level 3 but a
# mesure prioritaire, blocks level 2 too, since the cap (1) holds while it fails
section "$work/three.html" '<table class="blocking">' '</table>' | sed -n 's/.*<td class="id">\(.*\)<\/td>/\1/p' >"$work/report-blocking"
expect_file "mini: blocking criteria" "$work/report-blocking" "SAUV-01
DETECT-01"
expect_grep "mini: the cap" "$work/three.html" "1 mesure prioritaire sur 1 n'est pas atteinte"
run "mini: explain" 0 "$mh" explain -r "$work/mini.yaml" --finess "$own" "$work/three.yaml"
expect_grep "mini: explain lists the mesure prioritaire of level 3" "$work/out" "  DETECT-01  Supervision: not achieved (level 3, mesure prioritaire)"
expect_grep "mini: explain says the cap" "$work/out" "the level is capped at 1"

# ---- the file: 0600 from its creation, whatever the umask, also over a 0644 file with --force
mode() { stat -c %a "$1"; }
rm -f "$work/m.html"
(umask 000 && "$mh" report -r "$work/mini.yaml" --finess "$own" --html "$work/m.html" "$work/three.yaml") >/dev/null 2>&1
[ "$(mode "$work/m.html")" = 600 ] && ok "mode 0600 under umask 000" || not_ok "mode $(mode "$work/m.html") under umask 000"
rm -f "$work/m.html"
(umask 022 && "$mh" report -r "$work/mini.yaml" --finess "$own" --html "$work/m.html" "$work/three.yaml") >/dev/null 2>&1
[ "$(mode "$work/m.html")" = 600 ] && ok "mode 0600 under umask 022" || not_ok "mode $(mode "$work/m.html") under umask 022"
echo old >"$work/m.html" && chmod 644 "$work/m.html"
(umask 000 && "$mh" report -r "$work/mini.yaml" --finess "$own" --html "$work/m.html" --force "$work/three.yaml") >/dev/null 2>&1
if [ "$(mode "$work/m.html")" = 600 ] && grep -q 'class="peers"' "$work/m.html"; then ok "--force over a 0644 file: replaced, 0600"; else
  not_ok "--force over a 0644 file: mode $(mode "$work/m.html")"; fi
# while it is being written: the temporary file is already 0600 (the answers come from a pipe we hold)
mkfifo "$work/answers.pipe"
(umask 000 && exec "$mh" report -r "$work/mini.yaml" --finess "$own" --html "$work/w.html" "$work/answers.pipe") >/dev/null 2>&1 &
pid=$!
exec 4>"$work/answers.pipe" # returns once it reads the pipe: its file is made before that
temp=$(ls "$work" | grep '^w\.html\.tmp-' | head -1)
if [ -n "$temp" ]; then
  [ "$(mode "$work/$temp")" = 600 ] && ok "the temporary file is 0600 before anything is written" || not_ok "the temporary file is $(mode "$work/$temp")"
else
  not_ok "no temporary file while the report waits for its input"
fi
cat "$work/three.yaml" >&4
exec 4>&-
wait $pid
[ "$(mode "$work/w.html")" = 600 ] && ok "the finished file is 0600" || not_ok "the finished file is $(mode "$work/w.html")"

finish
