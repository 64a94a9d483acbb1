#!/usr/bin/env bash
# The man pages never drift from the program: every command of `maturinh
# --help` has its section in man/maturinh.1 and man/fr/maturinh.1, every
# option of its --help is in that section, and the pages describe no command
# or option the program does not have; the exit codes are those of
# docs/cli.md's table, and the environment variables the program reads are
# there.  Reads the roff sources (no tool needed); test_man_lint.sh renders
# them.
#
# Usage: test_cli_man.sh MATURINH SOURCE_DIR
set -u
mh=$1
src=$2
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/help_lib.sh"

# section PAGE TITLE: the text of `.SH TITLE` or `.SS "TITLE"` up to the
# next heading, with roff's \- as - and its font changes dropped
section() {
  awk -v t="$2" '/^\.S[HS] /{ h = $0; sub(/^\.S[HS] +/, "", h); gsub(/"/, "", h); on = (h == t); next } on' "$1" |
    sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\~/ /g'
}
# has TEXT OPTION: TEXT names OPTION as a word (--finess is not --finess-ej)
has() { grep -qE -- "(^|[^A-Za-z0-9-])$2([^A-Za-z0-9-]|$)" <<<"$1"; }
# entries TEXT: the options the .TP entries of TEXT describe, one a line
entries() { awk 'p { print; p = 0 } /^\.TP/ { p = 1 }' <<<"$1" | grep -oE -- '(^|[ "])--?[A-Za-z][a-z-]*' | tr -d ' "'; }

commands=$(help_commands)
[ "$(wc -l <<<"$commands")" -ge 15 ] && has "$commands" score && has "$commands" "referentiel show" &&
  ok "maturinh --help lists the commands ($(wc -l <<<"$commands"))" ||
  not_ok "maturinh --help lists the commands: got '$commands'"
exits=$(sed -nE 's/^\| ([0-9]+) \|.*/\1/p' "$src/docs/cli.md" | sort -n)
[ -n "$exits" ] || not_ok "docs/cli.md has its table of exit codes"
envs=$( (grep -rhoE 'getenv\("MATURINH_[A-Z_]+' "$src/cli" "$src/engine/src" | sed 's/getenv("//'; printf '%s\n' LANG LC_ALL LC_MESSAGES) | sort -u)

for lang in en fr; do
  if [ $lang = en ]; then
    page=$src/man/maturinh.1 exit_title="EXIT STATUS" env_title=ENVIRONMENT
  else
    page=$src/man/fr/maturinh.1 exit_title="CODE DE RETOUR" env_title=ENVIRONNEMENT
  fi
  [ -f "$page" ] || { not_ok "$lang: $page exists"; continue; }

  # the program's own options, in OPTIONS
  described=$(entries "$(section "$page" OPTIONS)")
  missing=""
  for o in $(help_options); do grep -qxF -- "$o" <<<"$described" || missing+=" $o"; done
  [ -z "$missing" ] && ok "$lang: OPTIONS has every option of maturinh --help" ||
    not_ok "$lang: OPTIONS lacks$missing"

  while read -r cmd; do
    text=$(section "$page" "maturinh $cmd")
    if [ -z "$text" ]; then
      not_ok "$lang: a section 'maturinh $cmd'"
      continue
    fi
    options=$(help_options $cmd | grep -vxE -- '-h|--help')
    described=$(entries "$text" | sort -u)
    missing=""
    for o in $options; do grep -qxF -- "$o" <<<"$described" || missing+=" $o"; done
    extra=""
    for o in $described; do grep -qxF -- "$o" <<<"$options" || extra+=" $o"; done
    [ -z "$missing" ] && ok "$lang: maturinh $cmd: an entry for every option of its --help" ||
      not_ok "$lang: maturinh $cmd: lacks$missing"
    [ -z "$extra" ] && ok "$lang: maturinh $cmd: no option its --help does not list" ||
      not_ok "$lang: maturinh $cmd: describes$extra, not in its --help"
  done <<<"$commands"

  stale=""
  while read -r title; do
    grep -qxF -- "$title" <<<"$commands" || stale+=" '$title'"
  done < <(sed -nE 's/^\.SS "maturinh (.*)"$/\1/p' "$page")
  [ -z "$stale" ] && ok "$lang: no section for a command maturinh does not have" ||
    not_ok "$lang: sections for commands maturinh does not have:$stale"

  text=$(section "$page" "$exit_title")
  got=$(awk 'p { print; p = 0 } /^\.TP/ { p = 1 }' <<<"$text" | sed -nE 's/^\.B ([0-9]+)$/\1/p' | sort -n)
  [ "$got" = "$exits" ] && ok "$lang: $exit_title: the exit codes of docs/cli.md" ||
    not_ok "$lang: $exit_title: got '$(echo $got)', docs/cli.md has '$(echo $exits)'"

  text=$(section "$page" "$env_title")
  missing=""
  for v in $envs; do has "$text" "$v" || missing+=" $v"; done
  [ -z "$missing" ] && ok "$lang: $env_title: $(echo $envs)" || not_ok "$lang: $env_title lacks$missing"
done

# a drift is caught: a section without an option's entry fails the check above
described=$(entries "$(section "$src/man/maturinh.1" "maturinh score" | sed '/--detail/d')")
! grep -qxF -- --detail <<<"$described" && grep -qxF -- --keep-going <<<"$described" &&
  ok "the check sees an option missing from a section" ||
  not_ok "the check sees an option missing from a section"
finish
