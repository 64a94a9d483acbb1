#!/usr/bin/env bash
# `cmake --install` gives maturinh(1) in English and in French and the bash
# completion: `man -M PREFIX/share/man maturinh` shows the page; with
# PREFIX/share/man in MANPATH, a French locale shows the French page (man-db
# looks in fr/ under each folder of MANPATH); the completion is where
# bash-completion loads it from and registers itself.  Skipped when man is
# not installed (bash scripts/deps.sh --test installs man-db); the French
# check, when the locale fr_FR.UTF-8 is not.
#
# Usage: check_install_man.sh BUILD_DIR SOURCE_DIR
set -u
build=$1
src=$2
mh=/nonexistent # lib.sh's wrapper is not used here
source "$src/tests/cli/lib.sh"
need man

prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null || { not_ok "cmake --install"; finish; }
for f in share/man/man1/maturinh.1 share/man/fr/man1/maturinh.1; do
  [ -f "$prefix/$f" ] && ok "installs $f" || not_ok "installs $f"
done
completion=$(find "$prefix" -path '*/bash-completion/completions/maturinh' | head -1)
[ -n "$completion" ] && ok "installs ${completion#"$prefix/"}" || not_ok "installs bash-completion/completions/maturinh"

out=$(MANWIDTH=80 LC_ALL=C.UTF-8 man -M "$prefix/share/man" maturinh 2>&1)
grep -q '^MATURINH(1)' <<<"$out" && grep -q '^NAME' <<<"$out" && grep -q 'EXIT STATUS' <<<"$out" &&
  ok "man -M PREFIX/share/man maturinh shows the page" || not_ok "man -M PREFIX/share/man maturinh: $(head -3 <<<"$out")"

if locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\?8$'; then
  out=$(MANPATH="$prefix/share/man" MANWIDTH=80 LC_ALL=fr_FR.UTF-8 LANGUAGE='' man maturinh 2>&1)
  grep -q '^NOM' <<<"$out" && grep -q 'CODE DE RETOUR' <<<"$out" &&
    ok "under fr_FR.UTF-8, man maturinh shows the French page" ||
    not_ok "under fr_FR.UTF-8, man maturinh: $(head -3 <<<"$out")"
else
  skip "under fr_FR.UTF-8, man maturinh shows the French page" "the locale fr_FR.UTF-8 is not installed (bash scripts/deps.sh --test makes it)"
fi

if [ -n "$completion" ]; then
  got=$(bash --norc -c 'source "$1" && complete -p maturinh' _ "$completion" 2>&1)
  [ "$got" = "complete -F _maturinh maturinh" ] && ok "the installed completion registers _maturinh" ||
    not_ok "the installed completion: $got"
fi
finish
