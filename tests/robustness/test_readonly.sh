#!/usr/bin/env bash
# A read-only database: the file (chmod 444) in a read-only folder (a
# read-only share: no -wal or -shm file can be made), then the file alone
# read-only.  import, fill, submit, reopen and campaign give exit 74 and say
# what to do; score and history still read it; nothing changes.
#
# As root, chmod does not stop writes: the commands run as the user nobody
# (setpriv); without setpriv or that user, the test is skipped (exit 77).
#
# Usage: test_readonly.sh MATURINH SOURCE_DIR
set -u
mh=$1
src=$2
source "$(dirname "$0")/common.sh"
cd "$src"
need_sqlite3

unprivileged ||
  skip_all "cannot run maturinh as a user chmod applies to (as root: setpriv and the user nobody): chmod cannot stop root's writes"
# the commands under test run as that user, from copies it can reach
mh=$user_mh
ref=$user_ref

dir=$work/share
mkdir "$dir"
db=$dir/maturinh.db
"$mh" gen -r "$ref" --count 20 --seed 5 -o "$work/pop.yaml"
sed -i 's/^status: submitted/status: draft/' "$work/pop.yaml"
cat >"$work/one.yaml" <<'YAML'
format: maturinh-answers/1
referentiel: {id: maturinh-cyber, version: "2025.1"}
campaign: {id: "2025", reference_date: 2025-06-30}
establishment: {finess: "750712184", name: "CH A", region: "11", category: "101"}
answers:
  GOUV-01-A: oui
YAML
"$mh" import --db "$db" -r "$ref" "$work/pop.yaml" "$work/one.yaml" >/dev/null
"$mh" gen -r "$ref" --count 20 --seed 6 --campaign 2026 -o "$work/more.yaml"
chmod 644 "$work"/*.yaml
[ -n "${as_user[*]}" ] && chown -R nobody "$dir"
before=$(db_state "$db")
sum_before=$(md5sum <"$db")

readonly_checks() { # CASE
  local case=$1 msg="cannot write to the database $db: it is read-only (it and its folder must be writable by you; or work on a copy)"
  run "$case: import" 74 "${as_user[@]}" "$mh" import --db "$db" -r "$ref" "$work/more.yaml"
  expect_grep "$case: import says the database is read-only" "$work/err" "$work/more.yaml: error: $msg"
  expect_grep "$case: import says nothing was imported" "$work/err" "maturinh: $work/more.yaml: nothing imported"
  expect_no_grep "$case: no raw SQLite message" "$work/err" "attempt to write a readonly database"
  printf '3\n' >"$work/answer" # GOUV-01-B, its first unanswered question
  "${as_user[@]}" "$mh" fill --db "$db" --campaign 2025 --finess 750712184 <"$work/answer" >"$work/out" 2>"$work/err"
  status=$?
  [ $status = 74 ] && ok "$case: fill: exit 74" || not_ok "$case: fill: exit $status"
  expect_grep "$case: fill says the database is read-only" "$work/err" "maturinh: cannot save the answer: $msg"
  run "$case: submit" 74 "${as_user[@]}" "$mh" submit --db "$db" --campaign 2025 --finess 750712184 --incomplete
  expect_grep "$case: submit says the database is read-only" "$work/err" "maturinh: $msg"
  run "$case: campaign" 74 "${as_user[@]}" "$mh" campaign --db "$db" --campaign 2027 -r "$ref" --reference-date 2027-06-30
  expect_grep "$case: campaign says the database is read-only" "$work/err" "maturinh: $msg"
  run "$case: score still reads it" 0 "${as_user[@]}" "$mh" score --db "$db" --campaign 2025 -f csv
  [ "$(wc -l <"$work/out")" = 22 ] && ok "$case: every establishment scored" || not_ok "$case: $(wc -l <"$work/out") lines scored"
  run "$case: history still reads it" 0 "${as_user[@]}" "$mh" history --db "$db" --campaign 2025 --finess 750712184
  expect_grep "$case: the history" "$work/out" "GOUV-01-A     (none) -> true"
  [ "$(md5sum <"$db")" = "$sum_before" ] && ok "$case: the file is unchanged" || not_ok "$case: the file changed"
}

# ---- a read-only share: file and folder read-only, no -wal or -shm
chmod 444 "$db"
chmod 555 "$dir"
readonly_checks "read-only folder"
[ ! -e "$db-wal" ] && [ ! -e "$db-shm" ] && ok "read-only folder: no -wal or -shm made" || not_ok "a -wal or -shm appeared"

# ---- the file alone read-only (its folder writable)
chmod 755 "$dir"
readonly_checks "read-only file"
chmod 644 "$db"
rm -f "$db-wal" "$db-shm"
if [ "$(db_state "$db")" = "$before" ]; then ok "the database holds what it held"; else not_ok "the database changed"; fi
[ "$(integrity "$db")" = ok ] && ok "integrity_check" || not_ok "integrity_check"

finish
