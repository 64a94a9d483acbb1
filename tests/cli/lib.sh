# lib.sh: what the CLI test scripts share.  Source it after setting `mh` (the
# program), `src` (the source tree) and, if the script keeps pages for the
# tests of optional tools, `pages` (see `keep`); it makes `$work`, removed at
# exit.
#
# Every check prints a TAP line: "ok - ..." (passed), "not ok - ..."
# (failed) or, through `skip`, "ok - ... # SKIP why" (could not run here; not
# counted as passed).  `finish` prints the closing line "N passed, N failed,
# N skipped" and gives the script's exit status:
#   1   a check failed;
#   77  none failed and at least one was skipped;
#   0   every check passed.
# ctest reads 77 as "Skipped": every test that runs a script sourcing this
# file is registered with SKIP_RETURN_CODE 77 (mh_add_script_test in
# tests/CMakeLists.txt).  A failure always fails, skips or not.
#
# So one skip marks the whole script skipped: skip only what this machine
# makes impossible (a missing tool, a missing locale, root without setpriv),
# never a check that merely failed, and give such checks a small script of
# their own (test_pages_chromium.sh, test_pages_xmllint.sh,
# test_cli_terminal.sh, test_cli_fill_tmux.sh, test_cli_unreadable.sh, test_cli_full_device.sh,
# test_cli_locale.sh), so that the main scripts keep passing and only the part that needs the tool shows
# as skipped.  `skip_all WHY` skips a whole script at once ("1..0 # SKIP
# why", exit 77), `need PROGRAM...` does it when a program is missing.  The
# convention is in docs/testing.md too.

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Under scripts/memcheck.sh, every maturinh runs under valgrind.
if [ -n "${MH_TEST_WRAPPER:-}" ]; then
  printf '#!/bin/sh\nexec %s %s "$@"\n' "$MH_TEST_WRAPPER" "$mh" >"$work/maturinh"
  chmod +x "$work/maturinh"
  mh=$work/maturinh
fi
passed=0
failed=0
skipped=0

ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1"; }
# skip NAME WHY: a check that cannot run here (TAP's SKIP directive)
skip() { skipped=$((skipped + 1)); echo "ok - $1 # SKIP $2"; }

# skip_all WHY: the whole script cannot run here: says so and exits 77
skip_all() {
  echo "1..0 # SKIP $1"
  exit 77
}

# need PROGRAM...: skip_all unless every PROGRAM is installed
need() {
  local p
  for p in "$@"; do
    command -v "$p" >/dev/null 2>&1 || skip_all "$p is not installed (bash scripts/deps.sh --test installs it)"
  done
}

# keep FILE NAME: when the script was given a folder for its pages (`pages`,
# emptied first), copies FILE there as NAME, for the tests that check them
# with an optional tool (test_pages_*.sh, which ctest runs after it: the
# fixture mh_pages in tests/CMakeLists.txt).  Without `pages`, does nothing.
if [ -n "${pages:-}" ]; then
  rm -rf "$pages" && mkdir -p "$pages" || { echo "cannot make $pages"; exit 1; }
fi
keep() {
  [ -n "${pages:-}" ] || return 0
  mkdir -p "$(dirname "$pages/$2")" && cp "$1" "$pages/$2" || not_ok "keep $1 as $pages/$2"
}

# run NAME EXPECTED_STATUS COMMAND...: stdout to $work/out, stderr to $work/err
run() {
  local name=$1 expected=$2
  shift 2
  "$@" >"$work/out" 2>"$work/err" </dev/null
  status=$?
  if [ "$status" = "$expected" ]; then ok "$name: exit $expected"; else
    not_ok "$name: exit $status, expected $expected"
    sed 's/^/    /' "$work/err" | head -20
  fi
}

# expect_file NAME FILE EXACT_CONTENT
expect_file() {
  if [ "$(cat "$2")" = "$3" ]; then ok "$1"; else
    not_ok "$1"
    echo "    expected:"; echo "$3" | sed 's/^/      /'
    echo "    got:"; sed 's/^/      /' "$2"
  fi
}

# expect_grep NAME FILE FIXED_STRING
expect_grep() {
  if grep -qF -- "$3" "$2"; then ok "$1"; else
    not_ok "$1: '$3' not found"
    sed 's/^/      /' "$2" | head -20
  fi
}

# expect_no_grep NAME FILE FIXED_STRING
expect_no_grep() {
  if grep -qF -- "$3" "$2"; then not_ok "$1: '$3' found"; else ok "$1"; fi
}

# unprivileged: sets `as_user` to the prefix that runs a command as a user
# file permissions apply to (root reads everything: under root, the user
# nobody through setpriv; empty otherwise), and `user_mh` and `user_ref` to
# copies of the program and the shipped référentiel in $work, which that user
# can reach (the source tree may be private, as a fresh clone under mktemp
# -d is).  Returns 1 when that is impossible (the caller skips).
unprivileged() {
  as_user=()
  user_mh=$mh
  user_ref=$src/referentiels/maturinh-cyber/maturinh-cyber.yaml
  [ "$(id -u)" != 0 ] && return 0
  command -v setpriv >/dev/null && id nobody >/dev/null 2>&1 || return 1
  as_user=(setpriv --reuid="$(id -u nobody)" --regid="$(id -g nobody)" --clear-groups --)
  mkdir -p "$work/for-nobody"
  cp "$mh" "$work/for-nobody/maturinh" && cp "$user_ref" "$work/for-nobody/referentiel.yaml" || return 1
  chmod 755 "$work" "$work/for-nobody" "$work/for-nobody/maturinh"
  chmod 644 "$work/for-nobody/referentiel.yaml"
  user_mh=$work/for-nobody/maturinh
  user_ref=$work/for-nobody/referentiel.yaml
  "${as_user[@]}" "$user_mh" --version >/dev/null 2>&1
}

# finish: the closing line, and the script's status (see the top)
# need_french: skips the whole test (77) without the locale fr_FR.UTF-8 or
# outside ctest (which sets MATURINH_LOCALEDIR to the build's catalogs)
need_french() {
  locale -a 2>/dev/null | grep -qiE '^fr_FR\.utf-?8$' ||
    skip_all "the locale fr_FR.UTF-8 is not installed (bash scripts/deps.sh --test generates it)"
  [ -n "${MATURINH_LOCALEDIR:-}" ] || skip_all "MATURINH_LOCALEDIR is not set (run it through ctest)"
}

# hold_database DB [SQL]: a sqlite3 shell takes DB's write lock (running SQL
# in its transaction, by default nothing) and keeps it until
# release_database; fd 3 writes to it, $holder is its pid.  Returns once the lock is held (a
# loaded machine may take a while: the probe gives up at once on a held
# lock, the shell waits for the probe).
hold_database() {
  mkfifo "$work/hold"
  sqlite3 "$1" <"$work/hold" >/dev/null 2>&1 &
  holder=$!
  exec 3>"$work/hold"
  echo ".timeout 60000" >&3
  echo "BEGIN IMMEDIATE; ${2:-DELETE FROM history WHERE 0;}" >&3
  for _ in $(seq 600); do
    sqlite3 "$1" "BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1 || break
    sleep 0.1
  done
}

# release_database: the shell of hold_database lets go, changing nothing.
release_database() {
  echo "ROLLBACK;" >&3
  exec 3>&-
  wait "$holder"
  rm -f "$work/hold"
}

# both NAME STATUS ENGLISH FRENCH ARGS...: maturinh ($mh) ARGS under C, then
# under French ($fr); each exits STATUS and its stderr holds the message of
# its language
both() {
  local name=$1 expected=$2 en=$3 fr_text=$4
  shift 4
  run "$name (C)" "$expected" env -u LANGUAGE LC_ALL=C "$mh" "$@"
  expect_grep "$name (C): in English" "$work/err" "$en"
  run "$name ($fr)" "$expected" env -u LANGUAGE LC_ALL="$fr" "$mh" "$@"
  expect_grep "$name ($fr): in French" "$work/err" "$fr_text"
}

finish() {
  echo "$passed passed, $failed failed, $skipped skipped"
  if [ "$failed" != 0 ]; then return 1; fi
  if [ "$skipped" != 0 ]; then return 77; fi
  return 0
}
