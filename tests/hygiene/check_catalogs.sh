#!/usr/bin/env bash
# The message catalogs are complete: for each text domain (po/DOMAIN/), the
# messages are extracted again from the sources (po/extract.sh, into a
# temporary template, not the committed one), and every catalog po/DOMAIN/LANG.po
# must translate each of them: none missing, none untranslated, none fuzzy.
# So marking a message without translating it fails here.  The committed
# template must hold the same messages as the sources (run the target
# update-po after marking one).
#
# Usage: check_catalogs.sh SOURCE_DIR
set -u
src=$1
source "$(dirname "$0")/../cli/lib.sh"
need xgettext msgfmt msgcmp msgcomm

for domain in maturinh libmaturinh; do
  pot=$work/$domain.pot
  if bash "$src/po/extract.sh" "$src" "$domain" "$pot" 2>"$work/extract.err"; then
    ok "$domain: messages extracted ($(grep -c '^msgid ' "$pot") with the header)"
  else
    not_ok "$domain: extraction failed"; sed 's/^/    /' "$work/extract.err"; continue
  fi
  # the committed template lists the same messages (locations and dates aside)
  msgcat --no-location --no-wrap --sort-output "$pot" | grep -v '^"POT-Creation-Date' >"$work/fresh"
  msgcat --no-location --no-wrap --sort-output "$src/po/$domain/$domain.pot" |
    grep -v '^"POT-Creation-Date' >"$work/committed"
  if cmp -s "$work/fresh" "$work/committed"; then ok "$domain: po/$domain/$domain.pot is up to date"; else
    not_ok "$domain: po/$domain/$domain.pot is not the sources' messages: cmake --build build --target update-po"
    diff "$work/committed" "$work/fresh" | grep '^[<>] msgid' | head -5 | sed 's/^/    /'
  fi
  for po in "$src/po/$domain"/*.po; do
    lang=$(basename "$po" .po)
    # every message of the sources translated (msgcmp counts an untranslated or
    # fuzzy one as missing)
    if msgcmp "$po" "$pot" 2>"$work/cmp.err"; then ok "$domain/$lang: every message of the sources is in the catalog"; else
      not_ok "$domain/$lang: messages missing from the catalog"; head -10 "$work/cmp.err" | sed 's/^/    /'
    fi
    stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1)
    if [[ $stats =~ ^[0-9]+\ translated\ messages?\.$ ]]; then ok "$domain/$lang: $stats (no fuzzy, none untranslated)"; else
      not_ok "$domain/$lang: $stats"
    fi
  done
done
finish
