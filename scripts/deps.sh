#!/usr/bin/env bash
# Installs the Debian 12 packages maturinh needs to build, run and test.
# Idempotent: asks apt only when something is missing.
#
# Usage: scripts/deps.sh [--test]   (--test adds what the test suite needs)
set -eu

packages=(build-essential cmake pkg-config libyaml-dev libsqlite3-dev libxml2-dev libssl-dev libjansson-dev libsodium-dev libxlsxwriter-dev)
# Debian 12's xlsxwriter.pc links -lz, but libxlsxwriter-dev does not depend on zlib1g-dev:
# without it, a fresh machine cannot link the library
packages+=(zlib1g-dev)
# maturinh serve: libmicrohttpd (HTTP, and HTTPS through its GnuTLS support)
packages+=(libmicrohttpd-dev)
# gettext: msgfmt compiles the message catalogs (po/) at build time; xgettext,
# msgcmp and msgmerge extract and check them (tests/hygiene/check_catalogs.sh)
packages+=(gettext)
if [ "${1:-}" = "--test" ]; then
  packages+=(libcmocka-dev clang-format locales git sqlite3)
  # the XLSX outputs are read back, cell by cell, with openpyxl
  packages+=(python3-openpyxl)
  # the independent reference scorer (tools/reference_score.py) reads YAML with PyYAML
  packages+=(python3-yaml)
  # the install test links a program against the static library, which needs
  # the static dependencies of libxml2 that libxml2-dev does not pull in
  packages+=(liblzma-dev)  # and zlib1g-dev, above
  # the fuzzing harnesses: clang, and libFuzzer with the sanitizer runtimes
  packages+=(clang libclang-rt-14-dev)
  # the public page measured in a browser (tests/cli/test_pages_chromium.sh): headless
  # Chromium, and the font its label widths are checked against
  packages+=(chromium fonts-dejavu-core)
  # xmllint: the pages are checked to be well-formed XHTML, the XML against its XSD
  packages+=(libxml2-utils)
  # tmux: fill driven in a terminal of a fixed width (tests/cli/test_cli_fill_tmux.sh)
  packages+=(tmux)
  # jq: cli/hostile reads a hostile name back from the JSON output
  packages+=(jq)
  # the man pages: rendered by man-db and groff, checked by mandoc -Tlint
  # (tests/cli/test_man_lint.sh, tests/install/check_install_man.sh); the
  # completion's install folder, from bash-completion's pkg-config file
  packages+=(man-db groff-base mandoc bash-completion)
  # the web front: its browser tests drive Chromium through chromedriver with
  # Selenium; its HTTP tests are Python's standard library; gnutls-bin makes
  # the certificate of the HTTPS test; curl checks it from outside
  packages+=(chromium-driver python3-selenium gnutls-bin curl)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "maturinh: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# A French locale, so that the tests prove numbers ignore LC_NUMERIC and the
# messages are French under fr_* (tests/cli/test_cli_i18n.sh).
if [ "${1:-}" = "--test" ] && ! locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\?8$'; then
  $sudo sed -i 's/^# *fr_FR.UTF-8 UTF-8/fr_FR.UTF-8 UTF-8/' /etc/locale.gen
  grep -q '^fr_FR.UTF-8 UTF-8' /etc/locale.gen || echo 'fr_FR.UTF-8 UTF-8' | $sudo tee -a /etc/locale.gen >/dev/null
  $sudo locale-gen >/dev/null
fi
