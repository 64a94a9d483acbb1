#!/usr/bin/env bash
# Nothing a user made is lost by an output: `publish --force` replaces only
# a folder that publish wrote (its manifest, .maturinh-publication, and
# nothing else in it), in one swap, and cleans what killed runs left; no
# command writes over one of its inputs (the référentiel, an answers file,
# the database and its -wal/-shm/-journal files), nor does publish replace
# a folder holding one; export and report files are private (0600), a
# publication public (0644 files, 0755 folder); --out takes a trailing
# slash.  The kills of a publish are in tests/robustness/test_publish_kill.sh.
#
# Usage: test_cli_outputs_safe.sh MATURINH SOURCE_DIR
set -u
mh=$1
src=$2
source "$(dirname "$0")/lib.sh"
need flock # to play a running publish, which holds its folder's lock
cd "$src"
ref=referentiels/maturinh-cyber/maturinh-cyber.yaml
mapfile -t files < <(grep -v '^#' fixtures/answers/ORDER | grep -v '^$')
for f in "${files[@]}"; do cp "$f" "$work/"; done
mapfile -t copies < <(for f in "${files[@]}"; do echo "$work/$(basename "$f")"; done)
cp "$ref" "$work/ref.yaml"

# checksum of everything under a folder, to say it is untouched
tree_sum() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum); }

# ---- publish --force replaces a publication, and only that
out=$work/pub
run "publish" 0 "$mh" publish -r "$ref" --out "$out" "${files[@]}"
if [ -f "$out/.maturinh-publication" ]; then ok "publish writes its manifest"; else not_ok "no manifest"; fi
expect_file "the manifest: format, campaign, référentiel, files" <(grep -v '^sha256' "$out/.maturinh-publication") 'maturinh-publication/1
campaign: "2025"
referentiel: "maturinh-cyber"
version: "2025.1"
file: palmares.csv
file: observatoire.csv
file: observatoire.xml
file: index.html'
expect_grep "the manifest: the référentiel's SHA-256" "$out/.maturinh-publication" "sha256: \"$(sha256sum "$ref" | cut -d' ' -f1)\""
run "publish --force over a publication" 0 "$mh" publish -r "$ref" --out "$out" --force "${files[@]}"
if [ -z "$(ls -a "$work" | grep -F 'pub.tmp-')" ]; then ok "nothing left beside it"; else not_ok "left: $(ls -a "$work" | grep -F 'pub.tmp-')"; fi

# a project folder: the database and the answers in it, no manifest
proj=$work/project
mkdir "$proj"
cp "${files[@]}" "$proj/"
run "a database in the project folder" 0 "$mh" import --db "$proj/maturinh.db" -r "$ref" "${files[@]}"
before=$(tree_sum "$proj")
run "publish --force over a project folder" 73 "$mh" publish --db "$proj/maturinh.db" --campaign 2025 --out "$proj" --force
expect_file "why, and what to do" "$work/err" "$proj: error: not a folder written by maturinh publish (no .maturinh-publication): refusing to replace it; choose another --out or remove it yourself"
if [ "$(tree_sum "$proj")" = "$before" ]; then ok "the project folder is untouched"; else not_ok "the project folder changed"; fi
run "without --force, an existing folder is refused as before" 73 "$mh" publish -r "$ref" --out "$proj" "${files[@]}"
expect_file "exists: give --force" "$work/err" "maturinh: $proj exists: give --force to replace it"

# a publication a user added a file to
cp -r "$out" "$work/pub-notes"
echo "mes notes" >"$work/pub-notes/notes.txt"
run "publish --force over a publication holding a file of its own" 73 "$mh" publish -r "$ref" --out "$work/pub-notes" --force "${files[@]}"
expect_file "which file, and what to do" "$work/err" "$work/pub-notes: error: holds notes.txt, which maturinh publish did not write: refusing to replace it; choose another --out or remove it yourself"
if [ "$(cat "$work/pub-notes/notes.txt")" = "mes notes" ]; then ok "the notes are kept"; else not_ok "the notes are lost"; fi
# a publication holding the database (it lists no such file)
cp -r "$out" "$work/pub-db"
cp "$proj/maturinh.db" "$work/pub-db/maturinh.db"
run "publish --force over a publication that holds its database" 73 "$mh" publish --db "$work/pub-db/maturinh.db" --campaign 2025 --out "$work/pub-db" --force
expect_grep "it holds a file publish did not write" "$work/err" "$work/pub-db: error: holds maturinh.db, which maturinh publish did not write"
if [ -f "$work/pub-db/maturinh.db" ]; then ok "the database is kept"; else not_ok "the database is lost"; fi
# a manifest that is not ours
mkdir "$work/fake" && echo "hello" >"$work/fake/.maturinh-publication"
run "a folder with a foreign .maturinh-publication" 73 "$mh" publish -r "$ref" --out "$work/fake" --force "${files[@]}"
expect_grep "not our manifest" "$work/err" "$work/fake: error: not a folder written by maturinh publish (.maturinh-publication is not a maturinh-publication/1 manifest)"

# ---- publish into a folder that holds an input, even one listed as ours
cp -r "$out" "$work/pub-in"
cp "$ref" "$work/pub-in/index.html"
run "publish --force over a folder holding the référentiel (named as a published file)" 73 "$mh" publish -r "$work/pub-in/index.html" --out "$work/pub-in" --force "${files[@]}"
expect_file "the référentiel is in it" "$work/err" "maturinh: $work/pub-in holds the référentiel this command reads ($work/pub-in/index.html): refusing to replace it; choose another output"
if cmp -s "$ref" "$work/pub-in/index.html"; then ok "the référentiel is kept"; else not_ok "the référentiel is lost"; fi
cp "${files[0]}" "$work/pub-in/palmares.csv"
run "publish --force over a folder holding an answers file" 73 "$mh" publish -r "$ref" --out "$work/pub-in" --force "$work/pub-in/palmares.csv" "${files[@]:1}"
expect_grep "an answers file is in it" "$work/err" "maturinh: $work/pub-in holds an answers file this command reads ($work/pub-in/palmares.csv)"

# ---- what killed runs left beside DIR (the kills themselves: robustness/publish_kill)
mkdir "$out.tmp-DEAD01" && echo "maturinh publish, process 1" >"$out.tmp-DEAD01/.maturinh-publishing"
cp "$out/index.html" "$out.tmp-DEAD01/"
mkdir "$out.tmp-EMPTY1"
mkdir "$out.tmp-ALIVE1" && echo "maturinh publish, process 2" >"$out.tmp-ALIVE1/.maturinh-publishing"
cp -r "$out" "$out.tmp-PUBLI1" && rm -f "$out.tmp-PUBLI1/.maturinh-publishing"
mkdir "$out.tmp-MINE01" && echo "à moi" >"$out.tmp-MINE01/notes.txt"
mkdir "$out.tmp-INPUT1" && touch "$out.tmp-INPUT1/.maturinh-publishing" && cp "${files[0]}" "$out.tmp-INPUT1/a.yaml"
# a running publish holds its folder's lock
flock "$out.tmp-ALIVE1" sleep 60 &
holder=$!
for _ in $(seq 50); do flock -n "$out.tmp-ALIVE1" true 2>/dev/null || break; sleep 0.1; done
run "publish --force beside leftovers" 0 "$mh" publish -r "$ref" --out "$out" --force "${files[@]:1}" "$out.tmp-INPUT1/a.yaml"
if [ ! -e "$out.tmp-DEAD01" ]; then ok "a marked folder of a dead run is removed"; else not_ok "the dead run's folder is still there"; fi
expect_grep "and said" "$work/err" "maturinh: removed $out.tmp-DEAD01, left by a publish into $out that was interrupted"
if [ ! -e "$out.tmp-EMPTY1" ]; then ok "an empty one is removed"; else not_ok "the empty one is still there"; fi
if [ -f "$out.tmp-ALIVE1/.maturinh-publishing" ]; then ok "a running publish's folder is left alone"; else not_ok "a running publish's folder was removed"; fi
if [ -f "$out.tmp-PUBLI1/index.html" ]; then ok "an unmarked publication is kept"; else not_ok "an unmarked publication was removed"; fi
expect_grep "and reported" "$work/err" "maturinh: $out.tmp-PUBLI1 holds a publication left by a publish into $out that was interrupted: not removed; remove it yourself, or rename it to $out if it is the one to keep"
if [ "$(cat "$out.tmp-MINE01/notes.txt")" = "à moi" ]; then ok "a folder that is not ours is left alone"; else not_ok "a user's folder was touched"; fi
expect_no_grep "and not mentioned" "$work/err" "MINE01"
if [ -f "$out.tmp-INPUT1/a.yaml" ]; then ok "a leftover holding an input is kept"; else not_ok "a leftover holding an input was removed"; fi
expect_grep "and why" "$work/err" "maturinh: $out.tmp-INPUT1 holds an answers file this command reads ($out.tmp-INPUT1/a.yaml)"
# a publication being replaced by a running publish
flock "$out" sleep 60 &
holder2=$!
for _ in $(seq 50); do flock -n "$out" true 2>/dev/null || break; sleep 0.1; done
run "publish --force while another replaces DIR" 75 "$mh" publish -r "$ref" --out "$out" --force "${files[@]}"
expect_grep "try again" "$work/err" "maturinh: $out is being replaced by another publish: try again when it has finished"
kill "$holder" "$holder2" 2>/dev/null
wait "$holder" "$holder2" 2>/dev/null
rm -rf "$out.tmp-"*
if [ -z "$(ls -a "$work" | grep -F 'pub.tmp-')" ] && [ ! -e "$out/.maturinh-publishing" ]; then ok "no marker left in the publication"; else
  not_ok "left: $(ls -a "$work" "$out" | grep -F 'publishing')"; fi

# ---- --out with a trailing slash
run "publish --out new/ (trailing slash)" 0 "$mh" publish -r "$ref" --out "$work/slash/" "${files[@]}"
if [ -f "$work/slash/index.html" ] && [ -z "$(ls -a "$work/slash" | grep -F 'tmp-')" ]; then ok "new/ is the folder new"; else not_ok "new/: $(ls -a "$work/slash")"; fi
expect_grep "said without the slash doubled" "$work/out" "into $work/slash/ (open $work/slash/index.html)"
run "publish --out existing/ --force" 0 "$mh" publish -r "$ref" --out "$work/slash//" --force "${files[@]}"
if diff -r "$out" "$work/slash" >/dev/null; then ok "existing/ replaced whole"; else not_ok "existing/ differs"; fi
run "publish --out ." 64 "$mh" publish -r "$ref" --out . --force "${files[@]}"
expect_grep "--out . names no folder" "$work/err" "maturinh: --out '.' names no folder of its own"

# ---- a publication is public; what holds one establishment is private
if [ "$(stat -c %a "$out")" = 755 ] && [ "$(stat -c %a "$out/index.html")" = 644 ] &&
  [ "$(stat -c %a "$out/.maturinh-publication")" = 644 ]; then ok "publication: folder 0755, files 0644"; else
  not_ok "publication modes: $(stat -c '%a %n' "$out" "$out"/* "$out/.maturinh-publication")"; fi
db=$proj/maturinh.db
(umask 022; "$mh" export --db "$db" --campaign 2025 --finess 970400214 -o "$work/export.yaml") >/dev/null 2>&1
if [ "$(stat -c %a "$work/export.yaml" 2>/dev/null)" = 600 ]; then ok "export: 0600 under umask 022"; else
  not_ok "export mode $(stat -c %a "$work/export.yaml" 2>/dev/null)"; fi
touch "$work/export-old.yaml" && chmod 644 "$work/export-old.yaml"
(umask 022; "$mh" export --db "$db" --campaign 2025 --finess 970400214 -o "$work/export-old.yaml" --force) >/dev/null 2>&1
if [ "$(stat -c %a "$work/export-old.yaml")" = 600 ]; then ok "export --force: the replaced file is 0600"; else
  not_ok "export --force mode $(stat -c %a "$work/export-old.yaml")"; fi
(umask 022; "$mh" report --db "$db" --campaign 2025 --finess 970400214 --html "$work/report.html") >/dev/null 2>&1
if [ "$(stat -c %a "$work/report.html" 2>/dev/null)" = 600 ]; then ok "report: 0600 under umask 022"; else
  not_ok "report mode $(stat -c %a "$work/report.html" 2>/dev/null)"; fi

# ---- no command writes over one of its inputs
# refused: exit 73, the message, and the input unchanged
refused() {
  local name=$1 file=$2 what=$3
  shift 3
  local sum
  sum=$(sha256sum <"$file")
  run "$name" 73 "$@"
  expect_file "$name: why" "$work/err" "maturinh: $file is $what this command reads: refusing to write over it; choose another output"
  if [ "$(sha256sum <"$file")" = "$sum" ]; then ok "$name: the input is untouched"; else not_ok "$name: the input changed"; fi
}
a=${copies[0]}
refused "score -o an answers file" "$a" "an answers file" "$mh" score -r "$ref" -o "$a" "${copies[@]}"
refused "score --keep-going -o an answers file" "$a" "an answers file" "$mh" score -r "$ref" -k -o "$a" "${copies[@]}"
refused "score -o the référentiel" "$work/ref.yaml" "the référentiel" "$mh" score -r "$work/ref.yaml" -o "$work/ref.yaml" "${copies[@]}"
ln "$a" "$work/hardlink.yaml"
refused "score -o a hard link to an answers file" "$work/hardlink.yaml" "an answers file" "$mh" score -r "$ref" -o "$work/hardlink.yaml" "${copies[@]}"
ln -s "$a" "$work/symlink.yaml"
refused "score -o a symbolic link to an answers file" "$work/symlink.yaml" "an answers file" "$mh" score -r "$ref" -o "$work/symlink.yaml" "${copies[@]}"
refused "score --campaign -o the database" "$db" "the database" "$mh" score --db "$db" --campaign 2025 -o "$db"
touch "$db-wal"
refused "score --campaign -o the database's -wal" "$db-wal" "a file of the database" "$mh" score --db "$db" --campaign 2025 -o "$db-wal"
rm -f "$db-wal"
refused "explain -o its answers file" "$a" "an answers file" "$mh" explain -r "$ref" -o "$a" "$a"
refused "explain --campaign -o the database" "$db" "the database" "$mh" explain --db "$db" --campaign 2025 --finess 970400214 -o "$db"
refused "referentiel show -o the référentiel" "$work/ref.yaml" "the référentiel" "$mh" referentiel show -o "$work/ref.yaml" "$work/ref.yaml"
refused "template -o the référentiel --force" "$work/ref.yaml" "the référentiel" "$mh" template -r "$work/ref.yaml" --finess 970400214 --name X --region 04 --category 101 --campaign 2025 --reference-date 2025-06-30 -o "$work/ref.yaml" --force
refused "export -o the database --force" "$db" "the database" "$mh" export --db "$db" --campaign 2025 --finess 970400214 -o "$db" --force
refused "report --html an answers file --force" "$a" "an answers file" "$mh" report -r "$ref" --finess 970400214 --html "$a" --force "${copies[@]}"
refused "report --html the database --force" "$db" "the database" "$mh" report --db "$db" --campaign 2025 --finess 970400214 --html "$db" --force
refused "gen -o the référentiel" "$work/ref.yaml" "the référentiel" "$mh" gen -r "$work/ref.yaml" --count 3 -o "$work/ref.yaml"
refused "gen --establishments the référentiel" "$work/ref.yaml" "the référentiel" "$mh" gen -r "$work/ref.yaml" --count 3 --format csv -o "$work/gen.csv" --establishments "$work/ref.yaml"
# two outputs of one command that are one file: refused before anything is written,
# by name ("./x" is "x"), through a link, or both on stdout
gen_csv=(gen -r "$ref" --count 2 -f csv)
run "gen: -o and --establishments the same new file" 64 "$mh" "${gen_csv[@]}" -o "$work/same.csv" --establishments "$work/./same.csv"
expect_grep "gen: the same file: why" "$work/err" \
  "maturinh: -o and --establishments name the same file ($work/./same.csv): give each its own"
[ ! -e "$work/same.csv" ] && ok "gen: the same file: nothing written" || not_ok "gen: the same file: something written"
echo "mine" >"$work/kept.csv" && ln -s kept.csv "$work/link.csv"
run "gen: -o a link to --establishments" 64 "$mh" "${gen_csv[@]}" -o "$work/link.csv" --establishments "$work/kept.csv"
[ "$(cat "$work/kept.csv")" = mine ] && ok "gen: a link to the same file: the file kept" || not_ok "gen: a link: the file changed"
run "gen: both on stdout" 64 "$mh" "${gen_csv[@]}" -o - --establishments -
run "gen: two files" 0 "$mh" "${gen_csv[@]}" -o "$work/answers-2.csv" --establishments "$work/list-2.csv"

# still allowed: a device, stdout, another file
run "score -o /dev/null" 0 "$mh" score -r "$ref" -o /dev/null "${copies[@]}"
run "score -o another file" 0 "$mh" score -r "$ref" -o "$work/scores.txt" "${copies[@]}"

finish
