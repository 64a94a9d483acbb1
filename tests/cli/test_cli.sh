#!/usr/bin/env bash
# The maturinh program as a user runs it: messages, exit codes, outputs.
#
# Usage: test_cli.sh MATURINH SOURCE_DIR
# Every check prints "ok - ..." or "not ok - ..."; the last line counts them.
set -u
mh=$1
src=$2
source "$(dirname "$0")/lib.sh"
shipped="$src/referentiels/maturinh-cyber/maturinh-cyber.yaml"



cat >"$work/mini.yaml" <<'YAML'
format: maturinh-referentiel/1
id: mini
version: "1"
title: "Mini"
levels:
  - {level: 1, label: "Socle"}
domains:
  - id: GOUV
    title: "=cmd|' /C calc'!A0"
    criteria:
      - id: GOUV-01
        title: "Comité, \"stratégique\""
        level: 1
        indicators:
          - id: GOUV-01-A
            question: "@SUM(1+1)"
            type: boolean
YAML
cat >"$work/bad.yaml" <<'YAML'
format: maturinh-referentiel/1
id: mini
version: 2025.1
title: "Mini"
levels:
  - {level: 1, label: "Socle"}
domains:
  - id: GOUV
    title: "Gouvernance"
    criteria:
      - id: GOUV-01
        title: "Comité"
        level: 3
        wieght: 2
        indicators:
          - id: GOUV-01-A
            question: "Q"
            type: boolean
YAML

# ---- global
run "version" 0 "$mh" --version
expect_file "version prints the library version" "$work/out" "maturinh 0.1.0"
run "help" 0 "$mh" --help
expect_grep "help: every exit code, 75 included" "$work/out" "75 the database stayed in use by another maturinh: run it again."
expect_grep "help lists referentiel check" "$work/out" "referentiel check FILE..."
run "no command" 64 "$mh"
expect_grep "no command prints usage" "$work/err" "Usage: maturinh COMMAND"
run "unknown command" 64 "$mh" frobnicate
expect_file "unknown command message" "$work/err" "maturinh: unknown command 'frobnicate'
Try 'maturinh --help'."
run "unknown global option" 64 "$mh" --frob
expect_grep "unknown option message" "$work/err" "maturinh: unknown option '--frob'"
run "a mistyped command" 64 "$mh" scroe -r x.yaml
expect_file "a mistyped command: did you mean" "$work/err" "maturinh: unknown command 'scroe' (did you mean 'score'?)
Try 'maturinh --help'."
run "a mistyped help" 64 "$mh" hlep
expect_file "a mistyped help: did you mean" "$work/err" "maturinh: unknown command 'hlep' (did you mean 'help'?)
Try 'maturinh --help'."
run "a mistyped global option" 64 "$mh" --verison
expect_file "a mistyped global option: did you mean" "$work/err" "maturinh: unknown option '--verison' (did you mean '--version'?)
Try 'maturinh --help'."
run "an unknown short global option" 64 "$mh" -x
expect_file "an unknown short global option: no suggestion" "$work/err" "maturinh: unknown option '-x'
Try 'maturinh --help'."
run "help lists every command" 0 "$mh" help
missing=
for command in referentiel score explain template rank publish report campaign import fill submit reopen history export gen; do
  grep -qE "^  ($command[ ,]|submit, $command )" "$work/out" || missing="$missing $command"
done
if [ -z "$missing" ]; then ok "help lists every command"; else not_ok "help does not list:$missing"; fi
expect_grep "help: a summary beside its command" "$work/out" "  score -r REF ANSWERS...            score establishments (table, csv, json, xml)"
expect_grep "help: a summary on two lines" "$work/out" "  explain -r REF ANSWERS             why an establishment scores what it does,
                                     and what to fix first"

# ---- referentiel
run "referentiel alone" 64 "$mh" referentiel
expect_grep "referentiel alone prints usage" "$work/err" "Usage: maturinh referentiel check"
run "referentiel help" 0 "$mh" referentiel --help
run "referentiel unknown subcommand" 64 "$mh" referentiel frob
expect_file "referentiel unknown subcommand message" "$work/err" \
  "maturinh: unknown referentiel command 'frob'
Try 'maturinh referentiel --help'."
run "referentiel mistyped subcommand" 64 "$mh" referentiel chekc "$shipped"
expect_file "referentiel mistyped subcommand: did you mean" "$work/err" \
  "maturinh: unknown referentiel command 'chekc' (did you mean 'check'?)
Try 'maturinh referentiel --help'."

# ---- check
run "check help" 0 "$mh" referentiel check --help
expect_grep "check help" "$work/out" "Usage: maturinh referentiel check FILE..."
run "check shipped" 0 "$mh" referentiel check "$shipped"
if grep -qE '^OK maturinh-cyber 2025\.1 \([0-9]+ domains, [0-9]+ criteria, [0-9]+ indicators\)$' "$work/out"; then
  ok "check prints the OK line"; else not_ok "check prints the OK line"; cat "$work/out"; fi
run "check two valid files" 0 "$mh" referentiel check "$work/mini.yaml" "$shipped"
if [ "$(wc -l <"$work/out")" = 2 ]; then ok "one OK line per file"; else not_ok "one OK line per file"; fi
run "check no file" 64 "$mh" referentiel check
expect_grep "check no file message" "$work/err" "maturinh: no référentiel file given"
run "check unknown option" 64 "$mh" referentiel check --strict "$shipped"
expect_grep "check unknown option message" "$work/err" "maturinh: unknown option '--strict'"
if [ ! -s "$work/out" ]; then ok "an unknown option stops check before any file"; else not_ok "check read a file before its unknown option"; fi
run "check --hepl" 64 "$mh" referentiel check --hepl "$shipped"
expect_file "check --hepl: did you mean" "$work/err" "maturinh: unknown option '--hepl' (did you mean '--help'?)
Try 'maturinh referentiel check --help'."
run "check: -- ends the options" 66 "$mh" referentiel check -- "$shipped" --strict
expect_file "check: after --, a file" "$work/err" "--strict: error: cannot open: No such file or directory"
expect_grep "check: after --, the files are still checked" "$work/out" "OK maturinh-cyber"
run "check missing file" 66 "$mh" referentiel check "$work/none.yaml"
expect_file "missing file message" "$work/err" "$work/none.yaml: error: cannot open: No such file or directory"
run "check a directory" 66 "$mh" referentiel check "$work"
expect_file "directory message" "$work/err" "$work: error: cannot read: Is a directory"
run "check invalid" 65 "$mh" referentiel check "$work/bad.yaml"
expect_file "invalid file: every error, located, in order" "$work/err" \
"$work/bad.yaml:3:10: error: 'version' must be a string, got 2025.1 (quote it: \"2025.1\")
$work/bad.yaml:13:16: error: level 3 is not declared in 'levels' (1 to 1)
$work/bad.yaml:14:9: error: unknown key 'wieght' in criterion 'GOUV-01' (did you mean 'weight'?)"
if [ ! -s "$work/out" ]; then ok "invalid file prints nothing on stdout"; else not_ok "invalid file prints nothing on stdout"; fi
run "check valid and invalid" 65 "$mh" referentiel check "$work/mini.yaml" "$work/bad.yaml"
expect_file "the valid file still gets its OK line" "$work/out" "OK mini 1 (1 domains, 1 criteria, 1 indicators)"
(cat "$src/fixtures/referentiel/valid/minimal/referentiel.yaml"
 for i in $(seq 1 1100); do echo "extra-$i: 1"; done) >"$work/many-errors.yaml"
run "a file with 1,100 errors" 65 "$mh" referentiel check "$work/many-errors.yaml"
expect_grep "the first 1,000 errors are shown" "$work/err" "$work/many-errors.yaml:1018:1: error: unknown key 'extra-1000' at the top level"
expect_grep "the others are counted" "$work/err" "maturinh: 100 more errors not shown"
if [ "$(wc -l <"$work/err")" = 1001 ]; then ok "1,000 errors and the count, no more"; else not_ok "$(wc -l <"$work/err") lines of errors"; fi
run "check invalid and missing" 66 "$mh" referentiel check "$work/bad.yaml" "$work/none.yaml"

# ---- show
run "show help" 0 "$mh" referentiel show --help
expect_grep "show help" "$work/out" "--format FORMAT"
run "show text" 0 "$mh" referentiel show "$shipped"
expect_grep "show text names the référentiel" "$work/out" "maturinh-cyber 2025.1: MaturiN'H"
expect_grep "show text has the sha256" "$work/out" "sha256       $(sha256sum "$shipped" | cut -c1-64)"
expect_grep "show text lists levels" "$work/out" "levels       1 "
run "show csv" 0 "$mh" referentiel show --format csv "$work/mini.yaml"
expect_file "show csv: header, quoting, inert formulas" "$work/out" \
'domain,criterion,indicator,level,priority,public,combine,type,scoring,na_allowed,domain_weight,criterion_weight,indicator_weight,applies_to,domain_title,criterion_title,question
GOUV,GOUV-01,GOUV-01-A,1,false,false,mean,boolean,expect=true,false,1,1,1,,'"'"'=cmd|'"'"' /C calc'"'"'!A0,"Comité, ""stratégique""",'"'"'@SUM(1+1)'
run "show csv rows" 0 "$mh" referentiel show -f csv "$shipped"
rows=$(($(wc -l <"$work/out") - 1))
indicators=$(sed -nE 's/.* ([0-9]+) indicators.*/\1/p' <("$mh" referentiel check "$shipped"))
if [ "$rows" = "$indicators" ]; then ok "show csv: one row per indicator ($rows)"; else
  not_ok "show csv: $rows rows for $indicators indicators"; fi
run "show to a file" 0 "$mh" referentiel show -f csv -o "$work/out.csv" "$work/mini.yaml"
"$mh" referentiel show -f csv "$work/mini.yaml" >"$work/expected.csv"
if cmp -s "$work/out.csv" "$work/expected.csv"; then ok "-o writes what stdout gets"; else not_ok "-o writes what stdout gets"; fi
if [ -z "$(ls "$work" | grep '\.tmp-')" ]; then ok "-o leaves no temporary file"; else not_ok "-o leaves no temporary file"; fi
run "show to an impossible path" 73 "$mh" referentiel show -o "$work/no/such/dir.csv" "$work/mini.yaml"
expect_grep "cannot create message" "$work/err" "maturinh: cannot create $work/no/such/dir.csv: No such file or directory"
echo "previous" >"$work/kept.csv"
run "show invalid with -o" 65 "$mh" referentiel show -o "$work/kept.csv" "$work/bad.yaml"
expect_file "a failed show leaves the old output alone" "$work/kept.csv" "previous"
# (a full device: test_cli_full_device.sh, skipped where /dev/full is not writable)
run "show unknown format" 64 "$mh" referentiel show --format xml "$shipped"
expect_grep "unknown format message" "$work/err" "maturinh: unknown format 'xml': expected text or csv"
run "show missing value" 64 "$mh" referentiel show "$shipped" --format
expect_grep "missing option value message" "$work/err" "maturinh: option '--format' needs a value"
run "show missing short value" 64 "$mh" referentiel show "$shipped" -f
expect_file "missing short option value message" "$work/err" "maturinh: option '-f' needs a value
Try 'maturinh referentiel show --help'."
run "show --format=csv" 0 "$mh" referentiel show --format=csv "$work/mini.yaml"
"$mh" referentiel show -f csv "$work/mini.yaml" >"$work/expected.csv"
if cmp -s "$work/out" "$work/expected.csv"; then ok "--format=csv is --format csv"; else not_ok "--format=csv differs from -f csv"; fi
run "show -fcsv" 0 "$mh" referentiel show -fcsv "$work/mini.yaml"
if cmp -s "$work/out" "$work/expected.csv"; then ok "-fcsv is -f csv"; else not_ok "-fcsv differs from -f csv"; fi
run "show --form csv (a prefix)" 0 "$mh" referentiel show --form csv "$work/mini.yaml"
if cmp -s "$work/out" "$work/expected.csv"; then ok "--form is --format"; else not_ok "--form differs from --format"; fi
run "show a mistyped option" 64 "$mh" referentiel show --fromat csv "$work/mini.yaml"
expect_file "show a mistyped option: did you mean" "$work/err" "maturinh: unknown option '--fromat' (did you mean '--format'?)
Try 'maturinh referentiel show --help'."
run "show two files" 64 "$mh" referentiel show "$shipped" "$work/mini.yaml"
expect_grep "show two files message" "$work/err" "maturinh: show takes a single référentiel file"
run "show no file" 64 "$mh" referentiel show
run "show missing file" 66 "$mh" referentiel show "$work/none.yaml"
run "show invalid" 65 "$mh" referentiel show "$work/bad.yaml"
expect_grep "show invalid reports errors" "$work/err" "$work/bad.yaml:3:10: error:"

finish
