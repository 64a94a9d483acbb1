#!/usr/bin/env bash
# What maturinh does on a terminal (script(1) gives it one): scoring 20,000
# establishments with stderr on a terminal shows "reading: ..." (with stderr
# on a file, nothing: test_cli_score.sh); Ctrl-C in fill ends on a clean line
# after the terminal's ^C, saying what is saved.  Skipped (exit 77) without
# script or when no pseudo-terminal can be opened (a container without
# /dev/pts).
#
# Usage: test_cli_terminal.sh MATURINH SOURCE_DIR
set -u
mh=$1
src=$2
source "$(dirname "$0")/lib.sh"
need script
if ! script -qec true /dev/null </dev/null >"$work/pty" 2>&1; then
  skip_all "no pseudo-terminal can be opened here: $(head -1 "$work/pty")"
fi
shipped="$src/referentiels/maturinh-cyber/maturinh-cyber.yaml"

run "generate 20,000 establishments" 0 "$mh" gen -r "$shipped" --count 20000 --seed 3 -o "$work/many.yaml"
script -qec "'$mh' score -r '$shipped' -f csv '$work/many.yaml' >/dev/null" /dev/null >"$work/tty" 2>&1
expect_grep "progress on a terminal" "$work/tty" "reading: "

# fill, Ctrl-C typed on the terminal after the first answer
run "a database to fill" 0 "$mh" import --db "$work/m.db" -r "$shipped" "$src/fixtures/answers/region-32-hauts-de-france.yaml"
finess=$(sed -n 's/^  finess: "\([0-9AB]*\)"$/\1/p' "$src/fixtures/answers/region-32-hauts-de-france.yaml" | head -1)
"$mh" reopen --db "$work/m.db" --campaign 2025 --finess "$finess" >/dev/null 2>&1
printf '\n' | "$mh" fill --db "$work/m.db" --campaign 2025 --finess "$finess" >"$work/before" 2>&1
before=$(sed -n 's/^\([0-9]*\) of [0-9]* questions answered\.$/\1/p' "$work/before" | tail -1)
mkfifo "$work/keys"
(script -qec "'$mh' fill --db '$work/m.db' --campaign 2025 --finess $finess" /dev/null <"$work/keys" >"$work/fill" 2>&1
 echo $? >"$work/fill-status") &
exec 3>"$work/keys"
for i in $(seq 100); do grep -q '^> ' "$work/fill" 2>/dev/null && break; sleep 0.1; done
sleep 0.3
printf '\003' >&3
for i in $(seq 100); do [ -s "$work/fill-status" ] && break; sleep 0.1; done
exec 3>&-
wait
[ "$(cat "$work/fill-status" 2>/dev/null)" = 130 ] && ok "fill on Ctrl-C: exit 130" || not_ok "fill on Ctrl-C: exit $(cat "$work/fill-status" 2>/dev/null)"
tr -d '\r' <"$work/fill" >"$work/fill-lines"
grep -qx "> ^C" "$work/fill-lines" && ok "fill on Ctrl-C: the terminal's ^C ends its line" || not_ok "fill on Ctrl-C: the terminal's ^C ends its line"
grep -qE "^Interrupted: your answers are saved \(each when given\), $before of [0-9]+ questions answered; run fill again to go on\.$" "$work/fill-lines" &&
  ok "fill on Ctrl-C: what is saved, on a clean line" || { not_ok "fill on Ctrl-C: what is saved, on a clean line"; tail -3 "$work/fill-lines"; }

finish
