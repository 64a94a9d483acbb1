#!/usr/bin/env bash
# Crash safety of `maturinh publish`: killed with SIGKILL at many points,
# from at once to after its end, half the runs replacing a publication with
# --force, half creating the folder.  Whatever the moment, DIR must hold one
# whole publication (the old one or the new, never a mix, never missing
# once it existed), and the next publish into DIR must remove every folder
# the killed run left beside it (DIR.tmp-XXXXXX), leaving only the new
# publication.
#
# Usage: test_publish_kill.sh MATURINH SOURCE_DIR [KILLS]
set -u
mh=$1
src=$2
kills=${3:-40}
source "$(dirname "$0")/common.sh"
cd "$src"

# the files of a publication, hashed; a marker a kill may leave is not one of them
tree_sum() { (cd "$1" && find . -type f ! -name .maturinh-publishing -print0 | sort -z | xargs -0 sha256sum | sha256sum); }
leftovers() { ls -d "$work/pub.tmp-"* 2>/dev/null | wc -l; }

"$mh" gen -r "$ref" --count 3000 --seed 3 -o "$work/old.yaml"
"$mh" gen -r "$ref" --count 3000 --seed 4 -o "$work/new.yaml"
run "the old publication" 0 "$mh" publish -r "$ref" --out "$work/old" "$work/old.yaml"
run "the new publication" 0 "$mh" publish -r "$ref" --out "$work/new" "$work/new.yaml"
old_sum=$(tree_sum "$work/old")
new_sum=$(tree_sum "$work/new")
[ "$old_sum" != "$new_sum" ] && ok "the two publications differ" || not_ok "the two publications are the same"

# how long a whole replacement takes, to spread the kills over it
cp -a "$work/old" "$work/pub"
t0=$(date +%s%N)
"$mh" publish -r "$ref" --out "$work/pub" --force "$work/new.yaml" >/dev/null 2>&1
status=$?
t1=$(date +%s%N)
span=$(((t1 - t0) / 1000)) # microseconds
[ $status = 0 ] && ok "a whole replacement: $((span / 1000)) ms" || not_ok "a whole replacement: exit $status"

bad_dir=0 bad_clean=0 bad_after=0 reported=0 left=0 finished=0
for i in $(seq 0 $((kills - 1))); do
  rm -rf "$work/pub" "$work/pub.tmp-"*
  mode=replace
  [ $((i % 2)) = 1 ] && mode=create
  [ $mode = replace ] && cp -a "$work/old" "$work/pub"
  "$mh" publish -r "$ref" --out "$work/pub" $([ $mode = replace ] && echo --force) "$work/new.yaml" \
    >/dev/null 2>&1 &
  pid=$!
  if [ $((i % 4)) -lt 2 ]; then
    # half the kills spread from at once to a little after the end
    delay=$(awk -v i="$i" -v n="$kills" -v s="$span" 'BEGIN { printf "%.6f", i / (n - 1) * 1.15 * s / 1e6 }')
    [ "$i" = 0 ] || sleep "$delay"
  else
    # the others while it writes and replaces: from when its folder appears, 0 to 15 ms later
    delay=$(awk -v i="$i" -v n="$kills" 'BEGIN { printf "%.6f", i / (n - 1) * 0.015 }')
    while kill -0 $pid 2>/dev/null && ! compgen -G "$work/pub.tmp-*" >/dev/null; do :; done
    sleep "$delay"
  fi
  kill -KILL $pid 2>/dev/null
  wait $pid 2>/dev/null
  [ $? = 137 ] || finished=$((finished + 1))
  # DIR: one whole publication, or (creating) none yet
  if [ -d "$work/pub" ]; then
    sum=$(tree_sum "$work/pub")
    if [ "$sum" != "$new_sum" ] && [ "$sum" != "$old_sum" -o $mode = create ]; then
      bad_dir=$((bad_dir + 1))
      echo "    kill $i ($mode) after ${delay}s: out holds neither publication: $(ls -a "$work/pub" | tr '\n' ' ')"
    fi
  elif [ $mode = replace ]; then
    bad_dir=$((bad_dir + 1))
    echo "    kill $i ($mode) after ${delay}s: out is gone"
  fi
  left=$((left + $(leftovers)))
  # the next publish cleans up
  "$mh" publish -r "$ref" --out "$work/pub" --force "$work/new.yaml" >/dev/null 2>"$work/after.err"
  status=$?
  grep -q "not removed" "$work/after.err" && reported=$((reported + 1))
  if [ $status != 0 ] || [ "$(tree_sum "$work/pub")" != "$new_sum" ] || [ -e "$work/pub/.maturinh-publishing" ]; then
    bad_after=$((bad_after + 1))
    echo "    kill $i ($mode): the next publish: exit $status"; sed 's/^/      /' "$work/after.err" | head -5
  fi
  if [ "$(leftovers)" != 0 ]; then
    bad_clean=$((bad_clean + 1))
    echo "    kill $i ($mode) after ${delay}s: left after the next publish: $(ls -d "$work/pub.tmp-"* | xargs -n1 basename | tr '\n' ' ')"
  fi
done
[ $bad_dir = 0 ] && ok "$kills kills: DIR always holds one whole publication" ||
  not_ok "$bad_dir of $kills kills left DIR without a whole publication"
[ $bad_clean = 0 ] && ok "$kills kills: the next publish removes what the killed one left ($left folders)" ||
  not_ok "$bad_clean of $kills kills left folders the next publish did not remove"
[ $bad_after = 0 ] && ok "$kills kills: the next publish gives the new publication, unmarked" ||
  not_ok "$bad_after of $kills next publishes failed"
[ $reported = 0 ] && ok "nothing left that only a person can sort out" || not_ok "$reported runs reported a folder they could not remove"
echo "# $finished runs ended before their kill"

finish
