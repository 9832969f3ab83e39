#!/bin/sh
# Renders the verification report of two bundled examples in headless
# Chromium (Debian's `chromium`) and writes full-page screenshots, to look at:
#   - rock_paper_scissors: a plain CRN,
#   - a trained classifier: examples/linear_classifier.crn trained on Iris
#     beside its DNA design (crnc train --level dna, about a minute), then
#     its trained.crnir compiled.
# Not part of ctest (CI has no Chromium); run it after a build:
#   sh tests/report/screenshot.sh [build-dir] [output-dir]
# Exits 1 with a message when chromium is missing or a page does not render.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
out=${2:-$root/build/report-screenshots}
crnc="$build/bin/crnc"
examples="$root/examples"

if ! command -v chromium >/dev/null 2>&1; then
  echo "screenshot.sh: chromium not found: apt-get install chromium" >&2
  exit 1
fi
[ -x "$crnc" ] || { echo "screenshot.sh: no $crnc: build first" >&2; exit 1; }
mkdir -p "$out"
rm -rf "$out/rps" "$out/iris-train" "$out/iris"

"$crnc" compile "$examples/rock_paper_scissors.crn" -o "$out/rps" \
  --price-per-nt 0.05 >/dev/null 2>&1
"$crnc" train "$examples/linear_classifier.crn" --data "$examples/data/iris.csv" \
  --features 1,3 --classes 0,2 --normalize --epochs 2 --level dna \
  --no-progress -o "$out/iris-train" >/dev/null 2>&1
"$crnc" compile "$out/iris-train/trained.crnir" -o "$out/iris" \
  --price-per-nt 0.05 >/dev/null 2>&1

shoot() { # page.html shot.png height
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --screenshot="$2" --window-size="1280,$3" "file://$1" >/dev/null 2>&1
  if [ ! -s "$2" ]; then
    echo "screenshot.sh: chromium wrote no screenshot of $1" >&2
    exit 1
  fi
  echo "$2"
}
shoot "$out/rps/rock_paper_scissors.report.html" \
  "$out/rock_paper_scissors.report.png" 4200
# The classifier's page is long: its design is verified, so the
# re-simulation section plots each of its 40 formal species.
shoot "$out/iris/linear_classifier.report.html" \
  "$out/trained_classifier.report.png" 14500
