#!/usr/bin/env bash
# `cmake --install` gives a usable library: headers, shared and static
# libraries, maturinh.pc, the message catalogs and the program.  Builds a small program against
# the installed files through pkg-config, both ways, and runs it.
#
# Usage: check_install.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1
src=$2
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT

cmake --install "$build" --prefix "$prefix" >/dev/null
libdir=$(find "$prefix" -name maturinh.pc -printf '%h\n' | head -1)
[ -n "$libdir" ] || { echo "error: maturinh.pc not installed"; exit 1; }
test -x "$prefix/bin/maturinh" || { echo "error: bin/maturinh not installed"; exit 1; }
test -f "$prefix/include/maturinh.h" || { echo "error: maturinh.h not installed"; exit 1; }
# the French catalogs of both text domains (docs/translation.md)
for domain in maturinh libmaturinh; do
  test -f "$prefix/share/locale/fr/LC_MESSAGES/$domain.mo" ||
    { echo "error: share/locale/fr/LC_MESSAGES/$domain.mo not installed"; exit 1; }
done
if locale -a 2>/dev/null | grep -qiE '^fr_FR\.utf-?8$'; then
  # (the program looks in the prefix it was configured for: MATURINH_LOCALEDIR points here)
  got=$(MATURINH_LOCALEDIR="$prefix/share/locale" LC_ALL=fr_FR.UTF-8 "$prefix/bin/maturinh" scor 2>&1 || true)
  case $got in *"commande inconnue 'scor'"*) ;; *) echo "error: the installed catalog: got '$got'"; exit 1 ;; esac
fi

cat >"$prefix/use.c" <<'C'
#include <stdio.h>
#include <maturinh.h>

int main(int argc, char **argv)
{
        mh_referentiel *ref = NULL;

        if (argc != 2 || mh_referentiel_load_file(&ref, argv[1], NULL) != 0)
                return 1;
        printf("%s %s %zu\n", mh_referentiel_id(ref), mh_referentiel_version(ref),
               mh_referentiel_indicator_count(ref));
        mh_referentiel_free(ref);
        return 0;
}
C
export PKG_CONFIG_PATH="$libdir"
ref="$src/fixtures/api/referentiel-full.yaml"
expected="essai-complet 2025.1 8"

cc -std=c11 -Wall -Werror "$prefix/use.c" -o "$prefix/use-shared" $(pkg-config --cflags --libs maturinh)
got=$(LD_LIBRARY_PATH="$(dirname "$libdir")" "$prefix/use-shared" "$ref")
[ "$got" = "$expected" ] || { echo "error: shared: got '$got'"; exit 1; }

cc -std=c11 -Wall -Werror "$prefix/use.c" -o "$prefix/use-static" \
  $(pkg-config --cflags maturinh) "$(dirname "$libdir")/libmaturinh.a" $(pkg-config --static --libs-only-l maturinh | sed 's/-lmaturinh//')
got=$("$prefix/use-static" "$ref")
[ "$got" = "$expected" ] || { echo "error: static: got '$got'"; exit 1; }

echo "install: headers, shared and static libraries, maturinh.pc, the catalogs and the program work"
