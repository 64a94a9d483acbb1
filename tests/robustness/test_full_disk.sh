#!/usr/bin/env bash
# A full disk, simulated without root: the file size limit (ulimit -f) with
# SIGXFSZ ignored, so that writes past it fail (EFBIG) as on a full disk.
# import, submit and fill give exit 74 and say the disk is full or failing;
# the database still passes integrity_check and holds what it held.
#
# Usage: test_full_disk.sh MATURINH SOURCE_DIR
set -u
mh=$1
src=$2
source "$(dirname "$0")/common.sh"
cd "$src"
need_sqlite3

db=$work/maturinh.db
"$mh" gen -r "$ref" --count 30 --seed 3 -o "$work/base.yaml"
sed -i 's/^status: submitted/status: draft/' "$work/base.yaml"
"$mh" import --db "$db" -r "$ref" "$work/base.yaml" >/dev/null
finess=$(grep -m1 -o 'finess: "[0-9AB]*"' "$work/base.yaml" | cut -d'"' -f2)
"$mh" gen -r "$ref" --count 300 --seed 4 --campaign 2026 -o "$work/big.yaml"
before=$(db_state "$db")
# the file system seldom says why a write failed: the middle of the message varies
msg="cannot write to the database $db: the "
tail="(nothing of this change was kept: free some space, or check the disk, and run it again)"

# limited KIB COMMAND...: runs COMMAND with files limited to KIB KiB (enough
# for the messages in $work/err, which the limit covers too)
limited() {
  local kib=$1
  shift
  (ulimit -f "$kib" && trap '' XFSZ && exec "$@")
}

for kib in 16 64 1024; do
  run "import with $kib KiB left" 74 limited $kib "$mh" import --db "$db" -r "$ref" "$work/big.yaml"
  # with 16 KiB, opening fails already (the WAL index cannot be made): the error is the database's
  expect_grep "import with $kib KiB left: cannot write" "$work/err" "error: $msg"
  expect_grep "import with $kib KiB left: what to do" "$work/err" "$tail"
  if [ $kib -gt 16 ]; then
    expect_grep "import with $kib KiB left: against the file" "$work/err" "$work/big.yaml: error: $msg"
    expect_grep "import with $kib KiB left: nothing imported" "$work/err" "maturinh: $work/big.yaml: nothing imported"
  else
    expect_grep "import with $kib KiB left: against the database" "$work/err" "$db: error: $msg"
  fi
  expect_no_grep "import with $kib KiB left: no raw SQLite message" "$work/err" "disk I/O error"
  [ "$(integrity "$db")" = ok ] && ok "import with $kib KiB left: integrity_check" || not_ok "integrity_check after $kib KiB"
  if [ "$(db_state "$db")" = "$before" ]; then ok "import with $kib KiB left: nothing lost, nothing added"; else
    not_ok "import with $kib KiB left: the database changed"; fi
done
run "submit on a full disk" 74 limited 16 "$mh" submit --db "$db" --campaign 2025 --finess "$finess" --incomplete
expect_grep "submit on a full disk: the message" "$work/err" "$db: error: $msg"
expect_grep "submit on a full disk: what to do" "$work/err" "$tail"
run "reopen on a full disk" 74 limited 16 "$mh" reopen --db "$db" --campaign 2025 --finess "$finess"
if [ "$(db_state "$db")" = "$before" ]; then ok "nothing changed"; else not_ok "the database changed"; fi
run "once there is room, the import works" 0 "$mh" import --db "$db" -r "$ref" "$work/big.yaml"
expect_grep "the import's count" "$work/out" "300 added"
[ "$(integrity "$db")" = ok ] && ok "integrity_check at the end" || not_ok "integrity_check at the end"

finish
