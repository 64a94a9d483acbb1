# help_lib.sh: the commands and options maturinh's own --help lists, for the
# tests that keep the man pages and the bash completion from drifting from
# the program (test_cli_man.sh, test_cli_completion.sh).  Source it after
# setting `mh`.  The help is read under LC_ALL=C: the option names are the
# same in every language, the headings are not.

# help_commands: every command, one a line; `referentiel check` and
# `referentiel show` for the two of `referentiel`, and `user add`... for
# those of `user`
help_commands() {
  local c
  for c in $(LC_ALL=C "$mh" --help | sed -nE 's/^  ([a-z]+((, [a-z]+)*)).*/\1/p' | sed 's/, /\n/g' | awk '!seen[$0]++'); do
    if [ "$c" = referentiel ] || [ "$c" = user ]; then
      LC_ALL=C "$mh" "$c" --help | sed -nE "s/^  ([a-z]+)  .*/$c \\1/p"
    else
      echo "$c"
    fi
  done
}

# help_options COMMAND...: the options COMMAND's --help lists (short and
# long), one a line; with no COMMAND, those of `maturinh --help`.  An
# option's line begins `  -x, --name` or `      --name` (a description
# carried over to the next line is indented further)
help_options() {
  LC_ALL=C "$mh" "$@" --help | sed -nE 's/^(  (-[A-Za-z]), |      )(--[a-z][a-z-]*).*/\2 \3/p' | tr ' ' '\n' | sed '/^$/d'
}
