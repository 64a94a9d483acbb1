#!/usr/bin/env bash
# No broken byte goes out (docs/security.md, "Untrusted text"): every file
# maturinh writes, published or private, from hostile but admissible input
# (markup, quotes, "]]>", a right-to-left override, emoji, combining marks,
# wide characters, a long name, formulas, a tab and a line feed where text
# may hold them) is valid UTF-8, every XML and XHTML is well-formed (and
# valid against its XSD where there is one), every CSV cell that a
# spreadsheet would run is inert, and no terminal output holds a raw control
# character other than line feeds and tabs.  Input holding a character the
# rule forbids, raw or as a YAML escape, is refused with the exact message.
# Skipped (exit 77) without xmllint.
#
# Usage: test_cli_hostile.sh MATURINH SOURCE_DIR
set -u
mh=$1
src=$2
source "$(dirname "$0")/lib.sh"
cd "$src"
need xmllint iconv sqlite3
ref=referentiels/maturinh-cyber/maturinh-cyber.yaml
base=fixtures/answers/region-11-ile-de-france.yaml
export MATURINH_USER=analyste

# valid_utf8 NAME FILE: the file is UTF-8 throughout
valid_utf8() {
  if iconv -f UTF-8 -t UTF-8 "$2" >/dev/null 2>&1; then ok "$1 is valid UTF-8"; else not_ok "$1 is not valid UTF-8"; fi
}
# no_controls NAME FILE: no C0 but LF and tab, no DEL, no C1
no_controls() {
  if LC_ALL=C grep -qP '[\x00-\x08\x0B-\x1F\x7F]|\xC2[\x80-\x9F]' "$2"; then
    not_ok "$1 holds a raw control character"
    LC_ALL=C grep -naP '[\x00-\x08\x0B-\x1F\x7F]|\xC2[\x80-\x9F]' "$2" | head -3 | cat -v | sed 's/^/    /'
  else ok "$1 holds no raw control character"; fi
}
# no_bidi NAME FILE: no raw bidirectional control, which reorders what a terminal shows
no_bidi() {
  if LC_ALL=C grep -qP '\xD8\x9C|\xE2\x80[\x8E\x8F\xAA-\xAE]|\xE2\x81[\xA6-\xA9]' "$2"; then
    not_ok "$1 holds a raw bidirectional control"; else ok "$1 holds no raw bidirectional control"; fi
}
well_formed() {
  if xmllint --noout --nonet "$2" 2>"$work/xmllint"; then ok "$1 is well-formed"; else
    not_ok "$1 is not well-formed"; head -5 "$work/xmllint" | sed 's/^/    /'; fi
}
# terminal NAME: what the last run printed on stdout and stderr
terminal() {
  valid_utf8 "$1 (stdout)" "$work/out"
  no_controls "$1 (stdout)" "$work/out"
  no_bidi "$1 (stdout)" "$work/out"
  no_controls "$1 (stderr)" "$work/err"
}

# ---- the hostile establishment: the first of the Île-de-France file, praised
# (so that it is published), with every field of text made hostile
long=$(printf 'Très long nom %.0s' $(seq 1 20))
name='=1+1;x;=2+2 <b>&amp;</b> \"Lutèce\" '"'"'l'"'"'hôpital'"'"' ]]> \u202Eecètul\u202C 🏥 Cafe\u0301 医院 '"$long"
{
  sed -n '1,10p' "$base"
  printf '  name: "%s"\n' "$name"
  printf '  ght: "GHT <Paris> & \\"Sud\\" ]]> \\u202E 🏥"\n'
  sed -n '12,23p' "$base"
  printf '  GOUV-02-C: "<script>alert(1)</script> & ]]> \\"q\\"\\tcolonne\\nligne 2 \\u202Eevil e\\u0301 🏥"\n'
  sed -n '25,116p' "$base"
  printf '  CRISE-02-B: "@SUM(A1) ; -2 ; =cmd|'"'"' /C calc'"'"'!A0\\tavec tab\\net ligne <i>&</i> ]]>"\n'
  sed -n '118,$p' "$base"
} >"$work/hostile.yaml"
files=("$work/hostile.yaml" fixtures/answers/region-53-bretagne.yaml fixtures/answers/region-93-paca.yaml)

run "score the hostile input (table)" 0 "$mh" score -r "$ref" --detail "${files[@]}"
terminal "score table"
expect_grep "score table: the name is cut to its column, with …" "$work/out" "750102048 =1+1;x;=2+2 <b>&amp;</b> \"Lutèce\" '… submitted"
run "score xml" 0 "$mh" score -r "$ref" -f xml --detail -o "$work/score.xml" "${files[@]}"
valid_utf8 "score.xml" "$work/score.xml"
if xmllint --noout --nonet --schema schemas/maturinh-score-1.xsd "$work/score.xml" 2>"$work/xmllint"; then
  ok "score.xml validates against schemas/maturinh-score-1.xsd"; else
  not_ok "score.xml does not validate"; head -5 "$work/xmllint" | sed 's/^/    /'; fi
run "score json" 0 "$mh" score -r "$ref" -f json --detail -o "$work/score.json" "${files[@]}"
valid_utf8 "score.json" "$work/score.json"
if command -v jq >/dev/null 2>&1; then
  if [ "$(jq -r '.. | objects | select(.finess? == "750102048") | .name' "$work/score.json" | head -1)" = \
    "$(printf '=1+1;x;=2+2 <b>&amp;</b> "Lutèce" '"'"'l'"'"'hôpital'"'"' ]]> \xe2\x80\xaeecètul\xe2\x80\xac 🏥 Cafe\xcc\x81 医院 %s' "$long")" ]; then
    ok "score.json gives the name back exactly"; else not_ok "score.json changed the name"; fi
else skip "score.json gives the name back exactly" "jq is not installed"; fi
run "score csv" 0 "$mh" score -r "$ref" -f csv -o "$work/score.csv" "${files[@]}"
valid_utf8 "score.csv" "$work/score.csv"

run "explain the hostile establishment" 0 "$mh" explain -r "$ref" --finess 750102048 "$work/hostile.yaml"
terminal "explain"
expect_grep "explain shows the text answer on one line, its controls escaped" "$work/out" \
  '      - GOUV-02-C  evidence (not scored): <script>alert(1)</script> & ]]> "q"\tcolonne\nligne 2 \u202Eevil '$'e\xcc\x81'' 🏥'
run "report the hostile establishment" 0 "$mh" report -r "$ref" --finess 750102048 --html "$work/report.html" "${files[@]}"
valid_utf8 "report.html" "$work/report.html"
well_formed "report.html" "$work/report.html"
expect_grep "report.html escapes the markup of the name" "$work/report.html" "=1+1;x;=2+2 &lt;b&gt;&amp;amp;&lt;/b&gt;"

run "rank (table)" 0 "$mh" rank -r "$ref" "${files[@]}"
terminal "rank table"
run "rank csv" 0 "$mh" rank -r "$ref" -f csv "${files[@]}"
valid_utf8 "rank csv" "$work/out"
expect_grep "rank csv: the formula is inert, at the start and after ';'" "$work/out" \
  ",750102048,\"'=1+1;x;'=2+2 <b>&amp;</b> \"\"Lutèce\"\" 'l'hôpital' ]]> "

out=$work/observatoire
run "publish the hostile input" 0 "$mh" publish -r "$ref" --out "$out" "${files[@]}"
n=0
for f in "$out"/*; do
  n=$((n + 1))
  valid_utf8 "publish: ${f##*/}" "$f"
  case $f in *.html | *.xml) well_formed "publish: ${f##*/}" "$f" ;; esac
done
if [ "$n" -ge 4 ]; then ok "publish wrote its $n files"; else not_ok "publish wrote $n files"; fi
if xmllint --noout --nonet --schema schemas/maturinh-observatoire-1.xsd "$out/observatoire.xml" 2>"$work/xmllint"; then
  ok "observatoire.xml validates against its XSD"; else
  not_ok "observatoire.xml does not validate"; head -5 "$work/xmllint" | sed 's/^/    /'; fi
expect_grep "palmares.csv: the name, its formulas inert" "$out/palmares.csv" \
  ",750102048,\"'=1+1;x;'=2+2 <b>&amp;</b> \"\"Lutèce\"\" 'l'hôpital' ]]> "
expect_grep "index.html: the name, escaped" "$out/index.html" "=1+1;x;=2+2 &lt;b&gt;&amp;amp;&lt;/b&gt; &quot;Lutèce&quot; 'l'hôpital' ]]&gt; "
if grep -q "script>alert\|calc'" "$out"/*; then not_ok "an answer or a comment is published"; else ok "no answer or comment is published"; fi

# ---- through the database: import, history, export, and back
db=$work/maturinh.db
run "import the hostile input" 0 "$mh" import --db "$db" -r "$ref" "${files[@]}"
run "history of the hostile establishment" 0 "$mh" history --db "$db" --campaign 2025 --finess 750102048
terminal "history"
run "explain from the database" 0 "$mh" explain --db "$db" --campaign 2025 --finess 750102048
terminal "explain from the database"
run "export the hostile establishment" 0 "$mh" export --db "$db" --campaign 2025 --finess 750102048 -o "$work/export.yaml"
valid_utf8 "export.yaml" "$work/export.yaml"
no_controls "export.yaml" "$work/export.yaml"
run "the export imports back unchanged" 0 "$mh" import --db "$db" --campaign 2025 "$work/export.yaml"
expect_file "and changes nothing" "$work/out" "$work/export.yaml: 0 added, 0 changed, 1 unchanged, 0 answers written, 0 rejected"
run "score the database (csv)" 0 "$mh" score --db "$db" --campaign 2025 -f csv
valid_utf8 "score csv from the database" "$work/out"
run "publish from the database" 0 "$mh" publish --db "$db" --campaign 2025 --out "$work/from-db"
if diff -r "$out" "$work/from-db" >/dev/null; then ok "the publication from the database equals the one from files"; else
  not_ok "the publication from the database differs"; diff -r "$out" "$work/from-db" | head -5; fi

# ---- a database written by an older maturinh, or by hand, holds what the rule now refuses:
# what is printed from it is escaped, and an establishment rebuilt from it is refused
sqlite3 "$db" "INSERT INTO history (campaign, finess, changed_by, changed_at, changes) VALUES
  ('2025', '750102048', 'ev' || char(27) || '[31mil', '2026-01-01T00:00:00Z',
   json_array(json_array('GOUV-01-A', 'true', 'x' || char(7) || char(155), NULL, 'a' || char(10) || 'b' || char(8238))))"
sqlite3 "$db" "UPDATE establishment SET name = 'CH ' || char(27) || '[2J' || char(155) WHERE finess = '750102048'"
run "history of a hand-written row" 0 "$mh" history --db "$db" --campaign 2025 --finess 750102048
terminal "history of a hand-written row"
expect_grep "history escapes what the row holds" "$work/out" \
  '2026-01-01T00:00:00Z  ev\x1B[31mil  GOUV-01-A     true -> x\x07\u009B  comment: a\nb\u202E'
for command in "explain --finess 750102048" rank "score -f csv"; do
  run "$command from the hand-changed database" 74 "$mh" $command --db "$db" --campaign 2025
  expect_file "$command says why" "$work/err" "maturinh: database $db: establishment 750102048 has an invalid profile ('name': control character U+001B is not allowed)"
done

# ---- a référentiel with hostile texts
sed -e 's|^title: .*|title: "Exemple <b>\&amp;</b> \\"q\\" ]]> \\u202Eevil 🏥 e\\u0301 医院"|' \
  -e 's|    title: "Gouvernance"|    title: "Gouvernance\\tet <i>pilotage</i> ]]>"|' \
  fixtures/answers/worked-example/referentiel.yaml >"$work/ref.yaml"
run "referentiel show a hostile référentiel" 0 "$mh" referentiel show "$work/ref.yaml"
terminal "referentiel show"
expect_grep "referentiel show: the title, its override escaped" "$work/out" \
  'exemple 1: Exemple <b>&amp;</b> "q" ]]> \u202Eevil 🏥 '$'e\xcc\x81'' 医院'
run "referentiel show csv" 0 "$mh" referentiel show "$work/ref.yaml" -f csv
valid_utf8 "referentiel show csv" "$work/out"
run "score xml with the hostile référentiel" 0 "$mh" score -r "$work/ref.yaml" -f xml --detail -o "$work/ref-score.xml" \
  fixtures/answers/worked-example/answers.yaml
if xmllint --noout --nonet --schema schemas/maturinh-score-1.xsd "$work/ref-score.xml" 2>"$work/xmllint"; then
  ok "its score.xml validates"; else not_ok "its score.xml does not validate"; head -5 "$work/xmllint" | sed 's/^/    /'; fi
run "score table with the hostile référentiel" 0 "$mh" score -r "$work/ref.yaml" --detail fixtures/answers/worked-example/answers.yaml
terminal "score table (hostile référentiel)"

# ---- what the rule forbids is refused, raw or escaped, with the field named
one() { # one FILE NAME_VALUE [EXTRA_LINES]: a small answers document
  {
    printf 'format: maturinh-answers/1\nreferentiel: {id: maturinh-cyber, version: "2025.1"}\n'
    printf 'campaign: {id: "2025", reference_date: 2025-06-30}\n'
    printf 'establishment:\n  finess: "750712184"\n  name: %s\n  region: "11"\n  category: "101"\n' "$2"
    printf '%s' "${3:-}"
    printf 'answers:\n  GOUV-01-A: oui\n'
    printf '%s' "${4:-}"
  } >"$1"
}
refused() { # refused NAME FILE MESSAGE
  run "$1" 65 "$mh" score -r "$ref" "$2"
  expect_grep "$1: message" "$work/err" "$3"
  if [ ! -s "$work/out" ]; then ok "$1: nothing written"; else not_ok "$1: something written"; fi
  no_controls "$1 (stderr)" "$work/err"
}
f=$work/bad.yaml
one "$f" '"CH \e]0;pwned\a"'
refused "a name with an escape sequence (\\e)" "$f" "$f:6:9: error: establishment 750712184: 'name': control character U+001B is not allowed"
one "$f" '"CH \x1b[2J"'
refused "a name with \\x1b" "$f" "$f:6:9: error: establishment 750712184: 'name': control character U+001B is not allowed"
one "$f" '"CH\tA"'
refused "a name with a tab" "$f" "$f:6:9: error: establishment 750712184: 'name': control character U+0009 is not allowed"
one "$f" '"CH\nA"'
refused "a name with a line feed" "$f" "$f:6:9: error: establishment 750712184: 'name': control character U+000A is not allowed (this text holds one line)"
one "$f" '"CH \uFFFE"'
refused "a name with U+FFFE" "$f" "$f:6:9: error: establishment 750712184: 'name': noncharacter U+FFFE is not allowed"
one "$f" '"CH \x9b"'
refused "a name with a C1 control" "$f" "$f:6:9: error: establishment 750712184: 'name': control character U+009B is not allowed"
one "$f" '"CH \u2028"'
refused "a name with a line separator" "$f" "$f:6:9: error: establishment 750712184: 'name': line separator U+2028 is not allowed (this text holds one line)"
one "$f" '"CH \0"'
refused "a name with a NUL" "$f" "$f:6:9: error: establishment 750712184: NUL characters (\\0) are not allowed"
one "$f" '"CH \uD800"'
refused "a name with a lone surrogate" "$f" "$f:6:15: error: establishment 750712184: YAML syntax error: found invalid Unicode character escape code"
printf 'format: maturinh-answers/1\nestablishment: {name: "CH \x01"}\n' >"$f"
refused "a raw control character" "$f" "$f:2:27: error: control character U+0001 is not allowed"
one "$f" '"CH A"' '  ght: "GHT\x7F"
'
refused "a GHT with DEL" "$f" "$f:9:8: error: establishment 750712184: 'ght': control character U+007F is not allowed"
one "$f" '"CH A"' '' 'comments:
  GOUV-01-A: "a\Nb"
'
refused "a comment with U+0085" "$f" "$f:12:14: error: establishment 750712184: the comment on 'GOUV-01-A': control character U+0085 is not allowed"
one "$f" '"CH A"' '' 'comments:
  GOUV-01-A: "a\rb"
'
refused "a comment with a carriage return" "$f" "$f:12:14: error: establishment 750712184: the comment on 'GOUV-01-A': control character U+000D is not allowed"
one "$f" '"CH A"' '' '  GOUV-02-C: "ok\ebad"
'
refused "a text answer with ESC" "$f" "$f:11:14: error: establishment 750712184: 'GOUV-02-C' is refused: control character U+001B is not allowed"
one "$f" '"CH A"' '' '  GOUV-02-C: "a\tb\nc"
comments:
  GOUV-01-A: "tab\tand\nline"
'
run "a text answer and a comment with a tab and a line feed are text" 0 "$mh" score -r "$ref" "$f"
sed 's|title: "Gouvernance"|title: "Gouvernance\\e[31m"|' fixtures/answers/worked-example/referentiel.yaml >"$work/bad-ref.yaml"
run "a référentiel title with ESC" 65 "$mh" referentiel check "$work/bad-ref.yaml"
expect_grep "a référentiel title with ESC: message" "$work/err" "$work/bad-ref.yaml:15:12: error: 'title': control character U+001B is not allowed"

# the CSV imports: raw control bytes in a cell
"$mh" campaign --db "$work/csv.db" --campaign 2025 -r "$ref" --reference-date 2025-06-30 >/dev/null 2>&1
printf 'finess,finess_ej,name,region,departement,category,beds,ose,ght\n750712184,,"CH \033[2J",11,75,101,,,\n' >"$work/list.csv"
run "an establishment list with ESC in a name" 65 "$mh" import --db "$work/csv.db" --campaign 2025 "$work/list.csv"
expect_grep "an establishment list with ESC in a name: message" "$work/err" "$work/list.csv:2:1: error: establishment 750712184: 'name': control character U+001B is not allowed"
no_controls "an establishment list with ESC in a name (stderr)" "$work/err"
printf 'finess,finess_ej,name,region,departement,category,beds,ose,ght\n750712184,,"CH A",11,75,101,,,\n' >"$work/list.csv"
run "an establishment list" 0 "$mh" import --db "$work/csv.db" --campaign 2025 "$work/list.csv"
printf 'campaign,finess,indicator,value,comment\n2025,750712184,GOUV-01-A,oui,"bell \a here"\n' >"$work/answers.csv"
run "CSV answers with BEL in a comment" 65 "$mh" import --db "$work/csv.db" --campaign 2025 "$work/answers.csv"
expect_grep "CSV answers with BEL in a comment: message" "$work/err" "$work/answers.csv:2:30: error: establishment 750712184: the comment on 'GOUV-01-A': control character U+0007 is not allowed"
printf 'campaign,finess,indicator,value,comment\r\n2025,750712184,GOUV-01-A,oui,"two\r\nlines"\r\n' >"$work/answers.csv"
run "CSV answers from a spreadsheet: CRLF in a cell is a line break" 0 "$mh" import --db "$work/csv.db" --campaign 2025 "$work/answers.csv"
run "export it" 0 "$mh" export --db "$work/csv.db" --campaign 2025 --finess 750712184 -o "$work/csv-export.yaml"
expect_grep "the comment holds a line feed" "$work/csv-export.yaml" '  GOUV-01-A: "two\nlines"'

finish
