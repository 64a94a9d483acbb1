#!/usr/bin/env bash
# The shared library exports the public API (mh_*) and nothing else.
set -u
lib=$1
exports=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDRB]$/ {print $3}')
# _edata, _end and __bss_start are the linker's own markers: GNU ld exports
# them from a library linked against one that exports them (libxlsxwriter)
bad=$(printf '%s\n' "$exports" | grep -vE '^(mh_[a-z0-9_]+|_init|_fini|_edata|_end|__bss_start)$' || true)
if [ -n "$bad" ]; then
  echo "error: exported symbols outside the public API:"
  printf '%s\n' "$bad"
  exit 1
fi
count=$(printf '%s\n' "$exports" | grep -c '^mh_')
# every exported function is declared in a public header
missing=0
for sym in $(printf '%s\n' "$exports" | grep '^mh_'); do
  if ! grep -rqw "$sym" "$(dirname "$0")/../../engine/include"; then
    echo "error: $sym is exported but not declared in engine/include"
    missing=1
  fi
done
[ $missing = 0 ] || exit 1
[ "$count" -gt 50 ] || { echo "error: only $count exports"; exit 1; }
# inside the library, a reader (and nm) tells public from private by the
# prefix: every global symbol of the static library is public (mh_, declared
# in engine/include) or internal (mh__); AddressSanitizer adds a marker of
# its own (__odr_asan.NAME) beside each global variable
static=$(dirname "$lib")/libmaturinh.a
if [ -f "$static" ]; then
  globals=$(nm --defined-only "$static" 2>/dev/null | awk '$2 ~ /^[TDRB]$/ {print $3}' | sort -u)
  stray=$(printf '%s\n' "$globals" | grep -vE '^(mh__[a-z0-9_]+|__odr_asan\.mh__[a-z0-9_]+)$' | grep -vxF -f <(printf '%s\n' "$exports") || true)
  if [ -n "$stray" ]; then
    echo "error: global symbols neither public (mh_, in engine/include) nor internal (mh__):"
    printf '%s\n' "$stray"
    exit 1
  fi
fi
echo "exports: $count public symbols, nothing else"
