#!/usr/bin/env bash
# `maturinh score`, `explain` and `template` as a user runs them.  What needs
# an optional tool has its own script: test_cli_unreadable.sh (setpriv),
# test_cli_terminal.sh (script).
#
# Usage: test_cli_score.sh MATURINH SOURCE_DIR
set -u
mh=$1
src=$2
source "$(dirname "$0")/lib.sh"
ref="$src/fixtures/answers/worked-example/referentiel.yaml"
answers="$src/fixtures/answers/worked-example/answers.yaml"
shipped="$src/referentiels/maturinh-cyber/maturinh-cyber.yaml"


# a stream: the worked example, then an invalid establishment, then a valid draft
cat >"$work/mixed.yaml" <<'YAML'
format: maturinh-answers/1
referentiel: {id: exemple, version: "1"}
campaign: {id: "2025", reference_date: 2025-06-30}
establishment: {finess: "750712184", name: "CH A", region: "11", category: "101"}
status: submitted
answers:
  GOUV-01-A: oui
  GOUV-01-B: 4
  GOUV-02-A: 95
  CRISE-01-A: 2025-01-15
  CRISE-01-B: oui
---
format: maturinh-answers/1
referentiel: {id: exemple, version: "1"}
campaign: {id: "2025", reference_date: 2025-06-30}
establishment: {finess: "130783293", name: "CH B", region: "93", category: "355"}
answers:
  GOUV-01-A: peut-être
  GOUV-09-Z: 3
---
format: maturinh-answers/1
referentiel: {id: exemple, version: "1"}
campaign: {id: "2025", reference_date: 2025-06-30}
establishment: {finess: "690781810", name: "CH C", region: "84", category: "355"}
answers:
  GOUV-01-A: non
YAML

# ---- score
run "score help" 0 "$mh" score --help
expect_grep "score help" "$work/out" "Usage: maturinh score -r REFERENTIEL"
run "score without -r" 64 "$mh" score "$answers"
expect_grep "score without -r message" "$work/err" "maturinh: no référentiel given: use -r REFERENTIEL"
run "score without answers" 64 "$mh" score -r "$ref"
expect_grep "score without answers message" "$work/err" "maturinh: no answers file given"
run "score unknown format" 64 "$mh" score -r "$ref" -f yaml "$answers"
expect_grep "unknown format message" "$work/err" "maturinh: unknown format 'yaml': expected table, csv, json, xml or xlsx"
# ---- the options, as every command reads them
run "score a mistyped option" 64 "$mh" score --formt csv -r "$ref" "$answers"
expect_file "score a mistyped option: did you mean" "$work/err" "maturinh: unknown option '--formt' (did you mean '--format'?)
Try 'maturinh score --help'."
run "score a mistyped option=value" 64 "$mh" score -r "$ref" --formt=csv "$answers"
expect_file "score a mistyped option=value: did you mean" "$work/err" "maturinh: unknown option '--formt=csv' (did you mean '--format'?)
Try 'maturinh score --help'."
run "score an unknown option" 64 "$mh" score -r "$ref" --frobnicate "$answers"
expect_file "score an unknown option: no suggestion" "$work/err" "maturinh: unknown option '--frobnicate'
Try 'maturinh score --help'."
run "score an unknown short option" 64 "$mh" score -r "$ref" -x "$answers"
expect_file "score an unknown short option" "$work/err" "maturinh: unknown option '-x'
Try 'maturinh score --help'."
run "score an unknown short option in a group" 64 "$mh" score -r "$ref" -xk "$answers"
expect_grep "the group is named" "$work/err" "maturinh: unknown option '-xk'"
run "score a missing value" 64 "$mh" score -r "$ref" "$answers" --format
expect_file "score a missing value message" "$work/err" "maturinh: option '--format' needs a value
Try 'maturinh score --help'."
run "score a missing short value" 64 "$mh" score "$answers" -r
expect_grep "score a missing short value message" "$work/err" "maturinh: option '-r' needs a value"
run "score a flag given a value" 64 "$mh" score -r "$ref" --detail=yes "$answers"
expect_grep "a flag given a value" "$work/err" "maturinh: unknown option '--detail=yes'"
run "score an ambiguous prefix" 64 "$mh" score -r "$ref" --d "$answers"
expect_grep "an ambiguous prefix" "$work/err" "maturinh: unknown option '--d'"
run "score -f csv" 0 "$mh" score -r "$ref" -f csv "$answers"
cp "$work/out" "$work/expected.csv"
run "score --format=csv" 0 "$mh" score -r "$ref" --format=csv "$answers"
if cmp -s "$work/out" "$work/expected.csv"; then ok "--format=csv is -f csv"; else not_ok "--format=csv differs from -f csv"; fi
run "score --referentiel=REF" 0 "$mh" score --referentiel="$ref" -fcsv "$answers"
if cmp -s "$work/out" "$work/expected.csv"; then ok "--referentiel=REF -fcsv is -r REF -f csv"; else not_ok "--referentiel=REF -fcsv differs"; fi
run "score options after the files" 0 "$mh" score "$answers" --form csv -r "$ref"
if cmp -s "$work/out" "$work/expected.csv"; then ok "options after the files, --form for --format"; else not_ok "options after the files differ"; fi
run "score a repeated option" 0 "$mh" score -r "$ref" -f json -f csv "$answers"
if cmp -s "$work/out" "$work/expected.csv"; then ok "a repeated option keeps its last value"; else not_ok "a repeated option: not the last value"; fi
run "score grouped flags" 0 "$mh" score -r "$ref" -f csv -kd "$answers"
"$mh" score -r "$ref" -f csv --keep-going --detail "$answers" >"$work/expected-detail.csv"
if cmp -s "$work/out" "$work/expected-detail.csv"; then ok "-kd is -k -d"; else not_ok "-kd differs from -k -d"; fi
run "score -- ends the options" 66 "$mh" score -r "$ref" -f csv -- "$answers" -k
expect_file "after --, -k is a file" "$work/err" "-k: error: cannot open: No such file or directory"
run "score --help after options" 0 "$mh" score -r "$ref" -f csv --help
expect_grep "score --help after options prints the usage" "$work/out" "Usage: maturinh score -r REFERENTIEL"
run "score -h in a group" 0 "$mh" score -kh
expect_grep "score -kh prints the usage" "$work/out" "Usage: maturinh score -r REFERENTIEL"
run "score a mistyped option before --help" 64 "$mh" score --kep-going --help
expect_file "options are read in order" "$work/err" "maturinh: unknown option '--kep-going' (did you mean '--keep-going'?)
Try 'maturinh score --help'."
run "explain a mistyped option" 64 "$mh" explain -r "$ref" --finnes 010780914 "$answers"
expect_file "explain a mistyped option: did you mean" "$work/err" "maturinh: unknown option '--finnes' (did you mean '--finess'?)
Try 'maturinh explain --help'."
run "explain --finess=F" 0 "$mh" explain -r "$ref" --finess=010780914 "$answers"
expect_grep "explain --finess=F explains it" "$work/out" "Global score           41.7 / 100"
run "template --beds not a number" 64 "$mh" template -r "$ref" --beds lots
expect_file "template --beds message" "$work/err" "maturinh: --beds takes a whole number, not 'lots'
Try 'maturinh template --help'."
run "template --beds negative" 64 "$mh" template -r "$ref" --beds=-3
expect_grep "template --beds negative message" "$work/err" "maturinh: --beds takes a whole number, not '-3'"
run "template a mistyped option" 64 "$mh" template -r "$ref" --regoin 11
expect_grep "template a mistyped option: did you mean" "$work/err" "maturinh: unknown option '--regoin' (did you mean '--region'?)"
run "template an unexpected argument" 64 "$mh" template -r "$ref" extra
expect_grep "template an unexpected argument message" "$work/err" "maturinh: unexpected argument 'extra'"

run "score missing answers file" 66 "$mh" score -r "$ref" "$work/none.yaml"
expect_grep "missing answers message" "$work/err" "$work/none.yaml: error: cannot open: No such file or directory"
# a file over 1 GiB (sparse: it takes no room) is refused before it is read
truncate -s 1025M "$work/huge.yaml"
run "score a file over 1 GiB" 65 "$mh" score -r "$ref" "$work/huge.yaml"
expect_grep "file size limit message" "$work/err" "$work/huge.yaml:1:1: error: file is larger than the 1024 MiB limit"
rm -f "$work/huge.yaml"
# one document over 16 MiB (17,000 comments of 1,000 characters)
awk 'BEGIN { print "format: maturinh-answers/1"; print "comments:"; s = sprintf("%1000s", ""); gsub(/ /, "x", s)
  for (i = 0; i < 17000; i++) printf "  K-%d: %s\n", i, s }' >"$work/bigdoc.yaml"
run "score a document over 16 MiB" 65 "$mh" score -r "$ref" "$work/bigdoc.yaml"
expect_grep "document size limit message" "$work/err" "$work/bigdoc.yaml:1:1: error: establishment at line 1: this YAML document is larger than the 16 MiB limit"
rm -f "$work/bigdoc.yaml"
# a million and one documents (empty ones: 4 MB)
awk 'BEGIN { for (i = 0; i <= 1000000; i++) print "---" }' >"$work/many.yaml"
run "score a file of too many documents" 65 "$mh" score -r "$ref" "$work/many.yaml"
expect_grep "too many documents message" "$work/err" "$work/many.yaml:1000001:1: error: more than 1000000 YAML documents in one file: split it"
rm -f "$work/many.yaml"
run "score a folder" 66 "$mh" score -r "$ref" "$work"
expect_file "folder message" "$work/err" "$work: error: cannot read: Is a directory"
# (an unreadable file: test_cli_unreadable.sh, which needs setpriv under root)
run "score csv" 0 "$mh" score -r "$ref" -f csv "$answers"
expect_file "score csv: the worked example" "$work/out" \
"finess,campaign,status,global_score,level,completeness,priority_achieved,priority_total,domain:GOUV,domain:CRISE
010780914,2025,submitted,41.666667,0,1.000000,0,1,83.333333,0.000000"
run "score table" 0 "$mh" score -r "$ref" "$answers"
expect_grep "table shows one decimal" "$work/out" "41.7"
expect_grep "table shows the level label of level 0" "$work/out" "0 No level reached"
run "score table detail" 0 "$mh" score -r "$ref" --detail "$answers"
expect_grep "table detail lists criteria" "$work/out" "GOUV-01"
run "score json" 0 "$mh" score -r "$ref" -f json "$answers"
expect_grep "json has the score" "$work/out" '"global_score": 41.666666666666664'
run "score xml" 0 "$mh" score -r "$ref" -f xml "$answers"
expect_grep "xml has the namespace" "$work/out" 'xmlns="urn:maturinh:score:1"'

run "score a stream with an error" 65 "$mh" score -r "$ref" -f csv "$work/mixed.yaml"
expect_file "every error of the stream, naming the establishment; nothing written" "$work/err" \
"$work/mixed.yaml:18:14: error: establishment 130783293: 'GOUV-01-A' expects oui or non (true or false), got 'peut-être'
$work/mixed.yaml:19:3: error: establishment 130783293: unknown indicator 'GOUV-09-Z' (not in référentiel exemple 1)
maturinh: nothing written: fix the errors above, or use --keep-going to score the valid establishments"
if [ ! -s "$work/out" ]; then ok "nothing on stdout"; else not_ok "nothing on stdout"; fi
echo previous >"$work/kept.csv"
run "score -o with an error" 65 "$mh" score -r "$ref" -f csv -o "$work/kept.csv" "$work/mixed.yaml"
expect_file "the previous output is untouched" "$work/kept.csv" "previous"
run "score --keep-going" 65 "$mh" score -r "$ref" -f csv --keep-going "$work/mixed.yaml"
expect_grep "keep-going lists the rejected establishment" "$work/err" "maturinh: rejected establishment 130783293 ($work/mixed.yaml:12)"
if [ "$(cut -d, -f1 "$work/out" | tr '\n' ' ')" = "finess 750712184 690781810 " ]; then
  ok "keep-going scores the valid establishments, in input order"; else
  not_ok "keep-going rows: $(cut -d, -f1 "$work/out" | tr '\n' ' ')"; fi
run "score --keep-going -o" 65 "$mh" score -r "$ref" -f csv -k -o "$work/kept.csv" "$work/mixed.yaml"
if [ "$(wc -l <"$work/kept.csv")" = 3 ]; then ok "keep-going keeps the valid results in -o"; else not_ok "keep-going -o"; fi
run "score with the wrong référentiel" 65 "$mh" score -r "$shipped" "$answers"
expect_grep "référentiel mismatch message" "$work/err" "establishment 010780914: these answers are for référentiel exemple 1, but the référentiel given is maturinh-cyber 2025.1"
run "score with an invalid référentiel" 65 "$mh" score -r "$answers" "$answers"
expect_grep "an answers file given as référentiel" "$work/err" "error: unsupported format 'maturinh-answers/1': expected 'maturinh-referentiel/1'"

# ---- explain
run "explain help" 0 "$mh" explain --help
run "explain" 0 "$mh" explain -r "$ref" "$answers"
expect_grep "explain: global score" "$work/out" "Global score           41.7 / 100"
expect_grep "explain: what pulls a criterion down" "$work/out" "GOUV-01-B  answer 2 -> 50%  <- pulls it down"
expect_grep "explain: na is shown" "$work/out" "CRISE-01-B  answered na: left out of the criterion"
expect_grep "explain: what blocks level 1" "$work/out" "What blocks level 1 (Socle)"
expect_grep "explain: priority first in the plan" "$work/out" "   1. GOUV-01  Comité stratégique de la sécurité des SI
      +8.3 points, mesure prioritaire, now partial"
expect_grep "explain: gains are re-evaluated" "$work/out" "+50.0 points, now not achieved"
run "explain a stream without --finess" 64 "$mh" explain -r "$ref" -k "$work/mixed.yaml"
expect_grep "explain needs --finess" "$work/err" "holds several establishments: choose one with --finess"
run "explain --finess in a stream with errors" 65 "$mh" explain -r "$ref" --finess 690781810 "$work/mixed.yaml"
run "explain --finess --keep-going" 65 "$mh" explain -r "$ref" -k --finess 690781810 "$work/mixed.yaml"
expect_grep "explain -k explains the one asked" "$work/out" "CH C (FINESS 690781810)"
run "explain an unknown FINESS" 65 "$mh" explain -r "$ref" --finess 750712184 "$answers"
expect_grep "unknown FINESS message" "$work/err" "maturinh: no establishment 750712184 in $answers"

# ---- template
run "template help" 0 "$mh" template --help
run "template without profile" 64 "$mh" template -r "$ref"
expect_grep "template lists what is missing" "$work/err" "missing: --finess --name --region --category --campaign --reference-date"
run "template with a bad FINESS" 64 "$mh" template -r "$ref" --finess 750712185 --name X --region 11 --category 101 --campaign 2025 --reference-date 2025-06-30
expect_grep "bad FINESS message" "$work/err" "maturinh: --finess 750712185: wrong check digit (the Luhn key of 75071218 is 4)"
run "template" 0 "$mh" template -r "$shipped" --finess 750712184 --name "CH \"Test\": Paris" --region 11 --category 101 --beds 1200 --ose --campaign 2025 --reference-date 2025-06-30 -o "$work/template.yaml"
run "the template loads back unanswered" 0 "$mh" score -r "$shipped" -f csv "$work/template.yaml"
if grep -q '^750712184,2025,draft,0.000000,0,0.000000,' "$work/out"; then ok "template: all unanswered"; else not_ok "template: $(tail -1 "$work/out")"; fi
expect_grep "template lists an OSE-only indicator for an OSE" "$work/template.yaml" "OSE-01-A:"
# a template is then filled in: it is never replaced unasked
cp "$work/template.yaml" "$work/filled-in.yaml"
echo "# answers of the week" >>"$work/filled-in.yaml"
run "template over a file" 73 "$mh" template -r "$shipped" --finess 750712184 --name X --region 11 --category 101 --campaign 2025 --reference-date 2025-06-30 -o "$work/filled-in.yaml"
expect_grep "template over a file: the message" "$work/err" "maturinh: $work/filled-in.yaml exists: give --force to replace it"
expect_grep "template over a file: it is kept" "$work/filled-in.yaml" "# answers of the week"
run "template over a file with --force" 0 "$mh" template -r "$shipped" --finess 750712184 --name X --region 11 --category 101 --campaign 2025 --reference-date 2025-06-30 -o "$work/filled-in.yaml" --force
expect_no_grep "template --force replaced it" "$work/filled-in.yaml" "# answers of the week"
run "template for a small clinic" 0 "$mh" template -r "$shipped" --finess 690781810 --name "Clinique" --region 84 --category 128 --beds 40 --campaign 2025 --reference-date 2025-06-30 -o "$work/small.yaml"
expect_no_grep "no OSE-only indicator for a non-OSE" "$work/small.yaml" "OSE-01-A:"
# fill every boolean with oui: it still loads, and scores above zero
sed -E 's/^(  [A-Z]+-[0-9]+-[A-Z]):$/\1: /' "$work/template.yaml" >/dev/null
awk '/^    #   answer: oui or non$/ {b=1; print; next} b && /^  [A-Z]/ {sub(/:$/, ": oui"); b=0} {print}' "$work/template.yaml" >"$work/filled.yaml"
run "a filled template scores" 0 "$mh" score -r "$shipped" -f csv "$work/filled.yaml"
score=$(tail -1 "$work/out" | cut -d, -f4)
if awk -v s="$score" 'BEGIN {exit !(s > 0)}'; then ok "filled template scores $score"; else not_ok "filled template scores '$score'"; fi

# ---- progress, only on a terminal
"$mh" gen -r "$shipped" --count 20000 --seed 3 -o "$work/many.yaml"
run "score many establishments" 0 "$mh" score -r "$shipped" -f csv "$work/many.yaml"
if [ "$(wc -l <"$work/out")" = 20001 ]; then ok "gen made 20,000 establishments that score"; else not_ok "gen: $(wc -l <"$work/out") rows"; fi
if grep -q "establishments (" "$work/err"; then not_ok "progress written to a file"; else ok "no progress when stderr is not a terminal"; fi
# (and on a terminal: test_cli_terminal.sh, which needs script)

finish
