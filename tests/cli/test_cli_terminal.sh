#!/usr/bin/env bash
# Progress, only on a terminal: scoring 20,000 establishments with stderr on
# a terminal (script(1) gives it one) shows "reading: ..."; with stderr on a
# file, nothing (test_cli_score.sh).  Skipped (exit 77) without script.
#
# Usage: test_cli_terminal.sh MATURINH SOURCE_DIR
set -u
mh=$1
src=$2
source "$(dirname "$0")/lib.sh"
need script
shipped="$src/referentiels/maturinh-cyber/maturinh-cyber.yaml"

run "generate 20,000 establishments" 0 "$mh" gen -r "$shipped" --count 20000 --seed 3 -o "$work/many.yaml"
script -qec "'$mh' score -r '$shipped' -f csv '$work/many.yaml' >/dev/null" /dev/null >"$work/tty" 2>&1
expect_grep "progress on a terminal" "$work/tty" "reading: "

finish
