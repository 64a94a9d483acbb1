#!/usr/bin/env bash
# Output to a full device (/dev/full): exit 74 and "No space left on
# device", with -o as with stdout, and -o leaves a device a device.
# Skipped (exit 77) where /dev/full is not there to write to.
#
# Usage: test_cli_full_device.sh MATURINH SOURCE_DIR
set -u
mh=$1
src=$2
source "$(dirname "$0")/lib.sh"
shipped="$src/referentiels/maturinh-cyber/maturinh-cyber.yaml"
[ -w /dev/full ] && [ -c /dev/full ] || skip_all "no writable /dev/full"

run "show -o to a full device" 74 "$mh" referentiel show "$shipped" -o /dev/full
if [ -c /dev/full ]; then ok "-o leaves a device a device"; else not_ok "-o replaced /dev/full"; fi
"$mh" referentiel show "$shipped" >/dev/full 2>"$work/err"
status=$?
if [ $status = 74 ]; then ok "stdout on a full disk: exit 74"; else not_ok "stdout on a full disk: exit $status"; fi
expect_grep "full disk message" "$work/err" "maturinh: cannot write the output: No space left on device"

finish
