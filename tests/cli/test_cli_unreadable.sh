#!/usr/bin/env bash
# Files maturinh may not read: an answers file and a référentiel of mode 000
# give exit 66 and "cannot open: Permission denied".  Root reads everything:
# under root the commands run as the user nobody (setpriv); without setpriv
# or that user, skipped (exit 77).
#
# Usage: test_cli_unreadable.sh MATURINH SOURCE_DIR
set -u
mh=$1
src=$2
source "$(dirname "$0")/lib.sh"
unprivileged || skip_all "running as root without setpriv or the user nobody: chmod cannot stop root's reads"

cp "$src/fixtures/answers/worked-example/answers.yaml" "$work/secret.yaml"
chmod 000 "$work/secret.yaml"
run "score an unreadable file" 66 "${as_user[@]}" "$user_mh" score -r "$user_ref" "$work/secret.yaml"
expect_file "unreadable message" "$work/err" "$work/secret.yaml: error: cannot open: Permission denied"
run "check an unreadable référentiel" 66 "${as_user[@]}" "$user_mh" referentiel check "$work/secret.yaml"
expect_file "unreadable référentiel message" "$work/err" "$work/secret.yaml: error: cannot open: Permission denied"

finish
