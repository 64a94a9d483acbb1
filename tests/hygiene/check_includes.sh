#!/usr/bin/env bash
# One dependency, one module: only the named file may include each external
# library's headers, and the CLI never reaches into engine/src.
set -u
root=$1
status=0

only_in() { # PATTERN ALLOWED_FILE...
  local pattern=$1; shift
  local hits
  hits=$(grep -rlE "#[[:space:]]*include[[:space:]]*<$pattern" "$root/engine" "$root/cli" "$root/web" || true)
  for hit in $hits; do
    local ok=0
    for allowed in "$@"; do
      [ "$hit" = "$root/$allowed" ] && ok=1
    done
    if [ $ok = 0 ]; then
      echo "error: $hit includes <$pattern...>, reserved to: $*"
      status=1
    fi
  done
}

only_in 'yaml\.h' engine/src/util/yamltree.c
only_in 'openssl/' engine/src/util/sha256.c
only_in 'sqlite3\.h' engine/src/store.c
only_in 'libxml/' engine/src/util/xml_write.c
only_in 'jansson\.h' engine/src/score_json.c web/api.c
only_in 'microhttpd\.h' web/server.c
only_in 'sodium\.h' engine/src/accounts.c
only_in 'xlsxwriter\.h' engine/src/xlsx.c
only_in 'libintl\.h' engine/src/util/i18n.c cli/i18n.c

# the fronts (cli/, web/) see only the public API of the library
for front in cli web; do
  if grep -rnE '#[[:space:]]*include[[:space:]]*"[^"]*(util/[a-z0-9_]+|[a-z_]+_internal|score_json|score_xml|page)\.h"' "$root/$front" | grep -v '"web_internal\.h"'; then
    echo "error: $front/ includes a private engine header"
    status=1
  fi
  if grep -rn --include='*.c' --include='*.h' 'engine/src' "$root/$front"; then
    echo "error: $front/ refers to engine/src"
    status=1
  fi
done
# util/ knows nothing of MaturiN'H: its pieces include each other, the public
# common.h (return codes, diagnostics) and system headers, never the domain
for f in "$root"/engine/src/util/*.[ch]; do
  if grep -nE '#[[:space:]]*include[[:space:]]*"' "$f" | grep -vE '"(util/[a-z0-9_]+\.h|maturinh/common\.h)"'; then
    echo "error: $f (util/) includes a header of the domain"
    status=1
  fi
done
[ $status = 0 ] && echo "includes: ok"
exit $status
