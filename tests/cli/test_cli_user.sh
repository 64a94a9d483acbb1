#!/usr/bin/env bash
# maturinh user add|list|passwd|remove: the accounts of the web
# questionnaire.  Each subcommand, each refusal with its message in English
# and in French, the password read from standard input only and kept only as
# an Argon2id hash (never in the database file as given, never listed), and
# a database of an older schema migrated.  Argon2id costs a tenth of a
# second (far more under AddressSanitizer): few accounts are added.
#
# Usage: test_cli_user.sh MATURINH SOURCE_DIR
set -u
mh=$1
src=$2
source "$(dirname "$0")/lib.sh"
need_french
fr=fr_FR.UTF-8
cd "$src"
db=$work/accounts.db
secret='Un mot de passe assez long 42'

# pw NAME STATUS PASSWORD ARGS...: maturinh ARGS with PASSWORD (and a
# newline) on standard input, under C
pw() {
  local name=$1 expected=$2 password=$3
  shift 3
  printf '%s\n' "$password" | env -u LANGUAGE LC_ALL=C "$mh" "$@" >"$work/out" 2>"$work/err"
  status=$?
  if [ "$status" = "$expected" ]; then ok "$name: exit $expected"; else
    not_ok "$name: exit $status, expected $expected"
    sed 's/^/    /' "$work/err" | head -20
  fi
}
# pw_both NAME STATUS ENGLISH FRENCH PASSWORD ARGS...: as `both`, the
# password on standard input
pw_both() {
  local name=$1 expected=$2 en=$3 fr_text=$4 password=$5
  shift 5
  pw "$name (C)" "$expected" "$password" "$@"
  expect_grep "$name (C): in English" "$work/err" "$en"
  printf '%s\n' "$password" | env -u LANGUAGE LC_ALL="$fr" "$mh" "$@" >"$work/out" 2>"$work/err"
  status=$?
  [ "$status" = "$expected" ] && ok "$name ($fr): exit $expected" || not_ok "$name ($fr): exit $status, expected $expected"
  expect_grep "$name ($fr): in French" "$work/err" "$fr_text"
}
# hash LOGIN: the stored password hash of LOGIN
hash() { sqlite3 "$db" "SELECT password_hash FROM account WHERE login = '$1'"; }

# ---- add ----------------------------------------------------------------
pw "add an rssi account" 0 "$secret" user add --db "$db" --login jdupont --role rssi \
  --finess 750712184 --finess 010008407 --name "Jeanne Dupont" --password-stdin
expect_file "add says what it did" "$work/out" "account 'jdupont' (rssi) added to $db"
[ "$(stat -c %a "$db")" = 600 ] && ok "the database is private (0600)" || not_ok "database mode $(stat -c %a "$db")"
pw "add an ars account" 0 "$secret" user add --db "$db" --login ars-idf --role ars --region 11 --password-stdin
pw "add a national account (CR LF ending)" 0 "$secret"$'\r' user add --db "$db" --login dns --role national --password-stdin
pw "add an admin account" 0 "$secret" user add --db "$db" --login admin --role admin --name "Admin" --password-stdin
printf '%s\n' "$secret" | env LC_ALL="$fr" "$mh" user add --db "$db" --login rssi.2 --role rssi --finess 750712184 --password-stdin >"$work/out" 2>&1
expect_file "add says what it did, in French" "$work/out" "compte 'rssi.2' (rssi) ajouté à $db"

h=$(hash jdupont)
[[ $h == '$argon2id$'* ]] && ok "the password is stored as an Argon2id hash" || not_ok "stored hash: '$h'"
[[ $(hash dns) == '$argon2id$'* && $(hash dns) != "$h" ]] && ok "each hash has its own salt" || not_ok "hashes: '$(hash dns)'"
grep -qaF -- "$secret" "$db" "$db-wal" 2>/dev/null && not_ok "the password is in the database file" ||
  ok "the password is nowhere in the database file (nor its WAL)"
[ "$(sqlite3 "$db" "SELECT group_concat(finess, ' ') FROM (SELECT finess FROM account_finess WHERE login = 'jdupont' ORDER BY finess)")" = "010008407 750712184" ] &&
  ok "the FINESS of an rssi account are stored" || not_ok "account_finess: $(sqlite3 "$db" 'SELECT * FROM account_finess')"
[ "$(sqlite3 "$db" "SELECT role || ' ' || region FROM account WHERE login = 'ars-idf'")" = "ars 11" ] &&
  ok "an ars account's region is stored" || not_ok "ars row: $(sqlite3 "$db" "SELECT * FROM account WHERE login = 'ars-idf'")"

# ---- list ---------------------------------------------------------------
run "list" 0 "$mh" user list --db "$db"
expect_file "list shows login, role, name and scope" "$work/out" "LOGIN    ROLE      NAME           SCOPE
admin    admin     Admin          the accounts only
ars-idf  ars                      region 11
dns      national                 every establishment
jdupont  rssi      Jeanne Dupont  010008407 750712184
rssi.2   rssi                     750712184"
expect_no_grep "list shows no hash" "$work/out" 'argon2'
expect_no_grep "list shows no password" "$work/out" "$secret"
LC_ALL=$fr "$mh" user list --db "$db" >"$work/out" 2>&1
expect_grep "list in French: its headings" "$work/out" "IDENTIFIANT  RÔLE      NOM            PÉRIMÈTRE"
expect_grep "list in French: a region" "$work/out" "région 11"
expect_grep "list in French: national" "$work/out" "tous les établissements"
expect_grep "list in French: admin" "$work/out" "les comptes seulement"
both "list of an absent database" 66 "no database $work/none.db" "pas de base $work/none.db" user list --db "$work/none.db"
"$mh" campaign --db "$work/empty.db" --campaign 2025 -r referentiels/maturinh-cyber/maturinh-cyber.yaml --reference-date 2025-06-30 >/dev/null 2>&1
both "list without accounts" 0 "no account in $work/empty.db: add one with \`maturinh user add\`" \
  "aucun compte dans $work/empty.db : ajoutez-en un avec \`maturinh user add\`" user list --db "$work/empty.db"

# ---- refusals of add, each in both languages ---------------------------
add=(user add --db "$db" --password-stdin)
pw_both "an existing login" 65 "maturinh: account 'jdupont' already exists" "maturinh: le compte 'jdupont' existe déjà" \
  "$secret" "${add[@]}" --login jdupont --role national
[ "$(hash jdupont)" = "$h" ] && ok "an existing account is not replaced" || not_ok "jdupont's hash changed"
pw_both "a bad login" 65 "invalid login: a login has 1 to 64 characters among a-z, 0-9, '.', '_' and '-'" \
  "identifiant invalide : un identifiant a de 1 à 64 caractères parmi a-z, 0-9, '.', '_' et '-'" \
  "$secret" "${add[@]}" --login "J Dupont" --role national
pw_both "a short password" 65 "the password is too short: it needs at least 12 characters" \
  "le mot de passe est trop court : il lui faut au moins 12 caractères" "12345678901" "${add[@]}" --login short --role national
pw_both "a long password" 65 "the password is too long: at most 1024 bytes" "le mot de passe est trop long : au plus 1024 octets" \
  "$(printf 'x%.0s' $(seq 1025))" "${add[@]}" --login long --role national
pw_both "an empty password" 65 "maturinh: no password on standard input: give it there, one line of at least 12 characters" \
  "maturinh: aucun mot de passe sur l'entrée standard : donnez-le là, une ligne d'au moins 12 caractères" "" \
  "${add[@]}" --login empty --role national
pw_both "rssi without FINESS" 65 "an rssi account needs at least one establishment (FINESS)" \
  "un compte rssi a besoin d'au moins un établissement (FINESS)" "$secret" "${add[@]}" --login r --role rssi
pw_both "rssi with a region" 65 "an rssi account takes no region: its scope is its establishments" \
  "un compte rssi ne prend pas de région : son périmètre est celui de ses établissements" "$secret" "${add[@]}" \
  --login r --role rssi --finess 750712184 --region 11
pw_both "rssi with a bad FINESS" 64 "maturinh: --finess 750712185: wrong check digit (the Luhn key of 75071218 is 4)" \
  "maturinh: --finess 750712185 : mauvaise clé de contrôle (la clé de Luhn de 75071218 est 4)" "$secret" "${add[@]}" \
  --login r --role rssi --finess 750712184 --finess 750712185
pw_both "ars without a region" 65 "an ars account needs a region" "un compte ars a besoin d'une région" "$secret" "${add[@]}" --login a --role ars
pw_both "ars with an unknown region" 65 "unknown region: expected an INSEE region code (01, 02," \
  "région inconnue : attendu un code de région INSEE (01, 02," "$secret" "${add[@]}" --login a --role ars --region 99
pw_both "ars with FINESS" 65 "an ars account takes no establishment: its scope is its region" \
  "un compte ars ne prend pas d'établissement : son périmètre est sa région" "$secret" "${add[@]}" \
  --login a --role ars --region 11 --finess 750712184
pw_both "national with a region" 65 "a national account takes neither establishments nor a region" \
  "un compte national ne prend ni établissement ni région" "$secret" "${add[@]}" --login n --role national --region 11
pw_both "admin with FINESS" 65 "a admin account takes neither establishments nor a region" \
  "un compte admin ne prend ni établissement ni région" "$secret" "${add[@]}" --login n --role admin --finess 750712184
pw_both "a name with a control character" 65 "invalid name: at most 200 bytes of UTF-8 text, without control characters" \
  "nom invalide : au plus 200 octets de texte UTF-8, sans caractère de contrôle" "$secret" "${add[@]}" \
  --login n --role national --name $'Jeanne\tDupont'
pw_both "an unknown role" 64 "unknown role 'boss': expected rssi, ars, national or admin" \
  "rôle 'boss' inconnu : rssi, ars, national ou admin attendu" "$secret" "${add[@]}" --login n --role boss
pw_both "no role" 64 "no role given: use --role rssi, ars, national or admin" \
  "aucun rôle donné : utilisez --role rssi, ars, national ou admin" "$secret" "${add[@]}" --login n
pw_both "no login" 64 "no login given: use --login LOGIN" "aucun identifiant donné : utilisez --login LOGIN" \
  "$secret" "${add[@]}" --role national
pw_both "no --password-stdin" 64 "give the password on standard input with --password-stdin (never on the command line)" \
  "donnez le mot de passe sur l'entrée standard avec --password-stdin (jamais sur la ligne de commande)" \
  "$secret" user add --db "$db" --login n --role national
pw "a password given as an argument" 64 "$secret" user add --db "$db" --login n --role national --password-stdin "$secret"
expect_grep "a password given as an argument: refused" "$work/err" "unexpected argument"
pw "a refused account" 65 "$secret" user add --db "$work/never.db" --login a --role ars --password-stdin
[ ! -e "$work/never.db" ] && ok "a refused account creates no database" || not_ok "a refused add created $work/never.db"
[ "$(sqlite3 "$db" 'SELECT count(*) FROM account')" = 5 ] && ok "no refused account was added" ||
  not_ok "accounts: $(sqlite3 "$db" 'SELECT login FROM account')"

# ---- passwd -------------------------------------------------------------
pw "passwd" 0 "another long enough password" user passwd --db "$db" --login jdupont --password-stdin
expect_file "passwd says what it did" "$work/out" "new password for 'jdupont' in $db"
h2=$(hash jdupont)
[[ $h2 == '$argon2id$'* && $h2 != "$h" ]] && ok "passwd stores a new Argon2id hash" || not_ok "hash after passwd: '$h2'"
grep -qaF -- "another long enough password" "$db" "$db-wal" 2>/dev/null && not_ok "the new password is in the database file" ||
  ok "the new password is nowhere in the database file"
printf 'yet another password\n' | LC_ALL=$fr "$mh" user passwd --db "$db" --login dns --password-stdin >"$work/out" 2>&1
expect_file "passwd in French" "$work/out" "nouveau mot de passe pour 'dns' dans $db"
pw_both "passwd of an unknown login" 65 "maturinh: no account 'nobody' in $db" "maturinh: aucun compte 'nobody' dans $db" \
  "$secret" user passwd --db "$db" --login nobody --password-stdin
pw_both "passwd with a short password" 65 "the password is too short" "le mot de passe est trop court" \
  "short" user passwd --db "$db" --login jdupont --password-stdin
[ "$(hash jdupont)" = "$h2" ] && ok "a refused passwd changes nothing" || not_ok "jdupont's hash changed"
pw_both "passwd without --password-stdin" 64 "give the password on standard input with --password-stdin" \
  "donnez le mot de passe sur l'entrée standard avec --password-stdin" "$secret" user passwd --db "$db" --login jdupont
both "passwd on an absent database" 66 "no database $work/none.db" "pas de base $work/none.db" \
  user passwd --db "$work/none.db" --login jdupont --password-stdin
[ ! -e "$work/none.db" ] && ok "passwd creates no database" || not_ok "passwd created $work/none.db"

# ---- remove -------------------------------------------------------------
sqlite3 "$db" "INSERT INTO session VALUES (x'01', 'jdupont', 't', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')"
run "remove" 0 "$mh" user remove --db "$db" --login jdupont
expect_file "remove says what it did" "$work/out" "account 'jdupont' removed from $db"
[ "$(sqlite3 "$db" "SELECT (SELECT count(*) FROM account WHERE login = 'jdupont') + (SELECT count(*) FROM account_finess WHERE login = 'jdupont') + (SELECT count(*) FROM session WHERE login = 'jdupont')")" = 0 ] &&
  ok "remove takes the account's FINESS and sessions with it" || not_ok "rows of jdupont left"
[ "$(sqlite3 "$db" "SELECT count(*) FROM account_finess")" = 1 ] && ok "remove leaves the other accounts' FINESS" ||
  not_ok "account_finess: $(sqlite3 "$db" 'SELECT * FROM account_finess')"
LC_ALL=$fr "$mh" user remove --db "$db" --login rssi.2 >"$work/out" 2>&1
expect_file "remove in French" "$work/out" "compte 'rssi.2' supprimé de $db"
both "remove an unknown login" 65 "maturinh: no account 'jdupont' in $db" "maturinh: aucun compte 'jdupont' dans $db" \
  user remove --db "$db" --login jdupont
both "remove without --login" 64 "no login given: use --login LOGIN" "aucun identifiant donné : utilisez --login LOGIN" \
  user remove --db "$db"
both "remove an invalid login" 65 "invalid login: a login has 1 to 64 characters" "identifiant invalide : un identifiant a de 1 à 64 caractères" \
  user remove --db "$db" --login "../x"

# ---- the command itself -------------------------------------------------
run "user without a subcommand" 64 "$mh" user
expect_grep "user without a subcommand: its usage" "$work/err" "maturinh user passwd [--db FILE] --login LOGIN --password-stdin"
both "an unknown subcommand" 64 "unknown user command 'delete'" "commande user inconnue 'delete'" user delete
run "user --help" 0 "$mh" user --help
expect_grep "user --help lists its subcommands" "$work/out" "  passwd  give an account a new password"
LC_ALL=$fr "$mh" user add --help >"$work/out" 2>&1
expect_grep "user add --help in French" "$work/out" "Crée un compte du questionnaire web"
expect_grep "user add --help in French: --finess" "$work/out" "un établissement d'un compte rssi (à répéter)"

# ---- an older database is migrated ---------------------------------------
cp fixtures/store/schema-1.db "$work/old1.db" && chmod 600 "$work/old1.db"
pw "add to a schema-1 database" 0 "$secret" user add --db "$work/old1.db" --login dns --role national --password-stdin
[ "$(sqlite3 "$work/old1.db" 'PRAGMA user_version')" = 5 ] && ok "the schema-1 database is migrated to schema 5" ||
  not_ok "user_version $(sqlite3 "$work/old1.db" 'PRAGMA user_version')"
run "its history still reads" 0 "$mh" history --db "$work/old1.db" --campaign 2025 --finess 985000413
cmp -s "$work/out" fixtures/store/schema-1.history && ok "its history reads as it did" || not_ok "the migrated history differs"
# a database of schema 2 (the release before the accounts): the tables of
# schemas 3, 4 and 5 dropped from a database made now, as schema 2 had none of them
"$mh" import --db "$work/old2.db" -r referentiels/maturinh-cyber/maturinh-cyber.yaml fixtures/answers/region-11-ile-de-france.yaml >/dev/null 2>&1
sqlite3 "$work/old2.db" "DROP TABLE carried_answer; ALTER TABLE establishment DROP COLUMN contact_name; ALTER TABLE establishment DROP COLUMN contact_email; DROP TABLE answer_version; DROP TABLE account_finess; DROP TABLE session; DROP TABLE login_failure; DROP TABLE account; PRAGMA user_version = 2"
[ "$(sqlite3 "$work/old2.db" "PRAGMA user_version; SELECT count(*) FROM sqlite_schema WHERE name LIKE 'account%'")" = $'2\n0' ] &&
  ok "a schema-2 database, without accounts" || not_ok "the schema-2 database was not made"
pw "add to a schema-2 database" 0 "$secret" user add --db "$work/old2.db" --login ars-idf --role ars --region 11 --password-stdin
[ "$(sqlite3 "$work/old2.db" "PRAGMA user_version; SELECT count(*) FROM establishment; SELECT login FROM account")" = $'5\n6\nars-idf' ] &&
  ok "the schema-2 database is migrated, its establishments kept" || not_ok "after migration: $(sqlite3 "$work/old2.db" 'PRAGMA user_version; SELECT count(*) FROM establishment')"
run "score from the migrated database" 0 "$mh" score --db "$work/old2.db" --campaign 2025 -f csv
# schema 5: the contact columns (empty) and the carried answers (none) of the migrated databases
for old in old1 old2; do
  [ "$(sqlite3 "$work/$old.db" "SELECT count(*) FROM establishment WHERE contact_name IS NOT NULL OR contact_email IS NOT NULL; SELECT count(*) FROM carried_answer")" = $'0\n0' ] &&
    ok "$old: schema 5 adds the contact columns and the carried answers" || not_ok "$old: schema 5 is not there"
done
run "a migrated database starts the next campaign" 0 "$mh" campaign --db "$work/old1.db" --campaign 2026 --from 2025 --reference-date 2026-06-30
[ "$(sqlite3 "$work/old1.db" "SELECT count(*) > 0 FROM carried_answer WHERE campaign = '2026' AND from_campaign = '2025'; SELECT count(*) FROM answer WHERE campaign = '2026'")" = $'1\n0' ] &&
  ok "its answers are carried over, none given" || not_ok "carried over from the migrated database: $(sqlite3 "$work/old1.db" "SELECT count(*) FROM carried_answer")"

# ---- Ctrl-C while the password is typed on a terminal: the echo comes back
if command -v tmux >/dev/null 2>&1; then
  sock="mh-user-$$"
  # the script goes on after maturinh dies of SIGINT (a trap, not an ignore: maturinh gets SIGINT)
  cat >"$work/ctrlc.sh" <<SCRIPT
#!/bin/bash
trap true INT
$(printf '%q' "$mh") user add --db $(printf '%q' "$work/ctrlc.db") --login ctrlc --role national --password-stdin
echo "exit=\$?"
if stty -a | grep -qw -- -echo; then echo "echo: off"; else echo "echo: on"; fi
exec sleep 60
SCRIPT
  tmux -L "$sock" new-session -d -s u -x 80 -y 20 "bash $work/ctrlc.sh"
  sleep 0.5
  tmux -L "$sock" send-keys -t u -l "half a passw"
  tmux -L "$sock" send-keys -t u C-c
  for i in $(seq 100); do tmux -L "$sock" capture-pane -p -t u | grep -q "exit=" && break; sleep 0.05; done
  screen=$(tmux -L "$sock" capture-pane -p -t u)
  tmux -L "$sock" kill-server 2>/dev/null
  if printf '%s\n' "$screen" | grep -q "exit=130" && printf '%s\n' "$screen" | grep -qx "echo: on"; then
    ok "Ctrl-C while typing the password: exit 130, the terminal echoes again"
  else
    not_ok "Ctrl-C while typing the password"; printf '%s\n' "$screen" | sed 's/^/      /'
  fi
  if printf '%s\n' "$screen" | grep -q "half a passw"; then not_ok "the password was echoed"; else ok "the password was never echoed"; fi
else
  skip "Ctrl-C while typing the password" "tmux is not installed"
fi

finish
