#!/usr/bin/env bash
# Several maturinh writing the same database at once: imports of different
# files and of the same file twice, an import changing establishments that
# fill, submit and reopen change at the same moment.  Afterwards the database
# holds exactly what the same commands run one after the other give (every
# establishment, answer, submission and history row: no lost update), passes
# integrity_check, and no stderr shows SQLite's "database is locked".  Also:
# several processes creating the same new database at once (many times
# over); and a writer
# that waits too long gets our message and exit 75.
#
# Usage: test_concurrency.sh MATURINH SOURCE_DIR
set -u
mh=$1
src=$2
source "$(dirname "$0")/common.sh"
cd "$src"
need_sqlite3

"$mh" gen -r "$ref" --count 480 --seed 21 -o "$work/all.yaml"
split_yaml "$work/all.yaml" 120 "$work/part"
# part1 is in the database first, as drafts, with its two first questions unanswered
sed -i -e 's/^status: submitted/status: draft/' -e '/^  GOUV-01-[AB]:/d' "$work/part1.yaml"
mapfile -t finess < <(grep -o 'finess: "[0-9AB]*"' "$work/part1.yaml" | cut -d'"' -f2)
fillers=("${finess[@]:0:4}")    # fill answers GOUV-01-A and GOUV-01-B
submitters=("${finess[@]:4:4}") # submit, reopen, submit
# the update changes one answer of every other establishment of part1
awk -v skip="$(printf '%s ' "${fillers[@]}" "${submitters[@]}")" '
  BEGIN { n = split(skip, s, " "); for (i = 1; i <= n; i++) drop[s[i]] = 1 }
  /^---/ { if (doc != "" && !(f in drop)) printf "%s", doc; doc = ""; f = "" }
  /^  finess:/ { f = $2; gsub(/"/, "", f) }
  /^  CRISE-01-B:/ { $0 = ($2 == "\"true\"") ? "  CRISE-01-B: \"false\"" : "  CRISE-01-B: \"true\"" }
  { doc = doc $0 "\n" }
  END { if (doc != "" && !(f in drop)) printf "%s", doc }' "$work/part1.yaml" >"$work/update.yaml"

base=$work/base.db
"$mh" import --db "$base" -r "$ref" "$work/part1.yaml" >/dev/null

# the writers, each a command line; run one after the other, then all at once
writers=(
  "import --campaign 2025 $work/part2.yaml"
  "import --campaign 2025 $work/part3.yaml"
  "import --campaign 2025 $work/part4.yaml"
  "import --campaign 2025 $work/part2.yaml"
  "import --campaign 2025 $work/update.yaml"
)
for f in "${fillers[@]}"; do writers+=("fill --campaign 2025 --finess $f"); done
for f in "${submitters[@]}"; do writers+=("submit+reopen+submit $f"); done

write() { # DB WRITER...
  local db=$1
  shift
  case $1 in
  fill) printf 'oui\n3\n' | "$mh" fill --db "$db" "${@:2}" >/dev/null ;;
  submit+reopen+submit)
    "$mh" submit --db "$db" --campaign 2025 --finess "$2" --incomplete >/dev/null &&
      "$mh" reopen --db "$db" --campaign 2025 --finess "$2" >/dev/null &&
      "$mh" submit --db "$db" --campaign 2025 --finess "$2" --incomplete >/dev/null ;;
  *) "$mh" "$1" --db "$db" "${@:2}" >/dev/null ;;
  esac
}

# history rows in no particular order: the order of concurrent saves varies
state_sorted() { db_state "$1" | sort; }

cp "$base" "$work/one-by-one.db"
for w in "${writers[@]}"; do write "$work/one-by-one.db" $w 2>>"$work/one-by-one.err"; done
expected=$(state_sorted "$work/one-by-one.db")
counts() {
  sqlite3 "$1" "SELECT (SELECT count(*) FROM establishment) || ' establishments, ' ||
    (SELECT count(*) FROM answer) || ' answers, ' || (SELECT count(*) FROM history) ||
    ' history rows, ' || (SELECT count(*) FROM submission WHERE status = 'submitted') || ' submitted'"
}
echo "# one after the other: $(counts "$work/one-by-one.db")"

for round in 1 2 3; do
  db=$work/concurrent-$round.db
  cp "$base" "$db"
  pids=()
  i=0
  for w in "${writers[@]}"; do
    i=$((i + 1))
    write "$db" $w 2>"$work/w$round-$i.err" &
    pids+=($!)
  done
  failures=0
  for p in "${pids[@]}"; do wait "$p" || failures=$((failures + 1)); done
  [ $failures = 0 ] && ok "round $round: ${#writers[@]} writers at once all succeed" ||
    { not_ok "round $round: $failures writers failed"; cat "$work"/w$round-*.err | head -5; }
  if cat "$work"/w$round-*.err | grep -qiE "database is (locked|busy)|in use by another"; then
    not_ok "round $round: a writer gave up waiting"; else ok "round $round: no 'database is locked'"; fi
  [ "$(integrity "$db")" = ok ] && ok "round $round: integrity_check" || not_ok "round $round: integrity_check"
  got=$(counts "$db")
  if [ "$(state_sorted "$db")" = "$expected" ]; then
    ok "round $round: every update is there ($got)"
  else
    not_ok "round $round: $got, expected $(counts "$work/one-by-one.db")"
    diff <(echo "$expected") <(state_sorted "$db") | head -6
  fi
done

# ---- several processes create the same new database at once
pids=()
for p in 2 3 4; do
  "$mh" import --db "$work/new.db" -r "$ref" "$work/part$p.yaml" >/dev/null 2>"$work/new-$p.err" &
  pids+=($!)
done
failures=0
for p in "${pids[@]}"; do wait "$p" || failures=$((failures + 1)); done
[ $failures = 0 ] && ok "three imports creating the same database at once succeed" ||
  { not_ok "$failures imports creating the database failed"; cat "$work"/new-*.err | head -5; }
[ "$(sqlite3 "$work/new.db" 'SELECT count(*) FROM establishment')" = 360 ] &&
  ok "the new database holds the three files" || not_ok "the new database: $(counts "$work/new.db")"

# ---- the race of a new database, many times over: six imports of one establishment at once
# (two of them switching it to WAL at the same moment get SQLITE_BUSY without
# SQLite's busy handler; they must ask again, not give up)
"$mh" gen -r "$ref" --count 1 --seed 22 -o "$work/small.yaml"
failures=0
for round in $(seq 40); do
  rm -f "$work/race.db" "$work/race.db-wal" "$work/race.db-shm"
  pids=()
  for p in 1 2 3 4 5 6; do
    "$mh" import --db "$work/race.db" -r "$ref" "$work/small.yaml" >/dev/null 2>"$work/race-$p.err" &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || failures=$((failures + 1)); done
done
[ $failures = 0 ] && ok "40 rounds of six imports creating the same database: all succeed" ||
  { not_ok "$failures of 240 imports creating the database failed"; cat "$work"/race-*.err | head -3; }

# ---- a writer that waits too long: our message, exit 75, nothing changed
db=$work/concurrent-1.db
before=$(db_state "$db")
hold_database "$db" "INSERT INTO referentiel VALUES ('x', 'x', 'x', x'00', 'x');"
export MATURINH_BUSY_TIMEOUT=1
msg="the database $db is in use by another maturinh (an import?) and stayed so for 1 s: nothing was changed; run this again when it is done"
run "import while another holds the database" 75 "$mh" import --db "$db" --campaign 2025 "$work/part4.yaml"
expect_grep "import: our message" "$work/err" "$work/part4.yaml: error: $msg"
expect_no_grep "import: not SQLite's" "$work/err" "database is locked"
run "submit while another holds the database" 75 "$mh" submit --db "$db" --campaign 2025 --finess "${finess[10]}" --incomplete
expect_grep "submit: our message" "$work/err" "maturinh: $msg"
"$mh" fill --db "$db" --campaign 2025 --finess "${finess[11]}" <<<"oui" >"$work/out" 2>"$work/err"
status=$?
[ $status = 75 ] && ok "fill while another holds the database: exit 75" || not_ok "fill: exit $status"
expect_grep "fill: our message" "$work/err" "maturinh: cannot save the answer: $msg"
run "gen into a database another holds" 75 "$mh" gen -r "$ref" --count 3 --seed 1 --db "$db"
expect_file "gen: our message, and only it" "$work/err" "maturinh: $msg"
# a short wait is no failure: the writer goes on as soon as the other is done
unset MATURINH_BUSY_TIMEOUT
(sleep 1; echo "ROLLBACK;" >&3; exec 3>&-) &
run "a writer waits for the other to finish" 0 "$mh" submit --db "$db" --campaign 2025 --finess "${finess[10]}" --incomplete
exec 3>&-
wait $holder
run "reopen" 0 "$mh" reopen --db "$db" --campaign 2025 --finess "${finess[10]}"
if [ "$(db_state "$db" | grep -v "${finess[10]}")" = "$(echo "$before" | grep -v "${finess[10]}")" ]; then
  ok "the refused writers changed nothing"; else not_ok "the refused writers changed something"; fi

finish
