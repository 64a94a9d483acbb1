#!/usr/bin/env bash
# `maturinh serve` under load: N CISO sessions saving answers, against the
# floor of as many committed single-row SQLite transactions.
#
# Usage: bench/serve.sh [--build DIR] [--sizes "50 200 500"] [--duration S]
#                       [--think MS] [--threads T] [--keep DIR]
#
# Builds nothing: DIR (default build-bench) is a build with MH_BUILD_BENCH=ON
# (cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DMH_BUILD_BENCH=ON).
# Prepares one database for the largest N: that many synthetic
# establishments of campaign 2025 (maturinh gen, seed 1), every one a draft
# so that it may be written, and one rssi account per establishment (made
# once, in parallel: Argon2id costs about 0.1 s an account).  For each N,
# on a fresh copy of it: starts `maturinh serve --threads T` (8, its
# default), runs bench/serve_load (N sessions, each logged in, then saving
# answers for S seconds, 10 by default), in two runs: paced, each session
# saving once every MS milliseconds on average (1000 by default: a field a
# second, far busier than a person), and saturated, each session saving
# again as soon as its last save is answered; stops the server, checks in the database that the value and
# version of every acknowledged save are there (lost saves), then runs
# bench/serve_floor: the same number of transactions from T threads, each
# on its own connection, as the server holds T, twice: waiting for the
# write lock through SQLite's busy handler as the server's connections do
# ("busy"), and queued on a mutex ("queued": the floor proper).  Prints a markdown table.
# Memory is the server's peak resident set (VmHWM) over the saves alone;
# the logins' peak (Argon2id, 64 MiB a hash) is given apart.
# Timings are never asserted: CI runs it at a tiny size to check it works;
# errors and lost saves make it fail.
set -eu
cd "$(dirname "$0")/.."
build=build-bench
sizes="50 200 500"
duration=10
think=1000
threads=8
keep=""
while [ $# -gt 0 ]; do
  case $1 in
    --build) build=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --think) think=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    *) echo "usage: bench/serve.sh [--build DIR] [--sizes \"N...\"] [--duration S] [--think MS] [--threads T] [--keep DIR]" >&2; exit 64 ;;
  esac
done
command -v sqlite3 >/dev/null || { echo "bench: the sqlite3 shell is needed (apt-get install sqlite3)" >&2; exit 69; }
case $build in /*) ;; *) build=$PWD/$build ;; esac
mh=$build/cli/maturinh
load=$build/bench/serve_load
floor=$build/bench/serve_floor
ref=$PWD/referentiels/maturinh-cyber/maturinh-cyber.yaml
for p in "$mh" "$load" "$floor"; do
  [ -x "$p" ] || { echo "bench: $p is missing: build $build with -DMH_BUILD_BENCH=ON" >&2; exit 69; }
done
work=${keep:-$(mktemp -d)}
mkdir -p "$work"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
  [ -n "$keep" ] || rm -rf "$work"
}
trap cleanup EXIT

max=0
for n in $sizes; do [ "$n" -gt "$max" ] && max=$n; done

# the population: drafts only (a submitted questionnaire is read-only)
"$mh" gen -r "$ref" --count "$max" --seed 1 | sed 's/^status: submitted$/status: draft/' >"$work/answers.yaml"
rm -f "$work/base.db"*
"$mh" import --db "$work/base.db" -r "$ref" "$work/answers.yaml" >/dev/null
sed -n 's/^  finess: "\([0-9A-Z]*\)"$/\1/p' "$work/answers.yaml" |
  awk '{ printf "bench%04d bench%04d-motdepasse %s\n", NR, NR, $1 }' >"$work/accounts"
[ "$(wc -l <"$work/accounts")" -eq "$max" ] || { echo "bench: expected $max establishments" >&2; exit 70; }
# shellcheck disable=SC2016
xargs -P "$(nproc)" -L 1 sh -c 'printf "%s\n" "$2" | "$0" user add --db "$4" --login "$1" --role rssi --finess "$3" --password-stdin >/dev/null' \
  "$mh" < <(awk -v db="$work/base.db" '{ print $1, $2, $3, db }' "$work/accounts")
[ "$(sqlite3 "$work/base.db" 'SELECT count(*) FROM account')" -eq "$max" ] || { echo "bench: accounts missing" >&2; exit 70; }

echo "| sessions | think | saves | saves/s | p50 | p99 | max | errors | lost | floor tx/s (queued) | floor p50 | floor p99 | ratio | floor tx/s (busy) | floor p99 (busy) | server peak (saves) | server peak (logins) |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
failed=0
for n in $sizes; do
for pace in "$think" 0; do
  d="$work/n$n-t$pace"
  mkdir -p "$d"
  rm -f "$d/run.db"*
  cp "$work/base.db" "$d/run.db"
  head -n "$n" "$work/accounts" >"$d/accounts"
  "$mh" serve --db "$d/run.db" --listen 127.0.0.1:0 --threads "$threads" 2>"$d/serve.log" &
  server=$!
  port=""
  for _ in $(seq 100); do
    port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$d/serve.log")
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { echo "bench: maturinh serve did not start:" >&2; cat "$d/serve.log" >&2; exit 1; }
  status=0
  out=$("$load" --port "$port" --accounts "$d/accounts" --duration "$duration" --think "$pace" --pid "$server" --acked "$d/acked") || status=$?
  kill -TERM "$server"
  wait "$server" || { echo "bench: maturinh serve did not stop cleanly:" >&2; cat "$d/serve.log" >&2; exit 1; }
  server=""
  [ "$status" -eq 0 ] || { echo "bench: serve_load failed ($status)" >&2; exit 1; }
  read -r sessions saves secs rate p50 p99 mx errors login_hwm save_hwm <<<"$out"

  # every acknowledged save: its value and version in the database
  lost=$(sqlite3 "$d/run.db" <<EOF
CREATE TEMP TABLE acked (finess TEXT, indicator TEXT, value TEXT, version INTEGER);
.mode list
.import $d/acked acked
SELECT count(*) FROM acked k
  WHERE NOT EXISTS (SELECT 1 FROM answer a JOIN answer_version v USING (campaign, finess, indicator)
                    WHERE a.campaign = '2025' AND a.finess = k.finess AND a.indicator = k.indicator
                      AND a.value = k.value AND v.version = k.version);
EOF
)
  acked=$(wc -l <"$d/acked")

  fl=$("$floor" --db "$d/floor.db" --threads "$threads" --transactions "$saves" --queue 2>/dev/null)
  read -r _ _ _ frate fp50 fp99 _ ferrors <<<"$fl"
  fl=$("$floor" --db "$d/floor.db" --threads "$threads" --transactions "$saves" 2>/dev/null)
  read -r _ _ _ brate _ bp99 _ berrors <<<"$fl"
  ferrors=$((ferrors + berrors))
  printf '| %s | %s | %s | %s | %s ms | %s ms | %s ms | %s | %s of %s | %s | %s ms | %s ms | %s | %s | %s ms | %s MiB | %s MiB |\n' \
    "$n" "$([ "$pace" = 0 ] && echo none || echo "$pace ms")" "$saves" "$rate" "$p50" "$p99" "$mx" "$errors" "$lost" "$acked" "$frate" "$fp50" "$fp99" \
    "$(awk -v a="$frate" -v b="$rate" -v p="$pace" 'BEGIN { if (p > 0) printf "-"; else printf "%.2fx", (b > 0 ? a / b : 0) }')" "$brate" "$bp99" \
    "$(awk -v k="$save_hwm" 'BEGIN { printf "%.1f", k / 1024 }')" \
    "$(awk -v k="$login_hwm" 'BEGIN { printf "%.1f", k / 1024 }')"
  if [ "$errors" -ne 0 ] || [ "$lost" -ne 0 ] || [ "$ferrors" -ne 0 ]; then failed=1; fi
done
done
[ "$failed" -eq 0 ] || { echo "bench: errors or lost saves (see above)" >&2; exit 1; }
