#!/usr/bin/env bash
# `publish --force` where the file system cannot swap two folders
# (RENAME_EXCHANGE refused: the LD_PRELOAD module no_exchange_preload): the
# two-rename fallback replaces the publication whole, and a kill between
# its two renames leaves what docs/security.md says: no DIR, the old and the
# new publications in DIR.tmp-XXXXXX folders, which the next publish reports
# and never removes.
#
# Usage: test_cli_publish_fallback.sh MATURINH SOURCE_DIR PRELOAD_MODULE
set -u
mh=$1
src=$2
preload=$3
source "$(dirname "$0")/lib.sh"
cd "$src"
ref=referentiels/maturinh-cyber/maturinh-cyber.yaml
mapfile -t files < <(grep -v '^#' fixtures/answers/ORDER | grep -v '^$')
tree_sum() { (cd "$1" && find . -type f ! -name .maturinh-publishing -print0 | sort -z | xargs -0 sha256sum | sha256sum); }

out=$work/pub
run "the old publication (all the files)" 0 "$mh" publish -r "$ref" --out "$out" "${files[@]}"
run "the new one (all but the first file)" 0 "$mh" publish -r "$ref" --out "$work/new" "${files[@]:1}"
old_sum=$(tree_sum "$out")
new_sum=$(tree_sum "$work/new")
run "publish --force without RENAME_EXCHANGE" 0 env LD_PRELOAD="$preload" "$mh" publish -r "$ref" --out "$out" --force "${files[@]:1}"
if [ "$(tree_sum "$out")" = "$new_sum" ]; then ok "the fallback replaces the publication"; else not_ok "the fallback left another publication"; fi
if [ -z "$(ls -a "$work" | grep -F 'pub.tmp-')" ] && [ ! -e "$out/.maturinh-publishing" ]; then ok "and leaves nothing behind"; else
  not_ok "left: $(ls -a "$work" "$out")"; fi

# killed between the two renames (the first rename() of the run is DIR to DIR.tmp-XXXXXX)
rm -rf "$out" && cp -a "$work/new" "$out"
run "publish --force killed between the two renames" 137 env LD_PRELOAD="$preload" MH_KILL_AT_RENAME=1 "$mh" publish -r "$ref" --out "$out" --force "${files[@]}"
if [ ! -e "$out" ]; then ok "the window: no DIR"; else not_ok "DIR is there"; fi
mapfile -t left < <(ls -d "$out.tmp-"* 2>/dev/null)
if [ "${#left[@]}" = 2 ] && [ ! -e "${left[0]}/.maturinh-publishing" ] && [ ! -e "${left[1]}/.maturinh-publishing" ]; then
  ok "the two publications are beside it, unmarked"; else not_ok "left: ${left[*]}"; fi
sums=$(for d in "${left[@]}"; do tree_sum "$d"; done | sort | tr '\n' ' ')
if [ "$sums" = "$(printf '%s\n' "$old_sum" "$new_sum" | sort | tr '\n' ' ')" ]; then ok "one is the old, one the new, both whole"; else not_ok "not the two publications"; fi
run "the next publish" 0 "$mh" publish -r "$ref" --out "$out" "${files[@]}"
for d in "${left[@]}"; do
  expect_grep "it reports $(basename "$d")" "$work/err" "maturinh: $d holds a publication left by a publish into $out that was interrupted: not removed"
  if [ -d "$d" ]; then ok "and keeps it"; else not_ok "it removed $d"; fi
done

finish
