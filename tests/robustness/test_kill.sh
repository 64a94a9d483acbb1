#!/usr/bin/env bash
# Crash safety: `maturinh import` killed with SIGKILL at many points, from
# before it opens the database to after its last commit, into a database that
# already holds data.  Each file is one transaction, so whatever the moment
# of the kill, the database must pass PRAGMA integrity_check and hold exactly
# the data from before plus the files whose import had committed, in order:
# never part of a file.  Half the runs use --keep-going (a savepoint per
# establishment, still one transaction per file).  At the end, a normal
# import over the last crashed database completes, and scoring the database
# gives what scoring the files gives.
#
# Usage: test_kill.sh MATURINH SOURCE_DIR [KILLS]
set -u
mh=$1
src=$2
kills=${3:-36}
source "$(dirname "$0")/common.sh"
cd "$src"
need_sqlite3

# ---- the population: YAML (campaign 2025) and CSV (campaign 2026)
"$mh" gen -r "$ref" --count 530 --seed 7 -o "$work/all.yaml"
split_yaml "$work/all.yaml" 120 "$work/part"
sed -i 's/^status: submitted/status: draft/' "$work/part1.yaml"
base_file=$work/part1.yaml
# U changes most answers of the establishments already in the database
sed -e 's/: "true"$/: "TRUE"/' -e 's/: "false"$/: "true"/' -e 's/: "TRUE"$/: "false"/' \
  "$base_file" >"$work/update.yaml"
# X has one wrong answer in its 50th establishment: rejected whole, or alone with --keep-going
awk '/^---/ { doc++ } doc == 50 && /^  GOUV-01-A:/ { print "  GOUV-01-A: \"peut-être\""; next } { print }' \
  "$work/part5.yaml" >"$work/bad.yaml"
"$mh" gen -r "$ref" --count 100 --seed 11 --campaign 2026 --reference-date 2026-06-30 \
  --format csv -o "$work/answers.csv" --establishments "$work/list.csv"
"$mh" gen -r "$ref" --count 100 --seed 11 --campaign 2026 --reference-date 2026-06-30 \
  -o "$work/campaign-2026.yaml"
files=("$work/part2.yaml" "$work/list.csv" "$work/part3.yaml" "$work/answers.csv"
  "$work/update.yaml" "$work/bad.yaml" "$work/part4.yaml")

# ---- the database before: campaign 2025 with one file, campaign 2026 created
base=$work/base.db
run "the data from before" 0 "$mh" import --db "$base" -r "$ref" "$base_file"
run "the CSV campaign" 0 "$mh" campaign --db "$base" --campaign 2026 -r "$ref" --reference-date 2026-06-30
[ ! -e "$base-wal" ] || { not_ok "a closed database leaves no WAL"; }
before=$(db_state "$base")

# ---- the states an import may leave: before, then after each file, per mode
declare -A state_of # state dump hash -> "mode:files committed"
for mode in plain keep; do
  cp "$base" "$work/step.db"
  n=0
  state_of[$(db_state "$work/step.db" | md5sum | cut -d' ' -f1)]+=" $mode:0"
  for f in "${files[@]}"; do
    n=$((n + 1))
    "$mh" import --db "$work/step.db" -r "$ref" --campaign 2026 $([ $mode = keep ] && echo -k) "$f" \
      >/dev/null 2>&1
    state_of[$(db_state "$work/step.db" | md5sum | cut -d' ' -f1)]+=" $mode:$n"
  done
done
if [ "${#state_of[@]}" -ge 8 ]; then ok "each file changes the database (${#state_of[@]} distinct states)"; else
  not_ok "only ${#state_of[@]} distinct states"; fi

# ---- how long a whole import takes, to spread the kills over it
cp "$base" "$work/timed.db"
t0=$(date +%s%N)
"$mh" import --db "$work/timed.db" -r "$ref" --campaign 2026 "${files[@]}" >/dev/null 2>&1
status=$?
t1=$(date +%s%N)
span=$(((t1 - t0) / 1000)) # microseconds
[ $status = 65 ] && ok "a whole import: exit 65 (the bad file is rejected), $((span / 1000)) ms" ||
  not_ok "a whole import: exit $status"

# ---- the kills
bad_integrity=0 bad_state=0 raw=0 finished=0
declare -A seen
for i in $(seq 0 $((kills - 1))); do
  db=$work/kill.db
  rm -f "$db" "$db-wal" "$db-shm"
  cp "$base" "$db"
  mode=plain
  [ $((i % 2)) = 1 ] && mode=keep
  # from at once to a little after the end (1.15 x the time of a whole import)
  delay=$(awk -v i="$i" -v n="$kills" -v s="$span" 'BEGIN { printf "%.6f", i / (n - 1) * 1.15 * s / 1e6 }')
  "$mh" import --db "$db" -r "$ref" --campaign 2026 $([ $mode = keep ] && echo -k) "${files[@]}" \
    >/dev/null 2>"$work/kill.err" &
  pid=$!
  [ "$i" = 0 ] || sleep "$delay"
  kill -KILL $pid 2>/dev/null
  wait $pid 2>/dev/null
  [ $? = 137 ] || finished=$((finished + 1))
  check=$(integrity "$db")
  if [ "$check" != ok ]; then
    bad_integrity=$((bad_integrity + 1))
    echo "    kill $i after ${delay}s: integrity_check: $check" | head -5
  fi
  hash=$(db_state "$db" | md5sum | cut -d' ' -f1)
  found=
  for s in ${state_of[$hash]:-}; do [ "${s%%:*}" = $mode ] && found=$s; done
  if [ -z "$found" ]; then
    bad_state=$((bad_state + 1))
    echo "    kill $i ($mode) after ${delay}s: a state no sequence of whole files gives;" \
      "establishments per campaign: $(sqlite3 "$db" 'SELECT group_concat(campaign || "=" || n) FROM (SELECT campaign, count(*) n FROM establishment GROUP BY campaign)')"
  else
    seen[$found]=1
  fi
  [ -f "$work/kill.err" ] && grep -qiE "database is (locked|busy)|disk I/O error|malformed" "$work/kill.err" &&
    raw=$((raw + 1))
  [ $mode = plain ] && cp "$db" "$work/last-plain.db"
done
[ $bad_integrity = 0 ] && ok "$kills kills: every database passes integrity_check" ||
  not_ok "$bad_integrity of $kills killed databases fail integrity_check"
[ $bad_state = 0 ] && ok "$kills kills: each file is there whole or not at all, and the data from before is intact" ||
  not_ok "$bad_state of $kills killed imports left part of a file"
[ $raw = 0 ] && ok "no raw SQLite error before the kills" || not_ok "$raw runs printed a raw SQLite error"
echo "# kills landed after 0..7 files: $(printf '%s\n' "${!seen[@]}" | sort -t: -k1,1 -k2n | tr '\n' ' ')($finished runs ended before their kill)"

# ---- the data from before, file by file, in the last crashed database
db=$work/last-plain.db
if [ "$(sqlite3 "$db" "SELECT count(*) FROM establishment WHERE campaign = '2025'")" -ge 120 ]; then
  ok "the establishments from before are there"; else not_ok "establishments from before lost"; fi

# ---- after the crash, a normal import completes and scores like the files
good=("$work/part2.yaml" "$work/list.csv" "$work/part3.yaml" "$work/answers.csv"
  "$work/update.yaml" "$work/part4.yaml")
run "a normal import after the crash" 0 "$mh" import --db "$db" -r "$ref" --campaign 2026 "${good[@]}"
expect_no_grep "no error after the crash" "$work/err" "error"
[ "$(integrity "$db")" = ok ] && ok "integrity_check after the import" || not_ok "integrity_check after the import"
run "score 2025 from the database" 0 "$mh" score --db "$db" --campaign 2025 -f csv
mv "$work/out" "$work/db-2025.csv"
"$mh" score -r "$ref" -f csv "$work/update.yaml" "$work/part2.yaml" "$work/part3.yaml" "$work/part4.yaml" |
  (IFS= read -r h; echo "$h"; sort) >"$work/files-2025.csv"
if cmp -s "$work/db-2025.csv" "$work/files-2025.csv"; then ok "the database scores as the files (campaign 2025)"; else
  not_ok "the database scores differ from the files (2025)"; diff "$work/files-2025.csv" "$work/db-2025.csv" | head -5; fi
run "score 2026 from the database" 0 "$mh" score --db "$db" --campaign 2026 -f csv
# CSV answers are imported as drafts: compare all but the status
cut -d, -f1,2,4- "$work/out" >"$work/db-2026.csv"
"$mh" score -r "$ref" -f csv "$work/campaign-2026.yaml" | (IFS= read -r h; echo "$h"; sort) |
  cut -d, -f1,2,4- >"$work/files-2026.csv"
if cmp -s "$work/db-2026.csv" "$work/files-2026.csv"; then ok "the database scores as the files (campaign 2026, CSV)"; else
  not_ok "the database scores differ from the files (2026)"; diff "$work/files-2026.csv" "$work/db-2026.csv" | head -5; fi

finish
