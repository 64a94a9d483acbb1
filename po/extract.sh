#!/usr/bin/env bash
# Extracts the messages of a text domain from the sources into a template.
#
# Usage: po/extract.sh SOURCE_DIR DOMAIN OUTPUT.pot
#   DOMAIN  maturinh (the program, cli/) or libmaturinh (the library)
# The files are those of po/DOMAIN/POTFILES.in; the keywords, those that mark
# a message in each (docs/translation.md).
set -eu
root=$1 domain=$2 out=$3
case $domain in
  maturinh)
    # _() and N_(), and the description of an option in the tables of cli.h
    keywords=(--keyword=_ --keyword=N_ --keyword=cli_ntr:1,2 --keyword=CLI_FLAG:4 --keyword=CLI_VALUE:5
      --keyword=CLI_NUMBER:5 --keyword=CLI_WHOLE:5 --keyword=CLI_LIST:5
      --flag=cli_error:1:c-format --flag=cli_usage_error:2:c-format) ;;
  libmaturinh)
    # mh__tr() and N_() (util/i18n.h), the diagnostics of the files listed
    # (mh__diag_add; yamltree.c doc_error; referentiel_load.c error_at; store.c
    # set_why) and the reader's errors (answers.c check_error)
    keywords=(--keyword=mh__tr --keyword=mh__ntr:1,2 --keyword=N_ --keyword=check_error:3 --keyword=mh__diag_add:5
      --keyword=doc_error:5 --keyword=error_at:3 --flag=error_at:3:c-format
      --keyword=set_why:2 --flag=set_why:2:c-format
      --flag=mh__diag_add:5:c-format --flag=doc_error:5:c-format --flag=check_error:3:c-format) ;;
  *) echo "extract.sh: unknown domain $domain" >&2; exit 64 ;;
esac
version=$(sed -n 's/^project(maturinh VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")
cd "$root"
xgettext --language=C --from-code=UTF-8 --add-comments=TRANSLATORS: --sort-by-file \
  --package-name=maturinh --package-version="$version" --msgid-bugs-address= \
  --default-domain="$domain" "${keywords[@]}" \
  --files-from="po/$domain/POTFILES.in" --output="$out" 2>&1 |
  # (the project takes its bug reports in its tracker, not at an address)
  awk '/--msgid-bugs-address was not specified/ { skip = 4 } skip > 0 { skip--; next } { print > "/dev/stderr" }'
exit "${PIPESTATUS[0]}"
