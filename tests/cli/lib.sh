# lib.sh: what the CLI test scripts share.  Source it after setting `mh` (the
# program) and `src` (the source tree); it makes `$work`, removed at exit.
#
# Every check prints "ok - ..." or "not ok - ..."; `finish` prints the
# closing line "N passed, N failed" and returns the status.

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

ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1"; }
skip() { echo "ok - $1 # SKIP $2"; }

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

finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" = 0 ]
}
