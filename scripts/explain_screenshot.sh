#!/usr/bin/env bash
# docs/explain.png: the explain report of tests/fixtures/explain-article.html as headless Chromium
# shows it: the record with each field's source, then the first text blocks (the window's height
# crops the page there). Usage: scripts/explain_screenshot.sh [OUT.png]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/explain.png}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python -m newsextract explain tests/fixtures/explain-article.html \
    --url https://www.harbour-gazette.example/news/2025/03/02/night-ferry-returns -o "$tmp/report.html"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=0.75 \
    --user-data-dir="$tmp/profile" --window-size=960,1750 --screenshot="$tmp/shot.png" \
    "file://$tmp/report.html" 2>/dev/null
mv "$tmp/shot.png" "$out"
echo "$out: $(wc -c < "$out") bytes"
