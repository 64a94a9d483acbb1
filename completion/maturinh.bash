# bash completion for maturinh(1): commands, each command's options and
# their fixed values, files where a file is expected.
#
# Installed as share/bash-completion/completions/maturinh (bash-completion
# loads it on the first <TAB> after `maturinh`), or sourced from ~/.bashrc.
# It needs only bash's own `complete`/`compgen`, not bash-completion's
# helpers.  tests/cli/test_cli_completion.sh checks that it completes every
# command and option of `maturinh --help` and of each command's --help, and
# only those, and that the values it offers are accepted.

# The commands, as `maturinh --help` lists them.
_maturinh_commands="referentiel score explain template rank publish report campaign import fill submit reopen history export status compare user serve gen"
_maturinh_referentiel_commands="check show"
_maturinh_user_commands="add list passwd remove"
# The INSEE region codes a --scope region:CODE can name.
_maturinh_regions="01 02 03 04 06 11 24 27 28 32 44 52 53 75 76 84 93 94"

# _maturinh_options COMMAND: its options, as its --help lists them; a
# trailing = marks one that takes a value.
_maturinh_options()
{
        local db="--db= --campaign=" who="--finess= --user="
        case $1 in
        "referentiel check") echo "" ;;
        "referentiel show") echo "-f= --format= -o= --output=" ;;
        "user add") echo "--db= --login= --role= --finess= --region= --name= --password-stdin" ;;
        "user list") echo "--db=" ;;
        "user passwd") echo "--db= --login= --password-stdin" ;;
        "user remove") echo "--db= --login=" ;;
        serve) echo "--db= --listen= --tls-cert= --tls-key= --behind-proxy --threads=" ;;
        score)
                echo "-r= --referentiel= -f= --format= -d --detail --with-profile --scope= -k" \
                        "--keep-going -o= --output= --force $db"
                ;;
        explain) echo "-r= --referentiel= --finess= -k --keep-going -o= --output= $db" ;;
        template)
                echo "-r= --referentiel= --finess= --name= --region= --category= --campaign=" \
                        "--reference-date= --beds= --ose --departement= --finess-ej= --ght=" \
                        "-o= --output= --force"
                ;;
        rank) echo "-r= --referentiel= $db --scope= -f= --format= -k --keep-going -o= --output= --force" ;;
        publish) echo "-r= --referentiel= $db --out= --force --date= -k --keep-going" ;;
        report) echo "-r= --referentiel= $db --finess= --html= --force -k --keep-going" ;;
        campaign) echo "$db -r= --referentiel= --reference-date= --from=" ;;
        "campaign list") echo "--db= -f= --format=" ;;
        import) echo "$db --user= -r= --referentiel= -k --keep-going --status= --finess-extract= --scope= --categories=" ;;
        fill | reopen) echo "$db $who" ;;
        submit) echo "$db $who --incomplete" ;;
        history) echo "$db --finess=" ;;
        export) echo "$db --finess= --scope= -o= --output= --force" ;;
        status) echo "$db --scope= --only= -f= --format= -o= --output= --force" ;;
        compare) echo "$db --with= --scope= --finess= -f= --format= -o= --output= --force" ;;
        gen)
                echo "-r= --referentiel= --count= --seed= --campaign= --reference-date=" \
                        "--establishments= --db= -f= --format= -o= --output="
                ;;
        esac
}

# _maturinh_values COMMAND OPTION CURRENT: fills COMPREPLY with the values
# OPTION (its long name) takes that begin with CURRENT.
_maturinh_values()
{
        case $2 in
        --format)
                case $1 in
                score) mapfile -t COMPREPLY < <(compgen -W "table csv json xml xlsx" -- "$3") ;;
                rank | status | compare) mapfile -t COMPREPLY < <(compgen -W "table csv xlsx" -- "$3") ;;
                "campaign list") mapfile -t COMPREPLY < <(compgen -W "table csv" -- "$3") ;;
                gen) mapfile -t COMPREPLY < <(compgen -W "yaml csv" -- "$3") ;;
                "referentiel show") mapfile -t COMPREPLY < <(compgen -W "text csv" -- "$3") ;;
                esac
                ;;
        --status) mapfile -t COMPREPLY < <(compgen -W "draft submitted" -- "$3") ;;
        --only) mapfile -t COMPREPLY < <(compgen -W "draft incomplete submitted" -- "$3") ;;
        --role) mapfile -t COMPREPLY < <(compgen -W "rssi ars national admin" -- "$3") ;;
        --scope)
                if [[ $1 == import && $3 != region:* ]]; then # a FINESS extract: a region only
                        mapfile -t COMPREPLY < <(compgen -W "region:" -- "$3")
                        compopt -o nospace 2>/dev/null
                elif [[ $3 == region:* ]]; then
                        mapfile -t COMPREPLY < <(compgen -P region: -W "$_maturinh_regions" -- "${3#region:}")
                else
                        mapfile -t COMPREPLY < <(compgen -W "national region: category: ght:" -- "$3")
                        [[ ${#COMPREPLY[@]} == 1 && ${COMPREPLY[0]} == *: ]] && compopt -o nospace 2>/dev/null
                fi
                ;;
        --categories) mapfile -t COMPREPLY < <(compgen -W "sanitaire medico-social all" -- "$3") ;;
        --region) mapfile -t COMPREPLY < <(compgen -W "$_maturinh_regions" -- "$3") ;;
        --out)
                compopt -o filenames 2>/dev/null
                mapfile -t COMPREPLY < <(compgen -d -- "$3")
                ;;
        --referentiel | --output | --db | --html | --establishments | --finess-extract)
                compopt -o filenames 2>/dev/null
                mapfile -t COMPREPLY < <(compgen -f -- "$3")
                ;;
        esac
}

_maturinh()
{
        local words=() cword=-1 i w
        local before=${COMP_LINE:0:COMP_POINT}

        # bash splits `--format=csv` and `region:84` at = and : (COMP_WORDBREAKS);
        # join the pieces back into the words maturinh reads.
        for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
                w=${COMP_WORDS[i]}
                if ((i > 0 && ${#words[@]} > 0)) &&
                        { [[ $w == "=" || $w == ":" ]] ||
                                [[ ${words[${#words[@]} - 1]} == *[=:] && ${COMP_WORDS[i - 1]} == [=:] ]]; } &&
                        ! { ((i == COMP_CWORD)) && [[ -z $w && $before == *[[:space:]] ]]; }; then
                        words[${#words[@]} - 1]+=$w
                else
                        words+=("$w")
                fi
                ((i == COMP_CWORD)) && cword=$((${#words[@]} - 1))
        done
        ((cword < 0)) && return 0
        local cur=${words[cword]} prev="" cmd="" first=2 value_of="" opts o

        COMPREPLY=()
        if ((cword == 1)); then
                if [[ $cur == -* ]]; then
                        mapfile -t COMPREPLY < <(compgen -W "-h --help -V --version" -- "$cur")
                else
                        mapfile -t COMPREPLY < <(compgen -W "$_maturinh_commands" -- "$cur")
                fi
                return 0
        fi
        cmd=${words[1]}
        if [[ $cmd == referentiel || $cmd == user ]]; then
                local subcommands=$_maturinh_referentiel_commands
                [[ $cmd == user ]] && subcommands=$_maturinh_user_commands
                if ((cword == 2)); then
                        if [[ $cur == -* ]]; then
                                mapfile -t COMPREPLY < <(compgen -W "-h --help" -- "$cur")
                        else
                                mapfile -t COMPREPLY < <(compgen -W "$subcommands" -- "$cur")
                        fi
                        return 0
                fi
                [[ " $subcommands " == *" ${words[2]} "* ]] || return 0
                cmd="$cmd ${words[2]}"
                first=3
        fi
        # `campaign list`: the campaigns of the database, options of its own
        if [[ $cmd == campaign ]] && ((cword > 2)) && [[ ${words[2]} == list ]]; then
                cmd="campaign list"
                first=3
        fi
        [[ " $_maturinh_commands referentiel check referentiel show " == *" $cmd "* ||
                $cmd == "user "* || $cmd == "campaign list" ]] || return 0
        opts="$(_maturinh_options "$cmd") -h --help"

        # after --, only files
        for ((i = first; i < cword; i++)); do
                if [[ ${words[i]} == -- ]]; then
                        compopt -o filenames 2>/dev/null
                        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
                        return 0
                fi
        done

        # the option whose value is being typed: `--opt=VALUE`, or after `--opt`
        # (or an unambiguous prefix of it, or its short form)
        local name="" head=""
        if [[ $cur == --*=* ]]; then
                name=${cur%%=*}
                head=$name=
                cur=${cur#*=}
        elif ((cword > first - 1)); then
                prev=${words[cword - 1]}
                [[ $prev == -* && $prev != *=* ]] && name=$prev
        fi
        if [[ -n $name ]]; then
                local matches=()
                for o in $opts; do
                        [[ $o == "$name=" ]] && matches=("$o") && break
                        [[ $name == --* && $o == "$name"*= ]] && matches+=("$o")
                done
                if ((${#matches[@]} == 1)); then
                        value_of=${matches[0]%=}
                        if [[ $value_of != --* ]]; then # a short option: its long name
                                local prev_o=""
                                for o in $opts; do
                                        [[ $prev_o == "$value_of=" && $o == --*= ]] && value_of=${o%=} && break
                                        prev_o=$o
                                done
                        fi
                fi
        fi
        if [[ -n $value_of ]]; then
                _maturinh_values "$cmd" "$value_of" "$cur"
                ((${#COMPREPLY[@]})) && [[ -n $head ]] && COMPREPLY=("${COMPREPLY[@]/#/$head}")
        elif [[ -n $head ]]; then
                return 0 # --opt= of an option without value, or unknown
        elif [[ $cur == -* ]]; then
                local list=()
                for o in $opts; do
                        [[ $cur == --* && $o != --* ]] && continue
                        list+=("${o%=}")
                done
                mapfile -t COMPREPLY < <(compgen -W "${list[*]}" -- "$cur")
                return 0
        else
                case $cmd in
                "referentiel check" | "referentiel show" | score | explain | rank | publish | report | import)
                        compopt -o filenames 2>/dev/null # the files it reads
                        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
                        ;;
                esac
        fi

        # bash replaces only what follows the last = or : of COMP_WORDBREAKS
        local breaks=""
        [[ $COMP_WORDBREAKS == *=* ]] && breaks+="="
        [[ $COMP_WORDBREAKS == *:* ]] && breaks+=":"
        cur=${words[cword]}
        if [[ -n $breaks && $cur == *[$breaks]* ]]; then
                local trim=${cur%"${cur##*["$breaks"]}"}
                COMPREPLY=("${COMPREPLY[@]#"$trim"}")
        fi
        return 0
}

complete -F _maturinh maturinh
