#!/usr/bin/env bash
# The pages in headless Chromium: the Observatoire's page (every chart label
# measured, at a desktop's and a phone's width), the published page and the
# establishment's report as a browser shows them.  The pages are those that
# test_cli_page.sh, test_cli_publish.sh and test_cli_report.sh keep in
# PAGES_DIR/page, /publish and /report (ctest runs them first: the fixture
# mh_pages); skipped (exit 77) without Chromium.
#
# Usage: test_pages_chromium.sh PAGES_DIR SOURCE_DIR
set -u
pages_dir=$1
src=$2
mh= # (maturinh is not run here: the pages are already made)
source "$(dirname "$0")/lib.sh"
cd "$src"
ref=referentiels/maturinh-cyber/maturinh-cyber.yaml
chromium=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium" ] || skip_all "chromium is not installed (bash scripts/deps.sh --test installs it)"

# page NAME: the kept page, or a failure when it is not there
page() {
  if [ -s "$pages_dir/$1" ]; then return 0; fi
  not_ok "$1: not in $pages_dir (kept by test_cli_${1%%/*}.sh: run it first)"
  return 1
}

# dump FILE: the DOM Chromium makes of FILE, into $work/dom.html
dump() {
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$work/chromium" \
    --dump-dom "file://$1" >"$work/dom.html" 2>/dev/null
}

# ---- the Observatoire's page: measure every label, at a desktop's and a phone's width
for kept in obs nat long; do
  page "page/$kept/index.html" || continue
  target=$pages_dir/page/$kept/index.html
  for width in 1200 400; do
    name="$kept at ${width}px"
    cat >"$work/harness.html" <<EOF
<!DOCTYPE html>
<html><head><meta charset="utf-8"/></head><body>
<iframe id="page" src="file://$target" width="$width" height="900"></iframe>
<pre id="result">no result</pre>
<script>
document.getElementById('page').addEventListener('load', function () {
var out = [], texts = 0, doc = null, result = document.getElementById('result');
try { doc = this.contentDocument; } catch (e) { doc = null; }
if (!doc || !doc.querySelector('svg')) { result.textContent = 'NO ACCESS'; return; }
doc.querySelectorAll('svg').forEach(function (svg) {
  var vb = svg.viewBox.baseVal, boxes = [];
  svg.querySelectorAll('text').forEach(function (t) {
    var b = t.getBBox(), label = t.textContent;
    var right = b.x + Math.max(b.width, t.getComputedTextLength());
    texts++;
    if (b.x < vb.x - 0.5 || b.y < vb.y - 0.5 || right > vb.x + vb.width + 0.5 ||
        b.y + b.height > vb.y + vb.height + 0.5)
      out.push('OVERFLOW ' + label + ' [' + b.x.toFixed(1) + ', ' + right.toFixed(1) + '] in ' + vb.width);
    boxes.forEach(function (o) {
      if (b.x < o.x + o.width && o.x < b.x + b.width && b.y < o.y + o.height && o.y < b.y + b.height)
        out.push('OVERLAP ' + label + ' / ' + o.label);
    });
    boxes.push({x: b.x, y: b.y, width: b.width, height: b.height, label: label});
  });
});
var root = doc.documentElement;
if (root.scrollWidth > root.clientWidth + 1)
  out.push('PAGE WIDER THAN THE WINDOW ' + root.scrollWidth + ' > ' + root.clientWidth);
doc.querySelectorAll('svg').forEach(function (svg) {
  if (svg.getBoundingClientRect().right > root.clientWidth + 1) out.push('CHART WIDER THAN THE WINDOW');
});
result.textContent = (out.length ? out.join('\n') : 'ALL FIT') + '\nTEXTS ' + texts;
});
</script>
</body></html>
EOF
    timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
      --disable-component-update --disable-sync --no-first-run --allow-file-access-from-files \
      --user-data-dir="$work/chromium" --virtual-time-budget=10000 --dump-dom \
      "file://$work/harness.html" >"$work/dom.html" 2>/dev/null
    # (the script is in the dump too: read the result element only)
    sed -n '/<pre id="result">/,/<\/pre>/p' "$work/dom.html" >"$work/result"
    if grep -q '<pre id="result">ALL FIT$' "$work/result" && grep -q '^TEXTS [1-9][0-9]*</pre>' "$work/result"; then
      ok "chromium: every chart label fits, nothing overlaps, the page fits the window ($name, $(grep -o 'TEXTS [0-9]*' "$work/result") texts)"
    else
      not_ok "chromium: labels that do not fit ($name)"
      head -20 "$work/result" | sed 's/^/    /'
    fi
  done
done

# ---- the published page (test_cli_publish.sh)
if page publish/index.html; then
  dump "$pages_dir/publish/index.html"
  expect_grep "chromium shows the title" "$work/dom.html" "Observatoire de la maturité cybersécurité des établissements de santé"
  expect_grep "chromium shows the palmarès" "$work/dom.html" "Hôpitaux universitaires de Lutèce"
  expect_grep "chromium shows the référentiel" "$work/dom.html" "(identifiant maturinh-cyber, version 2025.1)"
  expect_grep "chromium shows its SHA-256 in the method" "$work/dom.html" "<code class=\"hash\">$(sha256sum "$ref" | cut -c1-64)</code>"
  expect_grep "chromium renders the charts" "$work/dom.html" "<svg"
fi

# ---- the report of the CHU with its peers (test_cli_report.sh)
if page report/chu.html; then
  dump "$pages_dir/report/chu.html"
  expect_grep "chromium shows the report's title" "$work/dom.html" "Maturité cybersécurité — CHU de Lyon-Confluence"
  expect_grep "chromium shows the next level section" "$work/dom.html" "Ce qui bloque le niveau suivant"
  expect_grep "chromium renders the radar" "$work/dom.html" '<polyline class="peers"'
fi

finish
