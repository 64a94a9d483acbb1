#!/usr/bin/env bash
# The man pages render without a warning: groff -ww (every warning on),
# mandoc -Tlint (warnings and errors; its style notes count bytes of the
# escaped accents), and man -l.  Skipped when groff, mandoc or man is not
# installed (bash scripts/deps.sh --test installs them).
#
# Usage: test_man_lint.sh SOURCE_DIR
set -u
src=$1
mh=/nonexistent # lib.sh's wrapper is not used here
source "$(dirname "$0")/lib.sh"
need groff mandoc man

for page in "$src/man/maturinh.1" "$src/man/fr/maturinh.1"; do
  name=${page#"$src/"}
  out=$(groff -k -man -Tutf8 -ww -z "$page" 2>&1)
  [ -z "$out" ] && ok "$name: groff -ww: no warning" || not_ok "$name: groff -ww: $out"
  out=$(mandoc -Tlint -Wwarning "$page" 2>&1)
  [ -z "$out" ] && ok "$name: mandoc -Tlint: no warning" || not_ok "$name: mandoc -Tlint: $out"
  out=$(MANWIDTH=80 LC_ALL=C.UTF-8 man -l "$page" 2>&1)
  grep -q '^MATURINH(1)' <<<"$out" && grep -q 'maturinh score' <<<"$out" && grep -q -- '--keep-going' <<<"$out" &&
    ok "$name: man -l renders it" || not_ok "$name: man -l: $(head -3 <<<"$out")"
done
grep -q 'Données d.entrée invalides' <<<"$(MANWIDTH=80 LC_ALL=C.UTF-8 man -l "$src/man/fr/maturinh.1")" &&
  ok "the French page renders its accents" || not_ok "the French page renders its accents"
finish
