#!/usr/bin/env bash
# The bash completion (completion/maturinh.bash), sourced in a plain bash
# (it uses only bash's own complete/compgen), given COMP_WORDS and
# COMP_CWORD as bash splits a command line (at spaces, and at the = and :
# of COMP_WORDBREAKS): commands, options and their fixed values, files.
# It never drifts from the program: it offers every command and option of
# `maturinh --help` and of each command's --help and only those, and every
# value it offers is one the program accepts.
#
# Usage: test_cli_completion.sh MATURINH SOURCE_DIR
set -u
mh=$1
src=$2
case $mh in /*) ;; *) mh=$PWD/$mh ;; esac
case $src in /*) ;; *) src=$PWD/$src ;; esac
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/help_lib.sh"
source "$src/completion/maturinh.bash"

[ "$(complete -p maturinh 2>&1)" = "complete -F _maturinh maturinh" ] &&
  ok "sourcing it registers _maturinh for maturinh" || not_ok "sourcing it registers _maturinh: $(complete -p maturinh 2>&1)"

COMP_WORDBREAKS=$' \t\n"\'><=;|&(:'
# complete LINE: what <TAB> at the end of LINE offers (COMPREPLY), one a line
complete_line() {
  local line=$1 part head words=()
  read -ra parts <<<"$line"
  for part in "${parts[@]}"; do
    while [[ $part == *[=:]* ]]; do
      head=${part%%[=:]*}
      [ -n "$head" ] && words+=("$head")
      words+=("${part:${#head}:1}")
      part=${part:${#head}+1}
    done
    [ -n "$part" ] && words+=("$part")
  done
  [[ $line == *" " || $line == *[=:] ]] && words+=("")
  COMP_LINE=$line COMP_POINT=${#line}
  COMP_WORDS=("${words[@]}") COMP_CWORD=$((${#words[@]} - 1))
  COMPREPLY=()
  _maturinh
  printf '%s\n' "${COMPREPLY[@]}"
}
# expect LINE WORDS...: <TAB> at the end of LINE offers WORDS, in that order
expect() {
  local line=$1 got
  shift
  got=$(complete_line "$line" | tr '\n' ' ')
  [ "$got" = "$(printf '%s ' "$@")" ] && ok "'$line<TAB>' -> $*" || not_ok "'$line<TAB>': got '$got', expected '$*'"
}

# what people type
expect "maturinh sc" score
expect "maturinh re" referentiel report reopen
expect "maturinh referentiel s" show
expect "maturinh --v" --version
expect "maturinh score --fo" --format --force
expect "maturinh score --for" --format --force
expect "maturinh score --form" --format
expect "maturinh score --format " table csv json xml xlsx
expect "maturinh score --format=j" json
expect "maturinh score -f " table csv json xml xlsx
expect "maturinh score --form " table csv json xml xlsx
expect "maturinh score --form=x" xml xlsx
expect "maturinh score --format=xl" xlsx
expect "maturinh score --sc" --scope
expect "maturinh score --scope " national region: category: ght:
expect "maturinh export --scope=region:8" 84
expect "maturinh rank --format " table csv xlsx
expect "maturinh gen --format " yaml csv
expect "maturinh referentiel show --format " text csv
expect "maturinh import --status " draft submitted
expect "maturinh user " add list passwd remove
expect "maturinh user p" passwd
expect "maturinh user add --role " rssi ars national admin
expect "maturinh user add --role=n" national
expect "maturinh user add --reg" --region
expect "maturinh user passwd --p" --password-stdin
expect "maturinh user bogus -" # not a command of user
expect "maturinh rank --scope " national region: category: ght:
expect "maturinh rank --scope c" category:
expect "maturinh rank --scope region:8" 84
expect "maturinh import --scope " region:
expect "maturinh import --scope region:8" 84
expect "maturinh import --categories " sanitaire medico-social all
expect "maturinh rank --scope=region:9" 93 94
expect "maturinh template --region 2" 24 27 28
expect "maturinh template --fin" --finess --finess-ej
expect "maturinh submit --i" --incomplete
expect "maturinh campaign --fr" --from
expect "maturinh campaign list -" --db -f --format -h --help
expect "maturinh campaign list --format " table csv
expect "maturinh fill --finess " # nothing to offer: a FINESS is typed
expect "maturinh history " # no file to give

mkdir -p "$work/files/answers.d" && touch "$work/files/ref.yaml" "$work/files/region-84.yaml"
expect "maturinh score -r $work/files/re" "$work/files/ref.yaml" "$work/files/region-84.yaml"
expect "maturinh score --db=$work/files/ref" "$work/files/ref.yaml"
expect "maturinh score -r $work/files/ref.yaml $work/files/reg" "$work/files/region-84.yaml"
expect "maturinh publish --out $work/files/" "$work/files/answers.d"
expect "maturinh score -- --" # after --, files only
expect "maturinh report --html=$work/files/r" "$work/files/ref.yaml" "$work/files/region-84.yaml"

# drift: the commands of maturinh --help, all and only
commands=$(help_commands)
top=$(awk '{ print $1 }' <<<"$commands" | awk '!seen[$0]++' | sort)
got=$(complete_line "maturinh " | sort)
[ "$got" = "$top" ] && ok "'maturinh <TAB>' offers the commands of maturinh --help" ||
  not_ok "'maturinh <TAB>': got '$(echo $got)', maturinh --help has '$(echo $top)'"
sub=$(sed -n 's/^referentiel //p' <<<"$commands" | sort)
got=$(complete_line "maturinh referentiel " | sort)
[ "$got" = "$sub" ] && ok "'maturinh referentiel <TAB>' offers the commands of its --help" ||
  not_ok "'maturinh referentiel <TAB>': got '$(echo $got)', its --help has '$(echo $sub)'"
sub=$(sed -n 's/^user //p' <<<"$commands" | sort)
got=$(complete_line "maturinh user " | sort)
[ "$got" = "$sub" ] && [ -n "$sub" ] && ok "'maturinh user <TAB>' offers the commands of its --help" ||
  not_ok "'maturinh user <TAB>': got '$(echo $got)', its --help has '$(echo $sub)'"
got=$(complete_line "maturinh -" | sort)
[ "$got" = "$(help_options | sort)" ] && ok "'maturinh -<TAB>' offers the options of maturinh --help" ||
  not_ok "'maturinh -<TAB>': got '$(echo $got)', maturinh --help has '$(echo $(help_options))'"

# drift: each command's options, all and only (and --help, which every
# command takes); each completed from its prefix
while read -r cmd; do
  want=$( (help_options $cmd; printf '%s\n' -h --help) | sort -u)
  got=$(complete_line "maturinh $cmd -" | sort)
  [ "$got" = "$want" ] && ok "'maturinh $cmd -<TAB>' offers the options of its --help" ||
    not_ok "'maturinh $cmd -<TAB>': got '$(echo $got)', its --help has '$(echo $want)'"
  missing=""
  for o in $(grep -- '^--' <<<"$want"); do
    complete_line "maturinh $cmd ${o:0:${#o}-1}" | grep -qxF -- "$o" || missing+=" $o"
  done
  [ -z "$missing" ] && ok "maturinh $cmd: each --option is completed from its prefix" ||
    not_ok "maturinh $cmd: not completed from their prefix:$missing"
done <<<"$commands"

# every value it offers, the program accepts (and a wrong one it refuses, exit 64)
ref=$src/fixtures/answers/worked-example/referentiel.yaml
answers=$src/fixtures/answers/worked-example/answers.yaml
# accepts LINE COMMAND...: each value LINE<TAB> offers, given as the last
# argument of COMMAND, is accepted (exit 0; for import, not a usage error)
accepts() {
  local line=$1 v rc bad="" values
  shift
  values=$(complete_line "$line")
  for v in $values bogus; do
    (cd "$work" && "$mh" "$@" "$v" >/dev/null 2>&1)
    rc=$?
    if [ "$v" = bogus ]; then
      [ $rc = 64 ] || bad+=" bogus:$rc"
    elif [ "$1" = import ]; then
      [ $rc != 64 ] || bad+=" $v:$rc"
    else
      [ $rc = 0 ] || bad+=" $v:$rc"
    fi
  done
  [ -z "$bad" ] && [ -n "$values" ] && ok "maturinh $1 accepts the values '$line<TAB>' offers ($(echo $values)), refuses another" ||
    not_ok "'$line<TAB>' values the program does not take as expected:$bad"
}
accepts "maturinh score --format " score -r "$ref" -o /dev/null "$answers" --format
accepts "maturinh rank --format " rank -r "$ref" "$answers" --format
accepts "maturinh referentiel show --format " referentiel show "$ref" -o /dev/null --format
accepts "maturinh gen --format " gen -r "$ref" --count 1 -o g.out --establishments e.csv --format
accepts "maturinh import --status " import --db "$work/status.db" --campaign 2025 "$work/absent.csv" --status
# the roles: each one taken (an empty password on stdin then: 65, not a usage error), another refused
accepts_roles() {
  local bad="" v rc values
  values=$(complete_line "maturinh user add --role ")
  for v in $values bogus; do
    "$mh" user add --db "$work/roles.db" --login x --role "$v" --password-stdin </dev/null >/dev/null 2>&1
    rc=$?
    if [ "$v" = bogus ]; then [ $rc = 64 ] || bad+=" bogus:$rc"; else [ $rc != 64 ] || bad+=" $v:$rc"; fi
  done
  [ -z "$bad" ] && [ "$(wc -w <<<"$values")" = 4 ] && ok "maturinh user add takes the roles it completes ($(echo $values)), refuses another" ||
    not_ok "user add --role: not as completed:$bad"
}
accepts_roles
regions=$(complete_line "maturinh rank --scope region:" | sed 's/^/region:/')
accepts_scope() {
  local bad="" s
  for s in national $regions category:355 ght:G1; do
    "$mh" rank -r "$ref" "$answers" --scope "$s" >/dev/null 2>&1 || bad+=" $s"
  done
  "$mh" rank -r "$ref" "$answers" --scope region:99 >/dev/null 2>&1
  [ $? = 64 ] || bad+=" region:99(not refused)"
  [ -z "$bad" ] && [ "$(wc -w <<<"$regions")" = 18 ] && ok "rank --scope takes national, the 18 regions it completes, category:, ght:" ||
    not_ok "rank --scope: not as completed:$bad ($(wc -w <<<"$regions") regions)"
}
accepts_scope
finish
