# common.sh: what the robustness tests share, after tests/cli/lib.sh.
# Source it after setting `mh` and `src`; it sources lib.sh (which makes
# `$work`) and defines:
#   ref            the shipped référentiel
#   need_sqlite3   skips the whole test (exit 77) when the sqlite3 shell is
#                  missing
#   db_state DB    a canonical dump of everything a database holds (all but
#                  the times of the history), to compare states exactly
#   integrity DB   PRAGMA integrity_check's answer
#   split_yaml IN N PREFIX   cuts a YAML stream into files of N documents:
#                  PREFIX1.yaml, PREFIX2.yaml, ...
source "$src/tests/cli/lib.sh"
ref=referentiels/maturinh-cyber/maturinh-cyber.yaml
export MATURINH_USER=robustness

need_sqlite3() { need sqlite3; }

db_state() {
  sqlite3 -batch "$1" "
    SELECT 'c', id, referentiel, reference_date, state FROM campaign ORDER BY id;
    SELECT 'r', sha256 FROM referentiel ORDER BY sha256;
    SELECT 'e', campaign, finess, finess_ej, name, region, departement, category, beds, ose, ght
      FROM establishment ORDER BY campaign, finess;
    SELECT 'a', campaign, finess, indicator, value, na, comment FROM answer
      ORDER BY campaign, finess, indicator;
    SELECT 's', campaign, finess, status, changed_by FROM submission ORDER BY campaign, finess;
    SELECT 'h', campaign, finess, changed_by, changes FROM history ORDER BY seq;"
}

integrity() {
  sqlite3 -batch "$1" "PRAGMA integrity_check;" 2>&1
}

split_yaml() {
  awk -v n="$2" -v prefix="$3" '
    /^---/ { doc++; file = prefix (int((doc - 1) / n) + 1) ".yaml" }
    { print > file }' "$1"
}
