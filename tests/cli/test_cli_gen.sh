#!/usr/bin/env bash
# `maturinh gen`: the synthetic population spreads over the maturity levels
# like a real campaign (docs/benchmarks.md, "The synthetic population"), and
# is deterministic for a seed.
#
# Usage: test_cli_gen.sh MATURINH SOURCE_DIR
set -u
mh=$1
src=$2
source "$(dirname "$0")/lib.sh"
cd "$src"
ref=referentiels/maturinh-cyber/maturinh-cyber.yaml
count=3000
seed=20250630
levels=$(grep -c '^  - level:' "$ref") # N: the levels are 0..N

# ---- determinism: the same seed gives the same bytes, another seed others
"$mh" gen -r "$ref" --count "$count" --seed "$seed" -o "$work/a.yaml"
"$mh" gen -r "$ref" --count "$count" --seed "$seed" -o "$work/b.yaml"
"$mh" gen -r "$ref" --count "$count" --seed $((seed + 1)) -o "$work/c.yaml"
if [ -s "$work/a.yaml" ] && cmp -s "$work/a.yaml" "$work/b.yaml"; then
  ok "the same seed gives the same YAML, byte for byte"; else not_ok "the same seed gave different YAML"; fi
if [ -s "$work/c.yaml" ] && ! cmp -s "$work/a.yaml" "$work/c.yaml"; then
  ok "another seed gives another population"; else not_ok "another seed gave the same YAML"; fi
for i in 1 2; do
  "$mh" gen -r "$ref" --count 500 --seed "$seed" --format csv -o "$work/answers$i.csv" \
    --establishments "$work/list$i.csv"
done
if [ -s "$work/answers1.csv" ] && cmp -s "$work/answers1.csv" "$work/answers2.csv" &&
  cmp -s "$work/list1.csv" "$work/list2.csv"; then
  ok "the same seed gives the same CSV, byte for byte"; else not_ok "the same seed gave different CSV"; fi

# ---- numeric options
run "gen --count not a number" 64 "$mh" gen -r "$ref" --count many
expect_file "gen --count message" "$work/err" "maturinh: --count takes a number, not 'many'
Try 'maturinh gen --help'."
run "gen --count negative" 64 "$mh" gen -r "$ref" --count -1
expect_grep "gen --count negative message" "$work/err" "maturinh: --count takes a number, not '-1'"
run "gen --count too large" 64 "$mh" gen -r "$ref" --count 99999999999999999999999
expect_grep "gen --count too large message" "$work/err" "maturinh: --count takes a number, not '99999999999999999999999'"
run "gen --seed=x" 64 "$mh" gen -r "$ref" --count 2 --seed=x
expect_grep "gen --seed message" "$work/err" "maturinh: --seed takes a number, not 'x'"
run "gen --count missing its value" 64 "$mh" gen -r "$ref" --count
expect_grep "gen --count missing its value message" "$work/err" "maturinh: option '--count' needs a value"
run "gen --count=N --seed=S" 0 "$mh" gen -r "$ref" --count=3 --seed="$seed"
"$mh" gen -r "$ref" --count 3 --seed "$seed" >"$work/three.yaml"
if cmp -s "$work/out" "$work/three.yaml"; then ok "--count=N --seed=S is --count N --seed S"; else not_ok "--count=N --seed=S differs"; fi
run "gen a mistyped option" 64 "$mh" gen -r "$ref" --coutn 3
expect_file "gen a mistyped option: did you mean" "$work/err" "maturinh: unknown option '--coutn' (did you mean '--count'?)
Try 'maturinh gen --help'."

# ---- the population scores: every establishment imported (valid FINESS keys, valid answers)
run "import the population" 0 "$mh" import --db "$work/pop.db" -r "$ref" "$work/a.yaml"
expect_grep "every establishment added" "$work/out" "$count added, 0 changed, 0 unchanged"
run "score it from the database" 0 "$mh" score --db "$work/pop.db" --campaign 2025 -f csv
cp "$work/out" "$work/score.csv"
run "gen straight into a database" 0 "$mh" gen -r "$ref" --count "$count" --seed "$seed" --db "$work/direct.db"
run "score that database" 0 "$mh" score --db "$work/direct.db" --campaign 2025 -f csv
if cmp -s "$work/out" "$work/score.csv"; then ok "gen --db makes the same population as gen -o"; else
  not_ok "gen --db and gen -o differ"; diff "$work/score.csv" "$work/out" | head -5; fi

# ---- the spread, over the eligible (submitted, complete, scored): docs/publication.md
# praised: round1(G) >= 80, every mesure prioritaire achieved, level >= 1
awk -F, -v levels="$levels" '
  NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
  { n++
    if ($col["status"] == "draft") drafts++
    if ($col["status"] != "submitted" || $col["global_score"] == "") next
    if ($col["completeness"] + 0 < 1 - 1e-9) { incomplete++; next }
    e++; level[$col["level"] + 0]++
    g = int($col["global_score"] * 10 + 0.5) / 10
    if (g >= 80 - 1e-9 && $col["priority_achieved"] == $col["priority_total"] && $col["level"] >= 1) praised++ }
  END { printf "n %d\ndrafts %d\nincomplete %d\neligible %d\npraised %d\n", n, drafts, incomplete, e, praised
        for (l = 0; l <= levels; l++) printf "L%d %d\n", l, level[l] }' \
  "$work/score.csv" >"$work/spread"
echo "# $(tr '\n' ' ' <"$work/spread")"
get() { awk -v key="$1" '$1 == key { print $2 }' "$work/spread"; }
n=$(get n) drafts=$(get drafts) incomplete=$(get incomplete) eligible=$(get eligible) praised=$(get praised)
if [ "$n" = "$count" ]; then ok "$count establishments scored"; else not_ok "$n establishments scored"; fi
# percent A B: A as a whole percentage of B, rounded down
percent() { echo $(($1 * 100 / ($2 > 0 ? $2 : 1))); }
if [ "$(percent "$drafts" "$n")" -ge 5 ] && [ "$(percent "$drafts" "$n")" -lt 25 ]; then
  ok "some drafts ($drafts)"; else not_ok "drafts: $drafts of $n"; fi
if [ "$(percent "$incomplete" "$n")" -ge 5 ] && [ "$(percent "$incomplete" "$n")" -lt 25 ]; then
  ok "some incomplete questionnaires ($incomplete)"; else not_ok "incomplete: $incomplete of $n"; fi
if [ "$(percent "$eligible" "$n")" -ge 50 ]; then ok "most establishments eligible ($eligible)"; else
  not_ok "only $eligible eligible of $n"; fi
missing=""
for l in $(seq 0 "$levels"); do [ "$(get L$l)" -gt 0 ] || missing="$missing $l"; done
if [ "$levels" -ge 1 ] && [ -z "$missing" ]; then ok "every level 0..$levels is present"; else
  not_ok "levels absent:$missing"; fi
l0=$(get L0)
if [ $((l0 * 100)) -lt $((eligible * 60)) ]; then ok "level 0 under 60 % of the eligible ($l0 of $eligible)"; else
  not_ok "level 0 holds $l0 of $eligible eligible"; fi
if [ $((praised * 100)) -ge "$eligible" ] && [ $((praised * 100)) -le $((eligible * 15)) ]; then
  ok "praised between 1 % and 15 % of the eligible ($praised of $eligible)"; else
  not_ok "praised: $praised of $eligible eligible"; fi
# a decreasing tail: each level from 2 on holds fewer establishments than the one below
tail_ok=1
for l in $(seq 2 "$levels"); do [ "$(get L$l)" -lt "$(get L$((l - 1)))" ] || tail_ok=0; done
if [ $tail_ok = 1 ]; then ok "fewer establishments at each level from 2 on"; else not_ok "no decreasing tail: $(tr '\n' ' ' <"$work/spread")"; fi

# ---- larger establishments answer better: the CHU (101) above the CH de proximité (106)
run "rank the population" 0 "$mh" rank --db "$work/pop.db" --campaign 2025 -f csv
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
  { s[$col["category"]] += $col["score"]; k[$col["category"]]++ }
  END { if (k["101"] > 0 && k["106"] > 0) printf "%d %d\n", s["101"] / k["101"], s["106"] / k["106"] }' \
  "$work/out" >"$work/by-category"
read -r chu proximite <"$work/by-category"
if [ -n "${chu:-}" ] && [ -n "${proximite:-}" ] && [ "$chu" -gt "$proximite" ]; then
  ok "CHU score higher than CH de proximité on average ($chu > $proximite)"; else
  not_ok "CHU ${chu:-none}, CH de proximité ${proximite:-none}"; fi

# ---- the médico-social side: gen follows the référentiel's sector (docs/benchmarks.md)
esms=referentiels/maturinh-esms/maturinh-esms.yaml
esms_count=3500
run "gen an ESMS population" 0 "$mh" gen -r "$esms" --count "$esms_count" --seed "$seed" --format csv \
  -o "$work/esms-answers.csv" --establishments "$work/esms-list.csv"
medico=" $(awk -F'\t' '$2 == "medico-social" && $3 == "-" { printf "%s ", $1 }' engine/data/categories.tsv)"
awk -F, -v medico="$medico" '
  NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
  { n++; c = $col["category"]; b = $col["beds"]
    if (index(medico, " " c " ") == 0) other++
    if (c == "500") { ehpad++; if ($col["ght"] != "") ehpad_ght++ }
    else if ($col["ght"] != "") ght_elsewhere++
    if (c == "460" || c == "189" || c == "190" || c == "461") { if (b != "") counted++ }
    else if (b == "" || b < 5 || b > 250) out_of_range++
    if ($col["ose"] == "true") ose++ }
  END { printf "n %d\nother %d\nehpad %d\nehpad_ght %d\nght_elsewhere %d\ncounted %d\nout_of_range %d\nose %d\n",
        n, other, ehpad, ehpad_ght, ght_elsewhere, counted, out_of_range, ose }' \
  "$work/esms-list.csv" >"$work/esms-mix"
echo "# $(tr '\n' ' ' <"$work/esms-mix")"
mix() { awk -v key="$1" '$1 == key { print $2 }' "$work/esms-mix"; }
if [ "$(mix n)" = "$esms_count" ] && [ "$(mix other)" = 0 ]; then
  ok "$esms_count ESMS, every one of a médico-social category in use"; else
  not_ok "ESMS population: $(tr '\n' ' ' <"$work/esms-mix")"; fi
if [ "$(percent "$(mix ehpad)" "$esms_count")" -ge 20 ] && [ "$(percent "$(mix ehpad)" "$esms_count")" -le 32 ]; then
  ok "EHPAD the largest category, about a quarter ($(mix ehpad))"; else not_ok "EHPAD: $(mix ehpad) of $esms_count"; fi
if [ "$(mix out_of_range)" = 0 ] && [ "$(mix counted)" = 0 ]; then
  ok "capacities in places (5 to 250), none for services counted otherwise (SAAD, CMPP, CAMSP)"; else
  not_ok "capacities: $(mix out_of_range) out of range, $(mix counted) services with places"; fi
if [ "$(mix ose)" = 0 ]; then ok "no ESMS is an OSE"; else not_ok "$(mix ose) ESMS marked OSE"; fi
if [ "$(mix ehpad_ght)" -gt 0 ] && [ "$(mix ehpad_ght)" -lt "$(mix ehpad)" ] && [ "$(mix ght_elsewhere)" = 0 ]; then
  ok "some EHPAD in a GHT ($(mix ehpad_ght) of $(mix ehpad)), no other ESMS"; else
  not_ok "GHT: $(mix ehpad_ght) EHPAD of $(mix ehpad), $(mix ght_elsewhere) others"; fi
run "an ESMS campaign" 0 "$mh" campaign --db "$work/esms.db" --campaign 2025 -r "$esms" --reference-date 2025-06-30
run "import the ESMS population" 0 "$mh" import --db "$work/esms.db" --campaign 2025 "$work/esms-list.csv" "$work/esms-answers.csv"
if [ -s "$work/err" ] && grep -q warning "$work/err"; then not_ok "ESMS import warns"; sed 's/^/    /' "$work/err" | head -3; else
  ok "no sector warning: the population is of the référentiel's sector"; fi
run "score the ESMS population" 0 "$mh" score --db "$work/esms.db" --campaign 2025 -f csv
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
  $col["global_score"] != "" { e++; level[$col["level"]]++ }
  END { printf "%d %d %d %d\n", e, level[0], level[1], level[2] + level[3] + level[4] + level[5] }' \
  "$work/out" >"$work/esms-spread"
read -r e l0 l1 above <"$work/esms-spread"
if [ "$e" -gt $((esms_count / 2)) ] && [ $((l0 * 100)) -lt $((e * 85)) ] && [ "$l1" -gt 0 ] && [ "$above" -gt 0 ]; then
  ok "ESMS spread over the levels, less mature than hospitals ($l0 of $e at level 0, $l1 at 1, $above above)"; else
  not_ok "ESMS spread: $e scored, $l0 at level 0, $l1 at 1, $above above"; fi
# larger EHPAD answer better than small ones (the size effect counts places)
awk -F, 'FNR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
  FILENAME ~ /list/ { if ($col["category"] == "500") beds[$col["finess"]] = $col["beds"]; next }
  ($col["finess"] in beds) && $col["global_score"] != "" {
    if (beds[$col["finess"]] >= 120) { big += $col["global_score"]; nb++ }
    if (beds[$col["finess"]] <= 40) { small += $col["global_score"]; ns++ } }
  END { if (nb > 0 && ns > 0) printf "%d %d\n", big / nb, small / ns }' \
  "$work/esms-list.csv" "$work/out" >"$work/esms-size"
read -r big small <"$work/esms-size"
if [ -n "${big:-}" ] && [ -n "${small:-}" ] && [ "$big" -gt "$small" ]; then
  ok "EHPAD of 120 places or more score higher than those of 40 or fewer ($big > $small)"; else
  not_ok "EHPAD by size: ${big:-none} vs ${small:-none}"; fi

# the reference date is checked whole, and said wrong as the other loaders say it
run "gen with a date that is not one" 64 "$mh" gen -r "$ref" --count 1 --reference-date 2025-02-30
expect_grep "gen: the date's message" "$work/err" "maturinh: invalid reference date '2025-02-30': 2025-02-30 is not a calendar date"
run "gen with a date and more" 64 "$mh" gen -r "$ref" --count 1 --reference-date 2025-06-30xyz
expect_grep "gen: a date is ten characters" "$work/err" "maturinh: invalid reference date '2025-06-30xyz': expects a date YYYY-MM-DD"
finish
