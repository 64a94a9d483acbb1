#!/usr/bin/env bash
# Tries the web questionnaire: installs what is missing, builds maturinh
# (build/), makes a demo database (demo/maturinh.db: the fixture
# establishments of both sides, sanitaire (campaign 2025) and médico-social
# (campaign esms-2025); a CISO account, an EHPAD's account and an ARS account
# with passwords made at random, printed), then serves it on
# http://127.0.0.1:8080/ until Ctrl-C.
# Run again, it serves the same database with the same accounts (their
# passwords are in demo/ACCOUNTS); remove demo/ to start afresh.
#
# Usage: scripts/demo.sh [ADDR:PORT]   (default 127.0.0.1:8080)
set -eu
cd "$(dirname "$0")/.."

listen=${1:-127.0.0.1:8080}
bash scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMH_BUILD_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)" >/dev/null

mh=build/cli/maturinh
ref=referentiels/maturinh-cyber/maturinh-cyber.yaml
db=demo/maturinh.db
# the messages of the build tree's catalogs (installed, maturinh finds its own)
export MATURINH_LOCALEDIR="$PWD/build/locale"

if [ ! -e "$db" ]; then
  mkdir -p demo
  mapfile -t answers < <(grep -v '^#' fixtures/answers/ORDER | grep -v '^$')
  $mh import --db "$db" -r "$ref" "${answers[@]}" >/dev/null
  mapfile -t esms_answers < <(grep -v '^#' fixtures/answers-esms/ORDER | grep -v '^$')
  $mh import --db "$db" -r referentiels/maturinh-esms/maturinh-esms.yaml "${esms_answers[@]}" >/dev/null
  password() { od -An -N12 -tx1 /dev/urandom | tr -d ' \n'; }
  rssi=$(password)
  ars=$(password)
  ehpad=$(password)
  # the CISO of a questionnaire still in progress (Centre hospitalier spécialisé Esquirol-des-Prés)
  printf '%s\n' "$rssi" | $mh user add --db "$db" --login rssi-demo --role rssi --finess 910019736 \
    --name "Camille Durand (RSSI)" --password-stdin >/dev/null
  # the director of an EHPAD whose questionnaire is still in progress (médico-social side)
  printf '%s\n' "$ehpad" | $mh user add --db "$db" --login ehpad-demo --role rssi --finess 920500238 \
    --name "Claire Martin (directrice)" --password-stdin >/dev/null
  printf '%s\n' "$ars" | $mh user add --db "$db" --login ars-demo --role ars --region 11 \
    --name "ARS Île-de-France" --password-stdin >/dev/null
  umask 077
  printf 'rssi-demo  %s   CISO of 910019736 (Centre hospitalier spécialisé Esquirol-des-Prés)\nehpad-demo %s   director of 920500238 (EHPAD Villa Les Marronniers, campaign esms-2025)\nars-demo   %s   ARS analyst, région 11 (Île-de-France), both campaigns\n' \
    "$rssi" "$ehpad" "$ars" >demo/ACCOUNTS
fi

echo "== The demo accounts (login, password), also in demo/ACCOUNTS:"
cat demo/ACCOUNTS
echo
echo "== Open http://$listen/ in a browser; Ctrl-C stops the server."
exec $mh serve --db "$db" --listen "$listen"
