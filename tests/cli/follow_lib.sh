# follow_lib.sh: the database that test_cli_status.sh and test_cli_compare.sh
# follow, built in $work/follow.db (source it after lib.sh, in the source
# tree).  Two campaigns of the référentiel "exemple" (the worked example of
# scoring.md): 2024 with its version 1, 2025 with a version 2 where CRISE
# applies only to OSE establishments and a domain SAUV is added; and a
# campaign X of another référentiel id.  In 2025: 690783063 submitted,
# 420013153 in progress (2 of 4 answered), 780009312 in progress but
# complete (draft), 750102048 never started (from an establishment list).
# The times of the history are set (its append-only trigger lifted for
# that), so that last_change is known.
db=$work/follow.db
export MATURINH_USER=analyste
cp fixtures/answers/worked-example/referentiel.yaml "$work/v1.yaml"
sed -e 's/^version: "1"/version: "2"/' \
  -e 's/^    title: "Gestion de crise"/    title: "Gestion de crise"\n    applies_to: {ose: true}/' \
  "$work/v1.yaml" >"$work/v2.yaml"
cat >>"$work/v2.yaml" <<'YAML'
  - id: SAUV
    title: "Sauvegardes"
    weight: 1
    criteria:
      - id: SAUV-01
        title: "Sauvegardes hors ligne"
        level: 1
        indicators:
          - id: SAUV-01-A
            question: "Les sauvegardes sont-elles hors ligne ?"
            type: boolean
YAML
sed -e 's/^id: exemple/id: autre/' "$work/v1.yaml" >"$work/other.yaml"
follow_doc() { # VERSION CAMPAIGN DATE FINESS NAME REGION DEP CATEGORY OSE
  printf 'format: maturinh-answers/1\nreferentiel: {id: exemple, version: "%s"}\n' "$1"
  printf 'campaign: {id: "%s", reference_date: %s}\n' "$2" "$3"
  printf 'establishment: {finess: "%s", name: "%s", region: "%s", departement: "%s", category: "%s", ose: %s}\n' \
    "$4" "$5" "$6" "$7" "$8" "$9"
}
{
  follow_doc 1 2024 2024-06-30 690783063 "CH Lyon Sud" 84 69 101 true
  printf 'status: submitted\nanswers:\n  GOUV-01-A: oui\n  GOUV-01-B: 1\n  GOUV-02-A: 40\n  CRISE-01-A: 2023-12-01\n  CRISE-01-B: na\n---\n'
  follow_doc 1 2024 2024-06-30 420013153 "CH de Roanne" 84 42 355 false
  printf 'answers:\n  GOUV-01-A: non\n  GOUV-02-A: 95\n  CRISE-01-A: 2024-01-15\n---\n'
  follow_doc 1 2024 2024-06-30 750102048 "CH Paris Centre" 11 75 101 true
  printf 'status: submitted\nanswers:\n  GOUV-01-A: oui\n  GOUV-01-B: 4\n  GOUV-02-A: 95\n  CRISE-01-A: 2024-03-01\n  CRISE-01-B: oui\n'
} >"$work/a2024.yaml"
{
  follow_doc 2 2025 2025-06-30 690783063 "CH Lyon Sud" 84 69 101 true
  printf 'status: submitted\nanswers:\n  GOUV-01-A: oui\n  GOUV-01-B: 4\n  GOUV-02-A: 60\n  CRISE-01-A: 2025-01-10\n  CRISE-01-B: oui\n  SAUV-01-A: oui\n---\n'
  follow_doc 2 2025 2025-06-30 420013153 "CH de Roanne" 84 42 355 false
  printf 'answers:\n  GOUV-01-A: oui\n  GOUV-02-A: 95\n---\n'
  follow_doc 2 2025 2025-06-30 780009312 "CH de Versailles" 11 78 355 false
  printf 'answers:\n  GOUV-01-A: oui\n  GOUV-01-B: 2\n  GOUV-02-A: 50\n  SAUV-01-A: non\n'
} >"$work/a2025.yaml"
printf 'finess,finess_ej,name,region,departement,category,beds,ose,ght,contact_name,contact_email\n750102048,,CH Paris Centre,11,75,101,,true,,Mme Durand (RSSI),rssi@ch-paris-centre.example\n' >"$work/list.csv"
follow_setup_failed=
"$mh" import --db "$db" -r "$work/v1.yaml" "$work/a2024.yaml" >/dev/null &&
  "$mh" import --db "$db" -r "$work/v2.yaml" "$work/a2025.yaml" >/dev/null &&
  "$mh" import --db "$db" --campaign 2025 "$work/list.csv" >/dev/null &&
  "$mh" campaign --db "$db" --campaign X -r "$work/other.yaml" --reference-date 2025-06-30 >/dev/null &&
  sqlite3 "$db" "BEGIN; DROP TRIGGER history_no_update;
    UPDATE history SET changed_at = CASE finess
      WHEN '690783063' THEN '2025-05-12T09:30:00Z' WHEN '420013153' THEN '2025-06-02T14:05:59Z'
      ELSE '2025-06-20T07:00:00Z' END WHERE campaign = '2025';
    CREATE TRIGGER history_no_update BEFORE UPDATE ON history
      BEGIN SELECT RAISE(ABORT, 'the answer history is append-only'); END;
    COMMIT;" || follow_setup_failed=1
if [ -n "$follow_setup_failed" ]; then not_ok "the database of the tests"; else ok "the database of the tests"; fi
