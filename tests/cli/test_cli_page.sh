#!/usr/bin/env bash
# index.html, the Observatoire's public page, as a journalist reads it: on a
# phone and on paper, in French, with every chart's figures in a table, the
# same figures as observatoire.csv (empty cells "non publié", never a zero),
# and labels that fit their charts (estimated here; measured in Chromium by
# test_pages_chromium.sh, and checked well-formed by test_pages_xmllint.sh,
# on the pages this script keeps in PAGES_DIR: obs/, nat/, long/).
#
# Usage: test_cli_page.sh MATURINH SOURCE_DIR [PAGES_DIR]
set -u
mh=$1
src=$2
pages=${3:-}
source "$(dirname "$0")/lib.sh"
cd "$src"
ref=referentiels/maturinh-cyber/maturinh-cyber.yaml
mapfile -t files < <(grep -v '^#' fixtures/answers/ORDER | grep -v '^$')
NBSP=$'\xc2\xa0'

# The chart geometry the page promises (observatoire_page.c): 15px text, and
# no label longer than 0.6 em a character allows.
font_size=15
char_em=0.6

# rows FILE MARKER: the rows of the first table after the line holding MARKER
# (in the same section),
# one per line, cells separated by tabs; a row with data-region/data-category
# starts with "REGION/CATEGORY" and a tab.  The page writes one cell a line.
rows() {
  awk -v marker="$2" '
    !on && index($0, marker) { on = 1 }
    on && /<\/table>|<\/section>/ { exit }
    on && /<tr[ >]/ {
      row = ""; n = 0; key = ""; inrow = 1
      if (match($0, /data-region="[^"]*"/)) key = substr($0, RSTART + 13, RLENGTH - 14)
      if (match($0, /data-category="[^"]*"/)) key = key "/" substr($0, RSTART + 15, RLENGTH - 16)
      next
    }
    on && inrow && /<\/tr>/ { print (key != "" ? key "\t" : "") row; inrow = 0; next }
    on && inrow && /<t[dh][ >]/ {
      c = $0; sub(/^[ \t]*<t[dh][^>]*>/, "", c); sub(/<\/t[dh]>[ \t]*$/, "", c)
      gsub(/&amp;/, "\\&", c); gsub(/&lt;/, "<", c); gsub(/&gt;/, ">", c)
      row = row (n++ ? "\t" : "") c
    }' "$1"
}

# French numbers back to the CSV's: no group separator, a decimal point, no
# "%"; "non publié" is the CSV's empty cell.
to_csv() {
  sed -e 's/\xe2\x80\xaf//g' -e 's/\([0-9]\),\([0-9]\)/\1.\2/g' -e "s/${NBSP}%//g" -e 's/non publié//g'
}

# column FILE NAME: the index (1-based) of a CSV column
column() { head -1 "$1" | tr ',' '\n' | grep -nx -- "$2" | cut -d: -f1; }

# check_figures NAME DIR: the page's figures are observatoire.csv's
check_figures() {
  local name=$1 dir=$2 page=$2/index.html csv=$2/observatoire.csv prio nlev
  prio=$(column "$csv" priority_all)
  # every group: counts always; mean, p25, median, p75 and priority_all where the CSV has them
  tail -n +2 "$csv" | awk -F, -v p="$prio" '{ print $1 "/" $2 "\t" $3 "\t" $4 "\t" $5 "\t" $7 "\t" $8 "\t" $9 "\t" $10 "\t" $p }' |
    sort >"$work/$name.csv-groups"
  rows "$page" 'id="detail"' | grep -v '^Région' | to_csv |
    awk -F'\t' '{ print $1 "\t" $3 "\t" $4 "\t" $5 "\t" $6 "\t" $7 "\t" $8 "\t" $9 "\t" $10 }' |
    sort >"$work/$name.page-groups"
  if [ -s "$work/$name.csv-groups" ] && diff "$work/$name.csv-groups" "$work/$name.page-groups" >"$work/diff"; then
    ok "$name: the detail table shows every group of observatoire.csv, empty cells as non publié"
  else
    not_ok "$name: the detail table differs from observatoire.csv"; head -10 "$work/diff" | sed 's/^/    /'
  fi
  # the region names of the detail table, for the tables that show names
  rows "$page" 'id="detail"' | awk -F'\t' '$1 ~ /\/$/ { print $1 "\t" $2 }' | sed 's/\/\t/\t/' >"$work/$name.names"
  # the scores table: eligible, mean, p25, median, p75 of the nation and each region
  awk -F'\t' 'NR == FNR { code[$2] = $1; next } { print code[$1] "\t" $2 "\t" $3 "\t" $4 "\t" $5 "\t" $6 }' \
    "$work/$name.names" <(rows "$page" 'id="scores"' | grep -v '^Région' | to_csv) | sort >"$work/$name.page-scores"
  tail -n +2 "$csv" | awk -F, '$2 == "" { print $1 "\t" $5 "\t" $7 "\t" $8 "\t" $9 "\t" $10 }' | sort >"$work/$name.csv-scores"
  if diff "$work/$name.csv-scores" "$work/$name.page-scores" >"$work/diff"; then
    ok "$name: the scores table has observatoire.csv's figures for the nation and every region"
  else
    not_ok "$name: the scores table differs from observatoire.csv"; head -10 "$work/diff" | sed 's/^/    /'
  fi
  published=$(awk -F'\t' '$3 != ""' "$work/$name.csv-scores" | wc -l)
  # the participation table: counts, and the rate from them
  awk -F'\t' 'NR == FNR { code[$2] = $1; next } { print code[$1] "\t" $2 "\t" $3 "\t" $4 }' \
    "$work/$name.names" <(rows "$page" 'id="participation"' | grep -v '^Région' | to_csv) | sort >"$work/$name.page-rates"
  tail -n +2 "$csv" | awk -F, '$2 == "" { printf "%s\t%s\t%s\t%.1f\n", $1, $3, $4, 100 * $4 / $3 }' | sort >"$work/$name.csv-rates"
  if diff "$work/$name.csv-rates" "$work/$name.page-rates" >"$work/diff"; then ok "$name: the participation table has observatoire.csv's counts"; else
    not_ok "$name: the participation table differs"; head -10 "$work/diff" | sed 's/^/    /'; fi
  # the levels table: the nation's level_0..level_N
  # (none when the nation is suppressed: the page then has no levels table)
  nlev=$(head -1 "$csv" | tr ',' '\n' | grep -c '^level_')
  rows "$page" 'id="niveaux"' | grep -v $'^Niveau\tÉtablissements' | to_csv | cut -f2 >"$work/$name.page-levels"
  awk -F, -v l0="$(column "$csv" level_0)" -v n="$nlev" 'NR == 2 && $6 == "false" { for (i = 0; i < n; i++) print $(l0 + i) }' \
    "$csv" >"$work/$name.csv-levels"
  if diff "$work/$name.csv-levels" "$work/$name.page-levels" >"$work/diff"; then ok "$name: the levels table has the nation's level counts"; else
    not_ok "$name: the levels table differs"; head -10 "$work/diff" | sed 's/^/    /'; fi
  # the public criteria: the nation's pct:ID
  head -1 "$csv" | tr ',' '\n' | grep -n '^pct:' | while IFS=: read -r i _ id; do
    printf '%s\t%s\n' "$id" "$(tail -n +2 "$csv" | awk -F, -v i="$i" '$1 == "" && $2 == "" { print $i }')"
  done >"$work/$name.csv-criteria"
  rows "$page" 'id="criteres"' | grep -v '^Critère' | to_csv | cut -f1,3 >"$work/$name.page-criteria"
  if [ -s "$work/$name.csv-criteria" ] && diff "$work/$name.csv-criteria" "$work/$name.page-criteria" >"$work/diff"; then
    ok "$name: the criteria table has the nation's rates"
  else
    not_ok "$name: the criteria table differs"; head -10 "$work/diff" | sed 's/^/    /'
  fi
}

# labels_fit NAME PAGE: no <text> is longer than its room at char_em a
# character, nor above or below its svg (the width its anchor leaves it
# inside the viewBox)
labels_fit() {
  LC_ALL=C awk -v fs="$font_size" -v em="$char_em" '
    function attr(name,   v) {
      if (!match($0, " " name "=\"[^\"]*\"")) return ""
      v = substr($0, RSTART + length(name) + 3); return substr(v, 1, index(v, "\"") - 1)
    }
    /<svg / { split(attr("viewBox"), vb, " "); width = vb[3]; height = vb[4]; svgs++ }
    /<text / {
      x = attr("x") + 0; y = attr("y") + 0; anchor = attr("text-anchor")
      t = $0; sub(/^[ \t]*<text[^>]*>/, "", t); sub(/<\/text>.*/, "", t)
      label = t; gsub(/&[#a-zA-Z0-9]+;/, "x", t); gsub(/[\200-\277]/, "", t)
      need = length(t) * em * fs
      room = anchor == "end" ? x : anchor == "middle" ? 2 * (x < width - x ? x : width - x) : width - x
      texts++
      if (need > room + 0.01 || y - 0.8 * fs < 0 || y + 0.25 * fs > height) {
        bad++; printf "    %s (%d characters, %.0f wide, %.0f of room at x=%s in %s)\n", label, length(t), need, room, x, width
      }
    }
    END { printf "%d svg, %d texts\n", svgs, texts; exit bad > 0 || texts == 0 }' "$2" >"$work/fit" 2>&1
  if [ $? = 0 ]; then ok "$1: every chart label fits its width at $char_em em a character ($(tail -1 "$work/fit"))"; else
    not_ok "$1: chart labels too long for their chart"; head -20 "$work/fit"; fi
}

# ---- the fixtures: 41 establishments, 10 regions, most groups suppressed
out="$work/obs"
run "publish the fixtures" 0 "$mh" publish -r "$ref" --out "$out" --date 2025-06-30 "${files[@]}"
page="$out/index.html"
csv="$out/observatoire.csv"

# on a phone, on paper
expect_grep "a viewport for phones" "$page" '<meta name="viewport" content="width=device-width, initial-scale=1"/>'
expect_grep "charts scale down with the window" "$page" '.chart{display:block;max-width:100%;height:auto}'
if [ "$(grep -c '<svg ' "$page")" = "$(grep -c '<svg [^>]*viewBox="0 0 [0-9.]* [0-9.]*"' "$page")" ] && grep -q '<svg ' "$page"; then
  ok "every chart has a viewBox"; else not_ok "a chart without a viewBox"; fi
for rule in '@media print{' 'h2,h3,.intro{break-after:avoid;page-break-after:avoid}' \
  '.keep,figure,tr,svg{break-inside:avoid;page-break-inside:avoid}' 'thead{display:table-header-group}'; do
  expect_grep "print stylesheet: $rule" "$page" "$rule"
done
# each chart's heading, introduction and chart are in one block kept on a page
if awk '/<div class="keep">/ { keep = 1; h = 0 } keep && /<h2 / { h = 1 } /<svg / { if (!keep || !h) bad = 1 }
        /<\/figure>/ { keep = 0 } END { exit bad }' "$page"; then ok "each chart is kept with its heading"; else not_ok "a chart outside its heading's block"; fi
expect_grep "chart text size" "$page" ".chart text{font-size:${font_size}px"

# French numbers and date; the machine files keep theirs
mean=$(awk -F, 'NR == 2 { print $7 }' "$csv")
median=$(awk -F, 'NR == 2 { print $9 }' "$csv")
pct1=$(awk -F, -v i="$(column "$csv" 'pct:GOUV-01')" 'NR == 2 { print $i }' "$csv")
if [ "$mean" = 81.9 ] && [ "$median" = 86.8 ] && [ "$pct1" = 69.0 ]; then ok "the fixtures' national figures"; else not_ok "national figures changed: $mean $median $pct1"; fi
expect_grep "the national mean with a decimal comma" "$page" "Leur score global moyen est de ${mean/./,} sur 100 (médiane ${median/./,})."
expect_grep "a rate with a comma and a no-break space before %" "$page" "${pct1/./,}${NBSP}%"
expect_grep "the date in French" "$page" "publié le 30 juin 2025"
expect_no_grep "no ISO date on the page" "$page" "2025-06-30"
sed -e '/<style>/,/<\/style>/d' -e 's/<[^>]*>//g' "$page" >"$work/text"
if grep -qE '(^|[^0-9.])[0-9]+\.[0-9]([^0-9.]|$)' <(grep -v 'version 2025\.1\|, version ' "$work/text"); then
  not_ok "a number with a decimal point in the page's text"; grep -nE '(^|[^0-9.])[0-9]+\.[0-9]([^0-9.]|$)' "$work/text" | grep -v 'version' | head -5
else ok "no decimal point in the page's text (the référentiel's version aside)"; fi
if grep -q '^,,41,30,29,false,81\.9,74\.1,86\.8,98\.5,' "$csv" && ! grep -q '81,9' "$csv"; then ok "observatoire.csv keeps the C locale"; else not_ok "observatoire.csv changed"; fi
if grep -q 'mean="81.9"' "$out/observatoire.xml" && grep -q 'date="2025-06-30"' "$out/observatoire.xml"; then ok "observatoire.xml keeps its numbers and ISO date"; else not_ok "observatoire.xml changed"; fi

# no NaN, no infinity, no fake zero
if grep -qiwE 'nan|inf|-nan' "$work/text"; then not_ok "NaN or inf on the page"; grep -niwE 'nan|inf' "$work/text" | head -3; else ok "no NaN or inf on the page"; fi
expect_grep "an empty cell reads non publié" "$page" '<td class="n np">non publié</td>'

# category labels, not codes; the palmarès as palmares.csv
rows "$page" 'id="palmares"' >"$work/palmares"
if head -1 "$work/palmares" | grep -q $'^Rang\tÉtablissement\tFINESS\tRégion\tCatégorie\tScore sur 100\tNiveau$'; then ok "palmarès columns"; else not_ok "palmarès columns"; head -1 "$work/palmares"; fi
if tail -n +2 "$work/palmares" | cut -f5 | grep -qE '^[0-9A-Z]{3}$'; then not_ok "a bare category code in the palmarès"; else ok "no bare category code in the palmarès"; fi
rows "$page" 'id="detail"' >"$work/detail"
if awk -F'\t' '$1 ~ /\/./ { n++; if ($2 ~ /^[0-9A-Z]+$|^catégorie FINESS/) bad = 1 } END { exit bad || n < 40 }' "$work/detail"; then
  ok "the detail table names every category by its label"; else not_ok "a category without its label in the detail table"; fi
expect_grep "detail: a region's cell by its category's label" "$work/detail" $'11/101\tCentre Hospitalier Régional (C.H.R.)\t'
expect_grep "detail: a region by its name" "$work/detail" $'11/\tÎle-de-France\t'
expect_grep "category label 101" "$work/palmares" $'\tCentre Hospitalier Régional (C.H.R.)\t'
expect_grep "category label 355" "$work/palmares" $'\tCentre Hospitalier (C.H.)\t'
expect_grep "category label 131" "$work/palmares" $'\tCentre de Lutte Contre Cancer\t'
expect_grep "category label 127" "$work/palmares" $'\tHospitalisation à Domicile\t'
# rank, FINESS, score (a name may be quoted and hold commas)
tail -n +2 "$out/palmares.csv" | sed 's/"[^"]*"/NAME/' | awk -F, '{ print $1 "\t" $2 "\t" $6 }' >"$work/palmares-csv"
tail -n +2 "$work/palmares" | to_csv | awk -F'\t' '{ print $1 "\t" $3 "\t" $6 }' >"$work/palmares-page"
if [ -s "$work/palmares-csv" ] && diff "$work/palmares-csv" "$work/palmares-page" >/dev/null; then ok "the palmarès: palmares.csv's ranks, FINESS and scores"; else
  not_ok "the palmarès differs from palmares.csv"; diff "$work/palmares-csv" "$work/palmares-page" | head -5; fi
expect_grep "the rank is among the named" "$page" "Le rang est compté parmi les seuls établissements nommés"
expect_grep "levels with their labels" "$work/palmares" $'\t5 — Optimisé'
expect_grep "who is named: score, level, mesures prioritaires" "$page" "atteint au moins 80 sur 100, qui atteignent au moins le niveau de maturité 1 (Socle) et qui atteignent toutes les mesures prioritaires qui les concernent."

# regions in French alphabetical order of their names
rows "$page" 'id="scores"' | tail -n +3 | cut -f1 >"$work/regions"
LC_ALL=C.UTF-8 sed -e 'y/ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜàâäçéèêëîïôöùûü/AAACEEEEIIOOUUUaaaceeeeiioouuu/' "$work/regions" |
  tr 'A-Z' 'a-z' | tr -d " '-" | paste - "$work/regions" | LC_ALL=C sort -s -k1,1 | cut -f2 >"$work/regions-sorted"
if [ "$(wc -l <"$work/regions")" = 10 ] && cmp -s "$work/regions" "$work/regions-sorted"; then ok "the 10 regions in alphabetical order"; else
  not_ok "regions not in alphabetical order"; paste "$work/regions" "$work/regions-sorted" | head -12; fi
if [ "$(grep -n -x -e 'Hauts-de-France' -e 'Île-de-France' -e 'La Réunion' "$work/regions" | cut -d: -f2 | tr '\n' ,)" = "Hauts-de-France,Île-de-France,La Réunion," ]; then
  ok "Île-de-France sorts with I"; else not_ok "Île-de-France out of place"; cat "$work/regions"; fi
rows "$page" 'id="participation"' | tail -n +3 | cut -f1 >"$work/regions-participation"
rows "$page" 'id="detail"' | awk -F'\t' '$1 ~ /^[0-9A-Z]+\/$/ { print $2 }' >"$work/regions-detail"
if cmp -s "$work/regions" "$work/regions-participation" && cmp -s "$work/regions" "$work/regions-detail"; then ok "every table lists the regions in that order"; else not_ok "the tables' region orders differ"; fi

# every chart followed by the table of its figures
if awk '/<svg / { if (open) bad = 1; open = 1; n++ } /<details class="data">/ { if (!open) bad = 1; open = 0 }
        END { exit bad || open || n < 4 }' "$page"; then ok "each chart is followed by its data table ($(grep -c '<svg ' "$page") charts)"; else
  not_ok "a chart without its data table"; fi
if [ "$(grep -c '<svg .*role="img" aria-label="[^"]' "$page")" = "$(grep -c '<svg ' "$page")" ]; then ok "each chart has an accessible name"; else not_ok "a chart without an accessible name"; fi
# the score chart's mean is a diamond, the median a bar, with a legend
expect_grep "the legend names the mean" "$page" '>moyenne</text>'
expect_grep "the legend names the median" "$page" '>médiane</text>'
if [ "$(grep -c '<polygon points=' "$page")" -ge 2 ]; then ok "the mean is drawn as a diamond (legend and nation)"; else not_ok "no diamond for the mean"; fi

# links to the data files
for f in palmares.csv observatoire.csv observatoire.xml; do
  expect_grep "a link to $f" "$page" "<a href=\"$f\""
done

# the method at the end, with the SHA-256
sha=$(sha256sum "$ref" | cut -c1-64)
methode=$(grep -n 'id="methode"' "$page" | cut -d: -f1)
shaline=$(grep -n "$sha" "$page" | cut -d: -f1)
if [ -n "$methode" ] && [ "$shaline" -gt "$methode" ] && [ "$(grep -c "$sha" "$page")" = 1 ]; then ok "the SHA-256 is in the Méthode section, once"; else not_ok "the SHA-256 is not in the Méthode section"; fi
if [ "$(grep -n '<h2 ' "$page" | tail -1 | grep -c 'id="methode"')" = 1 ]; then ok "Méthode is the last section"; else not_ok "Méthode is not last"; fi
if sed -n '/<header>/,/<\/header>/p' "$page" | grep -q 'SHA-256\|sha256'; then not_ok "the SHA-256 is still in the header"; else ok "no SHA-256 in the header"; fi
expect_grep "method: who is eligible" "$page" "Éligibles : ceux dont le questionnaire est soumis et complet"
expect_grep "method: min_cell_size" "$page" "moins de 5 établissements non nommés (5 est le seuil min_cell_size du référentiel)"
expect_grep "method: why five or more can be empty" "$page" "un groupe de 5 établissements éligibles ou plus peut l'être aussi"
expect_grep "method: by difference" "$page" "une région moins ses autres catégories publiées, ou la France moins les régions publiées"
expect_grep "method: empty is not zero" "$page" "Une case « non publié » ne veut pas dire zéro"

# the public criteria's chart shows each full title (its lines joined), none cut
awk '/id="criteres"/ { on = 1 } on && /<svg / { svg = 1 } svg && /<text / { t = $0; sub(/^[ \t]*<text[^>]*>/, "", t); sub(/<\/text>.*/, "", t)
       if (t !~ / %$/ && t != "non publié") printf "%s%s", (n++ ? " " : ""), t } svg && /<\/svg>/ { exit }' "$page" >"$work/criteria-chart"
missing=0
while IFS=$'\t' read -r id title _; do
  grep -qF -- "$id · $title" "$work/criteria-chart" || { missing=1; echo "    missing: $id · $title"; }
done < <(rows "$page" 'id="criteres"' | tail -n +2)
if [ $missing = 0 ] && [ -s "$work/criteria-chart" ]; then ok "the criteria chart shows every full title"; else not_ok "the criteria chart cuts a title"; fi
if grep -q '…</text>' "$page"; then not_ok "a chart label is cut"; else ok "no chart label is cut"; fi

# the figures are observatoire.csv's
check_figures fixtures "$out"
labels_fit fixtures "$page"

# self-contained, reproducible (well-formed: test_pages_xmllint.sh)
keep "$page" obs/index.html
if grep -qE '(src|href)="(https?:)?//|@import|url\(' "$page"; then not_ok "the page loads something"; else ok "the page loads nothing"; fi
if grep -qE '<(div|p|td|th|span|a|section|table|tr|details|summary|li|ul|figure|h[1-6])( [^>]*)?/>' "$page"; then
  not_ok "an empty HTML element written <x/> (an HTML parser leaves it open)"; else ok "no self-closed HTML element"; fi
run "publish the fixtures again" 0 "$mh" publish -r "$ref" --out "$work/obs2" --date 2025-06-30 "${files[@]}"
if cmp -s "$page" "$work/obs2/index.html"; then ok "the same inputs give the same page"; else not_ok "the page differs between two runs"; fi

# ---- a national population: published regions and cells
run "generate 1,500 establishments" 0 "$mh" gen -r "$ref" --count 1500 --seed 7 --campaign 2025 --db "$work/nat.db"
run "publish them" 0 "$mh" publish --db "$work/nat.db" --campaign 2025 --out "$work/nat" --date 2025-06-30
if [ -s "$work/nat/index.html" ]; then
  keep "$work/nat/index.html" nat/index.html
  check_figures national "$work/nat"
  if [ "${published:-0}" -ge 5 ]; then ok "national: $published groups of the scores table are published"; else not_ok "national: too few published regions ($published) to test"; fi
  labels_fit national "$work/nat/index.html"
  rows "$work/nat/index.html" 'id="scores"' | tail -n +3 | cut -f1 >"$work/nat-regions"
  LC_ALL=C.UTF-8 sed -e 'y/ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜàâäçéèêëîïôöùûü/AAACEEEEIIOOUUUaaaceeeeiioouuu/' "$work/nat-regions" |
    tr 'A-Z' 'a-z' | tr -d " '-" | paste - "$work/nat-regions" | LC_ALL=C sort -s -k1,1 | cut -f2 >"$work/nat-sorted"
  if [ "$(wc -l <"$work/nat-regions")" -ge 15 ] && cmp -s "$work/nat-regions" "$work/nat-sorted"; then ok "national: regions in alphabetical order"; else
    not_ok "national: regions not in alphabetical order"; fi
  if grep -q "${NBSP}%" "$work/nat/index.html" && grep -q $'[0-9]\xe2\x80\xaf[0-9][0-9][0-9]' "$work/nat/index.html"; then
    ok "national: thousands grouped with a narrow no-break space"; else not_ok "national: no French thousands"; fi
fi

# ---- a référentiel with a long title, a word longer than a line and wide letters
long="Anticonstitutionnellementanticonstitutionnellementanticonstitutionnellementanticonstitutionnellement"
long="$long $(printf 'W%.0s' $(seq 1 80)) et $(printf 'mot %.0s' $(seq 1 40))fin"
sed "s|title: \"Comité stratégique de la sécurité des SI\"|title: \"$long\"|" "$ref" >"$work/long.yaml"
run "publish with a long criterion title" 0 "$mh" publish -r "$work/long.yaml" --out "$work/long" "${files[@]}"
if grep -q 'WWWWWWWWWW' "$work/long/index.html"; then ok "the long title is on the page"; else not_ok "the long title is not on the page"; fi
labels_fit "long title" "$work/long/index.html"
keep "$work/long/index.html" long/index.html

finish
