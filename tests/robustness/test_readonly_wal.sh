#!/usr/bin/env bash
# A database in a read-only folder with its write-ahead log (-wal) but no
# -shm file (a copy taken while a writer had it open, a writer killed): SQLite
# cannot make the -shm it reads the log through.  When the log adds nothing
# to the file (checkpointed, or nothing committed), the reading commands read
# the file alone; when it holds changes the file lacks, they refuse, saying
# what to do, rather than read a stale database.
#
# As root, chmod does not stop writes: the commands run as the user nobody
# (setpriv); without setpriv or that user, the test is skipped (exit 77).
#
# Usage: test_readonly_wal.sh MATURINH SOURCE_DIR
set -u
mh=$1
src=$2
source "$(dirname "$0")/common.sh"
cd "$src"
need_sqlite3

unprivileged ||
  skip_all "cannot run maturinh as a user chmod applies to (as root: setpriv and the user nobody): chmod cannot stop root's writes"
mh_root=$mh
mh=$user_mh
ref=$user_ref

src_db=$work/source.db
"$mh_root" gen -r "$ref" --count 20 --seed 5 -o "$work/pop.yaml"
"$mh_root" import --db "$src_db" -r "$ref" "$work/pop.yaml" >/dev/null
finess=$(grep -m1 'finess:' "$work/pop.yaml" | grep -o '[0-9AB]\{9\}')

# share NAME SQL: a read-only folder NAME holding a copy of the database and
# its -wal taken while a connection that ran SQL (without checkpointing on
# its own) still had them open: no -shm
share() {
  local dir=$work/$1
  mkdir "$dir"
  sqlite3 -batch "$src_db" "PRAGMA wal_autocheckpoint = 0; $2" ".shell cp '$src_db' '$src_db-wal' '$dir/'" >/dev/null
  mv "$dir/source.db" "$dir/maturinh.db"
  mv "$dir/source.db-wal" "$dir/maturinh.db-wal"
  [ -n "${as_user[*]}" ] && chown -R nobody "$dir"
  chmod 444 "$dir"/*
  chmod 555 "$dir"
}
walwriter() { # the SQL of one history row by the user NAME
  echo "INSERT INTO history (campaign, finess, changed_by, changed_at, changes)
        VALUES ('2025', '$finess', '$1', '2025-07-01T00:00:00Z', '[[\"GOUV-01-A\",null,\"true\"]]');"
}

# ---- the log was checkpointed: the file holds everything
share checkpointed "$(walwriter checkpointed) PRAGMA wal_checkpoint;"
db=$work/checkpointed/maturinh.db
if [ -s "$db-wal" ] && [ ! -e "$db-shm" ]; then ok "checkpointed: a -wal, no -shm"; else not_ok "checkpointed: not the case under test"; fi
sum_before=$(md5sum <"$db")
run "checkpointed: score" 0 "${as_user[@]}" "$mh" score --db "$db" --campaign 2025 -f csv
[ "$(wc -l <"$work/out")" = 21 ] && ok "checkpointed: every establishment scored" || not_ok "checkpointed: $(wc -l <"$work/out") lines scored"
run "checkpointed: rank" 0 "${as_user[@]}" "$mh" rank --db "$db" --campaign 2025 -f csv
run "checkpointed: history" 0 "${as_user[@]}" "$mh" history --db "$db" --campaign 2025 --finess "$finess"
expect_grep "checkpointed: the history holds the change in the log" "$work/out" "checkpointed  GOUV-01-A     (none) -> true"
mkdir "$work/pages"
[ -n "${as_user[*]}" ] && chown nobody "$work/pages"
run "checkpointed: publish" 0 "${as_user[@]}" "$mh" publish --db "$db" --campaign 2025 --out "$work/pages/published" --date 2025-09-01
[ -s "$work/pages/published/palmares.csv" ] && ok "checkpointed: published" || not_ok "checkpointed: nothing published"
[ "$(md5sum <"$db")" = "$sum_before" ] && [ ! -e "$db-shm" ] && ok "checkpointed: nothing changed in the share" || not_ok "checkpointed: the share changed"

# ---- the log holds a committed change the file lacks: refused, saying what to do
share pending "$(walwriter pending)"
db=$work/pending/maturinh.db
msg="$db: error: cannot read the database: changes in its write-ahead log $db-wal are not yet in it, and SQLite reads them only through a -shm file, which cannot be made in this read-only folder: copy $db and $db-wal to a folder you can write and read the copy, or have someone who can write this folder run any maturinh command on it once (that folds the log back in)"
run "pending: score" 74 "${as_user[@]}" "$mh" score --db "$db" --campaign 2025 -f csv
expect_grep "pending: score says why and what to do" "$work/err" "$msg"
expect_no_grep "pending: no raw system message" "$work/err" "No such file or directory"
run "pending: rank" 74 "${as_user[@]}" "$mh" rank --db "$db" --campaign 2025
expect_grep "pending: rank says why" "$work/err" "$msg"
run "pending: history" 74 "${as_user[@]}" "$mh" history --db "$db" --campaign 2025 --finess "$finess"
expect_grep "pending: history says why" "$work/err" "$msg"
run "pending: publish" 74 "${as_user[@]}" "$mh" publish --db "$db" --campaign 2025 --out "$work/pages/published-pending"
expect_grep "pending: publish says why" "$work/err" "$msg"
# what the message says works: a copy in a writable folder
mkdir "$work/copy" && cp "$db" "$db-wal" "$work/copy/"
run "pending: the copy reads" 0 "$mh_root" history --db "$work/copy/maturinh.db" --campaign 2025 --finess "$finess"
expect_grep "pending: the copy holds the change in the log" "$work/out" "pending       GOUV-01-A     (none) -> true"

# ---- a log whose only transaction never committed (a writer killed in the
# middle: a small cache spills its pages to the log before the commit)
share uncommitted "PRAGMA cache_size = 2; BEGIN; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
  INSERT INTO history (campaign, finess, changed_by, changed_at, changes)
  SELECT '2025', '$finess', 'uncommitted', '2025-07-01T00:00:00Z', '[]' FROM n;"
db=$work/uncommitted/maturinh.db
if [ -s "$db-wal" ]; then ok "uncommitted: a -wal"; else not_ok "uncommitted: no -wal: not the case under test"; fi
run "uncommitted: history reads the file alone" 0 "${as_user[@]}" "$mh" history --db "$db" --campaign 2025 --finess "$finess"
expect_no_grep "uncommitted: nothing of the transaction" "$work/out" "uncommitted"
finish
