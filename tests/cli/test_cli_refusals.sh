#!/usr/bin/env bash
# Every refusal says what is wrong and what to do, with its exit code: a
# mistyped FINESS (the check digit, "did you mean"), submitting an incomplete
# questionnaire, fill on a database that is not there, fill when the
# questionnaire is submitted meanwhile or interrupted, and --help listing
# every option a command accepts.
#
# Usage: test_cli_refusals.sh MATURINH SOURCE_DIR
set -u
mh=$1
src=$2
source "$(dirname "$0")/lib.sh"
cd "$src"
ref=referentiels/maturinh-cyber/maturinh-cyber.yaml
mapfile -t files < <(grep -v '^#' fixtures/answers/ORDER | grep -v '^$')
idf=fixtures/answers/region-11-ile-de-france.yaml
db="$work/maturinh.db"
export MATURINH_USER=analyste
"$mh" import --db "$db" -r "$ref" "${files[@]}" >/dev/null 2>&1 || not_ok "import the population"

# ---- a FINESS typed with --finess: its check digit, and "did you mean"
# 920014504 is 920014503 (in the fixtures) with a wrong last digit, 920014530
# the same with two digits swapped: both fail the Luhn key.  780090312 is
# 780009312 with 0 and 9 swapped, which the key cannot see: well-formed, unknown.
for c in submit reopen history export fill explain; do
  run "$c --finess with a wrong check digit" 64 "$mh" "$c" --db "$db" --campaign 2025 --finess 920014504
  expect_file "$c: the check digit and the FINESS meant" "$work/err" \
    "maturinh: --finess 920014504: wrong check digit (the Luhn key of 92001450 is 3); did you mean 920014503?
Try 'maturinh $c --help'."
done
run "submit --finess with two digits swapped" 64 "$mh" submit --db "$db" --campaign 2025 --finess 920014530
expect_grep "a swap counts as one edit" "$work/err" \
  "maturinh: --finess 920014530: wrong check digit (the Luhn key of 92001453 is 7); did you mean 920014503?"
run "submit --finess far from any" 64 "$mh" submit --db "$db" --campaign 2025 --finess 750000001
expect_file "no guess when none is near" "$work/err" \
  "maturinh: --finess 750000001: wrong check digit (the Luhn key of 75000000 is 2)
Try 'maturinh submit --help'."
run "submit --finess of 8 digits" 64 "$mh" submit --db "$db" --campaign 2025 --finess 92001450
expect_grep "a FINESS has 9 characters" "$work/err" "maturinh: --finess 92001450: a FINESS number has 9 characters; did you mean 920014503?"
for c in submit reopen history export fill explain; do
  run "$c an unknown FINESS" 65 "$mh" "$c" --db "$db" --campaign 2025 --finess 780090312
  expect_file "$c: the unknown FINESS and the one meant" "$work/err" \
    "maturinh: no establishment 780090312 in campaign 2025 of $db; did you mean 780009312?"
done
run "history of an unknown FINESS far from any" 65 "$mh" history --db "$db" --campaign 2025 --finess 750712184
expect_file "history: no empty table for a FINESS not there" "$work/err" \
  "maturinh: no establishment 750712184 in campaign 2025 of $db"
run "explain from a file, wrong check digit" 64 "$mh" explain -r "$ref" --finess 920014504 "$idf"
expect_grep "explain: the FINESS meant, from the file" "$work/err" \
  "maturinh: --finess 920014504: wrong check digit (the Luhn key of 92001450 is 3); did you mean 920014503?"
run "explain from a file, unknown FINESS" 65 "$mh" explain -r "$ref" --finess 920014511 "$idf"
expect_file "explain: unknown in the file, no near one" "$work/err" "maturinh: no establishment 920014511 in $idf"
run "report from files, wrong check digit" 64 "$mh" report -r "$ref" --finess 780009321 --html "$work/r.html" "${files[@]}"
expect_grep "report: the FINESS meant" "$work/err" \
  "maturinh: --finess 780009321: wrong check digit (the Luhn key of 78000932 is 0); did you mean 780009312?"
[ -e "$work/r.html" ] && not_ok "a refused report writes nothing" || ok "a refused report writes nothing"
run "report from the database, unknown FINESS" 65 "$mh" report --db "$db" --campaign 2025 --finess 780090312 --html "$work/r.html"
expect_grep "report: unknown, the one meant" "$work/err" "maturinh: no establishment 780090312 in campaign 2025; did you mean 780009312?"
run "template --finess with a wrong check digit" 64 "$mh" template -r "$ref" --finess 750712185 --name X \
  --region 11 --category 355 --campaign 2025 --reference-date 2025-06-30
expect_grep "template: the check digit" "$work/err" "maturinh: --finess 750712185: wrong check digit (the Luhn key of 75071218 is 4)"
run "template --finess-ej with a wrong check digit" 64 "$mh" template -r "$ref" --finess 750712184 --finess-ej 750712185 \
  --name X --region 11 --category 355 --campaign 2025 --reference-date 2025-06-30
expect_grep "template: the EJ's check digit" "$work/err" "maturinh: --finess-ej 750712185: wrong check digit (the Luhn key of 75071218 is 4)"

# ---- a FINESS in a CSV row
printf 'campaign,finess,indicator,value,comment\n2025,920014504,GOUV-01-A,oui,\n' >"$work/answers.csv"
run "CSV answers with a wrong check digit" 65 "$mh" import --db "$db" --campaign 2025 "$work/answers.csv"
expect_grep "CSV answers: the check digit, located" "$work/err" \
  "answers.csv:2:6: error: invalid FINESS '920014504': wrong check digit (the Luhn key of 92001450 is 3)"
printf 'finess,finess_ej,name,region,departement,category,beds,ose,ght\n920014504,,X,11,92,355,10,false,\n' >"$work/list.csv"
run "CSV list with a wrong check digit" 65 "$mh" import --db "$db" --campaign 2025 "$work/list.csv"
expect_grep "CSV list: the check digit" "$work/err" "invalid FINESS '920014504': wrong check digit (the Luhn key of 92001450 is 3)"

# ---- submit: an incomplete questionnaire only with --incomplete
cp "$db" "$work/submit.db"
run "submit an incomplete questionnaire" 65 "$mh" submit --db "$work/submit.db" --campaign 2025 --finess 060008380
expect_file "submit says what is missing and what to do" "$work/err" \
  "maturinh: establishment 060008380: 57 of 78 questions answered; missing: GOUV-02-C, GOUV-04-A, GOUV-05-B, CRISE-01-C, SAUV-03-C (16 more)
maturinh: nothing submitted: answer them with \`maturinh fill --campaign 2025 --finess 060008380\`, or give --incomplete to submit it as it is"
"$mh" score --db "$work/submit.db" --campaign 2025 -f csv | grep -q '^060008380,2025,draft,' &&
  ok "a refused submit leaves it a draft" || not_ok "a refused submit leaves it a draft"
run "submit --incomplete" 0 "$mh" submit --db "$work/submit.db" --campaign 2025 --finess 060008380 --incomplete
expect_grep "submit --incomplete submits" "$work/out" "establishment 060008380 submitted for campaign 2025"
run "reopen needs no --incomplete" 0 "$mh" reopen --db "$work/submit.db" --campaign 2025 --finess 060008380
run "reopen has no --incomplete" 64 "$mh" reopen --db "$work/submit.db" --campaign 2025 --finess 060008380 --incomplete

# ---- fill, submit... on a database that is not there: nothing created
for c in fill submit history export explain; do
  run "$c on a missing database" 66 "$mh" "$c" --db "$work/none.db" --campaign 2025 --finess 920014503
  expect_file "$c: the missing database, what to do" "$work/err" \
    "maturinh: no database $work/none.db: create it with \`maturinh campaign\` or \`maturinh import\`, or give the one to use with --db FILE"
  if ls "$work"/none.db* >/dev/null 2>&1; then not_ok "$c: no file left behind"; rm -f "$work"/none.db*; else ok "$c: no file left behind"; fi
done
for c in score rank "publish --out $work/pub" "report --finess 920014503 --html $work/r.html"; do
  # shellcheck disable=SC2086
  run "$c --campaign on a missing database" 66 "$mh" $c --db "$work/none.db" --campaign 2025
  if ls "$work"/none.db* >/dev/null 2>&1; then not_ok "$c: no file left behind"; rm -f "$work"/none.db*; else ok "$c: no file left behind"; fi
done
run "fill a campaign not in the database" 65 "$mh" fill --db "$db" --campaign 2099 --finess 920014503
expect_file "fill: the missing campaign" "$work/err" "maturinh: no campaign 2099 in $db"

# ---- fill: submitted meanwhile, and interrupted
# wait_for FILE TEXT: until FILE holds TEXT (10 s at most)
wait_for() {
  local i
  for i in $(seq 100); do grep -qF -- "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  return 1
}
cp "$db" "$work/fill.db"
mkfifo "$work/in"
"$mh" fill --db "$work/fill.db" --campaign 2025 --finess 310011689 --user rssi <"$work/in" >"$work/fill-out" 2>"$work/fill-err" &
pid=$!
exec 3>"$work/in"
echo oui >&3
wait_for "$work/fill-out" "  saved" && ok "fill saves the first answer" || not_ok "fill saves the first answer"
"$mh" submit --db "$work/fill.db" --campaign 2025 --finess 310011689 --incomplete --user directrice >/dev/null
# fill may stop at "3" before "oui" reaches it: a write to its closed stdin
# is then refused (EPIPE), never the end of this script (SIGPIPE)
trap '' PIPE
echo 3 >&3
echo oui >&3 2>/dev/null
exec 3>&-
trap - PIPE
wait "$pid"
status=$?
[ "$status" = 65 ] && ok "fill submitted meanwhile: exit 65" || not_ok "fill submitted meanwhile: exit $status, expected 65"
grep -qE '^maturinh: establishment 310011689 was submitted for campaign 2025 while fill ran \(by directrice, [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z\)$' "$work/fill-err" &&
  ok "fill: who submitted it, when" || not_ok "fill: who submitted it, when: $(head -3 "$work/fill-err")"
expect_grep "fill: what was not saved, what to do" "$work/fill-err" \
  "maturinh: your answer to GOUV-01-B was not saved, nor can any other be: the answers given before it are saved; to change answers, reopen it first (maturinh reopen)"
expect_no_grep "fill: no 'your answers are saved' after refusals" "$work/fill-out" "Stopped: your answers are saved"
expect_no_grep "fill stops at the first refusal" "$work/fill-out" "GOUV-01-C"

# Ctrl-C is SIGINT: with job control (set -m), a job in the background
# does not ignore it, as one started with & otherwise does.
cp "$db" "$work/int.db"
rm -f "$work/in" && mkfifo "$work/in"
set -m
"$mh" fill --db "$work/int.db" --campaign 2025 --finess 310011689 --user rssi <"$work/in" >"$work/int-out" 2>"$work/int-err" &
pid=$!
set +m
exec 3>"$work/in"
echo oui >&3
wait_for "$work/int-out" "[2/79]" || not_ok "fill asks the second question"
sleep 0.2
kill -INT "$pid"
for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
kill -KILL "$pid" 2>/dev/null && not_ok "fill ends on Ctrl-C"
wait "$pid"
status=$?
exec 3>&-
[ "$status" = 130 ] && ok "fill interrupted: exit 130" || not_ok "fill interrupted: exit $status, expected 130"
grep -qx "Interrupted: your answers are saved (each when given), 1 of 79 questions answered; run fill again to go on." "$work/int-out" &&
  ok "fill interrupted: what is saved, on its own line" || not_ok "fill interrupted: what is saved, on its own line"
printf '\n' | "$mh" fill --db "$work/int.db" --campaign 2025 --finess 310011689 >"$work/int-again" 2>&1
expect_grep "the answer given before Ctrl-C is kept" "$work/int-again" "1 of 79 questions answered."

# ---- --help lists every option a command accepts, each with what it does
# Every long option name of the program, from the option tables.
mapfile -t all < <(grep -ohE 'CLI_(VALUE|FLAG|NUMBER|WHOLE)\("[a-z-]+"' cli/*.c cli/*.h | sed -E 's/.*\("//; s/"$//' | sort -u)
cd "$work" # what an option does alone, it does here
[ "${#all[@]}" -gt 20 ] && ok "the option tables name ${#all[@]} options" || not_ok "the option tables name ${#all[@]} options"
for c in score explain template rank publish report campaign import fill submit reopen history export gen "referentiel show"; do
  # shellcheck disable=SC2086
  $mh $c --help >"$work/help" 2>&1 || not_ok "$c --help: exit $?"
  mapfile -t listed < <(sed -n '/^Options:$/,$p' "$work/help" | sed -nE 's/^  (-[a-zA-Z], |    )--([a-z-]+).*/\2/p')
  if [ "${#listed[@]}" -gt 1 ]; then ok "$c --help lists its options"; else not_ok "$c --help lists its options"; fi
  bad=""
  # each listed option has its description on the line, and is accepted
  while IFS= read -r line; do
    name=$(sed -nE 's/^  (-[a-zA-Z], |    )--([a-z-]+).*/\2/p' <<<"$line")
    desc=$(sed -E 's/^  (-[a-zA-Z], |    )--[a-z-]+( [A-Z]+)?//' <<<"$line")
    [ -n "${desc// /}" ] || grep -A1 -F -- "--$name" "$work/help" | tail -1 | grep -qE '^ {26}[^ ]' || bad="$bad --$name(no description)"
  done < <(sed -n '/^Options:$/,$p' "$work/help" | grep -E '^  (-[a-zA-Z], |    )--')
  for name in "${listed[@]}"; do
    # shellcheck disable=SC2086
    $mh $c "--$name" </dev/null >/dev/null 2>"$work/accepts"
    grep -qF "unknown option '--$name'" "$work/accepts" && bad="$bad --$name(listed, refused)"
  done
  # every other option of the program is refused (or a prefix of a listed one)
  for name in "${all[@]}"; do
    printf '%s\n' "${listed[@]}" | grep -qx -- "$name" && continue
    printf '%s\n' "${listed[@]}" | grep -q -- "^$name" && continue
    # shellcheck disable=SC2086
    $mh $c "--$name" </dev/null >/dev/null 2>"$work/accepts"
    grep -qF "unknown option '--$name'" "$work/accepts" || bad="$bad --$name(accepted, not listed)"
  done
  if [ -z "$bad" ]; then ok "$c --help: every option it accepts, each described"; else not_ok "$c --help:$bad"; fi
done

finish
