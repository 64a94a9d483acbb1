#!/usr/bin/env bash
# The pages are well-formed XHTML and observatoire.xml is valid against its
# XSD, as xmllint reads them: every page that test_cli_page.sh,
# test_cli_publish.sh and test_cli_report.sh keep in PAGES_DIR (ctest runs
# them first: the fixture mh_pages); skipped (exit 77) without xmllint.
#
# Usage: test_pages_xmllint.sh PAGES_DIR SOURCE_DIR
set -u
pages_dir=$1
src=$2
mh= # (maturinh is not run here: the pages are already made)
source "$(dirname "$0")/lib.sh"
cd "$src"
need xmllint

# every page the scripts keep, each well-formed (a page missing is a failure)
for name in page/obs/index.html page/nat/index.html page/long/index.html publish/index.html \
  report/tilleuls.html report/chu.html; do
  file=$pages_dir/$name
  if [ ! -s "$file" ]; then
    not_ok "$name: not in $pages_dir (kept by test_cli_${name%%/*}.sh: run it first)"
  elif xmllint --noout "$file" 2>"$work/xmllint"; then
    ok "$name is well-formed XHTML"
  else
    not_ok "$name is not well-formed"
    head -5 "$work/xmllint" | sed 's/^/    /'
  fi
done

xml=$pages_dir/publish/observatoire.xml
if [ ! -s "$xml" ]; then
  not_ok "publish/observatoire.xml: not in $pages_dir (kept by test_cli_publish.sh: run it first)"
elif xmllint --noout --schema schemas/maturinh-observatoire-1.xsd "$xml" 2>"$work/xmllint"; then
  ok "observatoire.xml validates against schemas/maturinh-observatoire-1.xsd"
else
  not_ok "observatoire.xml does not validate"
  head -5 "$work/xmllint" | sed 's/^/    /'
fi

finish
