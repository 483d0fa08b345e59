#!/usr/bin/env bash
# Redraws the README's pictures of the examples: page 1 of each example's PDF
# at 70 dpi (needs poppler-utils' pdftoppm). Run after a change to how minutes look.
# Then the walkthrough pictures (scripts/walkthrough-images.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build >/dev/null
for name in school-board-round-table pedagogical-council three-items-kk; do
  (cd "examples/$name" && node ../../bin/hattama.js build >/dev/null)
  pdftoppm -r 70 -png -f 1 -l 1 -singlefile "examples/$name"/out/*/*.pdf "docs/images/$name"
done
# The README walkthrough (init → new → preview → build): needs /usr/bin/chromium.
node scripts/walkthrough-images.mjs
